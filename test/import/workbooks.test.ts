// tongbao import with plain sheets (Chinese headers through the alias table) and bad workbooks.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { cli } from '../support/cli';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');
let cwd: string;
beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-import-'));
  fs.cpSync(SEED, path.join(cwd, 'data'), { recursive: true });
});
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

async function workbook(name: string, sheets: Record<string, (ws: ExcelJS.Worksheet) => void>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [n, fill] of Object.entries(sheets)) fill(wb.addWorksheet(n));
  const file = path.join(cwd, name);
  await wb.xlsx.writeFile(file);
  return file;
}

function files(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(path.join(cwd, 'data'))) out[f] = fs.readFileSync(path.join(cwd, 'data', f), 'utf8');
  return out;
}

const yaml = (f: string) => fs.readFileSync(path.join(cwd, 'data', f), 'utf8');

test('a plain results sheet: aliases, months written three ways, cells read as shown; only the changed values are written', async () => {
  await workbook('县里报来的.xlsx', {
    说明: (ws) => {
      ws.addRow(['本表由各县填写']);
    },
    结果: (ws) => {
      ws.addRow(['2023年第四季度新媒体检查结果（县级）']);
      ws.addRow(['序号', '账号名称', '开办主体', '新媒体类型', '2023年8月', new Date(Date.UTC(2023, 8, 1)), '10月检查结果', '问题描述', '备注']);
      ws.addRow([1, { text: '丹寨政务', hyperlink: 'https://weibo.com/x' }, '丹寨县人民政府办公室', '微博', '合格', { formula: 'IF(1,"不合格","")', result: '不合格' }, '合格', '', '已核实']);
      ws.addRow([2, '从江政务', '从江县人民政府办公室', '政务微博', { richText: [{ text: '合' }, { text: '格' }] }, '合格', '合格', '=更新不及时']);
      ws.addRow([3, '黔东南民政', '黔东南州民政局', '微信', '合格', '不合格', '合格', '']);
      ws.addRow(['', '合计', '', '', 3]);
      ws.addRow(['', '注：结果以复核为准']);
    },
  });
  const before = files();
  const dry = await cli(['import', 'data', '县里报来的.xlsx'], cwd);
  expect(dry.err).toBe('');
  expect(dry.out).toContain('读取 县里报来的.xlsx：结果 3 行');
  expect(dry.out).toMatch(/结果!F3 +县（市）政务微博 +丹寨政务 +9月更新情况 +合格 +不合格/);
  expect(dry.out).toMatch(/结果!H4 +县（市）政务微博 +从江政务 +问题曝光情况 +（无） +=更新不及时/);
  expect(dry.out).toMatch(/结果!G4 +县（市）政务微博 +从江政务 +10月更新情况 +不合格 +合格/);
  expect(dry.out).toContain('将改动 3 处');
  expect(files()).toEqual(before);

  expect((await cli(['import', 'data', '县里报来的.xlsx', '--apply'], cwd)).code).toBe(0);
  let expected = before['accounts.yaml'];
  for (const [find, replace] of [
    ['    - name: 丹寨政务\n      owner: 丹寨县人民政府办公室\n      results: [合格, 合格, 合格]\n', '    - name: 丹寨政务\n      owner: 丹寨县人民政府办公室\n      results: [合格, 不合格, 合格]\n'],
    ['    - name: 从江政务\n      owner: 从江县人民政府办公室\n      results: [合格, 合格, 不合格]\n', '    - name: 从江政务\n      owner: 从江县人民政府办公室\n      results: [合格, 合格, 合格]\n      problems:\n        - "=更新不及时"\n'],
  ]) {
    expect(expected).toContain(find);
    expected = expected.replace(find, replace);
  }
  // 黔东南民政 on WeChat: 9月 不合格 already
  expect(yaml('accounts.yaml')).toBe(expected);
});

