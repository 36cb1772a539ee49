/**
 * Response bodies shaped like the examples in ServerPilot's API v1 documentation
 * (https://github.com/ServerPilot/API), with the documented ids, so decoding is tested against
 * what the API publishes rather than against what this SDK expects.
 */
export const CLIENT_ID = 'cid_TestClient';
export const API_KEY = 'sk_live_Zx9Qv7Lm2Pw4Rt8Yb6Nc3Hd5';
export const BASE = 'https://api.serverpilot.io/v1';

const sslKey = '-----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY-----';
const sslCert = '-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----';

export const serverJson = {
  id: 'UXOSIYrdtL4cSGp3',
  name: 'www2',
  plan: 'economy',
  autoupdates: true,
  firewall: true,
  deny_unknown_domains: true,
  available_runtimes: ['php5.6', 'php7.0', 'php7.1', 'php7.2'],
  lastaddress: '1.2.3.4',
  lastconn: 1403130554,
  datecreated: 1403130553,
};

export const newServerJson = {
  ...serverJson,
  lastaddress: null,
  lastconn: null,
  apikey: 'nqXUevYSkpW09YKy7CY7PdnL14Q1HIlAfniJZwzjqNQ',
};

export const sysuserJson = { id: 'PPkfc1NECzvwiEBI', name: 'derek', serverid: 'FqHWrrcUfRI18F0l' };

export const sshKeyJson = {
  id: 'aUAG0Z3p0F3xmc6R',
  name: "joe's key",
  sha256_fingerprint: 'SHA256:...',
  public_key: 'ssh-rsa ...',
  datecreated: 1403139066,
};

export const sshKeyWithUsersJson = {
  ...sshKeyJson,
  sysusers: [
    { id: 'PdmHhsb3fnaZ2r5f', name: 'serverpilot', serverid: 'FqHWrrcUfRI18F0l', datecreated: 1403084618 },
    { id: 'RvnwAIfuENyjUVnl', name: 'serverpilot', serverid: 'FqHWrrcUfRI18F0l', datecreated: 1402875948 },
  ],
};

/** An app as the list returns it: no `autossl`, `ssl` null. */
export const appListItemJson = {
  id: 'c77JD4gZooGjrF8K',
  datecreated: 1403139066,
  name: 'blog',
  sysuserid: 'RvnwAIfuENyjUVnl',
  domains: ['www.myblog.com', 'blog.com'],
  ssl: null,
  serverid: '4zGDDO2xg30yEeum',
  runtime: 'php7.0',
};

/** An app with a custom certificate, as the list returns it. */
export const appWithSslJson = {
  id: 'B1w7yc1tfUPQLIKS',
  datecreated: 1403143012,
  name: 'store',
  sysuserid: 'RvnwAIfuENyjUVnl',
  domains: ['www.mystore.com', 'mystore.com'],
  ssl: { key: sslKey, cert: sslCert, cacerts: sslCert, auto: false, force: false },
  serverid: '4zGDDO2xg30yEeum',
  runtime: 'php7.0',
};

/** `GET /apps/:id` with AutoSSL available: `autossl.domains` present. */
export const appDetailsJson = {
  id: 'nlcN0TwdZAyNEgdp',
  datecreated: 1403143012,
  name: 'gallery',
  sysuserid: 'RvnwAIfuENyjUVnl',
  domains: ['www.example.com', 'example.com', 'foo.com'],
  ssl: { key: sslKey, cert: sslCert, cacerts: sslCert, auto: false, force: false },
  autossl: { available: true, domains: ['www.example.com', 'example.com'] },
  serverid: '4zGDDO2xg30yEeum',
  runtime: 'php7.0',
};

/** `GET /apps/:id` when AutoSSL is not available: no `domains` inside `autossl`. */
export const appAutoSslUnavailableJson = {
  ...appListItemJson,
  id: 'nlcN0TwdZAyNEgdp',
  autossl: { available: false },
};

export const createdAppJson = {
  id: 'nlcN0TwdZAyNEgdp',
  datecreated: 1403143012,
  name: 'gallery',
  sysuserid: 'RvnwAIfuENyjUVnl',
  domains: ['www.example.com', 'example.com'],
  ssl: null,
  serverid: '4zGDDO2xg30yEeum',
  runtime: 'php7.0',
};

export const autoSslJson = { key: sslKey, cert: sslCert, cacerts: sslCert, auto: true, force: false };
export const forceSslJson = { key: sslKey, cert: sslCert, cacerts: sslCert, auto: false, force: true };
export const installedSslJson = { key: sslKey, cert: sslCert, cacerts: sslCert };

export const dbJson = {
  id: '8PV1OIAlAW3jbGmM',
  name: 'gallerydb',
  appid: 'nlcN0TwdZAyNEgdp',
  serverid: '4zGDDO2xg30yEeum',
  user: { id: 'k2HWtU33mpUsfOdA', name: 'arturo' },
};

export const actionJson = (status: 'open' | 'success' | 'error', id = 'g3kiiYzxPgAjbwcY') => ({
  id,
  serverid: '4zGDDO2xg30yEeum',
  status,
  datecreated: 1403138066,
});
