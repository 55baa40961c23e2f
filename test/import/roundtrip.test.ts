// The round trip a clerk makes: build the seed round, let a county correct annex 2 in a
// spreadsheet (three month results, one problems text, one name; rows re-sorted), import it.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { cli } from '../support/cli';
import { seedBuild } from '../support/seed-build';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');
let cwd: string;
beforeAll(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-import-'));
  fs.cpSync(SEED, path.join(cwd, 'data'), { recursive: true });
});
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

const annex2 = () => path.join(cwd, 'out', fs.readdirSync(path.join(cwd, 'out')).find((n) => n.startsWith('附件2'))!);
const notice = () => path.join(cwd, 'out', fs.readdirSync(path.join(cwd, 'out')).find((n) => n.endsWith('.docx'))!);

async function docxText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('').replace(/&amp;/g, '&');
}

const text = (v: ExcelJS.CellValue): string =>
  v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : v === null || v === undefined ? '' : String(v);

/** Edit the printed 附件2 sheet as a person would, then sort every block's rows by name. */
async function correct(file: string, out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('附件2')!;
  const header = ws.getRow(4).values as ExcelJS.CellValue[];
  const col = (h: string) => header.findIndex((v) => text(v) === h);
  const rowOf = (name: string, from = 1) => {
    for (let r = from, n = ws.rowCount; r <= n; r++) if (text(ws.getCell(r, col('名称')).value) === name) return r;
    throw new Error(name);
  };
  ws.getCell(rowOf('黔东南民政'), col('9月更新情况')).value = '不合格';
  ws.getCell(rowOf('黔东南州生态环境局'), col('8月更新情况')).value = '合格';
  ws.getCell(rowOf('丹寨政务'), col('10月更新情况')).value = { richText: [{ text: '不' }, { text: '合格', font: { bold: true } }] };
  ws.getCell(rowOf('黔东南民政'), col('问题曝光情况')).value = '9月更新天数不足8天\n=发布后频繁删稿';
  ws.getCell(rowOf('黔东南司法'), col('名称')).value = '黔东南州司法局发布';
  // re-sort each block's rows (between a header row and the next heading) by name, descending
  let start = 0;
  const sortBlock = (from: number, to: number) => {
    const rows = [];
    for (let r = from; r <= to; r++) rows.push((ws.getRow(r).values as ExcelJS.CellValue[]).slice());
    rows.sort((a, b) => (text(a[col('名称')]) < text(b[col('名称')]) ? 1 : -1));
    rows.forEach((vals, k) => {
      const row = ws.getRow(from + k);
      vals.forEach((v, c) => c > 0 && (row.getCell(c).value = v));
    });
  };
  const last = ws.rowCount;
  for (let r = 1; r <= last + 1; r++) {
    const first = r > last ? '' : text(ws.getCell(r, 1).value);
    if (first === '序号') start = r + 1;
    else if (start && (r > last || !/^\d+$/.test(first))) {
      sortBlock(start, r - 1);
      start = 0;
    }
  }
  await wb.xlsx.writeFile(out);
}

