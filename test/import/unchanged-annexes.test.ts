// The tool's own annexes come back unchanged: for every round the project ships, 附件1 and
// 附件2 as the build writes them import as "no change" (exit 0, not a byte written, no history
// folder). Accounts judged from their update dates (2024-q1) are the hard case: their month
// cells are the calendar rules' verdict and their 问题曝光情况 carries the generated reasons;
// neither is data a clerk typed. A month cell changed there is refused, located and explained.
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { loadModel } from '../../src/pipeline';
import { annexFileNames, writeAnnex1, writeAnnex2 } from '../../src/render/xlsx';
import { cli } from '../support/cli';
import { roundCopy, snapshot } from '../support/round-fixture';
import { seedBuild } from '../support/seed-build';
import { tempDir } from '../support/tmp';

const ROOT = path.join(__dirname, '..', '..');
const out = tempDir('tongbao-annexes-');

/** The round's two annexes as `build` writes them (the seed round: the run's one seed build). */
const built = new Map<string, Promise<{ annex1: string; annex2: string }>>();
function annexes(round: string, dataDir: string): Promise<{ annex1: string; annex2: string }> {
  if (!built.has(round)) built.set(round, write(round, dataDir));
  return built.get(round)!;
}

async function write(round: string, dataDir: string): Promise<{ annex1: string; annex2: string }> {
  if (round === '2023-q4') {
    const dir = seedBuild();
    const pick = (p: string) => path.join(dir, fs.readdirSync(dir).find((n) => n.startsWith(p) && n.endsWith('.xlsx'))!);
    return { annex1: pick('附件1'), annex2: pick('附件2') };
  }
  const model = await loadModel(path.join(ROOT, dataDir), ROOT);
  const names = annexFileNames(model);
  const dir = path.join(out, round);
  fs.mkdirSync(dir, { recursive: true });
  const files = { annex1: path.join(dir, names.annex1), annex2: path.join(dir, names.annex2) };
  await writeAnnex1(model, files.annex1);
  await writeAnnex2(model, files.annex2);
  return files;
}

const ROUNDS: [string, string][] = [
  ['2023-q4', 'data/2023-q4'],
  ['2024-q1', 'test/fixtures/rounds/2024-q1'],
  ['2024-q2', 'test/fixtures/rounds/2024-q2'],
  ['2024-q3', 'test/fixtures/rounds/2024-q3'],
];

describe.each(ROUNDS)('round %s: the unchanged annexes import as no change', (round, dataDir) => {
  test.each(['annex1', 'annex2'] as const)('%s', async (which) => {
    const wb = (await annexes(round, dataDir))[which];
    const { cwd, dir } = roundCopy([], path.join(ROOT, dataDir));
    const before = snapshot(dir);
    // --apply: had the plan any change, it would be written
    const r = await cli(['import', 'round', wb, '--apply'], cwd);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('工作簿与 round 的数据一致，没有需要导入的改动。');
    expect(snapshot(dir)).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'history'))).toBe(false);
  });
});

