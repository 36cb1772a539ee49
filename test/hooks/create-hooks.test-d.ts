import { describe, expectTypeOf, it } from 'vitest';
import type { WwwFilterHooks } from '../../src/domains/index.js';
import type { HookRegistry } from '../../src/hooks/index.js';
import { createHooks, type Hooks } from '../../src/sdk-hooks.js';
import type { SslHooks } from '../../src/ssl/hooks.js';

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

  it('returns the SDK registry without type arguments, and a registry over your tables with them', () => {
    expectTypeOf(createHooks()).toEqualTypeOf<Hooks>();
    interface Mine {
      'my.filter': { value: string; context: { readonly id: number } };
    }
    const mine = createHooks<Mine, { 'my.action': { readonly id: number } }>();
    expectTypeOf(mine).toEqualTypeOf<HookRegistry<Mine, { 'my.action': { readonly id: number } }>>();
    mine.addFilter('my.filter', 'ns', (value, context) => {
      expectTypeOf(value).toEqualTypeOf<string>();
      expectTypeOf(context.id).toEqualTypeOf<number>();
      return value;
    });
    // @ts-expect-error the SDK's names are not in a registry over other tables
    mine.addFilter('ssl.maxTries', 'ns', (v: number) => v);
  });

  it('lets the SDK registry stand wherever a layer asks for the hooks it uses', () => {
    expectTypeOf<Hooks>().toMatchTypeOf<SslHooks>();
    expectTypeOf<Hooks>().toMatchTypeOf<WwwFilterHooks>();
    // A registry over other tables does not fit the verifier.
    expectTypeOf<
      HookRegistry<{ 'ssl.maxTries': { value: string; context: { domain: string } } }, object>
    >().not.toMatchTypeOf<SslHooks>();
  });
});
