/**
 * Rows for people and for scripts: on a terminal, a padded table under a bold header; otherwise
 * one tab-separated line per row, no header, no colour, so `cut -f1` and `grep` just work.
 */
import type { Io } from './io.js';

/** A cell: its text, and how to colour it on a terminal. */
export interface Cell {
  readonly text: string;
  readonly paint?: (s: string) => string;
}

export type Row = readonly (Cell | string)[];

const cell = (c: Cell | string): Cell => (typeof c === 'string' ? { text: c } : c);
// Tabs and newlines inside a cell would break the line format; control characters never print.
const flat = (s: string): string => s.replace(/[\t\r\n]+/g, ' ').replace(/\p{Cc}/gu, '');

export const renderTable = (io: Io, headers: readonly string[], rows: readonly Row[]): string => {
  if (!io.tty) return rows.map((row) => row.map((c) => flat(cell(c).text)).join('\t')).join('\n');
  const cells = rows.map((row) => row.map((c) => ({ ...cell(c), text: flat(cell(c).text) })));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]?.text.length ?? 0)));
  const last = headers.length - 1;
  const line = (row: readonly Cell[]): string =>
    row
      .map((c, i) => {
        const padded = i === last ? c.text : c.text.padEnd(widths[i] ?? 0);
        return c.paint === undefined ? padded : c.paint(padded);
      })
      .join('  ')
      .trimEnd();
  return [line(headers.map((h) => ({ text: h, paint: io.style.bold }))), ...cells.map(line)].join('\n');
};
