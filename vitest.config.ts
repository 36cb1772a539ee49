import { defineConfig } from 'vitest/config';

/** The suites that send HTTP through the client: run once per transport (see the `node-http` project). */
const HTTP_SUITES = [
  'test/client/**/*.test.ts',
  'test/integration/**/*.test.ts',
  'test/testing/**/*.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    benchmark: { include: ['bench/**/*.bench.ts'] },
    projects: [
      {
        extends: true,
        test: {
          name: 'default',
          include: ['test/**/*.test.ts'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        extends: true,
        test: {
          name: 'node-http',
          include: HTTP_SUITES,
          // Already runs both transports side by side, each named.
          exclude: ['test/client/transports.test.ts'],
          setupFiles: ['test/node-transport.setup.ts'],
        },
      },
    ],
  },
});
