/**
 * The registry is generic: `hooks/` knows no hook name, and a library passes its own tables. The
 * SDK's `createHooks()` is the same registry over DESIGN's tables.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { isServerPilotSdkError } from '../../src/errors/index.js';
import { createHookRegistry } from '../../src/hooks/index.js';
import { createHooks } from '../../src/sdk-hooks.js';

interface CacheFilters {
  'cache.ttl': { value: number; context: { readonly key: string } };
}
interface CacheActions {
  'cache.evicted': { readonly key: string };
}

describe('a registry over tables of its own', () => {
  it('filters and fires the names of its tables with the same priority rules', () => {
    const hooks = createHookRegistry<CacheFilters, CacheActions>();
    hooks.addFilter('cache.ttl', 'late', (ttl) => ttl + 1, 20);
    hooks.addFilter('cache.ttl', 'early', (ttl, { key }) => (key.startsWith('hot:') ? ttl / 2 : ttl), 5);
    expect(hooks.applyFilters('cache.ttl', 60, { key: 'hot:a' })).toBe(31);
    const evicted: string[] = [];
    hooks.addAction('cache.evicted', 'log', ({ key }) => evicted.push(key));
    hooks.doAction('cache.evicted', { key: 'a' });
    expect(evicted).toEqual(['a']);
    expect(hooks.didAction('cache.evicted')).toBe(1);
  });

  it('is what createHooks returns with type arguments', () => {
    const hooks = createHooks<CacheFilters, CacheActions>();
    hooks.addFilter('cache.ttl', 'x', () => {
      throw new Error('boom');
    });
    const result = hooks.tryApplyFilters('cache.ttl', 1, { key: 'k' });
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'HookError',
      hook: 'cache.ttl',
      namespace: 'x',
    });
    try {
      hooks.applyFilters('cache.ttl', 1, { key: 'k' });
      expect.unreachable('applyFilters should throw');
    } catch (error) {
      expect(isServerPilotSdkError(error, 'HookError')).toBe(true);
    }
  });

  it('keeps registries apart: nothing is global', () => {
    const a = createHooks();
    const b = createHooks();
    a.addFilter('ssl.maxTries', 'panel', () => 9);
    expect(b.hasFilter('ssl.maxTries')).toBe(false);
    expect(b.applyFilters('ssl.maxTries', 5, { domain: 'x.test', stage: 'checking-dns' })).toBe(5);
  });
});
