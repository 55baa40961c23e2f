// 附件2 for rounds of 1 to 6 inspected months (a quarter's 3 is the usual; the quarter rules allow
// the previous quarter's months too): every month a column with its heading, in order, as wide
// as its heading; the text columns as wide as their content whatever the number of months;
// landscape beyond a quarter's months.
import type { ReportModel } from '../../src/aggregate/model';
import { renderAnnex2 } from '../../src/render/xlsx';
import { displayWidth } from '../../src/render/xlsx/text';
import { SIZES } from '../../src/render/xlsx/styles';
import { smallModel } from './fixture';
import { rawValidations, readBook, sheetTexts, type Book } from './read';

/** The small model with `n` months ending with 2023-12; each row's results padded with 合格 or cut. */
function withMonths(n: number): ReportModel {
  const m = smallModel();
  m.months = Array.from({ length: n }, (_, i) => {
    const month = 13 - n + i;
    return { key: `2023-${String(month).padStart(2, '0')}`, month, label: `${month}月`, column: `${month}月更新情况` };
  });
  for (const s of m.annex2.sections) {
    for (const r of s.rows) {
      const all = [...Array(Math.max(0, n - r.results.length)).fill('合格'), ...r.results];
      r.results = all.slice(all.length - n);
    }
  }
  return m;
}

const letter = (i: number) => String.fromCharCode(64 + i);
const books = new Map<number, Book>();

beforeAll(async () => {
  for (let n = 1; n <= 6; n++) books.set(n, await readBook(await renderAnnex2(withMonths(n))));
});

describe.each([1, 2, 3, 4, 5, 6])('%i months', (n) => {
  const months = withMonths(n).months.map((m) => m.column);
  const last = letter(4 + n); // 序号 名称 主办单位, n months, 问题曝光情况

  test('each section repeats the header with the months in order; the title spans every column', () => {
    const b = books.get(n)!;
    const ws = b.wb.worksheets[0];
    const rows = sheetTexts(ws);
    const headers = rows.filter((r) => r[0] === '序号');
    expect(headers).toHaveLength(4);
    for (const h of headers) expect(h).toEqual(['序号', '名称', '主办单位', ...months, '问题曝光情况']);
    expect(ws.model.merges).toContain(`A2:${last}2`);
    // results under their months, 问题 last
    const first = rows.find((r) => r[1] === '黔东南州生态环境局')!;
    expect(first.slice(3, 3 + n)).toEqual(withMonths(n).annex2.sections[0].rows[0].results);
    const problems = rows.find((r) => r[1] === '黔东南民政')!;
    expect(problems[3 + n]).toBe('9月更新8天，少于每月不少于4天的要求\n@SUM(1,2)');
  });

  test('the 合格/不合格 drop-down covers the month columns only', async () => {
    const dv = rawValidations(await books.get(n)!.part('xl/worksheets/sheet1.xml'));
    expect(dv.length).toBeGreaterThan(0);
    for (const v of dv) for (const ref of v.sqref.split(' ')) expect(ref).toMatch(new RegExp(`^D\\d+:${letter(3 + n)}\\d+$`));
  });

  test('month columns fit their heading; 序号, 名称, 主办单位 and 问题 keep the widths of a 3-month round', () => {
    const widths = books.get(n)!.wb.worksheets[0].columns.map((c) => c.width!);
    const three = books.get(3)!.wb.worksheets[0].columns.map((c) => c.width!);
    expect(widths).toHaveLength(4 + n);
    months.forEach((h, i) => expect(widths[3 + i]).toBeGreaterThanOrEqual((displayWidth(h) * SIZES.heading) / SIZES.body));
    expect([...widths.slice(0, 3), widths[3 + n]]).toEqual([...three.slice(0, 3), three[6]]);
  });

  test(`the printed annex is ${n <= 3 ? 'portrait, as the seed’s' : 'landscape: portrait would print it at under two thirds'}, one page wide`, () => {
    const ws = books.get(n)!.wb.worksheets[0];
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: n <= 3 ? 'portrait' : 'landscape', fitToWidth: 1, fitToHeight: 0 });
  });

  test('数据 sheet: the months between 网址 and 是否不合格', () => {
    const rows = sheetTexts(books.get(n)!.wb.worksheets[1]);
    expect(rows[0]).toEqual(['类型', '级别', '名称', '主办单位', '网址', ...months, '是否不合格', '问题']);
    expect(rows[1].slice(5, 5 + n)).toEqual(withMonths(n).annex2.sections[0].rows[0].results);
  });
});
