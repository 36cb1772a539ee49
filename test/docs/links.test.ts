/**
 * The front door's links: every relative link of README.md and docs/*.md leads to a file the npm
 * package ships (so it works in an installed copy, not only on GitHub), every `#anchor` names a
 * heading, and docs/README.md lists every page of docs/.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const docs = readdirSync(join(root, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .sort();
const pages = ['README.md', ...docs.map((f) => `docs/${f}`)];

/** Markdown outside fenced code blocks: links in code are examples, not links. */
const prose = (markdown: string): string => markdown.replace(/^(\s*)(```|~~~)[\s\S]*?^\1\2\s*$/gm, '');

const linksOf = (markdown: string): string[] =>
  [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)].flatMap((m) => (m[1] === undefined ? [] : [m[1]]));

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens. */
const anchorsOf = (markdown: string): Set<string> =>
  new Set(
    [...prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map((m) =>
      (m[1] ?? '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    ),
  );

const packageFiles: readonly string[] = JSON.parse(read('package.json')).files;
/** npm packs these whatever `files` says (not CHANGELOG.md: npm 7 and later pack it only when listed). */
const alwaysPacked = ['README.md', 'LICENSE', 'package.json'];
const shipped = (path: string): boolean =>
  alwaysPacked.includes(path) || packageFiles.some((entry) => path === entry || path.startsWith(`${entry}/`));

describe('links of README.md and docs/*.md', () => {
  it.for(pages)(
    'every relative link of %s leads to a shipped file, and every anchor to a heading',
    (page) => {
      const broken: string[] = [];
      for (const link of linksOf(read(page))) {
        if (/^[a-z]+:/i.test(link)) continue;
        const [path = '', anchor] = link.split('#');
        const target = path === '' ? page : relative(root, resolve(join(root, dirname(page)), path));
        if (!existsSync(join(root, target))) {
          broken.push(`${link}: no ${target}`);
          continue;
        }
        if (!shipped(target)) broken.push(`${link}: ${target} is not in package.json "files"`);
        if (
          anchor !== undefined &&
          statSync(join(root, target)).isFile() &&
          !anchorsOf(read(target)).has(anchor)
        ) {
          broken.push(`${link}: no heading "#${anchor}" in ${target}`);
        }
      }
      expect(broken).toEqual([]);
    },
  );

  it('docs/README.md lists every page of docs/ on a line of its own, and the README links to it', () => {
    const index = read('docs/README.md');
    for (const page of docs.filter((f) => f !== 'README.md')) {
      const lines = index.split('\n').filter((line) => line.startsWith('- ') && line.includes(`](${page})`));
      expect(lines, `docs/README.md lists ${page} once`).toHaveLength(1);
    }
    expect(linksOf(read('README.md'))).toContain('docs/README.md');
  });
});