test('sites by url: a renamed site and a corrected url; the 数据 sheet’s 是/否 is its result', async () => {
  await workbook('网站.xlsx', {
    网站: (ws) => {
      ws.addRow(['网站名称', '网址', '检查结果']);
      ws.addRow(['州发展和改革委员会', 'http://fgw.qdn.gov.cn', '合格']);
      ws.addRow(['州科技局', 'https://kjj.qdn.gov.cn/index.html', '不合格']);
      ws.addRow(['州文体广电旅游局', 'https://wtgdlyj.qdn.gov.cn', '合格']);
    },
  });
  const r = await cli(['import', 'data', '网站.xlsx', '--apply', '--rename'], cwd);
  expect(r.err).toBe('');
  expect(r.out).toMatch(/网站!A2 +州直部门网站 +州发展改革委 +名称 +州发展改革委 +州发展和改革委员会/);
  expect(r.out).toMatch(/网站!B3 +州直部门网站 +州科技局 +网址 +http:\/\/kjj.qdn.gov.cn +https:\/\/kjj.qdn.gov.cn\/index.html/);
  expect(r.out).toContain('不合格政府网站 0 → 1：州科技局 新列入');
  const s = yaml('sites.yaml');
  expect(s).toContain('  - name: 州发展和改革委员会\n    url: http://fgw.qdn.gov.cn/\n    result: 合格\n');
  expect(s).toContain('  - name: 州科技局\n    url: https://kjj.qdn.gov.cn/index.html\n    result: 不合格\n');
  expect(s).toContain('  - name: 州文体广电旅游局\n    url: https://wtgdlyj.qdn.gov.cn\n    result: 合格\n');
});

test('a bad workbook: every problem at its cell, in Chinese, exit 1, nothing written', async () => {
  await workbook('错.xlsx', {
    表一: (ws) => {
      ws.addRow(['名称', '主办单位', '8月', '2023年11月', '备注']);
      ws.mergeCells('E1:F1');
      ws.addRow(['黔东南州自然资源局', '黔东南州自然资源局', '合格']);
      ws.addRow(['黔东南民证', '黔东南州民政局', '基本合格']);
      ws.addRow(['从江政务', '从江县人民政府办公室', { formula: 'A1&""' }]);
      ws.addRow(['麻江政务', '麻江县人民政府办公室', { error: '#N/A' }]);
      ws.addRow(['完全不存在的账号名称', '某某单位', '合格']);
    },
    表二: (ws) => {
      ws.addRow(['账号名称', '平台', '9月']);
      ws.addRow(['凯里市政务', '抖音', '合格']);
    },
  });
  const before = files();
  const r = await cli(['import', 'data', '错.xlsx', '--apply'], cwd);
  expect(r.code).toBe(1);
  expect(r.out).toBe('读取 错.xlsx：表一 3 行（按政务新媒体账号读取：表头“8月”等月份；前 5 行中 3 个名称是本轮的账号）\n未导入的列（templates/import-headers.yaml 的 ignore 中所列）：表一!E1“备注”\n');
  expect(r.err.trim().split('\n')).toEqual([
    '错.xlsx 表一!D1: 错误: 月份“2023年11月”不在本轮检查月份（2023-08、2023-09、2023-10）之内',
    '错.xlsx 表一!E1: 错误: 表头是合并单元格（E1:F1）：请取消合并，每列只写一个表头',
    '错.xlsx 表一!A2: 错误: 账号“黔东南州自然资源局”对应多个账号（州直部门政务微博、州直部门政务微信），无法确定是哪一个：请补上平台或级别',
    '错.xlsx 表一!A3: 错误: 找不到账号“黔东南民证”；主办单位“黔东南州民政局”还有 2 个账号（州直部门政务微博“黔东南民政”、州直部门政务微信“黔东南民政”）未在表中出现，无法确定是哪一个改了名',
    '错.xlsx 表一!C3: 错误: 结果“基本合格”无效：只能是“合格”或“不合格”',
    '错.xlsx 表一!C4: 错误: 公式没有保存计算结果：请在 Excel 或 WPS 中打开后保存一次，或把公式改成数值',
    '错.xlsx 表一!C5: 错误: 单元格是错误值 #N/A',
    '错.xlsx 表一!A6: 错误: 本轮数据中找不到账号“完全不存在的账号名称”：新增单位请直接写入数据文件',
    '错.xlsx 表二!B2: 错误: 平台“抖音”认不出：应为政府网站、政务微博或政务微信',
    '共 9 个错误，未改动任何文件。',
  ]);
  expect(files()).toEqual(before);
});

