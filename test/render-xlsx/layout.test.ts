// Width and height arithmetic: a Chinese character counts as two, widths stay within
// their column's bounds, long text wraps into taller rows.
import fc from 'fast-check';
import { heightFor, rowLines, spanningHeight, WidthMeter, type ColumnSpec } from '../../src/render/xlsx/layout';
import { displayWidth, safeSheetName, widestLine, wrappedLines } from '../../src/render/xlsx/text';

const chars = fc.constantFrom('a', 'Z', '1', ' ', '/', '黔', '东', '（', '，', '𠀀', 'ｱ');

describe('displayWidth', () => {
  test.each([
    ['', 0],
    ['abc', 3],
    ['http://kjj.qdn.gov.cn', 21],
    ['黔东南', 6],
    ['县（市）', 8],
    ['第四季度2023', 12],
    ['𠀀', 2], // beyond the BMP: one character, not two halves
  ])('%j is %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  test('adds up over concatenation', () => {
    fc.assert(
      fc.property(fc.array(chars), fc.array(chars), (a, b) => {
        expect(displayWidth(a.join('') + b.join(''))).toBe(displayWidth(a.join('')) + displayWidth(b.join('')));
      }),
    );
  });

  test('widestLine and wrappedLines treat each line of a multi-line text on its own', () => {
    expect(widestLine('短\n长一些的一行')).toBe(12);
    expect(wrappedLines('', 10)).toBe(1);
    expect(wrappedLines('a\nb', 10)).toBe(2);
    expect(wrappedLines('一二三四五六七八九十', 10)).toBe(2);
    expect(wrappedLines('一二三四五', 10)).toBe(1);
  });
});

describe('WidthMeter', () => {
  const columns: ColumnSpec[] = [
    { header: '序号', kind: 'seq' },
    { header: '名称', kind: 'name' },
    { header: '8月更新情况', kind: 'result' },
    { header: '问题曝光情况', kind: 'problems' },
  ];

  test('Chinese text makes a column about twice as wide as the same number of Latin letters', () => {
    const cn = new WidthMeter(columns);
    cn.add([1, '一二三四五六七八九十', '合格', null]);
    const en = new WidthMeter(columns);
    en.add([1, 'abcdefghij', '合格', null]);
    const [, wc] = cn.widths();
    const [, we] = en.widths();
    expect(wc).toBeGreaterThan(we * 1.6);
  });

  test('a header is never cut: its column is at least as wide as the header text', () => {
    const w = new WidthMeter(columns).widths();
    expect(w[2]).toBeGreaterThanOrEqual(displayWidth('8月更新情况'));
    expect(w[3]).toBeGreaterThanOrEqual(displayWidth('问题曝光情况'));
  });

  test('very long text is capped (and wraps) instead of making the sheet unprintably wide', () => {
    const m = new WidthMeter(columns);
    m.add([150000, '很长的名称'.repeat(20), '不合格', '问题'.repeat(100)]);
    const w = m.widths();
    expect(w[1]).toBe(28);
    expect(w[3]).toBe(36);
    expect(rowLines([150000, '很长的名称'.repeat(20), '不合格', '问题'.repeat(100)], w)).toBeGreaterThan(5);
  });

  test('widths stay within bounds and rows at least as tall as their lines, whatever the content', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.array(chars), fc.array(chars))), (rows) => {
        const m = new WidthMeter(columns);
        const values = rows.map(([n, a, b]) => [n, a.join(''), '合格', b.join('\n')]);
        values.forEach((v) => m.add(v));
        const w = m.widths();
        expect(w[0]).toBeGreaterThanOrEqual(6);
        expect(w[0]).toBeLessThanOrEqual(10);
        expect(w[1]).toBeGreaterThanOrEqual(10);
        expect(w[1]).toBeLessThanOrEqual(28);
        for (const v of values) {
          const lines = rowLines(v, w);
          expect(lines).toBeGreaterThanOrEqual((v[3] as string).split('\n').length);
          expect(heightFor(lines)).toBeGreaterThan(heightFor(lines - 1));
        }
      }),
    );
  });
});

test('a title longer than the table is wide wraps into a taller row', () => {
  const widths = [6, 20, 20];
  expect(spanningHeight('短标题', widths, 18)).toBeLessThan(spanningHeight('很长的标题'.repeat(10), widths, 18));
});

test('sheet names lose the characters Excel refuses and keep to 31 characters', () => {
  expect(safeSheetName('附件1')).toBe('附件1');
  expect(safeSheetName('a/b:c?d*e[f]g\\h')).toBe('a_b_c_d_e_f_g_h');
  expect(safeSheetName('长'.repeat(40))).toHaveLength(31);
});
