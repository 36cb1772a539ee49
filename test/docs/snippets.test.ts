/**
 * Every TypeScript block of README.md and docs/*.md, as a reader would copy it:
 *
 * - typechecked as an ES module (`module: nodenext`) and as CommonJS (`module: node16`, a
 *   `"type": "commonjs"` package), with the package's strict settings, `serverpilot-domains`,
 *   `serverpilot-domains/testing` and `serverpilot-domains/redis` resolving to this repository's
 *   sources (no build needed). One program per module kind holds every block.
 * - In CommonJS, a block that awaits at the top level is checked as the async main the docs tell
 *   CommonJS and ts-node users to write (async-main.ts).
 * - Blocks marked `<!-- snippet: run -->` also run, in child processes (tsx's ESM loader, and
 *   `require` through tsx's CommonJS hook), each against its own simulator on 127.0.0.1 whose URL
 *   and credentials arrive as SERVERPILOT_BASE_URL / _CLIENT_ID / _API_KEY / _APP_ID. Nothing else
 *   is reachable (loopback-only.cjs).
 * - Blocks marked `<!-- snippet: fragment (why) -->` are not compiled, and are counted.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerPilotSimulator, SIMULATOR_CREDENTIALS, SIMULATOR_IDS } from '../../src/testing/index.js';
import { asyncMainVariant, usesTopLevelAwait } from './async-main.js';
import { extractFences, isTypeScript, type Unit, unitsOf } from './markdown.js';

const root = resolve(import.meta.dirname, '../..');
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];
const fences = pages.flatMap((page) => extractFences(readFileSync(join(root, page), 'utf8'), page));
const units = pages.flatMap((page) => unitsOf(fences.filter((f) => f.file === page)));
const fragments = fences.filter((f) => isTypeScript(f) && f.flags.has('fragment'));
const runnable = units.filter((u) => u.run);

type Kind = 'esm' | 'cjs';

const entries = {
  'serverpilot-domains': 'src/index.ts',
  'serverpilot-domains/testing': 'src/testing/index.ts',
  'serverpilot-domains/redis': 'src/redis/index.ts',
};
const paths = Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, [join(root, path)]]));

/** The package's strict settings (tsconfig.json), in each module system. */
const optionsFor = (kind: Kind): ts.CompilerOptions => ({
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  types: ['node'],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  useUnknownInCatchVariables: true,
  isolatedModules: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  moduleDetection: ts.ModuleDetectionKind.Force,
  paths,
  ...(kind === 'esm'
    ? {
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        verbatimModuleSyntax: true,
      }
    : // verbatimModuleSyntax forbids `import` in CommonJS files, which is what CommonJS users write.
      { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }),
});

/**
 * TS1479 (TS1541 for `import type`) says a CommonJS file imports an ES module. Here `paths` maps the package to its sources,
 * which are ES modules; the published package has a CommonJS build with its own declarations
 * (`.d.cts`, checked by arethetypeswrong in CI), so for the package's own entries it is expected.
 */