test('a renamed account whose owner runs several unnamed accounts is ambiguous; a close name is suggested', async () => {
  await workbook('改名.xlsx', {
    表: (ws) => {
      ws.addRow(['名称', '主办单位', '平台', '8月']);
      ws.addRow(['黔东南网警', '黔东南州公安局', '政务微博', '合格']);
      ws.addRow(['黔东南民证', '不存在的单位', '政务微信', '合格']);
    },
  });
  const r = await cli(['import', 'data', '改名.xlsx'], cwd);
  expect(r.code).toBe(1);
  expect(r.err.trim().split('\n')).toEqual([
    '改名.xlsx 表!A2: 错误: 找不到政务微博“黔东南网警”；主办单位“黔东南州公安局”还有 2 个账号（州直部门政务微博“黔东南网警巡查执法”、州直部门政务微博“黔东南公安”）未在表中出现，无法确定是哪一个改了名',
    '改名.xlsx 表!A3: 错误: 本轮数据中找不到政务微信“黔东南民证”；是不是“黔东南民政”？',
    '共 2 个错误，未改动任何文件。',
  ]);
});

test('not a workbook, an old .xls, a missing file: one Chinese line, exit 1', async () => {
  fs.writeFileSync(path.join(cwd, 'a.xlsx'), 'not a zip');
  fs.writeFileSync(path.join(cwd, 'b.xlsx'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]));
  expect((await cli(['import', 'data', 'a.xlsx'], cwd)).err).toBe('tongbao import：a.xlsx 不是 .xlsx 格式的 Excel 工作簿\n');
  expect((await cli(['import', 'data', 'b.xlsx'], cwd)).err).toBe('tongbao import：b.xlsx 是旧版 .xls 工作簿：请在 Excel 或 WPS 中另存为 .xlsx 后再导入\n');
  const missing = await cli(['import', 'data', 'c.xlsx'], cwd);
  expect([missing.code, missing.err]).toEqual([1, 'tongbao import：找不到工作簿 c.xlsx\n']);
  const noHeader = await workbook('d.xlsx', { 表: (ws) => ws.addRow(['随便', '写写']) });
  expect((await cli(['import', 'data', noHeader], cwd)).err).toContain('工作簿中没有认得的表头');
});

test('two sheets saying different things about one value: both cells named, nothing written', async () => {
  await workbook('两表.xlsx', {
    甲: (ws) => {
      ws.addRow(['名称', '平台', '9月更新情况']);
      ws.addRow(['丹寨政务', '政务微博', '不合格']);
    },
    乙: (ws) => {
      ws.addRow(['类型', '名称', '9月']);
      ws.addRow(['政务微博', '丹寨政务', '合格']);
      ws.addRow(['政务微博', '丹寨政务', '合格']);
    },
  });
  const before = files();
  const r = await cli(['import', 'data', '两表.xlsx', '--apply'], cwd);
  expect(r.code).toBe(0);
  // 乙 repeats the value on file (合格): no change proposed there, so 甲's correction stands
  expect(r.out).toContain('将改动 1 处');
  fs.rmSync(path.join(cwd, 'data'), { recursive: true });
  fs.cpSync(SEED, path.join(cwd, 'data'), { recursive: true });
  await workbook('两表.xlsx', {
    甲: (ws) => {
      ws.addRow(['名称', '平台', '9月更新情况', '问题']);
      ws.addRow(['丹寨政务', '政务微博', '不合格', '甲说的']);
    },
    乙: (ws) => {
      ws.addRow(['类型', '名称', '问题']);
      ws.addRow(['政务微博', '丹寨政务', '乙说的']);
    },
  });
  const c = await cli(['import', 'data', '两表.xlsx', '--apply'], cwd);
  expect(c.code).toBe(1);
  expect(c.err).toBe('两表.xlsx 乙!C2: 错误: 与 甲!D2 不一致（那里是“甲说的”，这里是“乙说的”）：请只保留一处修改\n共 1 个错误，未改动任何文件。\n');
  expect(files()).toEqual(before);
});

