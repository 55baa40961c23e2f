// The notice's width measures are read character by character through a table of what each
// code point is (render/docx/layout.ts); they must give exactly what the straightforward
// definitions give, for any text: the page breaks of the preview and the docx depend on them.
import fc from 'fast-check';
import * as path from 'path';
import type { ReportModel } from '../../src/aggregate/model';
import { loadModel } from '../../src/pipeline';
import { ANNEX2_TEXT_MIN, annex2Table, annex2Widths, stackedLines } from '../../src/render/docx/annex-tables';
import { TEXT_WIDTH, charWidth, printedWidth, textWidth } from '../../src/render/docx/layout';
import { isWideCodePoint } from '../../src/text/width';
import { monthsEdits, roundCopy } from '../support/round-fixture';

const ROOT = path.join(__dirname, '..', '..');

// the definitions as first written: per character of `for…of`, regexes per character
const wide = (ch: string) => {
  const c = ch.codePointAt(0) ?? 0;
  return isWideCodePoint(c) || [0x2014, 0x2026, 0x201c, 0x201d, 0x2018, 0x2019].includes(c);
};
const ALNUM = /[\p{L}\p{N}]/u;
function textWidthRef(text: string): number {
  let w = 0;
  for (const ch of text) w += wide(ch) ? 1 : 0.5;
  return w;
}
function printedWidthRef(text: string): number {
  const chars = [...text];
  let w = textWidthRef(text);
  for (let i = 1; i < chars.length; i++) if (ALNUM.test(chars[i - 1]) && ALNUM.test(chars[i]) && wide(chars[i - 1]) !== wide(chars[i])) w += 0.25;
  return w;
}

// Chinese, Latin, digits, full-width forms, quotes and dashes, astral ideographs (𠀀), emoji, lone surrogates
const piece = fc.constantFrom('局', '教育', 'A', 'b9', '2023', '年', '（', '）', '“', '”', '——', '…', ' ', '．', 'Ｂ', '〇', '𠀀', '😀', '\ud800', '\udc00', '\u3000', 'é', '\t');
const text = fc.array(piece, { maxLength: 30 }).map((xs) => xs.join(''));

test('textWidth and printedWidth equal their definitions for any text', () => {
  fc.assert(
    fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 30 })), (s) => {
      expect(textWidth(s)).toBe(textWidthRef(s));
      expect(printedWidth(s)).toBe(printedWidthRef(s));
    }),
    { numRuns: 2000 },
  );
});

test('charWidth of each code point is what textWidth counts for it', () => {
  for (const ch of ['局', 'A', '“', '—', '…', '𠀀', '😀', '\ud800', '，', ',']) expect(charWidth(ch.codePointAt(0)!)).toBe(textWidthRef(ch));
  expect(printedWidth('2023年11月23日')).toBe(8.25);
});

