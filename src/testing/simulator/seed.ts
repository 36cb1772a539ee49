import type {
  SimApp,
  SimDb,
  SimServer,
  SimSshKey,
  SimSysuser,
  SimulatorCredentials,
  SimulatorSeed,
  SimulatorState,
} from './types.js';

/** The credentials the simulator accepts unless told otherwise. */
export const SIMULATOR_CREDENTIALS = {
  clientId: 'sim-client-id',
  apiKey: 'sim-api-key',
} as const satisfies SimulatorCredentials;

/** Ids of the default seed: stable across runs and versions. */
export const SIMULATOR_IDS = {
  serverId: 'simS000000000001',
  sysuserId: 'simU000000000001',
  appId: 'simA000000000001',
} as const;

/** Runtimes the seeded server offers. */
export const SIMULATOR_RUNTIMES: readonly string[] = ['php7.4', 'php8.0', 'php8.1', 'php8.2', 'php8.3'];

/** The default seed: one server at 127.0.0.1, its `serverpilot` sysuser, and one WordPress app. */
export const defaultSeed = (): SimulatorSeed => ({
  servers: [{ id: SIMULATOR_IDS.serverId, name: 'www1', lastaddress: '127.0.0.1' }],
  sysusers: [{ id: SIMULATOR_IDS.sysuserId, name: 'serverpilot', serverid: SIMULATOR_IDS.serverId }],
  apps: [
    {
      id: SIMULATOR_IDS.appId,
      name: 'wordpress',
      sysuserid: SIMULATOR_IDS.sysuserId,
      serverid: SIMULATOR_IDS.serverId,
      domains: ['example.com', 'www.example.com'],
    },
  ],
});

/** Prefix letters of generated ids, one per kind. */
export type IdKind = 'S' | 'U' | 'A' | 'D' | 'B' | 'K' | 'X';

/**
 * Ids look like ServerPilot's (16 characters) but are deterministic, so two simulators fed the
 * same requests hand out the same ids (the contract tests compare whole bodies).
 */
export const createIdSource = (taken: (id: string) => boolean) => {
  const counters = new Map<IdKind, number>();
  return (kind: IdKind): string => {
    for (;;) {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      const id = `sim${kind}${String(n).padStart(12, '0')}`;
      if (!taken(id)) return id;
    }
  };
};

export const emptyState = (): SimulatorState => ({
  servers: new Map(),
  sysusers: new Map(),
  apps: new Map(),
  dbs: new Map(),
  sshkeys: new Map(),
  actions: new Map(),
});

/** Every id in use, so generated ids never collide with seeded ones. */
export const idTaken =
  (state: SimulatorState) =>
  (id: string): boolean =>
    state.servers.has(id) ||
    state.sysusers.has(id) ||
    state.apps.has(id) ||
    state.dbs.has(id) ||
    state.sshkeys.has(id) ||
    state.actions.has(id) ||
    [...state.dbs.values()].some((db) => db.user.id === id);

/** Fills a seed in place into `state`, linking missing references to the first entity that fits. */
export const applySeed = (
  state: SimulatorState,
  seed: SimulatorSeed,
  generateId: (kind: IdKind) => string,
  nowSeconds: number,
): void => {
  // A generated id must not take an id that a later seed entry names explicitly.
  const reserved = new Set<string>();
  for (const items of [seed.servers, seed.sysusers, seed.apps, seed.dbs, seed.sshkeys]) {
    for (const item of items ?? []) if (item.id !== undefined) reserved.add(item.id);
  }
  for (const db of seed.dbs ?? []) if (db.user?.id !== undefined) reserved.add(db.user.id);
  const nextId = (kind: IdKind): string => {
    for (;;) {
      const id = generateId(kind);
      if (!reserved.has(id)) return id;
    }
  };

  for (const s of seed.servers ?? []) {
    const server: SimServer = {
      id: s.id ?? nextId('S'),
      name: s.name ?? `server${state.servers.size + 1}`,
      plan: s.plan ?? 'business',
      autoupdates: s.autoupdates ?? true,
      firewall: s.firewall ?? true,
      deny_unknown_domains: s.deny_unknown_domains ?? true,
      available_runtimes: [...(s.available_runtimes ?? SIMULATOR_RUNTIMES)],
      lastaddress: s.lastaddress === undefined ? '127.0.0.1' : s.lastaddress,
      lastconn: s.lastconn === undefined ? nowSeconds : s.lastconn,
      datecreated: s.datecreated ?? nowSeconds,
      apikey: s.apikey ?? 'sim-server-apikey',
    };
    state.servers.set(server.id, server);
  }
  const firstServerId = () => state.servers.keys().next().value;

  for (const k of seed.sshkeys ?? []) {
    const key: SimSshKey = {
      id: k.id ?? nextId('K'),
      name: k.name ?? `key${state.sshkeys.size + 1}`,
      public_key: k.public_key ?? 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE1mdWxhdG9y simulator',
      sha256_fingerprint: k.sha256_fingerprint ?? 'SHA256:simulator',
      datecreated: k.datecreated ?? nowSeconds,
    };
    state.sshkeys.set(key.id, key);
  }

  for (const u of seed.sysusers ?? []) {
    const sysuser: SimSysuser = {
      id: u.id ?? nextId('U'),
      name: u.name ?? `user${state.sysusers.size + 1}`,
      serverid: u.serverid ?? firstServerId() ?? '',
      datecreated: u.datecreated ?? nowSeconds,
      password: u.password ?? null,
      sshkeyids: [...(u.sshkeyids ?? [])],
    };
    state.sysusers.set(sysuser.id, sysuser);
  }

  for (const a of seed.apps ?? []) {
    const sysuserid = a.sysuserid ?? state.sysusers.keys().next().value ?? '';
    const app: SimApp = {
      id: a.id ?? nextId('A'),
      name: a.name ?? `app${state.apps.size + 1}`,
      sysuserid,
      serverid: a.serverid ?? state.sysusers.get(sysuserid)?.serverid ?? firstServerId() ?? '',
      runtime: a.runtime ?? 'php8.2',
      domains: [...(a.domains ?? [])],
      ssl: a.ssl ? { ...a.ssl } : null,
      datecreated: a.datecreated ?? nowSeconds,
    };
    state.apps.set(app.id, app);
  }

  for (const d of seed.dbs ?? []) {
    const appid = d.appid ?? state.apps.keys().next().value ?? '';
    const db: SimDb = {
      id: d.id ?? nextId('D'),
      name: d.name ?? `db${state.dbs.size + 1}`,
      appid,
      serverid: d.serverid ?? state.apps.get(appid)?.serverid ?? '',
      user: {
        id: d.user?.id ?? nextId('B'),
        name: d.user?.name ?? `dbuser${state.dbs.size + 1}`,
        password: d.user?.password ?? 'sim-db-password',
      },
    };
    state.dbs.set(db.id, db);
  }
};
