// SheetWriter writes each row's XML itself (src/render/xlsx/rows.ts) instead of going through
// exceljs's Row, Cell and RowXform. These tests hold it to exceljs's own bytes: every workbook is
// written twice — once by SheetWriter, once by a writer whose rows go through exceljs as the
// annex writer used to do (ExceljsRows below) — and the files must be identical, byte for byte.
// The values are the tricky ones: XML specials, formula look-alikes, line breaks, surrounding
// spaces, astral characters, control characters XML 1.0 forbids, empty cells and numbers.
import { mkdtemp, readFile, rm } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import type * as ExcelJS from 'exceljs';
import type { Style } from 'exceljs';
import JSZip from 'jszip';
import { writeAnnex1, writeAnnex2 } from '../../src/render/xlsx';
import type { CellValue, ColumnSpec } from '../../src/render/xlsx/layout';
import { heightFor } from '../../src/render/xlsx/layout';
import { SheetWriter } from '../../src/render/xlsx/sheet';
import { writeWorkbook } from '../../src/render/xlsx/workbook';
import { smallModel } from './fixture';

/** The rows as exceljs's streaming writer writes them: addRow, a style per cell, mergeCells, commit. */
class ExceljsRows extends SheetWriter {
  protected override put(values: readonly CellValue[], styles: readonly Partial<Style>[], height: number, merge: boolean): void {
    const row = this.ws.addRow(values.map((v): ExcelJS.CellValue => (v === null || v === '' ? null : typeof v === 'number' ? v : { richText: [{ text: v }] })));
    this.rowNo = row.number;
    const count = merge ? this.n : values.length;
    for (let c = 0; c < count; c++) row.getCell(c + 1).style = styles[merge ? 0 : c];
    if (merge && this.n > 1) this.ws.mergeCells(this.rowNo, 1, this.rowNo, this.n);
    if (height !== heightFor(1)) row.height = height;
    row.commit();
  }
}

// each a name, owner, url or problem; some also start or end a multi-line problem text
const TRICKY: [string, string][] = [
  ['ampersand', 'A&B 局 &amp; 办'],
  ['angle brackets', '<script>alert(1)</script> > <'],
  ['quotes', `"双引号" 'single' “中文引号”`],
  ['formula =', '=HYPERLINK("http://evil.example","点我")'],
  ['formula +', '+86 0855-8235320'],
  ['formula -', '-1+2'],
  ['formula @', '@SUM(A1:A3)'],
  ['line breaks', '第一行\n第二行\r\n第三行'],
  ['surrounding spaces', ' 前后空格 '],
  ['tab', '\t缩进'],
  ['ideographic space', '\u3000全角空格\u3000'],
  ['emoji and astral', '政务😀微博 𠀋𪚥'],
  ['control characters', 'a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\u007fh'],
  ['lone surrogate', 'x\ud800y'],
  ['entity-looking', '&lt;&#x41;&unknown;'],
  ['xml-ish', '<![CDATA[x]]> <?xml?> _x0041_'],
  ['non-characters', '\ufffe\uffff'],
  ['only spaces', '   '],
  ['long', '很长的问题描述，'.repeat(60)],
];

