import type { LookupAddress, LookupOptions } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { toNodeLookup } from '../../src/ssl/probe.js';

const answers: readonly LookupAddress[] = [
  { address: '::1', family: 6 },
  { address: '127.0.0.1', family: 4 },
];

const call = (options: LookupOptions, found: readonly LookupAddress[] = answers) =>
  new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family: unknown }>((resolve) =>
    toNodeLookup(async () => found)('a.example.test', options, (error, address, family) =>
      resolve({ error, address, family }),
    ),
  );

describe('toNodeLookup', () => {
  it('answers every address when Node asks with all: true', async () => {
    expect(await call({ all: true })).toEqual({ error: null, address: answers, family: undefined });
  });

  it('answers the first address and its family otherwise', async () => {
    expect(await call({})).toEqual({ error: null, address: '::1', family: 6 });
  });

  it('keeps only the family Node asks for', async () => {
    expect(await call({ family: 4 })).toMatchObject({ address: '127.0.0.1', family: 4 });
    expect(await call({ family: 6, all: true })).toMatchObject({ address: [answers[0]] });
  });

  it('turns an empty answer into ENOTFOUND', async () => {
    const { error } = await call({ all: true }, []);
    expect(error?.code).toBe('ENOTFOUND');
  });

  it('passes a failing lookup through with its code', async () => {
    const failing = toNodeLookup(async () => {
      throw Object.assign(new Error('boom'), { code: 'EAI_AGAIN' });
    });
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      failing('a.example.test', {}, (e) => resolve(e)),
    );
    expect(error?.code).toBe('EAI_AGAIN');
  });
});
