import { describe, expectTypeOf, it } from 'vitest';
import { createHooks } from '../../src/hooks/index.js';

describe('hook types', () => {
  it('types values and contexts through one map', () => {
    const hooks = createHooks();
    hooks.addFilter('ssl.retryDelayMs', 'ns', (value, context) => {
      expectTypeOf(value).toEqualTypeOf<number>();
      expectTypeOf(context.attempt).toEqualTypeOf<number>();
      return value;
    });
    hooks.addFilter('domains.shouldAddWww', 'ns', (value, context) => {
      expectTypeOf(value).toEqualTypeOf<boolean>();
      expectTypeOf(context.policy).toEqualTypeOf<'apex' | 'always' | 'never'>();
      return value;
    });
    // @ts-expect-error a filter must return the type it filters
    hooks.addFilter('ssl.maxTries', 'ns', () => 'ten');
    // @ts-expect-error unknown hook names do not compile
    hooks.addFilter('ssl.maxTrys', 'ns', (v: number) => v);
    // @ts-expect-error the context must match the hook
    hooks.applyFilters('ssl.maxTries', 5, { domain: 'x.com' });
  });
});