describe('2024-q1: accounts judged from their update dates', () => {
  let edits = 0;
  /** 附件2 of 2024-q1 with cells of the printed sheet set as a clerk would (by account name and column heading). */
  async function edited(cells: [string, string, string][]): Promise<string> {
    const { annex2 } = await annexes('2024-q1', 'test/fixtures/rounds/2024-q1');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(annex2);
    const ws = wb.getWorksheet('附件2')!;
    const text = (v: ExcelJS.CellValue) => (v && typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : String(v ?? ''));
    let header: string[] = [];
    const found = new Set<string>();
    ws.eachRow((row) => {
      const values = (row.values as ExcelJS.CellValue[]).map(text);
      if (values[1] === '序号') header = values;
      for (const [name, heading, value] of cells) {
        if (values[2] !== name) continue;
        row.getCell(header.indexOf(heading)).value = value;
        found.add(name);
      }
    });
    expect(found.size).toBe(new Set(cells.map((c) => c[0])).size);
    const file = path.join(out, `edited-${++edits}.xlsx`);
    await wb.xlsx.writeFile(file);
    return file;
  }

  test('a judged month cell changed is refused, located as the clerk reads it; nothing is written', async () => {
    const wb = await edited([['西县发布', '2月更新情况', '合格']]);
    const { cwd, dir } = roundCopy([], path.join(ROOT, 'test/fixtures/rounds/2024-q1'));
    const before = snapshot(dir);
    const r = await cli(['import', 'round', wb, '--apply'], cwd);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${wb} 附件2!E12: 错误: 区（县）政务微博“西县发布”2月的结果按更新日期（updates）计算为“不合格”，表格中改为“合格”不能导入：` +
        '要改这个月的结果，请改数据 accounts.yaml 中这个账号的更新日期（updates），不要改表格；这一格请恢复为“不合格”\n' +
        '共 1 个错误，未改动任何文件。\n',
    );
    expect(snapshot(dir)).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'history'))).toBe(false);
  });

  test('the generated reasons are not written as problems; a line the clerk adds is, alone', async () => {
    const reasons = '2月更新5天，少于8天\n2月7日至2月19日连续5个工作日仅更新1天（另有1处）';
    // 西县发布: a problem added above the reasons; 某市交通服务: its reasons moved about, and left out
    const wb = await edited([
      ['西县发布', '问题曝光情况', `已约谈\n${reasons}`],
      ['某市交通服务', '问题曝光情况', '3月更新3天，少于4天\n1月更新3天，少于4天'],
    ]);
    const { cwd, dir } = roundCopy([], path.join(ROOT, 'test/fixtures/rounds/2024-q1'));
    const text = fs.readFileSync(path.join(dir, 'accounts.yaml'), 'utf8');
    const r = await cli(['import', 'round', wb, '--apply'], cwd);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('将改动 1 处：');
    expect(r.out).toMatch(/附件2!G12 +区（县）政务微博 +西县发布 +问题曝光情况 +（无） +已约谈\n/);
    const find = '      updates: [2024-01-01, 2024-01-02, 2024-01-03, 2024-01-04, 2024-01-05, 2024-01-08, 2024-01-09, 2024-01-10, 2024-01-11, 2024-01-12, 2024-01-15, 2024-01-16, 2024-01-17, 2024-01-18, 2024-01-19, 2024-01-22, 2024-01-23, 2024-01-24, 2024-01-25, 2024-01-26, 2024-01-29, 2024-01-30, 2024-01-31, 2024-02-01, 2024-02-02, 2024-02-05, 2024-02-06, 2024-02-07, 2024-03-01';
    const at = text.indexOf(find);
    expect(at).toBeGreaterThan(0);
    const end = text.indexOf('\n', at) + 1;
    expect(fs.readFileSync(path.join(dir, 'accounts.yaml'), 'utf8')).toBe(`${text.slice(0, end)}      problems:\n        - 已约谈\n${text.slice(end)}`);
  });

  test('with a value still to fill elsewhere, judged accounts are judged on their own: the annex imports only the filled value', async () => {
    const { annex2 } = await annexes('2024-q1', 'test/fixtures/rounds/2024-q1');
    const { cwd, dir } = roundCopy([{ file: 'accounts.yaml', find: '      results: [合格, 合格, 合格]', replace: '      results: [合格, ~, 合格]' }], path.join(ROOT, 'test/fixtures/rounds/2024-q1'));
    const before = snapshot(dir);
    const r = await cli(['import', 'round', annex2], cwd);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('将改动 1 处：');
    expect(r.out).toMatch(/附件2!E9 +市直部门政务微信 +某市<教育>&"家长" +2月更新情况 +（待填写） +合格\n/);
    expect(snapshot(dir)).toEqual(before);
  });
});
