// The next circular: a 2024-Q1 round pointing to a copy of the seed round (2023-Q4) that has the
// fixture's rectify.yaml, with compare.rectification: true.
//
// Worked by hand from test/fixtures/rectify/rectify.yaml (deadline 2023-11-28):
//   the 2023-Q4 circular names 23 failing accounts and no failing site → “23个不合格政务新媒体”;
//   reported on or before 2023-11-28: 20 entries (文旅在线 on the 28th itself counts) → 按期 20;
//   黔东南商务 reported 2023-12-05 → 逾期 1; 三穗政务 (reported: ~) and 锦屏县政府 (no date) → 未报送 2;
//   review: 20 on time 合格 + 黔东南商务 合格 + 锦屏县政府 合格 = 22, 三穗政务 不合格 = 1, none 未复查.
//   附件3 lists the 2 that did not report, in the order the 2023-Q4 notice names them
//   (微博 before 微信): 三穗政务, then 锦屏县政府.
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { cli } from '../support/cli';
import { ACCEPTANCE, describeIf, pythonLxml, sharedFile } from '../support/needs';
import { tempDir } from '../support/tmp';
import { SEED_DIR } from '../support/round-fixture';
import { RECTIFY_FIXTURE, docxParagraphs, sheetRows } from './helpers';

const NEXT = path.join(__dirname, '..', 'fixtures', 'rounds', '2024-q1');

function rounds(options: { rectification?: boolean; rectifyYaml?: string | null } = {}): string {
  const cwd = tempDir('tongbao-followup-');
  fs.cpSync(SEED_DIR, path.join(cwd, 'round'), { recursive: true });
  if (options.rectifyYaml !== null) fs.writeFileSync(path.join(cwd, 'round', 'rectify.yaml'), options.rectifyYaml ?? fs.readFileSync(RECTIFY_FIXTURE, 'utf8'));
  fs.cpSync(NEXT, path.join(cwd, 'next'), { recursive: true });
  const notice = path.join(cwd, 'next', 'notice.yaml');
  const extra = `previous: ../round\n${options.rectification ? 'compare:\n  rectification: true\n' : ''}`;
  fs.writeFileSync(notice, fs.readFileSync(notice, 'utf8') + extra);
  return cwd;
}

const PARAGRAPH = '上季度通报的23个不合格政务新媒体中，已按期报送整改情况20个，逾期报送1个，未报送2个（附件3）；复查已整改合格22个，仍未整改合格1个。';

/**
 * The next circular with compare.rectification, built once for this file: the tests below read
 * it and check-ooxml checks its files (a second build of the same data gives the same bytes).
 */
let built: Promise<{ cwd: string; r: Awaited<ReturnType<typeof cli>> }> | null = null;
const buildNext = () =>
  (built ??= (async () => {
    const cwd = rounds({ rectification: true });
    return { cwd, r: await cli(['build', 'next', '--out', 'out'], cwd) };
  })());