// 附件2 in the notice with more months than a quarter's: the month columns take what 不合格 and
// their stacked heading need, the text columns the rest (render/docx/annex-tables.ts).
describe('附件2 widths with 4 to 6 months', () => {
  /** 3 characters of 小四 (240 twips) a line and the cell's margins (160) */
  const TEXT_MIN = 3 * 240 + 160;
  /** 不合格 (3 characters), the margins and 40 of slack */
  const MONTH = 3 * 240 + 160 + 40;
  const columns = (n: number) => Array.from({ length: n }, (_, i) => `${13 - n + i}月更新情况`);

  test('the stated minimum is three characters of 小四 a line', () => {
    expect(ANNEX2_TEXT_MIN).toBe(TEXT_MIN);
  });

  // [months, 上季度结果, 问题曝光情况, 序号 名称 主办单位 … 问题]
  test.each([
    [4, false, false, [680, 2024, 2460, MONTH, MONTH, MONTH, MONTH]],
    [4, false, true, [680, 1396, 1593, MONTH, MONTH, MONTH, MONTH, 1495]],
    [5, false, false, [680, 1637, 1927, MONTH, MONTH, MONTH, MONTH, MONTH]],
    [5, false, true, [680, 1138, 1237, MONTH, MONTH, MONTH, MONTH, MONTH, 1189]],
    [5, true, true, [680, 881, 881, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, 882]],
    [6, false, false, [680, 1251, 1393, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH]],
    [6, false, true, [680, 881, 881, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, 882]],
  ])('%i months, 上季度结果 %s, 问题 %s: text columns at least the minimum, all summing to the 版心', (n, previous, problems, want) => {
    const w = annex2Widths(columns(n), previous ? '上季度结果' : null, problems);
    expect(w).toEqual(want);
    expect(w.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
    const text = [w[1], w[2], ...(problems ? [w[w.length - 1]] : [])];
    for (const t of text) expect(t).toBeGreaterThanOrEqual(TEXT_MIN);
  });

  test('6 months with 上季度结果: the minimum cannot fit; the text columns share what is left evenly', () => {
    for (const problems of [false, true]) {
      const w = annex2Widths(columns(6), '上季度结果', problems);
      expect(w.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
      expect(w.slice(3, 10)).toEqual(Array(7).fill(MONTH));
      const text = [w[1], w[2], ...(problems ? [w[10]] : [])];
      expect(Math.max(...text) - Math.min(...text)).toBeLessThanOrEqual(2);
    }
  });

  test('up to 3 months the widths are those the seed prints (month columns for their heading on two lines)', () => {
    // the seed's 附件2 (__golden__/seed.document.xml): 8月, 9月, 10月; no 问题曝光情况
    expect(annex2Widths(['8月更新情况', '9月更新情况', '10月更新情况'], null, false)).toEqual([720, 1874, 2590, 1220, 1220, 1220]);
  });

  describe.each([4, 5, 6])('a copy of the seed with %i months', (n) => {
    let model: ReportModel;
    beforeAll(async () => {
      model = await loadModel(roundCopy(monthsEdits(n, true)).dir, ROOT);
    });

      test('the notice prints those widths, each month heading stacked as 10月 / 更新 / 情况', () => {
      expect(model.months.map((m) => m.column)).toEqual(columns(n));
      const xml = annex2Table(model, model.annex2.sections[0]);
      const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(grid).toEqual(annex2Widths(columns(n), null, true));
      expect(grid.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
      for (const t of [grid[1], grid[2], grid[grid.length - 1]]) expect(t).toBeGreaterThanOrEqual(TEXT_MIN);
      expect(grid.slice(3, 3 + n)).toEqual(Array(n).fill(MONTH));
      const head = xml.slice(0, xml.indexOf('</w:tr>'));
      const cells = [...head.matchAll(/<w:tc>(.*?)<\/w:tc>/g)].map((c) => [...c[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]));
      expect(cells[3 + n - 3]).toEqual(['10月', '更新', '情况']);
      expect(cells[3 + n - 1]).toEqual(['12月', '更新', '情况']);
      // every heading line fits its column
      cells.forEach((lines, i) => {
        for (const l of lines) expect(printedWidth(l) * 240 + 160).toBeLessThanOrEqual(grid[i]);
      });
      expect(cells[cells.length - 1].join('')).toBe('问题曝光情况');
    });
  });
});

test.each([
  ['10月更新情况', 3.17, ['10月', '更新', '情况']],
  ['9月更新情况', 3.17, ['9月', '更新', '情况']],
  ['主办单位', 3, ['主办', '单位']],
  ['主办单位', 4, ['主办单位']],
  ['问题曝光情况', 3, ['问题', '曝光', '情况']],
  ['上季度结果', 3, ['上季度', '结果']],
])('a compact heading %j in lines of %f characters: %j', (label, perLine, lines) => {
  expect(stackedLines(label, perLine)).toEqual(lines);
});