test('annex 2 corrected in a spreadsheet comes back: only those values change; check and build agree', async () => {
  // out/ as `build data --out out` writes it: the run's one seed build, copied (same data, same bytes)
  fs.cpSync(seedBuild(), path.join(cwd, 'out'), { recursive: true });
  const wb = path.join(cwd, '更正.xlsx');
  await correct(annex2(), wb);
  const before = fs.readFileSync(path.join(cwd, 'data', 'accounts.yaml'), 'utf8');
  const others = ['notice.yaml', 'sites.yaml'].map((f) => fs.readFileSync(path.join(cwd, 'data', f), 'utf8'));

  // the preview names every change and writes nothing
  const dry = await cli(['import', 'data', '更正.xlsx'], cwd);
  expect(dry.err).toBe('');
  expect(dry.code).toBe(0);
  expect(dry.out).toContain('将改动 4 处：');
  // the rename (matched by its owner) is listed apart and waits for --rename
  expect(dry.out).toContain('改名或改网址 1 个单位、1 处（须确认');
  expect(dry.out).toMatch(/附件2!B\d+ +州直部门政务微博 +黔东南司法 +名称 +黔东南司法 +黔东南州司法局发布 +按主办单位对应/);
  expect(dry.out).toContain('以上 1 处不会写入：核对确是同一单位后，加 --rename 一并写入。');
  expect(dry.out).toMatch(/州直部门政务微博 +黔东南民政 +9月更新情况 +合格 +不合格/);
  expect(dry.out).toMatch(/不合格政务新媒体 +23 +24 +\+1/);
  expect(dry.out).toContain('黔东南民政（政务微博） 新列入');
  expect(dry.out).toContain('黔东南州生态环境局（政务微博） 不再列入');
  expect(fs.readFileSync(path.join(cwd, 'data', 'accounts.yaml'), 'utf8')).toBe(before);
  expect(fs.existsSync(path.join(cwd, 'data', 'history'))).toBe(false);
  // the installed command reads the workbook on a worker thread: the same plan
  const bin = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'tongbao.js'), 'import', 'data', '更正.xlsx'], { cwd, encoding: 'utf8' });
  expect([bin.status, bin.stdout, bin.stderr]).toEqual([0, dry.out, '']);

  const r = await cli(['import', 'data', '更正.xlsx', '--apply', '--rename'], cwd);
  expect(r.code).toBe(0);
  expect(r.out).toContain('改名或改网址 1 个单位、1 处（已用 --rename 确认）');
  expect(r.out).toContain('已写入 accounts.yaml；原文件存入');
  const after = fs.readFileSync(path.join(cwd, 'data', 'accounts.yaml'), 'utf8');
  // the YAML diff: exactly these lines, everything else byte for byte
  let expected = before;
  const swap = (find: string, replace: string) => {
    expect(expected).toContain(find);
    expected = expected.replace(find, replace);
  };
  swap('    - name: 黔东南州生态环境局\n      owner: 黔东南州生态环境局\n      results: [不合格, 合格, 合格]\n', '    - name: 黔东南州生态环境局\n      owner: 黔东南州生态环境局\n      results: [合格, 合格, 合格]\n');
  swap(
    '    - name: 黔东南民政\n      owner: 黔东南州民政局\n      results: [合格, 合格, 合格]\n',
    '    - name: 黔东南民政\n      owner: 黔东南州民政局\n      results: [合格, 不合格, 合格]\n      problems:\n        - 9月更新天数不足8天\n        - "=发布后频繁删稿"\n',
  );
  swap('    - name: 黔东南司法\n', '    - name: 黔东南州司法局发布\n');
  swap('    - name: 丹寨政务\n      owner: 丹寨县人民政府办公室\n      results: [合格, 合格, 合格]\n', '    - name: 丹寨政务\n      owner: 丹寨县人民政府办公室\n      results: [合格, 合格, 不合格]\n');
  expect(after).toBe(expected);
  expect(['notice.yaml', 'sites.yaml'].map((f) => fs.readFileSync(path.join(cwd, 'data', f), 'utf8'))).toEqual(others);
  expect(fs.readFileSync(path.join(cwd, 'data', 'history', '1', 'accounts.yaml'), 'utf8')).toBe(before);

  // check: the new totals
  const c = await cli(['check', 'data'], cwd);
  expect(c.code).toBe(0);
  expect(c.out).toMatch(/政务新媒体合计 +75 +43 +32 +24/);

  // build: the notice and both places the annex appears carry the corrections
  expect((await cli(['build', 'data', '--out', 'out'], cwd)).code).toBe(0);
  const doc = await docxText(notice());
  expect(doc).toContain('黔东南民政（政务微博）');
  expect(doc).not.toContain('黔东南州生态环境局（政务微博）');
  expect(doc).toContain('黔东南州司法局发布');
  expect(doc).toContain('=发布后频繁删稿');
  const x = new ExcelJS.Workbook();
  await x.xlsx.readFile(annex2());
  const cells: string[] = [];
  x.getWorksheet('附件2')!.eachRow((row) => cells.push((row.values as ExcelJS.CellValue[]).map(text).join('|')));
  expect(cells).toContain('|4|黔东南州司法局发布|黔东南州司法局|合格|合格|合格');
  expect(cells).toContain('|2|黔东南民政|黔东南州民政局|合格|不合格|合格|9月更新天数不足8天\n=发布后频繁删稿');
});
