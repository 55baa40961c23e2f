// The notice prints the annex tables on its 附件 pages: `annexes` corrects them together with
// the workbooks (the 正文 keeps its bytes), and `verify --data` fails when the notice's tables
// are not the data's — also for an output folder whose manifest predates the record of those
// tables (read from the .docx itself).
import * as fs from 'fs';
import * as path from 'path';
import { regenerateAnnexes } from '../../src/handoff/annexes';
import { readNoticeTables } from '../../src/handoff/notice-tables';
import { verifyOutDir } from '../../src/handoff/verify';
import { loadModel } from '../../src/pipeline';
import { ANNEX_INLINE_MAX_ROWS, noticeAnnexTables } from '../../src/render/annex-rows';
import { renderNotice } from '../../src/render/docx/notice';
import { cli } from '../support/cli';
import { hashes, roundCopy, SEED_DIR } from '../support/round-fixture';
import { seedBuild } from '../support/seed-build';
import type { Edit } from '../support/round-fixture';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'corrections');
const correction = (name: string): Edit => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));
const NOTICE = '关于2023年第四季度全州政府网站和政务新媒体检查情况的通报.docx';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * A copy of the seed round with out/ as `build round --out out` writes it with the real
 * renderers: the run's one seed build (test/support/seed-build.ts), copied, since the same
 * data builds to the same bytes wherever it is (test/write/build.test.ts).
 */
async function builtSeed(): Promise<{ cwd: string; data: string; out: string }> {
  const { cwd, dir } = roundCopy();
  dirs.push(cwd);
  fs.cpSync(seedBuild(), path.join(cwd, 'out'), { recursive: true });
  return { cwd, data: dir, out: path.join(cwd, 'out') };
}

function apply(data: string, e: Edit): void {
  const file = path.join(data, e.file);
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(e.find!)) throw new Error(`${e.find} not in ${e.file}`);
  fs.writeFileSync(file, text.replace(e.find!, e.replace!));
}

describe('the tables read back from the .docx are the ones the manifest records', () => {
  test.each([
    ['2023-q4', SEED_DIR],
    ['2024-q1', path.join(ROOT, 'test', 'fixtures', 'rounds', '2024-q1')],
    ['2024-q3 (上季度结果 printed: compare.annex_column)', path.join(ROOT, 'test', 'fixtures', 'rounds', '2024-q3')],
  ])('%s', async (_name, dir) => {
    const model = await loadModel(dir, ROOT);
    const expected = noticeAnnexTables(model);
    expect(expected.length).toBe(1 + model.annex2.sections.length);
    expect(await readNoticeTables(await renderNotice(model))).toEqual(expected.map((t) => t.rows));
  });

  test('names with XML special and control characters read back as recorded', async () => {
    const model = await loadModel(SEED_DIR, ROOT);
    model.annex1.groups[0].rows[0].name = '<b>网站</b> & "引号" \'单\'\t制表\n换行\u0001';
    model.annex2.sections[0].rows[0].owner = '=SUM(A1) &amp; \u2028';
    const tables = await readNoticeTables(await renderNotice(model));
    expect(tables).toEqual(noticeAnnexTables(model).map((t) => t.rows));
    expect(tables![0][2]).toContain('<b>网站</b> & "引号"');
  });

  test('an empty group and empty tables', async () => {
    const model = await loadModel(SEED_DIR, ROOT);
    model.annex1.groups[1].rows = [];
    for (const s of model.annex2.sections) if (s.level === 'county') s.rows = [];
    expect(await readNoticeTables(await renderNotice(model))).toEqual(noticeAnnexTables(model).map((t) => t.rows));
  });
});

test('a rename: annexes corrects the notice\'s 附件2 page and the workbook, names the row as printed; verify --data passes', async () => {
  const t = await builtSeed();
  apply(t.data, correction('rename-account'));
  const r = await cli(['annexes', 'round', '--out', 'out'], t.cwd);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('正文未变，附件已更正 1 处：\n  附件2（一）州直部门政务微博更新情况 序号 2（黔东南民政）：名称 黔东南民政 → 黔东南州民政局\n');
  const tables = await readNoticeTables(fs.readFileSync(path.join(t.out, NOTICE)));
  expect(tables![1][2]).toBe('2\t黔东南州民政局\t黔东南州民政局\t合格\t合格\t合格');
  const v = await cli(['verify', 'out', '--data', 'round'], t.cwd);
  expect(v.code).toBe(0);
  expect(v.out).toContain('全部一致');
});

/**
 * The folder an earlier version left after `annexes` took a URL correction: new workbooks, the
 * notice (with the old table) kept, and a manifest without the record of the notice's tables.
 */
