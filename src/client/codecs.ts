/**
 * io-ts codecs for every ServerPilot v1 resource and for the response envelope.
 *
 * Decoding tolerates fields the API adds later (`t.type` keeps unknown keys instead of failing)
 * and is strict about the ones this SDK reads. Field names are the API's own, so a resource
 * printed from this SDK looks like the one in ServerPilot's documentation.
 */
import * as t from 'io-ts';
import { boundedArray } from './bounded-array.js';

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null], `(${codec.name} | null)`);

/** An app's SSL state; `auto` says whether the certificate is AutoSSL rather than custom. */
export const AppSslCodec = t.readonly(
  t.type({
    key: t.string,
    cert: t.string,
    cacerts: nullable(t.string),
    auto: t.boolean,
    force: t.boolean,
  }),
  'AppSsl',
);
/** An app's installed SSL (`app.ssl`): key, certificate, CA chain, and whether AutoSSL and ForceSSL are on. */
export type AppSsl = t.TypeOf<typeof AppSslCodec>;

/**
 * Whether AutoSSL can be enabled for the app. `domains` (those the AutoSSL certificate would
 * cover) is only present while `available` is true.
 */
export const AutoSslCodec = t.readonly(
  t.intersection([t.type({ available: t.boolean }), t.partial({ domains: boundedArray(t.string) })]),
  'AutoSsl',
);
/** `app.autossl` (from `GET /apps/:id` only): whether AutoSSL is available, and the names it would cover. */
export type AutoSsl = t.TypeOf<typeof AutoSslCodec>;

/** An app. `autossl` is only returned by `GET /apps/:id`, not by the list. */
export const AppCodec = t.readonly(
  t.intersection([
    t.type({
      id: t.string,
      name: t.string,
      sysuserid: t.string,
      serverid: t.string,
      runtime: t.string,
      domains: boundedArray(t.string),
      datecreated: t.number,
      ssl: nullable(AppSslCodec),
    }),
    t.partial({ autossl: AutoSslCodec }),
  ]),
  'App',
);
/** A ServerPilot app: its domains, runtime, server and system user, SSL state and (from `GET /apps/:id`) `autossl`. */
export type App = t.TypeOf<typeof AppCodec>;

/** What `POST /apps/:id/ssl` with a custom certificate answers: `auto`/`force` may be absent. */
export const InstalledSslCodec = t.readonly(
  t.intersection([
    t.type({ key: t.string, cert: t.string, cacerts: nullable(t.string) }),
    t.partial({ auto: t.boolean, force: t.boolean }),
  ]),
  'InstalledSsl',
);
/** The answer of `POST /apps/:id/ssl`: the app's SSL as it now stands. */
export type InstalledSsl = t.TypeOf<typeof InstalledSslCodec>;

/** A server. `lastaddress` is its public IP, `null` until it has connected. */
export const ServerCodec = t.readonly(
  t.intersection([
    t.type({
      id: t.string,
      name: t.string,
      autoupdates: t.boolean,
      firewall: t.boolean,
      lastaddress: nullable(t.string),
      lastconn: nullable(t.number),
      datecreated: t.number,
    }),
    t.partial({
      plan: t.string,
      deny_unknown_domains: t.boolean,
      available_runtimes: boundedArray(t.string),
      /** Only on create: the key the installer uses to connect this server. */
      apikey: t.string,
    }),
  ]),
  'Server',
);
/** A ServerPilot server; `lastaddress` is its public IP, the address the DNS check expects. */
export type Server = t.TypeOf<typeof ServerCodec>;

/** A system user (Linux account) on a server. */
export const SysuserCodec = t.readonly(
  t.intersection([
    t.type({ id: t.string, name: t.string, serverid: t.string }),
    t.partial({ datecreated: t.number }),
  ]),
  'Sysuser',
);
/** A system user on a server (the Unix user apps run as). */
export type Sysuser = t.TypeOf<typeof SysuserCodec>;

/** An account-wide SSH key. `sysusers` (who uses it) is only returned by `GET /sshkeys/:id`. */
export const SshKeyCodec = t.readonly(
  t.intersection([
    t.type({
      id: t.string,
      name: t.string,
      sha256_fingerprint: t.string,
      public_key: t.string,
      datecreated: t.number,
    }),
    t.partial({ sysusers: boundedArray(SysuserCodec) }),
  ]),
  'SshKey',
);
/** An SSH key of the account, and the system users it is installed for. */
export type SshKey = t.TypeOf<typeof SshKeyCodec>;

/** A MySQL database of an app, with its one user. */
export const DbCodec = t.readonly(
  t.type({
    id: t.string,
    name: t.string,
    appid: t.string,
    serverid: t.string,
    user: t.readonly(t.type({ id: t.string, name: t.string }), 'DbUser'),
  }),
  'Db',
);
/** A MySQL database of an app, with its user's name (never the password). */
export type Db = t.TypeOf<typeof DbCodec>;

/** io-ts codec of an action's `status`: `open`, `success` or `error`. */
export const ActionStatusCodec = t.keyof({ open: null, success: null, error: null }, 'ActionStatus');
/** `open` until the server has applied the change, then `success` or `error`. */
export type ActionStatus = t.TypeOf<typeof ActionStatusCodec>;

/** A record of a configuration change being applied to a server. */
export const ActionCodec = t.readonly(
  t.type({ id: t.string, serverid: t.string, status: ActionStatusCodec, datecreated: t.number }),
  'Action',
);
/** A server action (`GET /actions/:id`): `open` until the change is applied, then `success` or `error`. */
export type Action = t.TypeOf<typeof ActionCodec>;

/** The `data` of deletions and of other calls that return `{}`. */
export const EmptyDataCodec = t.UnknownRecord;
/** The `data` of a deletion or of any other call that answers `{}`. */
export type EmptyData = { readonly [key: string]: unknown };

/** Every response: `{ data, actionid? }`; `actionid` is present when server configuration changed. */
export const envelopeCodec = <A>(data: t.Decoder<unknown, A>) =>
  t.intersection([t.type({ data: data as t.Type<A, unknown, unknown> }), t.partial({ actionid: t.string })]);

/** What every mutation resolves to: the API's `data`, and the `actionid` to wait for, if any. */
export interface Mutation<A> {
  readonly data: A;
  readonly actionId?: string;
}
