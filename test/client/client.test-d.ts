import type * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type Action,
  type App,
  type AppSsl,
  createServerPilotClient,
  type EmptyData,
  type Mutation,
  type SdkError,
  type Server,
  type ServerPilotClient,
  unwrap,
} from '../../src/index.js';

declare const client: ServerPilotClient;

describe('client types', () => {
  it('apps.get yields TaskEither<SdkError, App>', () => {
    expectTypeOf(client.apps.get('id')).toEqualTypeOf<TE.TaskEither<SdkError, App>>();
    expectTypeOf(client.apps.list()).toEqualTypeOf<TE.TaskEither<SdkError, readonly App[]>>();
  });

  it('mutations keep the action id', () => {
    expectTypeOf(client.apps.update('id', { domains: ['a.com'] })).toEqualTypeOf<
      TE.TaskEither<SdkError, Mutation<App>>
    >();
    expectTypeOf<Mutation<App>['actionId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf(client.ssl.enableAuto('id')).toEqualTypeOf<TE.TaskEither<SdkError, Mutation<AppSsl>>>();
    expectTypeOf(client.apps.delete('id')).toEqualTypeOf<TE.TaskEither<SdkError, Mutation<EmptyData>>>();
  });

  it('models the documented shapes', () => {
    expectTypeOf<App['ssl']>().toEqualTypeOf<AppSsl | null>();
    expectTypeOf<App['datecreated']>().toEqualTypeOf<number>();
    expectTypeOf<App['domains']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<NonNullable<App['autossl']>['domains']>().toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf<Server['lastaddress']>().toEqualTypeOf<string | null>();
    expectTypeOf<Action['status']>().toEqualTypeOf<'open' | 'success' | 'error'>();
    expectTypeOf(client.actions.waitFor('id')).toEqualTypeOf<TE.TaskEither<SdkError, Action>>();
    expectTypeOf(client.stats.requests).toEqualTypeOf<number>();
  });

  it('unwrap gives async/await users a Promise of the value', () => {
    expectTypeOf(unwrap(client.apps.get('id'))).toEqualTypeOf<Promise<App>>();
  });

  it('accepts options forwarded as possibly undefined', () => {
    const forwarded: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined } = {};
    expectTypeOf(
      client.apps.get('id', { signal: forwarded.signal, timeoutMs: forwarded.timeoutMs }),
    ).toEqualTypeOf<TE.TaskEither<SdkError, App>>();
  });

  it('rejects misuse at compile time', () => {
    // @ts-expect-error the app id is a string
    client.apps.get(42);
    // @ts-expect-error request options come last and have no `timeout` (it is `timeoutMs`)
    client.apps.get('id', { timeout: 5 });
    // @ts-expect-error domains is a list, not one string
    client.apps.update('id', { domains: 'a.com' });
    // @ts-expect-error ForceSSL takes a boolean
    client.ssl.setForce('id', 'yes');
    // @ts-expect-error creating an app needs sysuserid and runtime
    client.apps.create({ name: 'blog' });
    // @ts-expect-error a missing field is not readable
    const _typo: string = ({} as App).domain;
    // @ts-expect-error results are read-only
    (({}) as App).domains.push('b.com');
    // @ts-expect-error the apiKey is required
    createServerPilotClient({ clientId: 'x' });
    // @ts-expect-error the result of a TaskEither is not an App until it is run and checked
    const _app: App = client.apps.get('id');
  });
});
