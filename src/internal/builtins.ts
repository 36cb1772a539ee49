/**
 * Node built-ins that only some calls need, loaded on first use: `tls` and `crypto` for the SSL
 * checks, `dns` for the DNS stage. Loading them when the library loads cost every process about
 * 4 ms, also one that only lists domains. Node caches each module, so each call is a lookup.
 */
import type * as Crypto from 'node:crypto';
import type * as Dns from 'node:dns';
import type * as Tls from 'node:tls';

export const crypto = (): typeof Crypto => process.getBuiltinModule('node:crypto');
export const dns = (): typeof Dns => process.getBuiltinModule('node:dns');
export const tls = (): typeof Tls => process.getBuiltinModule('node:tls');
