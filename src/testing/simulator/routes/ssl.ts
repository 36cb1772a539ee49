import type { Route } from '../context.js';
import { getApp } from '../lookup.js';
import { badRequest, ok } from '../result.js';
import type { SimSsl } from '../types.js';
import { optionalBool } from '../validate.js';
import { autosslOf } from './apps.js';

const AUTO_KEY = '-----BEGIN PRIVATE KEY-----\nc2ltdWxhdGVkIEF1dG9TU0wga2V5\n-----END PRIVATE KEY-----';
const AUTO_CERT = '-----BEGIN CERTIFICATE-----\nc2ltdWxhdGVkIEF1dG9TU0wgY2VydA==\n-----END CERTIFICATE-----';
const AUTO_CA = '-----BEGIN CERTIFICATE-----\nc2ltdWxhdGVkIExldCdzIEVuY3J5cHQ=\n-----END CERTIFICATE-----';

export const sslRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/apps/:id/ssl',
    handler: ({ state, config, params, body, newAction }) => {
      const app = getApp(state, params.id ?? '');
      const keys = Object.keys(body);
      const installs = keys.some((k) => k === 'key' || k === 'cert' || k === 'cacerts');

      if ('force' in body) {
        // ForceSSL is its own call, and only once the app has SSL.
        if (keys.length > 1)
          badRequest('Set ForceSSL in its own request, not with a certificate or AutoSSL.');
        const force = optionalBool(body, 'force') as boolean;
        if (app.ssl === null) return badRequest('ForceSSL can only be changed once the app has SSL enabled.');
        app.ssl.force = force;
        return ok({ ...app.ssl }, newAction(app.serverid));
      }

      if ('auto' in body) {
        if (installs) badRequest('Send either a certificate or {"auto": true}, not both.');
        if (body.auto !== true) {
          badRequest("'auto' must be true; disable AutoSSL by deleting the app's SSL.");
        }
        if (app.ssl !== null && !app.ssl.auto) {
          badRequest('AutoSSL cannot be enabled while a custom certificate is installed; delete it first.');
        }
        if (!config.autoSslPlan) badRequest("AutoSSL is not available on this account's plan.");
        if (!autosslOf(app, config).available) {
          badRequest('AutoSSL is not available for this app: no domain points at the server yet.');
        }
        app.ssl ??= { key: AUTO_KEY, cert: AUTO_CERT, cacerts: AUTO_CA, auto: true, force: false };
        return ok({ ...app.ssl }, newAction(app.serverid));
      }

      if (installs) {
        if (app.ssl?.auto === true) {
          badRequest('A custom certificate cannot be added while AutoSSL is on; delete SSL first.');
        }
        const { key, cert, cacerts } = body;
        if (typeof key !== 'string' || key === '')
          return badRequest("'key' is required: the private key PEM.");
        if (typeof cert !== 'string' || cert === '')
          return badRequest("'cert' is required: the certificate PEM.");
        if (cacerts !== null && typeof cacerts !== 'string') {
          return badRequest("'cacerts' is required: the CA certificate PEMs, or null.");
        }
        const ssl: SimSsl = { key, cert, cacerts, auto: false, force: app.ssl?.force ?? false };
        app.ssl = ssl;
        return ok({ key, cert, cacerts }, newAction(app.serverid));
      }

      return badRequest(
        'Send a certificate ({"key", "cert", "cacerts"}), {"auto": true} or {"force": true|false}.',
      );
    },
  },
  {
    method: 'DELETE',
    pattern: '/apps/:id/ssl',
    handler: ({ state, params, newAction }) => {
      const app = getApp(state, params.id ?? '');
      // Removes a custom certificate or disables AutoSSL; ForceSSL goes with it.
      app.ssl = null;
      return ok({}, newAction(app.serverid));
    },
  },
];
