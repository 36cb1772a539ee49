import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { loadConfigFromEnv } from '../../src/index.js';

describe('loadConfigFromEnv naming what is missing', () => {
  it('names the WU_SERVER_PILOT_* variable when only those names are used', () => {
    const config = loadConfigFromEnv({ WU_SERVER_PILOT_CLIENT_ID: 'cid', WU_SERVER_PILOT_APP_ID: 'app1' });
    expect(E.isLeft(config) && config.left).toEqual({
      _tag: 'ConfigError',
      missing: ['WU_SERVER_PILOT_API_KEY'],
      invalid: [],
    });
  });

  it('names the SERVERPILOT_* variable as soon as one of those is used', () => {
    const config = loadConfigFromEnv({ SERVERPILOT_CLIENT_ID: 'cid', WU_SERVER_PILOT_APP_ID: 'app1' });
    expect(E.isLeft(config) && config.left).toMatchObject({ missing: ['SERVERPILOT_API_KEY'] });
  });
});
