import { inspect } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { describeSdkError } from '../../src/errors/index.js';
import { loadConfigFromEnv } from '../../src/integration/config.js';

const KEY = 'sk-very-secret-key-123';

describe('loadConfigFromEnv', () => {
  it('reads the SERVERPILOT_* names', () => {
    const config = loadConfigFromEnv({
      SERVERPILOT_CLIENT_ID: 'cid_abc',
      SERVERPILOT_API_KEY: KEY,
      SERVERPILOT_APP_ID: 'app123',
    });
    expect(E.isRight(config) && { ...config.right }).toEqual({
      clientId: 'cid_abc',
      apiKey: KEY,
      appId: 'app123',
    });
  });

  it('accepts the WU_SERVER_PILOT_* names panels already have', () => {
    const config = loadConfigFromEnv({
      WU_SERVER_PILOT_CLIENT_ID: 'cid_abc',
      WU_SERVER_PILOT_API_KEY: KEY,
      WU_SERVER_PILOT_APP_ID: 'app123',
    });
    expect(E.isRight(config) && config.right.appId).toBe('app123');
  });

  it('lists every missing name at once', () => {
    const config = loadConfigFromEnv({ SERVERPILOT_API_KEY: '  ' });
    expect(E.isLeft(config) && config.left).toEqual({
      _tag: 'ConfigError',
      missing: ['SERVERPILOT_CLIENT_ID', 'SERVERPILOT_API_KEY', 'SERVERPILOT_APP_ID'],
      invalid: [],
    });
  });

  it('names malformed values without echoing the key', () => {
    const config = loadConfigFromEnv({
      SERVERPILOT_CLIENT_ID: 'cid:abc',
      SERVERPILOT_API_KEY: `${KEY} extra`,
      SERVERPILOT_APP_ID: 'https://manage.serverpilot.io/apps/x',
      SERVERPILOT_BASE_URL: 'not a url',
    });
    if (E.isRight(config)) throw new Error('expected a ConfigError');
    const message = describeSdkError(config.left);
    expect(message).toContain('SERVERPILOT_CLIENT_ID');
    expect(message).toContain('SERVERPILOT_API_KEY');
    expect(message).toContain('SERVERPILOT_APP_ID');
    expect(message).toContain('SERVERPILOT_BASE_URL');
    expect(message).not.toContain(KEY);
    expect(JSON.stringify(config.left)).not.toContain(KEY);
  });

  it('never prints the key through JSON or util.inspect', () => {
    const config = loadConfigFromEnv({
      SERVERPILOT_CLIENT_ID: 'cid_abc',
      SERVERPILOT_API_KEY: KEY,
      SERVERPILOT_APP_ID: 'app123',
    });
    if (E.isLeft(config)) throw new Error('expected a config');
    expect(JSON.stringify(config.right)).not.toContain(KEY);
    expect(inspect(config.right)).not.toContain(KEY);
    expect(`${inspect({ nested: config.right })}`).not.toContain(KEY);
    expect({ ...config.right }.apiKey).toBe(KEY);
  });
});
