import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { isServerPilotSdkError } from '../../src/errors/index.js';
import { createHooks } from '../../src/sdk-hooks.js';

const ctx = { domain: 'example.com', stage: 'checking-ssl-cert' } as const;

describe('createHooks filters', () => {
  it('returns the value unchanged when no callback is registered', () => {
    expect(createHooks().applyFilters('ssl.maxTries', 5, ctx)).toBe(5);
  });

  it('runs callbacks in priority order, and in the order added within a priority', () => {
    const hooks = createHooks();
    const order: string[] = [];
    const add = (ns: string, priority?: number) =>
      hooks.addFilter(
        'ssl.maxTries',
        ns,
        (v) => {
          order.push(ns);
          return v + 1;
        },
        priority,
      );
    add('late', 20);
    add('first-default');
    add('early', 5);
    add('second-default');
    expect(hooks.applyFilters('ssl.maxTries', 0, ctx)).toBe(4);
    expect(order).toEqual(['early', 'first-default', 'second-default', 'late']);
  });

  it('passes each callback the previous result and the context', () => {
    const hooks = createHooks();
    hooks.addFilter('ssl.retryDelayMs', 'a', (v, c) => v + c.attempt);
    hooks.addFilter('ssl.retryDelayMs', 'b', (v) => v * 2);
    expect(
      hooks.applyFilters('ssl.retryDelayMs', 10, { domain: 'x.com', stage: 'checking-dns', attempt: 3 }),
    ).toBe(26);
  });

  it('removes every callback of a namespace and reports how many', () => {
    const hooks = createHooks();
    hooks.addFilter('ssl.maxTries', 'panel', () => 1);
    hooks.addFilter('ssl.maxTries', 'panel', () => 2, 1);
    hooks.addFilter('ssl.maxTries', 'other', (v) => v + 100);
    expect(hooks.hasFilter('ssl.maxTries', 'panel')).toBe(true);
    expect(hooks.removeFilter('ssl.maxTries', 'panel')).toBe(2);
    expect(hooks.hasFilter('ssl.maxTries', 'panel')).toBe(false);
    expect(hooks.hasFilter('ssl.maxTries')).toBe(true);
    expect(hooks.applyFilters('ssl.maxTries', 5, ctx)).toBe(105);
    expect(hooks.removeFilter('ssl.maxTries', 'absent')).toBe(0);
  });

  it('keeps the run in progress on its snapshot when a callback adds or removes callbacks', () => {
    const hooks = createHooks();
    hooks.addFilter('ssl.maxTries', 'a', (v) => {
      hooks.removeFilter('ssl.maxTries', 'b');
      hooks.addFilter('ssl.maxTries', 'c', (x) => x * 10);
      return v + 1;
    });
    hooks.addFilter('ssl.maxTries', 'b', (v) => v + 2);
    expect(hooks.applyFilters('ssl.maxTries', 0, ctx)).toBe(3);
    // The next run sees the changes: b gone, c added (a adds another c, which runs next time).
    expect(hooks.applyFilters('ssl.maxTries', 0, ctx)).toBe(10);
  });

  it('keeps registries separate per instance', () => {
    const a = createHooks();
    const b = createHooks();
    a.addFilter('ssl.maxTries', 'a', () => 10);
    expect(b.applyFilters('ssl.maxTries', 5, ctx)).toBe(5);
  });

  it('throws a typed HookError, naming hook and namespace, when a callback throws', () => {
    const hooks = createHooks();
    hooks.addFilter('ssl.maxTries', 'broken', () => {
      throw new Error('bad plugin');
    });
    expect(() => hooks.applyFilters('ssl.maxTries', 5, ctx)).toThrowError(
      'Hook "ssl.maxTries" callback from namespace "broken" threw: bad plugin',
    );
    const result = hooks.tryApplyFilters('ssl.maxTries', 5, ctx);
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'HookError',
      hook: 'ssl.maxTries',
      namespace: 'broken',
    });
  });

  it.each([
    ['', 'namespace'],
    ['1abc', 'namespace'],
    ['has space', 'namespace'],
  ])('rejects the namespace %j with a clear error', (namespace, option) => {
    const hooks = createHooks();
    try {
      hooks.addFilter('ssl.maxTries', namespace, (v) => v);
      expect.unreachable();
    } catch (error) {
      expect(isServerPilotSdkError(error, 'InvalidOption')).toBe(true);
      expect((error as Error).message).toContain(option);
    }
  });

  it('rejects a non-finite priority and a non-function callback', () => {
    const hooks = createHooks();
    expect(() => hooks.addFilter('ssl.maxTries', 'a', (v) => v, Number.NaN)).toThrowError(/priority/);
    expect(() => hooks.addFilter('ssl.maxTries', 'a', 5 as unknown as (v: number) => number)).toThrowError(
      /function/,
    );
  });
});

describe('createHooks actions', () => {
  it('runs actions in priority order with the typed context, and counts them', () => {
    const hooks = createHooks();
    const seen: string[] = [];
    hooks.addAction('domain.stage', 'b', (e) => seen.push(`b:${e.to}`));
    hooks.addAction('domain.stage', 'a', (e) => seen.push(`a:${e.to}`), 1);
    hooks.doAction('domain.stage', { domain: 'example.com', from: null, to: 'checking-dns', attempt: 1 });
    expect(seen).toEqual(['a:checking-dns', 'b:checking-dns']);
    expect(hooks.didAction('domain.stage')).toBe(1);
    expect(hooks.didAction('app.domainsUpdated')).toBe(0);
    expect(hooks.removeAction('domain.stage', 'a')).toBe(1);
    expect(hooks.hasAction('domain.stage', 'a')).toBe(false);
    expect(hooks.hasAction('domain.stage')).toBe(true);
  });

  it('throws a HookError when an action callback throws', () => {
    const hooks = createHooks();
    hooks.addAction('app.domainsUpdated', 'logger', () => {
      throw new Error('disk full');
    });
    const plan = { next: [], added: [], removed: [], changed: false, unrecognized: [] };
    expect(() => hooks.doAction('app.domainsUpdated', { appId: 'a1', plan })).toThrowError(
      /logger.*disk full/,
    );
  });
});