async function bytesOf(write: (path: string) => Promise<void>): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'tongbao-rows-'));
  try {
    const path = join(dir, 'book.xlsx');
    await write(path);
    return await readFile(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** On a difference, the first part that differs and where: far more telling than two hashes. */
async function expectSameBytes(ours: Buffer, theirs: Buffer): Promise<void> {
  if (ours.equals(theirs)) return;
  const [a, b] = await Promise.all([JSZip.loadAsync(ours), JSZip.loadAsync(theirs)]);
  expect(Object.keys(a.files)).toEqual(Object.keys(b.files));
  for (const name of Object.keys(a.files)) {
    const [x, y] = await Promise.all([a.files[name].async('string'), b.files[name].async('string')]);
    if (x === y) continue;
    let i = 0;
    while (x[i] === y[i]) i++;
    expect({ part: name, ours: x.slice(Math.max(0, i - 200), i + 200) }).toEqual({ part: name, ours: y.slice(Math.max(0, i - 200), i + 200) });
  }
  expect(ours.equals(theirs)).toBe(true);
}

/** The fixture with the tricky values put into every name, owner, url and problem list. */
function trickyModel() {
  const m = smallModel();
  let k = 0;
  const next = () => TRICKY[k++ % TRICKY.length][1];
  for (const g of m.annex1.groups) {
    g.rows = TRICKY.map(([, v], i) => ({ seq: i + 1, name: v, url: next(), result: i % 3 ? '合格' : '不合格', problems: i % 4 === 0 ? [] : [next(), v] }));
  }
  for (const s of m.annex2.sections) {
    s.rows = TRICKY.map(([, v], i) => ({
      seq: i + 1,
      name: v,
      owner: next(),
      results: [i % 2 ? '合格' : '不合格', '合格', i % 5 ? '合格' : '不合格'],
      service: false,
      problems: i % 4 === 1 ? [] : [v, next()],
    }));
  }
  // an empty block: its 无 row spans the table
  m.annex2.sections[3].rows = [];
  // headings and labels carry tricky text too
  m.annex1.groups[0].title = '州直部门 <网站> & "其他"';
  m.annex2.sections[0].title = ' （一）微博\n更新情况 ';
  return m;
}

describe('annex rows are the bytes exceljs writes', () => {
  test.each([
    ['附件1', writeAnnex1],
    ['附件2', writeAnnex2],
  ] as const)('%s, with every tricky value in every text column', async (_, write) => {
    const model = trickyModel();
    const ours = await bytesOf((p) => write(model, p));
    const theirs = await bytesOf((p) => write(model, p, ExceljsRows));
    await expectSameBytes(ours, theirs);
    // not vacuous: the values are in the file, escaped
    const sheet = await (await JSZip.loadAsync(ours)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain('A&amp;B 局 &amp;amp; 办');
    expect(sheet).toContain('&lt;script&gt;');
    expect(sheet).toContain('<t>=HYPERLINK(&quot;http://evil.example&quot;,&quot;点我&quot;)</t>');
    expect(sheet).toContain('政务😀微博 𠀋𪚥');
    expect(sheet).toContain('<t xml:space="preserve"> 前后空格 </t>');
    expect(sheet).toContain('abcdefgh'); // the control characters are dropped
  });

  test.each([
    ['附件1', writeAnnex1],
    ['附件2', writeAnnex2],
  ] as const)('%s of the unchanged fixture', async (_, write) => {
    const model = smallModel();
    await expectSameBytes(await bytesOf((p) => write(model, p)), await bytesOf((p) => write(model, p, ExceljsRows)));
  });
});

describe('a sheet of any cell values is the bytes exceljs writes', () => {
  const columns: ColumnSpec[] = [
    { header: '序号', kind: 'seq' },
    { header: '名称', kind: 'name' },
    { header: '网址', kind: 'url' },
    { header: '结果', kind: 'result' },
    { header: '问题', kind: 'problems' },
  ];
  const model = { issued: { iso: '2023-11-23', year: 2023, month: 11, day: 23, text: '2023年11月23日', monthDay: '11月23日' }, issuer: '州政府政务信息中心' };

  // rows of the five columns: numbers of every kind, empty cells, '' and rows with no value at all
  const ROWS: [string, CellValue[]][] = [
    ['integers', [1, 0, -7, 123456789, 2 ** 53]],
    ['fractions and exponents', [0.1, -1.5, 1e21, 1e-7, 3.14159]],
    ['numbers in text columns', [1, 2, 3, 4, 5]],
    ['empty cells between', [1, null, '合格', null, '']],
    ['all empty', [null, null, null, null, null]],
    ['all empty strings', ['', '', '', '', '']],
    ['a short row', ['only']],
    ...TRICKY.map(([name, v]): [string, CellValue[]] => [name, [TRICKY.length, v, v, v, `${v}\n${v}`]]),
  ];

  async function sheet(Writer: typeof SheetWriter): Promise<Buffer> {
    return bytesOf((path) =>
      writeWorkbook(model, path, '测试', async (wb) => {
        for (const widths of [
          [6, 20, 20, 8, 30],
          [10, 36, 36, 16, 36],
        ]) {
          const w = new Writer(wb, { name: `表${widths[0]}`, columns, widths, orientation: 'portrait', headerRow: 3 });
          w.label('附件 & <1>');
          w.spanning('标题 "一"', 'title');
          w.header();
          for (const [, values] of ROWS) w.data(values);
          w.spanning('', 'group'); // a merged row with no text
          w.spanning('（二）', 'group');
          w.data([1, '二']);
          w.resultBlock(4, w.lastRow);
          w.commit();
        }
      }),
    );
  }

  test('numbers, empty cells, short rows, merged rows and tricky text, two sheets', async () => {
    await expectSameBytes(await sheet(SheetWriter), await sheet(ExceljsRows));
  });

  test.each(ROWS)('one row: %s', async (_, values) => {
    const one = (Writer: typeof SheetWriter) =>
      bytesOf((path) =>
        writeWorkbook(model, path, '测试', async (wb) => {
          const w = new Writer(wb, { name: '表', columns, widths: [6, 20, 20, 8, 30], orientation: 'landscape', headerRow: 1, autoFilter: true });
          w.data(values);
          w.header();
          w.data(values);
          w.commit();
        }),
      );
    await expectSameBytes(await one(SheetWriter), await one(ExceljsRows));
  });
});
