// What the two workbooks say and how they are laid out, read back from the bytes.
import { annexFileNames, renderAnnex1, renderAnnex2 } from '../../src/render/xlsx';
import { smallModel } from './fixture';
import { conditionalFormats, rawValidations, readBook, rowHeight, sheetTexts, validations, type Book } from './read';

let a1: Book;
let a2: Book;

beforeAll(async () => {
  const model = smallModel();
  a1 = await readBook(await renderAnnex1(model));
  a2 = await readBook(await renderAnnex2(model));
});

const sheet = (b: Book, i: number) => b.wb.worksheets[i];
const nonEmpty = (row: string[]) => row.filter((c) => c !== '');

describe('file names', () => {
  test('label and title from the model, as the notice cites them', () => {
    expect(annexFileNames(smallModel())).toEqual({
      annex1: '附件1 抽查网站名单及问题曝光情况.xlsx',
      annex2: '附件2 抽查新媒体名单及问题曝光情况.xlsx',
    });
  });

  test('characters no file system accepts do not reach the name', () => {
    const m = smallModel();
    m.annex1.title = '名单/问题:曝光?';
    expect(annexFileNames(m).annex1).toBe('附件1 名单／问题：曝光？.xlsx');
  });
});

describe('附件1', () => {
  test('two sheets: the printed annex first, then 数据', () => {
    expect(a1.wb.worksheets.map((w) => w.name)).toEqual(['附件1', '数据']);
  });

  test('label, merged title, header, then each group row and its rows with 序号 restarting', () => {
    const rows = sheetTexts(sheet(a1, 0)).map(nonEmpty);
    expect(rows).toEqual([
      ['附件1'],
      ['抽查网站名单及问题曝光情况'],
      ['序号', '网站名称', '网址', '合格/不合格', '问题曝光情况'],
      ['州直部门网站'],
      ['1', '州发展改革委', 'http://fgw.qdn.gov.cn/', '合格'],
      ['2', '州科技局', '=1+1', '合格'],
      ['县（市）政府网站'],
      ['1', '某县', 'http://www.example.gov.cn', '不合格', '动态类栏目超过2周未更新6个\n-空白栏目3个'],
    ]);
    expect(sheet(a1, 0).model.merges.sort()).toEqual(['A2:E2', 'A4:E4', 'A7:E7']);
  });

  test('typefaces: 小标宋 title, 黑体 label, headers and groups, 仿宋 cells', () => {
    const ws = sheet(a1, 0);
    expect(ws.getCell('A2').font.name).toBe('方正小标宋简体');
    expect(ws.getCell('A1').font.name).toBe('黑体');
    expect(ws.getCell('B3').font.name).toBe('黑体');
    expect(ws.getCell('A4').font.name).toBe('黑体');
    expect(ws.getCell('B5').font.name).toBe('仿宋_GB2312');
    expect(ws.getCell('D8').font.name).toBe('仿宋_GB2312');
  });

  test('thin borders on every table cell, also the empty ones; problems wrap', () => {
    const ws = sheet(a1, 0);
    for (const ref of ['A3', 'E3', 'A4', 'E4', 'A5', 'E5', 'E8']) {
      expect(ws.getCell(ref).border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } });
    }
    expect(ws.getCell('E8').alignment.wrapText).toBe(true);
    // two lines of problems make a taller row than a one-line row
    expect(rowHeight(ws, 8)).toBeGreaterThan(rowHeight(ws, 5));
    expect(rowHeight(ws, 5)).toBe(ws.properties.defaultRowHeight);
  });

  test('widths from content: the URL column is wider than 序号, a Chinese character counts double', () => {
    const ws = sheet(a1, 0);
    const w = [1, 2, 3, 4, 5].map((c) => ws.getColumn(c).width as number);
    expect(w.every((x) => x > 0)).toBe(true);
    expect(w[2]).toBeGreaterThan(w[0]);
    // 网站名称: "州发展改革委" is 6 characters = 12 columns, more than its 4-character header
    expect(w[1]).toBeGreaterThanOrEqual(12);
  });

  test('the 合格/不合格 drop-down and red 不合格 cover exactly the result cells of each group', async () => {
    const ws = sheet(a1, 0);
    const dv = rawValidations(await a1.part('xl/worksheets/sheet1.xml'));
    expect(dv.map((v) => v.sqref).sort()).toEqual(['D5:D6', 'D8:D8']);
    for (const v of dv) expect(v).toMatchObject({ type: 'list', formula1: '&quot;合格,不合格&quot;' });
    // the reader sees the same rule on every result cell, and only there
    expect(Object.keys(validations(ws)).sort()).toEqual(['D5', 'D6', 'D8']);
    expect(validations(ws).D8).toMatchObject({ type: 'list', formulae: ['"合格,不合格"'], showErrorMessage: true });
    const cf = conditionalFormats(ws);
    expect(cf).toHaveLength(1);
    expect(cf[0].ref).toBe('D5:D6 D8:D8');
    expect(cf[0].rules[0]).toMatchObject({ type: 'cellIs', operator: 'equal', formulae: ['"不合格"'] });
  });

  test('print: A4 portrait, one page wide, centred, header row repeated, page numbers, header frozen', () => {
    const ws = sheet(a1, 0);
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '3:3',
    });
    expect(ws.pageSetup.margins).toMatchObject({ left: 0.6, right: 0.6, top: 0.8, bottom: 0.8 });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, topLeftCell: 'A4' });
  });
});