describe('compare.rectification in the next circular', () => {
  let cwd: string;
  let out: string;
  let files: string[];
  beforeAll(async () => {
    let r;
    ({ cwd, r } = await buildNext());
    // the 2024-Q1 fixture's own proofreading warnings (straight quotes) are all it says
    expect(r.err.split('\n').filter((l) => l && !l.includes('[quotes]'))).toEqual([]);
    expect(r.code).toBe(0);
    out = path.join(cwd, 'out');
    files = fs.readdirSync(out).sort();
  });

  test('the paragraph, the 附件 line and the 附件3 table in the notice', async () => {
    const docx = files.find((f) => f.endsWith('.docx'))!;
    const paras = await docxParagraphs(fs.readFileSync(path.join(out, docx)));
    expect(paras).toContain(PARAGRAPH);
    // in 一、总体情况, before 二、存在的问题
    expect(paras.indexOf(PARAGRAPH)).toBeLessThan(paras.indexOf('二、存在的问题'));
    expect(paras).toContain('3.未按要求报送整改情况的单位名单');
    const label = paras.lastIndexOf('附件3');
    expect(paras[label + 2]).toBe('未按要求报送整改情况的单位名单');
    // the table's cells, one paragraph each: header, then the two units
    expect(paras.slice(label + 3)).toEqual(['序号', '单位', '名称', '类型', '1', '三穗县人民政府办公室', '三穗政务', '政务微博', '2', '锦屏县人民政府办公室', '锦屏县政府', '政务微信']);
  });

  test('附件3 as a workbook, listed in the manifest with the paragraph as a fact', async () => {
    expect(files).toContain('附件3 未按要求报送整改情况的单位名单.xlsx');
    const rows = await sheetRows(path.join(out, '附件3 未按要求报送整改情况的单位名单.xlsx'));
    expect(rows.slice(2)).toEqual([
      ['序号', '单位', '名称', '类型'],
      ['1', '三穗县人民政府办公室', '三穗政务', '政务微博'],
      ['2', '锦屏县人民政府办公室', '锦屏县政府', '政务微信'],
    ]);
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.outputs.map((o: { role: string }) => o.role)).toEqual(['notice', 'annex1', 'annex2', 'annex3']);
    expect(m.notice.rectification).toBe('2023年第四季度不合格政务新媒体 23 个：按期报送 20，逾期报送 1，未报送 2；复查合格 22，不合格 1，未复查 0');
    const v = await cli(['verify', 'out', '--data', 'next'], cwd);
    expect(v.out + v.err).not.toMatch(/不符|多余|缺少/);
    expect(v.code).toBe(0);
  });

  test('everyone reported: the paragraph without 未报送, and no 附件3', async () => {
    const all = fs.readFileSync(RECTIFY_FIXTURE, 'utf8').replace('    reported: ~\n', '    reported: 2023-11-27\n').replace('  - name: 锦屏县政府\n    platform: 政务微信\n', '  - name: 锦屏县政府\n    platform: 政务微信\n    reported: 2023-11-30\n');
    const c = rounds({ rectification: true, rectifyYaml: all });
    expect((await cli(['build', 'next', '--out', 'o'], c)).code).toBe(0);
    const names = fs.readdirSync(path.join(c, 'o'));
    expect(names.filter((n) => n.startsWith('附件3'))).toEqual([]);
    const paras = await docxParagraphs(fs.readFileSync(path.join(c, 'o', names.find((n) => n.endsWith('.docx'))!)));
    expect(paras).toContain('上季度通报的23个不合格政务新媒体中，已按期报送整改情况21个，逾期报送2个；复查已整改合格22个，仍未整改合格1个。');
    expect(paras.some((p) => p.includes('附件3') || p.startsWith('3.'))).toBe(false);
  });

  test('without the option the notice is byte-identical to the one built without any rectify.yaml', async () => {
    const a = rounds({ rectification: false });
    const b = rounds({ rectification: false, rectifyYaml: null });
    expect((await cli(['build', 'next', '--out', 'o'], a)).code).toBe(0);
    expect((await cli(['build', 'next', '--out', 'o'], b)).code).toBe(0);
    const docx = (c: string) => fs.readdirSync(path.join(c, 'o')).find((n) => n.endsWith('.docx'))!;
    expect(fs.readFileSync(path.join(a, 'o', docx(a))).equals(fs.readFileSync(path.join(b, 'o', docx(b))))).toBe(true);
    expect(fs.readdirSync(path.join(a, 'o')).some((n) => n.startsWith('附件3'))).toBe(false);
  });

  test('asked for, but the previous round has no rectify.yaml: a warning and no paragraph', async () => {
    const c = rounds({ rectification: true, rectifyYaml: null });
    const r = await cli(['build', 'next', '--out', 'o'], c);
    expect(r.code).toBe(0);
    expect(r.err).toContain('next/notice.yaml:');
    expect(r.err).toContain('上一轮文件夹 round 中没有 rectify.yaml：通报不写整改情况');
  });

  test("the previous round's rectify.yaml with an error stops the build, at its line", async () => {
    const c = rounds({ rectification: true, rectifyYaml: fs.readFileSync(RECTIFY_FIXTURE, 'utf8').replace('review: 不合格', 'review: 基本合格') });
    const r = await cli(['build', 'next', '--out', 'o'], c);
    expect(r.code).toBe(1);
    expect(r.err).toContain('round/rectify.yaml:136:13: 错误: 复查结果“基本合格”无效，只能是“合格”“不合格”或“未复查”');
    expect(fs.existsSync(path.join(c, 'o'))).toBe(false);
  });

  test('compare --json gains the reporting counts; check warns about overdue units', async () => {
    const r = await cli(['compare', 'round', 'next', '--json'], cwd);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.rectification).toEqual({
      total: 23,
      onTime: 20,
      late: 1,
      missing: 2,
      passed: 22,
      failed: 1,
      notReviewed: 0,
      notReported: [
        { unit: '三穗县人民政府办公室', name: '三穗政务', kind: '政务微博' },
        { unit: '锦屏县人民政府办公室', name: '锦屏县政府', kind: '政务微信' },
      ],
    });
    const before = await cli(['check', 'round', '--as-of', '2023-11-28'], cwd);
    expect(before.code).toBe(0);
    expect(before.err).not.toContain('逾期');
    const after = await cli(['check', 'round', '--as-of', '2023-11-29'], cwd);
    expect(after.code).toBe(0);
    expect(after.err.split('\n').filter((l) => l.includes('逾期'))).toEqual([
      'round/rectify.yaml:133:5: 警告: 逾期未报送整改情况：三穗县人民政府办公室（三穗政务，政务微博），整改时限 2023-11-28，截至 2023-11-29 未收到整改报告',
      'round/rectify.yaml:139:5: 警告: 逾期未报送整改情况：锦屏县人民政府办公室（锦屏县政府，政务微信），整改时限 2023-11-28，截至 2023-11-29 未收到整改报告',
    ]);
  });
});

describeIf(sharedFile('check-ooxml'), pythonLxml)('check-ooxml on the next circular with 附件3', () => {
  test('notice and all three workbooks are schema-valid', async () => {
    const { cwd: c, r: built } = await buildNext();
    expect(built.code).toBe(0);
    const files = fs.readdirSync(path.join(c, 'out')).filter((f) => /\.(docx|xlsx)$/.test(f)).map((f) => path.join(c, 'out', f));
    expect(files).toHaveLength(4);
    const r = spawnSync('python3', [path.join(ACCEPTANCE, 'check-ooxml'), ...files], { encoding: 'utf8', timeout: 240_000 });
    expect(r.stdout + r.stderr).toMatch(/^(\d+)\/\1 parts schema-valid$/m);
    expect(r.status).toBe(0);
  });
});
