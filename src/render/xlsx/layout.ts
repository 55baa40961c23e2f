// Column widths from content and row heights from wrapping: one place for every sheet.
// Excel measures widths in digits of the default 11 pt font (about 7 px); a Chinese
// character of the 11 pt body face is about two of them, so display width ≈ width units.
import { SIZES, lineHeight, ROW_PADDING, type ColumnKind } from './styles';
import { displayWidth, widestLine, wrappedLines } from './text';

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
}

/** A cell as the layout sees it: text, a number (序号), or nothing. */
export type CellValue = string | number | null;

interface Bounds {
  min: number;
  max: number;
}

// Headers stay on one line (their columns are sized for them): a wrapped header breaks
// wherever the reader's font decides, leaving a lone character ("况") on its own line.
const BOUNDS: Record<ColumnKind, Bounds> = {
  seq: { min: 6, max: 10 },
  short: { min: 8, max: 16 },
  name: { min: 10, max: 28 },
  url: { min: 12, max: 36 },
  result: { min: 8, max: 16 },
  flag: { min: 8, max: 14 },
  problems: { min: 16, max: 36 },
};

/** width units per display column (11 pt CJK ≈ 14.7 px, a width unit ≈ 7 px) */
const PER_COLUMN = 1.05;
/** breathing room added to the widest content, in width units */
const PADDING = 1;

function cellWidth(v: CellValue): number {
  if (v === null) return 0;
  return typeof v === 'number' ? String(v).length : widestLine(v);
}

/** Collects the widest content of every column, then turns it into bounded widths. */
export class WidthMeter {
  private readonly widest: number[];
  /** content width beyond which the column is at its maximum anyway */
  private readonly ceiling: number[];

  constructor(private readonly columns: readonly ColumnSpec[]) {
    // headers are set in the larger heading face
    this.widest = columns.map((c) => (displayWidth(c.header) * SIZES.heading) / SIZES.body);
    this.ceiling = columns.map((c) => (BOUNDS[c.kind].max - PADDING) / PER_COLUMN);
  }

  add(values: readonly CellValue[]): void {
    for (let i = 0; i < this.widest.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      const widest = this.widest[i];
      // cheap skips (this runs for every row of a national round): a column already at its
      // maximum, or a text too short to be wider than what was seen (a character is at most 2)
      if (widest >= this.ceiling[i]) continue;
      if (typeof v === 'string' && v.length * 2 <= widest) continue;
      const w = cellWidth(v);
      if (w > widest) this.widest[i] = w;
    }
  }

  widths(): number[] {
    return this.columns.map((c, i) => {
      const { min, max } = BOUNDS[c.kind];
      const w = this.widest[i] * PER_COLUMN + PADDING;
      // half units keep the XML short and the result stable across platforms
      return Math.min(max, Math.max(min, Math.ceil(w * 2) / 2));
    });
  }
}

/** Display columns of text that fit in a column of the given width (the padding is slack, not margin). */
function capacity(width: number): number {
  return width / PER_COLUMN;
}

/** Lines the tallest cell of a row wraps to, at a font size (a larger face fits less). */
export function rowLines(values: readonly CellValue[], widths: readonly number[], size: number = SIZES.body): number {
  let lines = 1;
  for (let i = 0; i < widths.length; i++) {
    const v = values[i];
    if (typeof v !== 'string' || v === '') continue;
    const room = (capacity(widths[i]) * SIZES.body) / size;
    // most cells are short single lines: no need to measure them
    if (v.length * 2 <= room && v.indexOf('\n') < 0) continue;
    const n = wrappedLines(v, room);
    if (n > lines) lines = n;
  }
  return lines;
}

/** Row height in points for a number of lines at a font size. */
export function heightFor(lines: number, size: number = SIZES.body): number {
  return lines * lineHeight(size) + ROW_PADDING;
}

/** Height of a row spanning all columns (a merged title or group row). */
export function spanningHeight(text: string, widths: readonly number[], size: number): number {
  const total = widths.reduce((a, b) => a + b, 0);
  // a larger face takes proportionally more of the row
  const lines = wrappedLines(text, (capacity(total) * SIZES.body) / size);
  return heightFor(lines, size);
}
