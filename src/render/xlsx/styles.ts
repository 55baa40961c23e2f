// The cell styles every annex sheet uses, created once. exceljs caches a style's
// index by object identity, so sharing these objects (never copying them per cell)
// keeps a 150,000-row sheet to a handful of entries in styles.xml and keeps it fast.
import type { Alignment, Borders, Font, Style } from 'exceljs';

/** Typefaces of printed government annexes; charset 134 (GB2312) lets Excel pick a Chinese fallback. */
export const TYPEFACES = {
  title: '方正小标宋简体',
  heading: '黑体',
  body: '仿宋_GB2312',
} as const;

/** Point sizes; line heights below follow from them. */
export const SIZES = { label: 14, title: 18, heading: 12, body: 11 } as const;

function font(name: string, size: number): Partial<Font> {
  return { name, size, charset: 134 };
}

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDERED: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };

function align(horizontal: Alignment['horizontal'], wrap: boolean): Partial<Alignment> {
  return { horizontal, vertical: 'middle', wrapText: wrap };
}

/** Kinds of column: each has its alignment, text format and width bounds. */
export type ColumnKind = 'seq' | 'short' | 'name' | 'url' | 'result' | 'flag' | 'problems';

// "@" (text) format: a value typed into such a cell later stays text, even one
// starting with "=", so staff correcting a name cannot turn it into a formula.
const TEXT = '@';

function cell(horizontal: Alignment['horizontal'], wrap: boolean, numFmt?: string): Partial<Style> {
  const s: Partial<Style> = { font: font(TYPEFACES.body, SIZES.body), border: BORDERED, alignment: align(horizontal, wrap) };
  if (numFmt) s.numFmt = numFmt;
  return s;
}

export const STYLES = {
  label: { font: font(TYPEFACES.heading, SIZES.label), alignment: align('left', false) } as Partial<Style>,
  title: { font: font(TYPEFACES.title, SIZES.title), alignment: align('center', true) } as Partial<Style>,
  /** 州直部门网站 / （一）… rows spanning the table */
  group: { font: font(TYPEFACES.heading, SIZES.heading), border: BORDERED, alignment: align('left', true) } as Partial<Style>,
  header: { font: font(TYPEFACES.heading, SIZES.heading), border: BORDERED, alignment: align('center', true) } as Partial<Style>,
  cell: {
    seq: cell('center', false),
    short: cell('center', true, TEXT),
    name: cell('left', true, TEXT),
    url: cell('left', true, TEXT),
    result: cell('center', false, TEXT),
    flag: cell('center', false, TEXT),
    problems: cell('left', true, TEXT),
  } as Record<ColumnKind, Partial<Style>>,
  /** conditional format for 不合格: dark red and bold, legible in black-and-white print too */
  failing: { font: { color: { argb: 'FFC00000' }, bold: true } } as Partial<Style>,
};

/** Line height in points for a font size (CJK faces need about 1.3 × the size). */
export function lineHeight(size: number): number {
  return Math.ceil(size * 1.3 * 2) / 2;
}

/** Vertical padding of a row, points. */
export const ROW_PADDING = 4;

/** Footer: page numbers as the printed annex shows them. */
export const FOOTER = '&C第 &P 页 共 &N 页';

/** Margins in inches (Excel's unit): about 1.5 cm at the sides, 2 cm top and bottom. */
export const MARGINS = { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.4, footer: 0.4 };

/** A4 (paperSize 9), fitted one page wide and as many pages tall as needed. */
export function pageSetup(orientation: 'portrait' | 'landscape', titleRows: [number, number]) {
  return {
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: MARGINS,
    horizontalCentered: true,
    printTitlesRow: `${titleRows[0]}:${titleRows[1]}`,
  };
}
