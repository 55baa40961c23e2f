// Plain-text tables that stay aligned with Chinese text (a CJK character is two columns).
import { displayWidth } from '../text/width';

export type Align = 'left' | 'right';

export function pad(s: string, width: number, align: Align = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'left' ? s + fill : fill + s;
}

export function table(rows: string[][], align: Align[] = []): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  return rows
    .map((r) => r.map((c, i) => pad(c, widths[i], align[i] ?? 'left')).join('  ').trimEnd())
    .join('\n');
}

/**
 * A cell's text in lines of at most `width` columns, broken between characters (a wide
 * character never split across lines, nor a surrogate pair); a space at a break is dropped.
 */
export function wrapCell(s: string, width: number): string[] {
  if (displayWidth(s) <= width) return [s];
  const lines: string[] = [];
  let line = '';
  let w = 0;
  for (const ch of s) {
    const cw = displayWidth(ch);
    if (w + cw > width && line !== '') {
      lines.push(line.trimEnd());
      line = '';
      w = 0;
      if (ch === ' ' || ch === '\u3000') continue;
    }
    line += ch;
    w += cw;
  }
  if (line !== '') lines.push(line);
  return lines;
}

export interface FitOptions {
  align?: Align[];
  /** the widest a line may be, separators included (not the caller's indent) */
  width: number;
  /** the columns that may be narrowed (wrapped onto more lines) to fit, e.g. names and values */
  shrink: number[];
  /** no shrinkable column is made narrower than this (default 10) */
  min?: number;
}

/**
 * table(), narrowed to fit `width` columns: while the table is too wide, the widest of the
 * shrinkable columns loses a column, and cells too long for their column go on to more lines of
 * the same row. A table that fits is printed exactly as table() prints it.
 */
export function fitTable(rows: string[][], opts: FitOptions): string {
  const min = opts.min ?? 10;
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * Math.max(0, widths.length - 1);
  while (total() > opts.width) {
    let widest = -1;
    for (const i of opts.shrink) if (widths[i] > min && (widest < 0 || widths[i] > widths[widest])) widest = i;
    if (widest < 0) break;
    widths[widest]--;
  }
  const out: string[] = [];
  for (const r of rows) {
    const cells = r.map((c, i) => wrapCell(c, widths[i]));
    const height = Math.max(1, ...cells.map((c) => c.length));
    for (let k = 0; k < height; k++) {
      out.push(
        cells
          .map((c, i) => pad(c[k] ?? '', widths[i], opts.align?.[i] ?? 'left'))
          .join('  ')
          .trimEnd(),
      );
    }
  }
  return out.join('\n');
}
