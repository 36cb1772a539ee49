/**
 * The CommonJS builds of `./redis` and `./testing` carry their own copy of `errors/`: an error
 * one copy throws must still be a `ServerPilotSdkError` to the main entry's `instanceof`.
 */
import { describe, expect, it } from 'vitest';
import { isServerPilotSdkError, ServerPilotSdkError } from '../../src/errors/index.js';

describe('ServerPilotSdkError across module copies', () => {
  it('recognizes an error made by another copy of the module, and nothing else', async () => {
    // A query string makes Vite load the file again as a separate module, as a second bundle would.
    const path: string = '../../src/errors/sdk-error.ts?second-copy';
    const copy = (await import(path)) as typeof import('../../src/errors/sdk-error.js');
    expect(copy.ServerPilotSdkError).not.toBe(ServerPilotSdkError);
    const foreign = new copy.ServerPilotSdkError({ _tag: 'LockTimeout', appId: 'a', key: 'k', waitMs: 1 });
    expect(foreign instanceof ServerPilotSdkError).toBe(true);
    expect(isServerPilotSdkError(foreign, 'LockTimeout')).toBe(true);
    expect(new Error('x') instanceof ServerPilotSdkError).toBe(false);
    expect(
      Object.assign(new Error('x'), { name: 'ServerPilotSdkError' }) instanceof ServerPilotSdkError,
    ).toBe(false);
    expect((null as unknown as object) instanceof ServerPilotSdkError).toBe(false);
  });
});
