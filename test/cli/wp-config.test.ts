/**
 * loadConfigFromWpConfig and the PHP define() reader behind it: a realistic wp-config.php,
 * quoting and spacing variants, what PHP ignores, and fuzzed input that must never throw.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { describeSdkError } from '../../src/errors/index.js';
import { loadConfigFromWpConfig } from '../../src/index.js';
import { parsePhpDefines } from '../../src/integration/php-source.js';
import { parseWpConfig } from '../../src/integration/wp-config.js';
import { realisticWpConfig } from './wp-config-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'wp-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEY = 'Kx9-secret-api-key-Zq';
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('loadConfigFromWpConfig', () => {
  it('reads the three WU_SERVER_PILOT_* defines of a realistic wp-config.php, ignoring commented-out ones', async () => {
    const path = write(
      'wp-config.php',
      realisticWpConfig({ clientId: 'cid_live_123', apiKey: KEY, appId: 'nlcN0TwdZAyNEgdp' }),
    );
    const config = await loadConfigFromWpConfig(path)();
    if (E.isLeft(config)) throw new Error(describeSdkError(config.left));
    expect({ ...config.right }).toEqual({ clientId: 'cid_live_123', apiKey: KEY, appId: 'nlcN0TwdZAyNEgdp' });
    expect(JSON.stringify(config.right)).not.toContain(KEY);
    expect(inspect(config.right)).not.toContain(KEY);
  });

  it('names every constant that is missing', async () => {
    const path = write(
      'partial.php',
      "<?php\ndefine('WU_SERVER_PILOT_APP_ID', 'app1');\n// define('WU_SERVER_PILOT_API_KEY', 'x');\n",
    );
    const config = await loadConfigFromWpConfig(path)();
    expect(E.isLeft(config) && config.left).toEqual({
      _tag: 'ConfigError',
      missing: ['WU_SERVER_PILOT_CLIENT_ID', 'WU_SERVER_PILOT_API_KEY'],
      invalid: [],
    });
  });

  it('says a constant set by an expression cannot be read without running PHP', async () => {
    const path = write(
      'computed.php',
      "<?php define('WU_SERVER_PILOT_CLIENT_ID', 'c'); define('WU_SERVER_PILOT_API_KEY', getenv('SP_KEY')); define('WU_SERVER_PILOT_APP_ID', \"app$suffix\");",
    );
    const config = await loadConfigFromWpConfig(path)();
    if (E.isRight(config)) throw new Error('expected a ConfigError');
    const message = describeSdkError(config.left);
    expect(message).toContain('WU_SERVER_PILOT_API_KEY');
    expect(message).toContain('WU_SERVER_PILOT_APP_ID');
    expect(message).toContain('never runs PHP');
  });

  it('names the path when the file cannot be read, and never runs PHP', async () => {
    const missing = await loadConfigFromWpConfig(join(dir, 'nope.php'))();
    expect(E.isLeft(missing) && describeSdkError(missing.left)).toContain('nope.php: does not exist');
    const directory = await loadConfigFromWpConfig(dir)();
    expect(E.isLeft(directory) && describeSdkError(directory.left)).toContain('is a directory');
    if (process.getuid?.() !== 0) {
      const locked = write('locked.php', '<?php');
      chmodSync(locked, 0);
      const denied = await loadConfigFromWpConfig(locked)();
      expect(E.isLeft(denied) && describeSdkError(denied.left)).toContain('permission denied');
    }
    // A file whose PHP would write a marker if it ran: reading it writes nothing.
    const marker = join(dir, 'ran');
    write(
      'side-effect.php',
      `<?php file_put_contents('${marker}', 'ran'); define('WU_SERVER_PILOT_APP_ID', 'a');`,
    );
    await loadConfigFromWpConfig(join(dir, 'side-effect.php'))();
    expect(() => readFileSync(marker)).toThrow();
  });

  it('rejects a malformed value with its constant name and without echoing the key', async () => {
    const path = write(
      'bad.php',
      `<?php define('WU_SERVER_PILOT_CLIENT_ID', 'cid'); define('WU_SERVER_PILOT_API_KEY', '${KEY} trailing'); define('WU_SERVER_PILOT_APP_ID', 'a');`,
    );
    const config = await loadConfigFromWpConfig(path)();
    if (E.isRight(config)) throw new Error('expected a ConfigError');
    expect(describeSdkError(config.left)).toContain('WU_SERVER_PILOT_API_KEY');
    expect(JSON.stringify(config.left)).not.toContain(KEY);
  });
});

describe('parseWpConfig', () => {
  it.each([
    ["define('WU_SERVER_PILOT_APP_ID', 'abc');", 'abc'],
    ['define("WU_SERVER_PILOT_APP_ID", "abc");', 'abc'],
    ['define( "WU_SERVER_PILOT_APP_ID" , "abc" );', 'abc'],
    ["define\t(\n'WU_SERVER_PILOT_APP_ID',\n\t'abc'\n)\n;", 'abc'],
    ["DEFINE('WU_SERVER_PILOT_APP_ID','abc');", 'abc'],
    ["\\define('WU_SERVER_PILOT_APP_ID', 'abc');", 'abc'],
    ["define('WU_SERVER_PILOT_APP_ID', 'ab' . 'c');", 'abc'],
    ["define('WU_SERVER_PILOT_APP_ID', 'abc', true);", 'abc'],
    ["defined('WU_SERVER_PILOT_APP_ID') || define('WU_SERVER_PILOT_APP_ID', 'abc');", 'abc'],
    ["const WU_SERVER_PILOT_APP_ID = 'abc';", 'abc'],
    ["define('WU_SERVER_PILOT_APP_ID', 'a\\'b\\\\c');", "a'b\\c"],
    ['define("WU_SERVER_PILOT_APP_ID", "a\\"b\\$c\\x41");', 'a"b$cA'],
    ["define('WU_SERVER_PILOT_APP_ID', 'first'); define('WU_SERVER_PILOT_APP_ID', 'second');", 'first'],
  ])('reads %s', (code, value) => {
    expect(parseWpConfig(`<?php\n${code}\n`).appId).toBe(value);
  });

  it.each([
    ["// define('WU_SERVER_PILOT_APP_ID', 'abc');"],
    ["# define('WU_SERVER_PILOT_APP_ID', 'abc');"],
    ["/* define('WU_SERVER_PILOT_APP_ID', 'abc'); */"],
    ["$x = \"define('WU_SERVER_PILOT_APP_ID', 'abc');\";"],
    ["$obj->define('WU_SERVER_PILOT_APP_ID', 'abc');"],
    ["Foo::define('WU_SERVER_PILOT_APP_ID', 'abc');"],
    ["?>define('WU_SERVER_PILOT_APP_ID', 'abc');"],
    ["$s = <<<EOT\ndefine('WU_SERVER_PILOT_APP_ID', 'abc');\nEOT;"],
  ])('ignores %s', (code) => {
    expect(parseWpConfig(`<?php\n${code}\n`).appId).toBeUndefined();
  });

  it('ignores defines in the HTML before <?php', () => {
    expect(parseWpConfig("define('WU_SERVER_PILOT_APP_ID', 'x');\n<?php ").appId).toBeUndefined();
  });

  it('reads any value written in either quote style with any spacing, past commented-out decoys', () => {
    const phpSingle = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    const phpDouble = (v: string) =>
      `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '\\$')}"`;
    const space = fc.constantFrom('', ' ', '  ', '\t', '\n', ' \r\n ');
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'abcXYZ019 -_$\'"\\./#*?>{}'.split('')), maxLength: 40 }),
        fc.boolean(),
        fc.boolean(),
        space,
        space,
        space,
        space,
        (value, singleName, singleValue, s1, s2, s3, s4) => {
          const name = singleName ? "'WU_SERVER_PILOT_API_KEY'" : '"WU_SERVER_PILOT_API_KEY"';
          const literal = singleValue ? phpSingle(value) : phpDouble(value);
          const source = [
            '<?php',
            "// define('WU_SERVER_PILOT_API_KEY', 'decoy-line');",
            "/* define('WU_SERVER_PILOT_API_KEY', 'decoy-block'); */",
            `define(${s1}${name}${s2},${s3}${literal}${s4});`,
            "define('WU_SERVER_PILOT_API_KEY', 'second-definition');",
          ].join('\n');
          expect(parseWpConfig(source).apiKey).toBe(value);
        },
      ),
    );
  });

  it('never throws on any input, and only ever returns strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const parsed = parseWpConfig(`<?php ${text}`);
        for (const v of [parsed.clientId, parsed.apiKey, parsed.appId]) {
          expect(v === undefined || typeof v === 'string').toBe(true);
        }
        parsePhpDefines(text);
      }),
      { numRuns: 500 },
    );
  });
});