test('a new quarter from init, results taken from a sheet: written where they were ~, the rest still listed to fill', async () => {
  expect((await cli(['init', 'q1', '--from', 'data'], cwd)).code).toBe(0);
  await workbook('一季度.xlsx', {
    一季度: (ws) => {
      ws.addRow(['名称', '平台', '2024年1月', '2024年2月', '2024年3月']);
      ws.addRow(['丹寨政务', '微博', '合格', '合格', '不合格']);
      ws.addRow(['黔东南民政', '微信', '合格', '合格', '合格']);
    },
  });
  const before = fs.readFileSync(path.join(cwd, 'q1', 'accounts.yaml'), 'utf8');
  const r = await cli(['import', 'q1', '一季度.xlsx', '--apply'], cwd);
  expect(r.err).toBe('');
  expect(r.out).toMatch(/一季度!E2 +县（市）政务微博 +丹寨政务 +3月更新情况 +（待填写） +不合格/);
  expect(r.out).toContain('\n导入后：\n  还需填写：通报 5 项');
  expect(r.out).toContain('  还需填写：政务微博 25 个账号的 1 月结果、25 个账号的 2 月结果、25 个账号的 3 月结果\n');
  expect(r.out).toContain('  共 274 项还需填写。');
  expect(r.out).toContain('还有未填写的项目：填完后运行 tongbao check q1 核对，再生成通报。');
  const after = fs.readFileSync(path.join(cwd, 'q1', 'accounts.yaml'), 'utf8');
  const changed = after.split('\n').filter((l, i) => l !== before.split('\n')[i]);
  expect(changed).toEqual(['      results: [合格, 合格, 不合格]', '      results: [合格, 合格, 合格]']);
  expect((await cli(['check', 'q1'], cwd)).err).toContain('共 274 项还需填写。');
});

test('a change the data cannot take (a rename onto another site’s name): the errors of the result, exit 1, nothing written', async () => {
  await workbook('重名.xlsx', {
    网站: (ws) => {
      ws.addRow(['网站名称', '网址']);
      ws.addRow(['州发展改革委', 'http://kjj.qdn.gov.cn']);
    },
  });
  const before = files();
  const r = await cli(['import', 'data', '重名.xlsx', '--apply', '--rename'], cwd);
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/网站!A2 +州直部门网站 +州科技局 +名称 +州科技局 +州发展改革委/);
  expect(r.err).toContain('按工作簿改动后，数据会有以下错误（所列位置是改动后的文件；未改动任何文件）：');
  expect(r.err).toMatch(/data\/sites\.yaml:\d+:\d+: 错误: 网站名称“州发展改革委”在州直部门网站中重复/);
  expect(files()).toEqual(before);
});

test('--apply on a data folder that takes no files: said of the data folder, no --out (import has none), nothing changed', async () => {
  await workbook('只读.xlsx', {
    表: (ws) => {
      ws.addRow(['名称', '平台', '9月']);
      ws.addRow(['丹寨政务', '微博', '不合格']);
    },
  });
  const before = files();
  // a read-only folder, as the system says it (tests may run as root, which ignores modes)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodeFs = require('fs') as typeof fs;
  const real = nodeFs.mkdirSync;
  const spy = jest.spyOn(nodeFs, 'mkdirSync').mockImplementation(((p: fs.PathLike, o?: fs.MakeDirectoryOptions) => {
    if (String(p).includes(path.join('data', 'history'))) throw Object.assign(new Error(`EACCES: permission denied, mkdir '${String(p)}'`), { code: 'EACCES', path: String(p) });
    return real(p, o);
  }) as typeof fs.mkdirSync);
  try {
    const r = await cli(['import', 'data', '只读.xlsx', '--apply'], cwd);
    expect([r.code, r.err]).toEqual([1, 'tongbao import：无法写入数据文件夹 data：文件夹或其中的文件是只读的、没有写入权限，或正被其他程序占用。请检查文件夹属性（或把数据文件夹复制到可写的位置再导入）；原有文件都未改动。\n']);
    expect(r.err).not.toContain('--out');
  } finally {
    spy.mockRestore();
  }
  expect(files()).toEqual(before);
});