const expectedInCommonJs = (d: ts.Diagnostic): boolean => {
  if ((d.code !== 1479 && d.code !== 1541) || d.file === undefined || d.start === undefined) return false;
  const specifier = d.file.text.slice(d.start, d.start + (d.length ?? 0)).replace(/^['"]|['"]$/g, '');
  return specifier in entries;
};

interface Generated {
  readonly unit: Unit;
  readonly file: Record<Kind, string>;
  /** For each line of each generated file, the page line it came from (undefined when added). */
  readonly origin: Record<Kind, (line: number) => string | undefined>;
  readonly wrapped: boolean;
}

let dir = '';
let generated: Generated[] = [];
const problems: Record<Kind, Map<string, string[]>> = { esm: new Map(), cjs: new Map() };

const slug = (id: string): string => id.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

beforeAll(() => {
  mkdirSync(join(root, '.snippets'), { recursive: true });
  dir = mkdtempSync(join(root, '.snippets', 'check-'));
  for (const [kind, type] of [
    ['esm', 'module'],
    ['cjs', 'commonjs'],
  ] as const) {
    mkdirSync(join(dir, kind));
    writeFileSync(join(dir, kind, 'package.json'), `${JSON.stringify({ type })}\n`);
  }
  // tsx reads `paths` from here when the blocks run.
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { paths } }, null, 2));
  generated = units.map((unit) => {
    const name = `${slug(unit.id)}.ts`;
    const variant = asyncMainVariant(unit.code);
    const file = { esm: join(dir, 'esm', name), cjs: join(dir, 'cjs', name) };
    writeFileSync(file.esm, `${unit.code}\n`);
    writeFileSync(file.cjs, `${variant.code}\n`);
    const at = (line: number | undefined) => {
      const o = line === undefined ? undefined : unit.origins[line];
      return o === undefined ? undefined : `${o.file}:${o.line}`;
    };
    return {
      unit,
      file,
      origin: { esm: (line) => at(line), cjs: (line) => at(variant.lines[line]) },
      wrapped: usesTopLevelAwait(unit.code),
    };
  });
  for (const kind of ['esm', 'cjs'] as const) {
    const checked = generated.filter((g) => kind === 'esm' || !g.unit.esmOnly);
    const program = ts.createProgram({
      rootNames: checked.map((g) => g.file[kind]),
      options: optionsFor(kind),
      host: ts.createCompilerHost(optionsFor(kind), true),
    });
    const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
    if (global.length > 0) throw new Error(ts.formatDiagnostics(global, formatHost));
    for (const g of checked) {
      const source = program.getSourceFile(g.file[kind]);
      if (source === undefined) throw new Error(`${g.file[kind]} is not in the ${kind} program`);
      const found = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
        .filter((d) => !(kind === 'cjs' && expectedInCommonJs(d)))
        .map((d) => {
          const line = d.start === undefined ? undefined : source.getLineAndCharacterOfPosition(d.start).line;
          const where =
            (line === undefined ? undefined : g.origin[kind](line)) ?? `${g.unit.id} (added line)`;
          return `${where}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
        });
      problems[kind].set(g.unit.id, found);
    }
  }
}, 120_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
  const cjs = generated.filter((g) => !g.unit.esmOnly);
  const wrapped = cjs.filter((g) => g.wrapped).length;
  console.log(
    [
      `docs snippets: ${fences.filter(isTypeScript).length} TypeScript blocks in ${pages.length} pages;`,
      `typechecked: ${units.length} as ES modules, ${cjs.length} as CommonJS (${wrapped} of them as an async main);`,
      `run: ${runnable.length} as ES modules and ${runnable.filter((u) => !u.esmOnly).length} as CommonJS;`,
      `fragments, not compiled: ${fragments.length}`,
    ].join(' '),
  );
});

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n',
};

describe('the TypeScript blocks of README.md and docs/*.md', () => {
  it('are found, in every page that has any', () => {
    expect(units.length).toBeGreaterThan(20);
    expect(runnable.length).toBeGreaterThan(5);
    expect(new Set(units.map((u) => u.id.split(':')[0]))).toContain('README.md');
  });

  it.for(units.map((u) => u.id))('%s typechecks as an ES module (module nodenext)', (id) => {
    expect(problems.esm.get(id)).toEqual([]);
  });

  it.for(units.filter((u) => !u.esmOnly).map((u) => u.id))(
    '%s typechecks as CommonJS (module node16)',
    (id) => {
      expect(problems.cjs.get(id)).toEqual([]);
    },
  );
});

/** Two child processes at a time: the machine is shared. */
const limit = (() => {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <A>(task: () => Promise<A>): Promise<A> => {
    if (active >= 2) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
})();

const runIn = async (
  kind: Kind,
  file: string,
): Promise<{ code: number | null; output: string; requests: number }> => {
  const sim = createServerPilotSimulator();
  const server = await sim.listen();
  try {
    const guard = join(import.meta.dirname, 'loopback-only.cjs');
    const args =
      kind === 'esm'
        ? ['--require', guard, '--import', 'tsx', file]
        : ['--require', guard, '--require', 'tsx/cjs', '-e', 'require(process.argv[1])', file];
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        TSX_TSCONFIG_PATH: join(dir, 'tsconfig.json'),
        NO_COLOR: '1',
        SERVERPILOT_CLIENT_ID: SIMULATOR_CREDENTIALS.clientId,
        SERVERPILOT_API_KEY: SIMULATOR_CREDENTIALS.apiKey,
        SERVERPILOT_APP_ID: SIMULATOR_IDS.appId,
        SERVERPILOT_BASE_URL: server.url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((r) => child.on('close', r));
    clearTimeout(timer);
    return { code, output, requests: sim.requests.length };
  } finally {
    await server.close();
  }
};

const readsTheEnvironment = (code: string): boolean =>
  /process\.env\.SERVERPILOT_|loadConfigFromEnv\(/.test(code) &&
  !code.includes('createServerPilotSimulator(');

describe.concurrent('the blocks marked to run', () => {
  it.for(runnable.map((u) => u.id))(
    '%s runs against the simulator as an ES module and as CommonJS, and exits 0',
    { timeout: 180_000 },
    async (id) => {
      const g = generated.find((x) => x.unit.id === id);
      if (g === undefined) throw new Error(`${id} was not generated`);
      for (const kind of g.unit.esmOnly ? (['esm'] as const) : (['esm', 'cjs'] as const)) {
        const { code, output, requests } = await limit(() => runIn(kind, g.file[kind]));
        expect(code, `${id} as ${kind} (${relative(root, g.file[kind])}):\n${output}`).toBe(0);
        // A block configured from SERVERPILOT_* talked to the simulator those variables named.
        if (readsTheEnvironment(g.unit.code))
          expect(requests, `${id} as ${kind}: requests`).toBeGreaterThan(0);
      }
    },
  );
});
