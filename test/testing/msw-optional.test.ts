// msw is an optional peer: `serverpilot-domains/testing` must import and serve `listen()` without
// it, and `simulator.handlers` must work with the user's own msw, whichever of its builds
// (ESM or CommonJS) the user's `setupServer` comes from.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { RequestHandler } from 'msw';
import * as mswEsm from 'msw';
import { setupServer as setupServerEsm } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basicAuth,
  createServerPilotSimulator,
  SIMULATOR_IDS,
  type Simulator,
} from '../../src/testing/index.js';
import { createMswHandlers, MSW_MISSING_MESSAGE } from '../../src/testing/simulator/msw.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
// msw's CommonJS copy, by file: on Node 20.19+ `require('msw')` takes its `module-sync` ESM export,
// so only a path reaches the copy that Jest-style CommonJS runners load.
const require = createRequire(import.meta.url);
const mswCjs = require(join(root, 'node_modules/msw/lib/core/index.js')) as typeof mswEsm;
const { setupServer: setupServerCjs } = require(
  join(root, 'node_modules/msw/lib/node/index.js'),
) as typeof import('msw/node');

const appUrl = (base: string) => `${base}/apps/${SIMULATOR_IDS.appId}`;

/** One request for the seeded app through `setupServer(...handlers)`: the status it got. */
const viaMsw = async (setup: typeof setupServerEsm, sim: Simulator, handlers: readonly RequestHandler[]) => {
  const server = setup(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const response = await fetch(appUrl(sim.baseUrl), { headers: { authorization: basicAuth() } });
    const body = (await response.json()) as { data?: { id?: string } };
    return { status: response.status, id: body.data?.id, requests: sim.requests.length };
  } finally {
    server.close();
  }
};
const ok = { status: 200, id: SIMULATOR_IDS.appId, requests: 1 };

describe('simulator.handlers with the user’s msw', () => {
  it('are made by the copy of msw the user’s own import of msw gets', () => {
    const [handler] = createServerPilotSimulator().handlers;
    expect(handler).toBeInstanceOf(mswEsm.RequestHandler);
    expect(handler).not.toBeInstanceOf(mswCjs.RequestHandler);
  });

  it('answer through a setupServer from msw’s ESM build', async () => {
    const sim = createServerPilotSimulator();
    expect(await viaMsw(setupServerEsm, sim, sim.handlers)).toEqual(ok);
  });

  it('answer through a setupServer from msw’s CommonJS build', async () => {
    const sim = createServerPilotSimulator({ baseUrl: 'https://sim.example.test/v1' });
    expect(await viaMsw(setupServerCjs, sim, sim.handlers)).toEqual(ok);
  });

  it('answer through msw’s ESM setupServer when made by its CommonJS copy', async () => {
    const sim = createServerPilotSimulator();
    const handlers = createMswHandlers(sim.handle, sim.baseUrl, mswCjs);
    expect(handlers[0]).toBeInstanceOf(mswCjs.RequestHandler);
    expect(await viaMsw(setupServerEsm, sim, handlers)).toEqual(ok);
  });

  it('are the same array on every read', () => {
    const sim = createServerPilotSimulator();
    expect(sim.handlers).toBe(sim.handlers);
  });
});

// The ./testing entry bundled on its own (msw left external, as in the package) into a folder whose
// node_modules holds msw or not, then run by a fresh Node process in ESM and in CommonJS.
describe('the ./testing entry in a project', () => {
  let dir: string;
  const bundles = new Map<'esm' | 'cjs', Uint8Array>();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sp-msw-optional-'));
    for (const format of ['esm', 'cjs'] as const) {
      const result = await build({
        entryPoints: [join(root, 'src/testing/index.ts')],
        outfile: format === 'esm' ? 'testing.mjs' : 'testing.cjs',
        write: false,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format,
        external: ['msw'],
        logLevel: 'error',
        // The same shim tsup's `shims: true` puts in the package's CommonJS build.
        ...(format === 'cjs'
          ? {
              define: { 'import.meta.url': 'importMetaUrl' },
              banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
            }
          : {}),
      });
      const [file] = result.outputFiles;
      if (file === undefined) throw new Error(`esbuild wrote no ${format} bundle`);
      bundles.set(format, file.contents);
    }
  }, 60_000);
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const script = (format: 'esm' | 'cjs', withMsw: boolean) => {
    const load =
      format === 'esm'
        ? `import * as testing from './testing.mjs';${withMsw ? "\nimport { setupServer } from 'msw/node';" : ''}`
        : `const testing = require('./testing.cjs');${withMsw ? "\nconst { setupServer } = require('msw/node');" : ''}`;
    return `${load}
const main = async () => {
  const sim = testing.createServerPilotSimulator();
  const server = await sim.listen();
  const url = '${appUrl('URL')}'.replace('URL', server.url);
  const overHttp = (await fetch(url, { headers: { authorization: testing.basicAuth() } })).status;
  await server.close();
  let handlers;
  try {
    handlers = sim.handlers.length;
  } catch (error) {
    handlers = error.message;
  }
  let overMsw = null;
  ${
    withMsw
      ? `const msw = setupServer(...sim.handlers);
  msw.listen({ onUnhandledRequest: 'error' });
  overMsw = (await fetch('${appUrl('URL')}'.replace('URL', sim.baseUrl), { headers: { authorization: testing.basicAuth() } })).status;
  msw.close();`
      : ''
  }
  console.log(JSON.stringify({ overHttp, handlers, overMsw }));
};
main();
`;
  };

  const runIn = async (format: 'esm' | 'cjs', withMsw: boolean) => {
    // Each project holds its own copy of the bundle: Node resolves `msw` from the bundle's folder.
    const project = await mkdtemp(join(dir, withMsw ? 'with-msw-' : 'without-msw-'));
    await writeFile(join(project, 'package.json'), '{ "private": true }\n');
    await writeFile(join(project, `testing.${format === 'esm' ? 'mjs' : 'cjs'}`), bundles.get(format) ?? '');
    if (withMsw) {
      await mkdir(join(project, 'node_modules'));
      await symlink(join(root, 'node_modules/msw'), join(project, 'node_modules/msw'), 'dir');
    }
    const file = join(project, format === 'esm' ? 'main.mjs' : 'main.cjs');
    await writeFile(file, script(format, withMsw));
    const { stdout } = await run(process.execPath, [file], { cwd: project, timeout: 30_000 });
    return JSON.parse(stdout) as { overHttp: number; handlers: number | string; overMsw: number | null };
  };

  it.each(['esm', 'cjs'] as const)(
    'imports and serves listen() in %s where msw is not installed',
    async (format) => {
      const result = await runIn(format, false);
      expect(result.overHttp).toBe(200);
      expect(result.handlers).toBe(MSW_MISSING_MESSAGE);
      expect(result.handlers).toContain('npm i -D msw');
    },
  );

  it.each(['esm', 'cjs'] as const)('serves the msw handlers in %s where msw is installed', async (format) => {
    const result = await runIn(format, true);
    expect(result).toEqual({ overHttp: 200, handlers: 1, overMsw: 200 });
  });
});
