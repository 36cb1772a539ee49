/**
 * What the README's "Guarantees" section promises, shown over real HTTP on 127.0.0.1: the write
 * follows the read it was planned on with nothing in between; a dashboard edit inside that window
 * is lost (the API has no compare-and-swap), and `syncDomains` from the panel's records repairs it.
 * The section itself must say so, with the measured window, wherever "no lost domains" is promised.
 */
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it as plain } from 'vitest';
import { unwrap } from '../../src/errors/index.js';
import { appId, simulatorTest } from '../simulator.js';

const it = simulatorTest();
const appPath = `/apps/${appId}`;
const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The text of one `## ` section of a markdown file. */
const section = (markdown: string, title: string): string => {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) return '';
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
};

describe('the read-to-write window', () => {
  it('sends each write right after the read it was planned on, filter included, with no request between', async ({
    api,
  }) => {
    const sp = api.integration();
    sp.hooks.addFilter('domains.beforeUpdate', 'panel', (list) => [...list, 'filtered.org']);
    await unwrap(sp.addDomain('first.org'));
    await unwrap(sp.removeDomain('first.org'));
    const log = api.sim.requests.map((r) => `${r.method} ${r.path}`);
    const writes = log.flatMap((entry, i) => (entry === `POST ${appPath}` ? [i] : []));
    expect(writes).toHaveLength(2);
    for (const i of writes) expect(log[i - 1]).toBe(`GET ${appPath}`);
  });

  it('loses a dashboard edit made between its read and its write, and syncDomains from the panel records restores it', async ({
    api,
  }) => {
    const panelRecords = ['shop.org', 'dashboard-added.org'];
    const sp = api.integration();
    // The dashboard adds a name (and removes example.com) right after our read is answered.
    api.sim.faults.add({
      method: 'GET',
      path: '/apps/:id',
      fault: {
        kind: 'concurrent-writer',
        when: 'after-read',
        change: { add: ['dashboard-added.org'], remove: ['example.com'] },
      },
    });
    const report = await sp.addDomain('shop.org')();
    // The honest limit: the change reports success, the dashboard's add is gone, its removal undone.
    expect(E.isRight(report)).toBe(true);
    expect(api.domains()).not.toContain('dashboard-added.org');
    expect(api.domains()).toContain('example.com');
    // The repair: the panel's own records, synced.
    const repaired = await unwrap(sp.syncDomains(panelRecords));
    expect(repaired.plan.added).toEqual(['dashboard-added.org', 'www.dashboard-added.org']);
    for (const name of panelRecords) expect(api.domains()).toContain(name);
  });
});

describe('the Guarantees section', () => {
  plain.for(['README.md', 'docs/integration.md'])(
    '%s says what holds with and without a lock, what an outside edit risks, the window, and the repair',
    (file) => {
      const text = section(read(file), 'Guarantees');
      expect(text, `${file} has a "## Guarantees" section`).not.toBe('');
      for (const phrase of [
        'lock',
        'WriteConflict',
        'compare-and-swap',
        'dashboard',
        'syncDomains',
        'npm run bench:window',
        'npm run bench:writers',
      ]) {
        expect(text, `${file} Guarantees mentions ${phrase}`).toContain(phrase);
      }
      // The measured window is written down, in milliseconds.
      expect(text).toMatch(/median of about \d+(\.\d+)? ms/);
    },
  );

  plain('points every "no lost domains" promise in the README to the Guarantees section', () => {
    const readme = read('README.md');
    const own = section(readme, 'Guarantees');
    const promises = [...readme.replace(own, '').matchAll(/no lost domains/gi)];
    expect(promises.length).toBeGreaterThan(0);
    for (const promise of promises) {
      const around = readme.replace(own, '').slice(promise.index, (promise.index ?? 0) + 200);
      expect(around).toContain('(#guarantees)');
    }
  });
});
