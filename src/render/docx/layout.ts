// GB/T 9704-2012 page and type as numbers (see ../../../../shared/spec/gbt9704.md and docs/layout.md).
// Twips throughout: 1 pt = 20 twips; run sizes are half-points.
import { isWideCodePoint } from '../../text/width';

export const PAGE = { width: 11906, height: 16838 } as const;
/** 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm */
export const MARGIN = { top: 2098, left: 1588, right: 1474, bottom: 1984 } as const;
/** Footer distance from the bottom edge: puts the page number's dash line about 7 mm below the 版心. */
export const FOOTER_DISTANCE = 1247;
/** 版心 width */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 8844
/** 28.95 pt: 22 lines fill the 225 mm 版心 exactly */
export const LINE = 579;
/** Title lines: about 36 pt, as the 2号 title needs */
export const TITLE_LINE = 720;

export const SIZE = { 二号: 44, 三号: 32, 四号: 28, 小四: 24 } as const;
/** -0.25 pt a character: with it 28 characters of 3号 fill a line in LibreOffice as in Word */
export const CHAR_SPACING = -5;
/** one character of 3号 text, as indents count it */
export const CHAR = 320;
/** the advance of one full-width 3号 character once CHAR_SPACING applies */
export const CHAR_ADVANCE = CHAR + CHAR_SPACING;

/** Official typefaces by their Windows names (Word and WPS have them); Latin text in Times New Roman. */
export const FACE = {
  xiaobiaosong: '方正小标宋简体',
  fangsong: '仿宋_GB2312',
  heiti: '黑体',
  kaiti: '楷体_GB2312',
  songti: '宋体',
  latin: 'Times New Roman',
} as const;

export function font(eastAsia: string, latin: string = FACE.latin) {
  return { ascii: latin, hAnsi: latin, cs: latin, eastAsia, hint: 'eastAsia' as const };
}

/**
 * Width of a text in 3号 characters: full-width (CJK and full-width punctuation) counts 1,
 * anything narrower (digits, Latin letters, half-width marks) counts ½.
 */
export function textWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = codePointAt(text, i);
    if (c > 0xffff) i++;
    w += flags(c) & WIDE ? 1 : 0.5;
  }
  return w;
}

/**
 * Width as printed: Word and LibreOffice put about a quarter character between Chinese and
 * Latin letters or digits (2023 年 11 月), so each such change of script adds ¼.
 */
export function printedWidth(text: string): number {
  let w = 0;
  let prev = 0;
  for (let i = 0; i < text.length; i++) {
    const c = codePointAt(text, i);
    if (c > 0xffff) i++;
    const f = flags(c);
    w += f & WIDE ? 1 : 0.5;
    if (f & ALNUM && prev & ALNUM && (f & WIDE) !== (prev & WIDE)) w += 0.25;
    prev = f;
  }
  // sums of halves and quarters are exact, so the order of the additions does not matter
  return w;
}

/** Width of one character (a code point) in 3号 characters, as textWidth counts it. */
export function charWidth(c: number): number {
  return flags(c) & WIDE ? 1 : 0.5;
}

/** The code point at UTF-16 index i, as `for…of` yields it (a lone surrogate as itself). */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

const ALNUM_RE = /[\p{L}\p{N}]/u;
const KNOWN = 1;
const WIDE = 2;
const ALNUM = 4;
/** What each code point is (KNOWN | WIDE | ALNUM), looked up once: the notice measures the same
 *  characters again and again (a national round's list of names is a paragraph of 200,000). */
let FLAGS: Uint8Array | null = null;

function flags(c: number): number {
  FLAGS ??= new Uint8Array(0x110000);
  let f = FLAGS[c];
  if (f === 0) {
    f = KNOWN | (isWide(c) ? WIDE : 0) | (ALNUM_RE.test(String.fromCodePoint(c)) ? ALNUM : 0);
    FLAGS[c] = f;
  }
  return f;
}

function isWide(c: number): boolean {
  return (
    isWideCodePoint(c) ||
    c === 0x2014 || // —— 破折号
    c === 0x2026 || // …… 省略号
    c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 // “” ‘’ set in the Chinese face
  );
}

/** Width of an annex table's 序号 column, in twips. */
export const SEQ_WIDTH = 720;

/** Widths: 序号, the first two shared columns, the fixed ones, the other shared ones; summing to the 版心. */
export function columnWidths(fixed: number[], weights: number[]): number[] {
  const rest = TEXT_WIDTH - SEQ_WIDTH - fixed.reduce((a, b) => a + b, 0);
  const sum = weights.reduce((a, b) => a + b, 0);
  const shared = weights.map((w) => Math.floor((rest * w) / sum));
  shared[shared.length - 1] += rest - shared.reduce((a, b) => a + b, 0);
  return [SEQ_WIDTH, ...shared.slice(0, 2), ...fixed, ...shared.slice(2)];
}
