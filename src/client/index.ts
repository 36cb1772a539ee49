export type { ActionsResource, WaitForOptions } from './actions.js';
export { WAIT_DEFAULTS } from './actions.js';
export type { AppsResource, CreateAppInput, UpdateAppInput, WordPressInstall } from './apps.js';
export type { ClientStats, ClientSummary, ServerPilotClient } from './client.js';
export { createServerPilotClient, tryCreateServerPilotClient } from './client.js';
export type {
  Action,
  ActionStatus,
  App,
  AppSsl,
  AutoSsl,
  Db,
  EmptyData,
  InstalledSsl,
  Mutation,
  Server,
  SshKey,
  Sysuser,
} from './codecs.js';
export {
  ActionCodec,
  ActionStatusCodec,
  AppCodec,
  AppSslCodec,
  AutoSslCodec,
  DbCodec,
  InstalledSslCodec,
  ServerCodec,
  SshKeyCodec,
  SysuserCodec,
} from './codecs.js';
export type { CreateDbInput, DbsResource, UpdateDbInput } from './dbs.js';
export { formatValidationErrors } from './decode.js';
export type { ClientOptions, RequestInfo, RequestOptions, RetryOptions } from './options.js';
export { CLIENT_DEFAULTS, DEFAULT_BASE_URL } from './options.js';
export {
  computeRetryDelay,
  isRetryable,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  type RetryDelay,
} from './retry-policy.js';
export type { CreateServerInput, ServersResource, UpdateServerInput } from './servers.js';
export type { CreateSshKeyInput, SshKeysResource } from './sshkeys.js';
export type { CustomSslInput, SslResource } from './ssl.js';
export type { CreateSysuserInput, SysusersResource } from './sysusers.js';
