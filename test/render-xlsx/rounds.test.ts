// The real rounds through the real pipeline: the seed 2023-Q4 (checked against the seed
// circular and the independent acceptance script) and the 2024-Q1 test round (failing
// sites, problems, a 服务号, formula-like text). Layout is kept in golden dumps.
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import type { ReportModel } from '../../src/aggregate/model';
import { loadModel } from '../../src/pipeline';
import { annexFileNames, writeAnnex1, writeAnnex2 } from '../../src/render/xlsx';
import { expectGolden } from '../support/golden';
import { sharedFile, testIf } from '../support/needs';
import { dumpSheet, norm, readBook, sheetTexts, type Book } from './read';

const root = resolve(__dirname, '../..');
const acceptance = resolve(root, '../shared/acceptance');

const rounds: [string, string][] = [
  ['2023-q4', 'data/2023-q4'],
  ['2024-q1', 'test/fixtures/rounds/2024-q1'],
];

describe.each(rounds)('round %s', (name, dataDir) => {
  let model: ReportModel;
  let out: string;
  let a1: Book;
  let a2: Book;

  beforeAll(async () => {
    model = await loadModel(join(root, dataDir), root);
    out = mkdtempSync(join(tmpdir(), `tongbao-${name}-`));
    const names = annexFileNames(model);
    await writeAnnex1(model, join(out, names.annex1));
    await writeAnnex2(model, join(out, names.annex2));
    a1 = await readBook(readFileSync(join(out, names.annex1)));
    a2 = await readBook(readFileSync(join(out, names.annex2)));
  });

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('layout as in the golden dump', () => {
    expectGolden(join(__dirname, '__golden__', `${name}.annex1.txt`), a1.wb.worksheets.map(dumpSheet).join('\n'));
    expectGolden(join(__dirname, '__golden__', `${name}.annex2.txt`), a2.wb.worksheets.map(dumpSheet).join('\n'));
  });

  test('every site and account of the model, in order, on the annex and on 数据', () => {
    const annex1 = sheetTexts(a1.wb.worksheets[0]);
    const sites = model.annex1.groups.flatMap((g) => g.rows);
    const siteRows = annex1.filter((r) => /^\d+$/.test(r[0]));
    expect(siteRows.map((r) => [Number(r[0]), r[1], r[2], r[3], r[4]])).toEqual(sites.map((s) => [s.seq, s.name, s.url, s.result, s.problems.join('\n')]));
    expect(sheetTexts(a1.wb.worksheets[1]).slice(1).map((r) => r[2])).toEqual(sites.map((s) => s.name));

    const accounts = model.annex2.sections.flatMap((s) => s.rows);
    const n = model.months.length;
    const accountRows = sheetTexts(a2.wb.worksheets[0]).filter((r) => /^\d+$/.test(r[0]));
    expect(accountRows.map((r) => [Number(r[0]), r[1], r[2], ...r.slice(3, 3 + n), r[3 + n]])).toEqual(
      accounts.map((a) => [a.seq, a.name, a.owner, ...a.results, a.problems.join('\n')]),
    );
    expect(sheetTexts(a2.wb.worksheets[1]).slice(1).map((r) => r[2])).toEqual(accounts.map((a) => a.name));
  });

  test('the 数据 sheet marks exactly the failing units', () => {
    const flag = (b: Book) => sheetTexts(b.wb.worksheets[1]).slice(1).filter((r) => r[r.length - 2] === '是').length;
    expect(flag(a1)).toBe(model.totals.sites.failing);
    expect(flag(a2)).toBe(model.totals.accounts.failing);
  });

  (name === '2023-q4' ? testIf(sharedFile('check-annexes')) : test.skip)('acceptance: check-annexes passes in full', () => {
    const r = spawnSync('python3', [join(acceptance, 'check-annexes'), out], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/22 passed, 0 failed/);
    expect(r.status).toBe(0);
  });
});

const expected = join(acceptance, 'seed-expected.json');
testIf(sharedFile('seed-expected.json'))('2023-q4: the workbooks list the seed circular’s annex rows, in order', async () => {
  const seed = JSON.parse(readFileSync(expected, 'utf8'));
  const model = await loadModel(join(root, 'data/2023-q4'), root);
  const out = mkdtempSync(join(tmpdir(), 'tongbao-seed-'));
  try {
    const names = annexFileNames(model);
    await writeAnnex1(model, join(out, names.annex1));
    await writeAnnex2(model, join(out, names.annex2));
    const rowsOf = async (file: string) => {
      const b = await readBook(readFileSync(join(out, file)));
      return sheetTexts(b.wb.worksheets[0]).map((r) => r.map(norm).filter(Boolean));
    };
    const want1: string[][] = [...seed.annex1.department, ...seed.annex1.county];
    const got1 = (await rowsOf(names.annex1)).filter((r) => /^\d+$/.test(r[0]));
    expect(got1).toEqual(want1.map((r) => r.map(norm)));
    const want2: string[][] = seed.annex2.tables.flatMap((t: { rows: string[][] }) => t.rows);
    const got2 = (await rowsOf(names.annex2)).filter((r) => /^\d+$/.test(r[0]));
    expect(got2).toEqual(want2.map((r) => r.map(norm)));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
