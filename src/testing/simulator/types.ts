/**
 * Shapes the simulator stores and serves. Stored entities carry a few fields the API never shows
 * (passwords, an action's settle time); the route serializers decide what goes on the wire.
 */

/** A ServerPilot server. `lastaddress` is the public IP the SSL DNS check compares against. */
export interface SimServer {
  id: string;
  name: string;
  plan: string;
  autoupdates: boolean;
  firewall: boolean;
  deny_unknown_domains: boolean;
  available_runtimes: string[];
  lastaddress: string | null;
  lastconn: number | null;
  datecreated: number;
  /** Shown only in the response that creates the server. */
  apikey: string;
}

/** A Linux user on a server; apps run as one. */
export interface SimSysuser {
  id: string;
  name: string;
  serverid: string;
  datecreated: number;
  /** Never served. */
  password: string | null;
  /** Ids of the account SSH keys assigned to this user. Never served inline. */
  sshkeyids: string[];
}

/** An app's SSL state: a custom certificate (`auto: false`) or AutoSSL (`auto: true`). */
export interface SimSsl {
  key: string;
  cert: string;
  cacerts: string | null;
  auto: boolean;
  force: boolean;
}

/** A ServerPilot app. `domains` is stored verbatim: duplicates included, as the real API does. */
export interface SimApp {
  id: string;
  name: string;
  sysuserid: string;
  serverid: string;
  runtime: string;
  domains: string[];
  ssl: SimSsl | null;
  datecreated: number;
}

/** A MySQL database and its one user. */
export interface SimDb {
  id: string;
  name: string;
  appid: string;
  serverid: string;
  user: { id: string; name: string /** Never served. */; password: string };
}

/** An account-wide SSH key. */
export interface SimSshKey {
  id: string;
  name: string;
  public_key: string;
  sha256_fingerprint: string;
  datecreated: number;
}

/** The status an action reports. */
export type SimActionStatus = 'open' | 'success' | 'error';

/**
 * A record of work on a server. It reports `open` until the clock reaches `settlesAt`, then
 * `outcome`. Set `settlesAt` to 0 to finish it at once.
 */
export interface SimAction {
  id: string;
  serverid: string;
  datecreated: number;
  /** Milliseconds on the simulator clock. */
  createdAt: number;
  /** Milliseconds on the simulator clock at which `open` turns into `outcome`. */
  settlesAt: number;
  outcome: 'success' | 'error';
}

/** Everything the simulator holds. Maps keep insertion order, which is the order lists are served in. */
export interface SimulatorState {
  readonly servers: Map<string, SimServer>;
  readonly sysusers: Map<string, SimSysuser>;
  readonly apps: Map<string, SimApp>;
  readonly dbs: Map<string, SimDb>;
  readonly sshkeys: Map<string, SimSshKey>;
  readonly actions: Map<string, SimAction>;
}

/** Seed data: every field but the ones a collection needs to link up may be left out. */
export interface SimulatorSeed {
  readonly servers?: readonly Partial<SimServer>[];
  readonly sysusers?: readonly Partial<SimSysuser>[];
  readonly apps?: readonly Partial<SimApp>[];
  readonly dbs?: readonly (Partial<Omit<SimDb, 'user'>> & { user?: Partial<SimDb['user']> })[];
  readonly sshkeys?: readonly Partial<SimSshKey>[];
}

/** API credentials: HTTP Basic username and password. */
export interface SimulatorCredentials {
  readonly clientId: string;
  readonly apiKey: string;
}

/** A request as the transport-independent core sees it. `path` is relative to `/v1`, without a query. */
export interface SimRequest {
  readonly method: string;
  readonly path: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body text ('' when there is none). */
  readonly body: string;
}

/** A response from the core, or `'drop'`: close the connection without answering. */
export type SimResponse =
  | { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string }
  | 'drop';

/** One entry of the request log. Credentials are never recorded. */
export interface SimRequestLogEntry {
  readonly method: string;
  /** Relative to `/v1`, e.g. `/apps/simA000000000001`. */
  readonly path: string;
  /** The parsed JSON body; the raw text when it was not JSON; `undefined` when empty. */
  readonly body: unknown;
  /** Milliseconds on the simulator clock when the request arrived. */
  readonly at: number;
  /** What was answered: a status code, or `'drop'`. Unset while the request is in flight. */
  readonly status?: number | 'drop';
}