async function folderLeftByEarlierVersion() {
  const t = await builtSeed();
  const oldManifest = JSON.parse(fs.readFileSync(path.join(t.out, 'manifest.json'), 'utf8'));
  apply(t.data, correction('site-url'));
  const fresh = path.join(t.cwd, 'fresh');
  expect((await cli(['build', 'round', '--out', 'fresh'], t.cwd)).code).toBe(0);
  const m = JSON.parse(fs.readFileSync(path.join(fresh, 'manifest.json'), 'utf8'));
  m.outputs[0] = oldManifest.outputs[0];
  delete m.notice.annexTables;
  for (const o of m.outputs.slice(1)) fs.copyFileSync(path.join(fresh, o.name), path.join(t.out, o.name));
  fs.writeFileSync(path.join(t.out, 'manifest.json'), JSON.stringify(m, null, 2) + '\n');
  fs.rmSync(fresh, { recursive: true });
  return t;
}

test('verify --data fails on a notice whose 附件 pages still print the old table (older manifest)', async () => {
  const t = await folderLeftByEarlierVersion();
  const before = hashes(t.out);
  const r = await cli(['verify', 'out', '--data', 'round'], t.cwd);
  expect(r.code).toBe(1);
  expect(r.out).toContain(`通报附件页的表格与当前数据不符：${NOTICE}`);
  expect(r.out).toContain('通报附件1 州直部门网站 序号 2（州科技局）：网址 http://kjj.qdn.gov.cn → http://kjj2.qdn.gov.cn');
  expect(r.out).not.toContain('全部一致');
  expect(hashes(t.out)).toEqual(before);
  // the programmatic report too
  const report = await verifyOutDir(t.out, { dataDir: 'round', cwd: t.cwd });
  expect(report.ok).toBe(false);
});

test('annexes on such a folder brings the notice\'s 附件 pages up to date with the next correction', async () => {
  const t = await folderLeftByEarlierVersion();
  apply(t.data, correction('rename-account'));
  const r = await regenerateAnnexes({ dataDir: 'round', cwd: t.cwd, outDir: 'out' });
  expect(r.status).toBe('written');
  if (r.status !== 'written') return;
  // the workbooks already had the URL: the rename is this run's correction
  expect(r.corrections.map((c) => `${c.where}：${c.change}`)).toEqual(['附件2（一）州直部门政务微博更新情况 序号 2（黔东南民政）：名称 黔东南民政 → 黔东南州民政局']);
  const tables = (await readNoticeTables(fs.readFileSync(path.join(t.out, NOTICE))))!.flat().join('\n');
  expect(tables).toContain('http://kjj2.qdn.gov.cn');
  expect(tables).toContain('黔东南州民政局');
  expect((await cli(['verify', 'out', '--data', 'round'], t.cwd)).code).toBe(0);
});

test('a round too long to print its annexes in the notice: a rename reaches the workbooks through annexes', async () => {
  const many = Array.from({ length: ANNEX_INLINE_MAX_ROWS + 1 }, (_, i) => `  - name: 测试网站${i + 1}\n    url: http://site${i + 1}.example.gov.cn\n    result: 合格\n`).join('');
  const { cwd, dir } = roundCopy([{ file: 'sites.yaml', replace_all: `department:\n${many}county:\n  - name: 凯里市\n    url: http://www.kaili.gov.cn\n    result: 合格\n` }]);
  dirs.push(cwd);
  expect((await cli(['build', 'round', '--out', 'out'], cwd)).code).toBe(0);
  const notice = hashes(path.join(cwd, 'out')).get(NOTICE);
  apply(dir, { file: 'sites.yaml', find: 'name: 测试网站7\n', replace: 'name: 测试网站七\n' });
  const r = await cli(['annexes', 'round', '--out', 'out'], cwd);
  expect(r.code).toBe(0);
  expect(hashes(path.join(cwd, 'out')).get(NOTICE)).toBe(notice);
  expect((await cli(['verify', 'out', '--data', 'round'], cwd)).code).toBe(0);
}, 120_000);

test('build after a rename brings the notice and its tables current', async () => {
  const t = await builtSeed();
  apply(t.data, correction('rename-account'));
  expect((await cli(['build', 'round', '--out', 'out'], t.cwd)).code).toBe(0);
  const v = await cli(['verify', 'out', '--data', 'round'], t.cwd);
  expect(v.code).toBe(0);
  const tables = await readNoticeTables(fs.readFileSync(path.join(t.out, NOTICE)));
  expect(tables!.flat().join('\n')).toContain('黔东南州民政局');
});
