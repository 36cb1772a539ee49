/**
 * The CommonJS form of a snippet. CommonJS (and classic ts-node) has no top-level `await`, so a
 * snippet that uses it is checked and run there the way the docs tell CommonJS users to write it:
 * imports and type declarations stay at the top, the rest goes into `async function main()`, and
 * `main()` is called with its failure reported.
 */
import ts from 'typescript';

const isFunctionLike = (node: ts.Node): boolean =>
  ts.isFunctionDeclaration(node) ||
  ts.isFunctionExpression(node) ||
  ts.isArrowFunction(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessorDeclaration(node) ||
  ts.isSetAccessorDeclaration(node);

const parse = (code: string): ts.SourceFile =>
  ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);

/** Whether the code awaits outside any function (`await x`, `for await`, `await using`). */
export const usesTopLevelAwait = (code: string): boolean => {
  const visit = (node: ts.Node): boolean => {
    if (isFunctionLike(node)) return false;
    if (ts.isAwaitExpression(node)) return true;
    if (ts.isForOfStatement(node) && node.awaitModifier !== undefined) return true;
    if (
      ts.isVariableDeclarationList(node) &&
      (node.flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing
    ) {
      return true;
    }
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(parse(code));
};

/** Statements that must stay at the top level: imports, exports of types, type declarations, `declare`s. */
const staysOnTop = (statement: ts.Statement): boolean =>
  ts.isImportDeclaration(statement) ||
  ts.isImportEqualsDeclaration(statement) ||
  ts.isInterfaceDeclaration(statement) ||
  ts.isTypeAliasDeclaration(statement) ||
  (ts.canHaveModifiers(statement) &&
    (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword));

export interface Variant {
  readonly code: string;
  /** For each line of `code`, the line of the input it came from (0-based), or -1 when added. */
  readonly lines: readonly number[];
}

/**
 * The snippet as an async main, when it awaits at the top level; otherwise the snippet as it is.
 * Each line keeps a pointer to the line it came from, so errors are reported on the page.
 */
export const asyncMainVariant = (code: string): Variant => {
  const input = code.split('\n');
  if (!usesTopLevelAwait(code)) return { code, lines: input.map((_, i) => i) };
  const source = parse(code);
  // Each line belongs to the statement that ends on or after it (comments go with what follows).
  const top = new Array<boolean>(input.length).fill(false);
  let from = 0;
  for (const statement of source.statements) {
    const last = source.getLineAndCharacterOfPosition(statement.getEnd()).line;
    for (let line = from; line <= last; line++) top[line] = staysOnTop(statement);
    from = last + 1;
  }
  const hoisted = input.flatMap((_, i) => (top[i] ? [i] : []));
  const body = input.flatMap((_, i) => (top[i] ? [] : [i]));
  const added = (text: string) => ({ text, from: -1 });
  const out = [
    ...hoisted.map((i) => ({ text: input[i] ?? '', from: i })),
    added('async function main(): Promise<void> {'),
    // Not re-indented: a line inside a multi-line template literal must keep its text.
    ...body.map((i) => ({ text: input[i] ?? '', from: i })),
    added('}'),
    added('main().catch((error: unknown) => {'),
    added('  console.error(error);'),
    added('  process.exitCode = 1;'),
    added('});'),
  ];
  return { code: out.map((l) => l.text).join('\n'), lines: out.map((l) => l.from) };
};