describe('附件2', () => {
  test('four sections in model order, each with subtitle and its own header; 序号 restart', () => {
    const rows = sheetTexts(sheet(a2, 0)).map(nonEmpty);
    const header = ['序号', '名称', '主办单位', '8月更新情况', '9月更新情况', '10月更新情况', '问题曝光情况'];
    expect(rows).toEqual([
      ['附件2'],
      ['抽查新媒体名单及问题曝光情况'],
      ['（一）州直部门政务微博更新情况'],
      header,
      ['1', '黔东南州生态环境局', '黔东南州生态环境局', '不合格', '合格', '合格'],
      ['2', '=HYPERLINK("http://evil.example","点我")', '+86 某某局', '合格', '合格', '合格'],
      ['（二）州直部门政务微信更新情况'],
      header,
      ['1', '黔东南民政', '黔东南州民政局', '合格', '不合格', '合格', '9月更新8天，少于每月不少于4天的要求\n@SUM(1,2)'],
      ['（三）县（市）政务微博更新情况'],
      header,
      ['1', '岑巩县政务微博', '岑巩县人民政府办公室', '合格', '合格', '不合格'],
      ['（四）县（市）政务微信更新情况'],
      header,
      ['1', '岑巩政务', '岑巩县人民政府办公室', '合格', '合格', '合格'],
      ['2', '从江县人民政府网', '-从江县人民政府办公室', '不合格', '合格', '不合格', '8月未更新'],
    ]);
    expect(sheet(a2, 0).model.merges.sort()).toEqual(['A10:G10', 'A13:G13', 'A2:G2', 'A3:G3', 'A7:G7']);
  });

  test('result ranges span the month columns of every section', async () => {
    const ws = sheet(a2, 0);
    const dv = rawValidations(await a2.part('xl/worksheets/sheet1.xml'));
    expect(dv.map((v) => v.sqref).sort()).toEqual(['D12:F12', 'D15:F16', 'D5:F6', 'D9:F9']);
    expect(conditionalFormats(ws)[0].ref).toBe('D5:F6 D9:F9 D12:F12 D15:F16');
  });

  test('the first section header is the one frozen and repeated on every page', () => {
    const ws = sheet(a2, 0);
    expect(ws.pageSetup.printTitlesRow).toBe('4:4');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
  });

  test('labels and month columns follow the model, not the code', async () => {
    const m = smallModel();
    m.annex2.label = '附件3';
    m.annex2.title = '另一个标题';
    m.months.push({ key: '2023-11', month: 11, label: '11月', column: '11月更新情况' });
    for (const s of m.annex2.sections) for (const r of s.rows) r.results = [...r.results, '合格'];
    m.annex2.sections[0].title = '（一）某某部门政务微博';
    const b = await readBook(await renderAnnex2(m));
    const rows = sheetTexts(b.wb.worksheets[0]).map(nonEmpty);
    expect(b.wb.worksheets[0].name).toBe('附件3');
    expect(rows[0]).toEqual(['附件3']);
    expect(rows[1]).toEqual(['另一个标题']);
    expect(rows[2]).toEqual(['（一）某某部门政务微博']);
    expect(rows[3]).toEqual(['序号', '名称', '主办单位', '8月更新情况', '9月更新情况', '10月更新情况', '11月更新情况', '问题曝光情况']);
    expect(b.wb.worksheets[0].model.merges).toContain('A2:H2');
    expect(rawValidations(await b.part('xl/worksheets/sheet1.xml')).map((v) => v.sqref)).toContain('D5:G6');
  });
});

describe('数据 sheet', () => {
  const columns = ['类型', '级别', '名称', '主办单位', '网址', '8月更新情况', '9月更新情况', '10月更新情况', '是否不合格', '问题'];

  test('附件2: one flat row per account, in annex order, with platform and level from the model', () => {
    const rows = sheetTexts(sheet(a2, 1));
    expect(rows[0]).toEqual(columns);
    expect(rows.slice(1)).toEqual([
      ['政务微博', '州直部门', '黔东南州生态环境局', '黔东南州生态环境局', '', '不合格', '合格', '合格', '是', ''],
      ['政务微博', '州直部门', '=HYPERLINK("http://evil.example","点我")', '+86 某某局', '', '合格', '合格', '合格', '否', ''],
      ['政务微信', '州直部门', '黔东南民政', '黔东南州民政局', '', '合格', '不合格', '合格', '是', '9月更新8天，少于每月不少于4天的要求\n@SUM(1,2)'],
      ['政务微博', '县（市）', '岑巩县政务微博', '岑巩县人民政府办公室', '', '合格', '合格', '不合格', '是', ''],
      ['政务微信', '县（市）', '岑巩政务', '岑巩县人民政府办公室', '', '合格', '合格', '合格', '否', ''],
      ['政务微信', '县（市）', '从江县人民政府网', '-从江县人民政府办公室', '', '不合格', '合格', '不合格', '是', '8月未更新'],
    ]);
  });

  test('附件1: sites have a URL and one result for the round (month cells empty)', () => {
    const rows = sheetTexts(sheet(a1, 1));
    expect(rows[0]).toEqual(columns);
    expect(rows.slice(1)).toEqual([
      ['政府网站', '州直部门', '州发展改革委', '', 'http://fgw.qdn.gov.cn/', '', '', '', '否', ''],
      ['政府网站', '州直部门', '州科技局', '', '=1+1', '', '', '', '否', ''],
      ['政府网站', '县（市）', '某县', '', 'http://www.example.gov.cn', '', '', '', '是', '动态类栏目超过2周未更新6个\n-空白栏目3个'],
    ]);
  });

  test('auto-filter over the whole table, header frozen and repeated, A4 landscape', () => {
    const ws = sheet(a2, 1);
    expect(ws.autoFilter).toBe('A1:J7');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
  });
});