test('a file or folder problem keeps its meaning across the reading thread (class, code, sheet and cell)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { errorData, WorkbookError } = require('../../src/import/workbook') as typeof import('../../src/import/workbook');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SheetError } = require('../../src/import/xlsx') as typeof import('../../src/import/xlsx');
  expect(errorData(Object.assign(new WorkbookError('book.xlsx 没有权限读取'), { code: 'EACCES' }))).toEqual({ message: 'book.xlsx 没有权限读取', kind: 'user', code: 'EACCES', sheet: undefined, ref: undefined });
  expect(errorData(new SheetError('表一', 'B5', '单元格不在它所属的第 4 行：文件已损坏'))).toEqual({ message: '单元格不在它所属的第 4 行：文件已损坏', kind: 'sheet', sheet: '表一', ref: 'B5', code: undefined });
});

test('an annex with the 上季度结果 column (compare.annex_column) reads back unchanged; the column is named as not imported', async () => {
  const rounds = path.join(__dirname, '..', 'fixtures', 'rounds');
  for (const r of ['2024-q2', '2024-q3']) fs.cpSync(path.join(rounds, r), path.join(cwd, r), { recursive: true });
  expect((await cli(['build', '2024-q3', '--out', 'out'], cwd)).code).toBe(0);
  const annex = fs.readdirSync(path.join(cwd, 'out')).find((n) => n.startsWith('附件2'))!;
  const r = await cli(['import', '2024-q3', path.join('out', annex)], cwd);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('未导入的列（templates/import-headers.yaml 的 ignore 中所列）：附件2!G4“上季度结果”');
  expect(r.out).toContain('工作簿与 2024-q3 的数据一致，没有需要导入的改动。');
});

test('a hidden row and a hidden column keep their marks across the reading thread', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { flattenRow, unflatten } = require('../../src/import/workbook') as typeof import('../../src/import/workbook');
  const flat: (string | number)[] = [];
  flattenRow({ number: 6, hidden: true, cells: [undefined, { text: '丹寨政务' }, { text: '不合格', hidden: true }] }, flat);
  flattenRow({ number: 7, cells: [undefined, { text: '从江政务' }, { text: '', problem: '单元格是错误值 #N/A', hidden: true }] }, flat);
  expect([...unflatten(flat)]).toEqual([
    { number: 6, hidden: true, cells: [undefined, { text: '丹寨政务' }, { text: '不合格', hidden: true }] },
    { number: 7, cells: [undefined, { text: '从江政务' }, { text: '', problem: '单元格是错误值 #N/A', hidden: true }] },
  ]);
});

test('formulas in a workbook set to recalculate on opening (fullCalcOnLoad): their saved results are not taken', async () => {
  const wb = new ExcelJS.Workbook();
  wb.calcProperties.fullCalcOnLoad = true;
  const ws = wb.addWorksheet('表');
  ws.addRow(['名称', '平台', '9月']);
  // XlsxWriter saves 0 as every formula's result and leaves the value to Excel
  ws.addRow(['丹寨政务', '微博', { formula: 'IF(1,"不合格","")', result: '不合格' }]);
  ws.addRow(['从江政务', '微博', '合格']);
  await wb.xlsx.writeFile(path.join(cwd, '重算.xlsx'));
  const before = files();
  const r = await cli(['import', 'data', '重算.xlsx', '--apply'], cwd);
  expect([r.code, r.err]).toEqual([1, '重算.xlsx 表!C2: 错误: 工作簿设置为打开时重新计算公式，公式保存的结果不一定是 Excel 显示的值：请在 Excel 或 WPS 中打开后保存一次，或把公式改成数值\n共 1 个错误，未改动任何文件。\n']);
  expect(files()).toEqual(before);
});
