// tongbao rectify on a copy of the seed round with a rectify.yaml covering every case
// (test/fixtures/rectify/rectify.yaml: 20 reported on time, 黔东南商务 late, 三穗政务 and
// 锦屏县政府 not reported; reviewed 合格 except 三穗政务): the per-unit notices' text (golden),
// the ledger's cells, check-ooxml on every file, an unchanged rerun, verify.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../support/cli';
import { expectGolden } from '../support/golden';
import { ACCEPTANCE, describeIf, pythonLxml, sharedFile } from '../support/needs';
import { roundCopy, snapshot } from '../support/round-fixture';
import { lintText } from '../../src/lint';

import { RECTIFY_FIXTURE, docxParagraphs, rectifyRound, sheetRows } from './helpers';
const GOLDEN = path.join(__dirname, '__golden__');

/**
 * The seed round's 整改 files, made once for this file: the tests below read them and
 * check-ooxml checks them (a rerun on the same data gives the same bytes: tested below).
 */
let made: Promise<{ cwd: string; r: Awaited<ReturnType<typeof cli>>; files: string[] }> | null = null;
const rectifyOnce = () =>
  (made ??= (async () => {
    const { cwd } = rectifyRound();
    const r = await cli(['rectify', 'round', '--out', 'o'], cwd);
    const dir = path.join(cwd, 'o', '整改');
    const files = r.code === 0 ? fs.readdirSync(dir).filter((f) => /\.(docx|xlsx)$/.test(f)).map((f) => path.join(dir, f)) : [];
    return { cwd, r, files };
  })());

describe('tongbao rectify', () => {
  let cwd: string;
  let out: string;
  beforeAll(async () => {
    let r;
    ({ cwd, r } = await rectifyOnce());
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    out = path.join(cwd, 'o', '整改');
    expect(r.out).toContain('整改通知 21 份');
    expect(r.out).toContain('按期报送 20，逾期报送 1，未报送 2；复查合格 22，不合格 1，未复查 0');
  });

  test('one notice per responsible unit, the ledger and the manifest', () => {
    const files = fs.readdirSync(out).sort();
    // 23 failing accounts, 21 owners: 从江县人民政府办公室 and 黔东南州自然资源局 run two each
    expect(files.filter((f) => f.endsWith('.docx'))).toHaveLength(21);
    expect(files).toContain('2023年第四季度整改台账.xlsx');
    expect(files).toContain('manifest.json');
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.data.files.map((f: { name: string }) => f.name)).toContain('rectify.yaml');
    expect(m.outputs.filter((o: { role: string }) => o.role === 'rectify-notice')).toHaveLength(21);
    expect(m.outputs.filter((o: { role: string }) => o.role === 'ledger')).toHaveLength(1);
  });

  test('the notices say what each unit must rectify (golden), and pass proofreading', async () => {
    const names = fs.readdirSync(out).filter((f) => f.endsWith('.docx')).sort();
    const texts = await Promise.all(names.map((n) => docxParagraphs(fs.readFileSync(path.join(out, n)))));
    const text = names.map((n, i) => `== ${n}\n${texts[i].join('\n')}\n`).join('\n');
    expectGolden(path.join(GOLDEN, 'notices.txt'), text);
    // a unit with two failing accounts gets both in one notice
    const both = await docxParagraphs(fs.readFileSync(path.join(out, '整改通知 黔东南州自然资源局.docx')));
    expect(both).toContain('（一）黔东南州自然资源局（政务微博）。9月、10月检查不合格。');
    expect(both).toContain('（二）黔东南州自然资源局（政务微信）。10月检查不合格。');
    for (const t of texts) for (const p of t) if (p) expect([p, lintText(p).map((f) => f.message)]).toEqual([p, []]);
  });

  test('the ledger: one row per failing account with its report and review', async () => {
    const rows = await sheetRows(path.join(out, '2023年第四季度整改台账.xlsx'));
    expectGolden(path.join(GOLDEN, 'ledger.txt'), rows.map((r) => r.join('\t')).join('\n') + '\n');
    expect(rows[1]).toEqual(['序号', '单位', '类型', '名称', '网址', '问题', '整改时限', '报送日期', '逾期', '整改情况', '复查结果', '复查日期']);
    expect(rows).toHaveLength(2 + 23);
    const row = (name: string) => rows.find((r) => r[3] === name)!;
    expect(row('黔东南商务').slice(6)).toEqual(['2023-11-28', '2023-12-05', '是', '已恢复更新', '合格', '2024-01-10']);
    // reported on the deadline itself is on time
    expect(row('贵州省黔东南州文旅在线').slice(6, 9)).toEqual(['2023-11-28', '2023-11-28', '否']);
    // not reported: without --as-of the ledger does not guess whether it is overdue
    expect(row('三穗政务').slice(6)).toEqual(['2023-11-28', '未报送', '', '', '不合格', '2024-01-11']);
    expect(row('三穗政务').slice(1, 3)).toEqual(['三穗县人民政府办公室', '政务微博']);
    expect(row('三穗政务')[5]).toBe('8月不合格');
  });

  test('--as-of marks units that have not reported by then as overdue', async () => {
    const o2 = path.join(cwd, 'out-asof', '整改');
    const r = await cli(['rectify', 'round', '--out', 'out-asof', '--as-of', '2023-12-01'], cwd);
    expect(r.code).toBe(0);
    const rows = await sheetRows(path.join(o2, '2023年第四季度整改台账.xlsx'));
    expect(rows.find((x) => x[3] === '三穗政务')![8]).toBe('是');
    expect(rows.find((x) => x[3] === '锦屏县政府')![8]).toBe('是');
    const bad = await cli(['rectify', 'round', '--as-of', '2023-13-01'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--as-of 应为 YYYY-MM-DD');
  });

  test('same data, same bytes: a rerun changes nothing; verify and verify --data pass', async () => {
    const before = snapshot(out);
    const again = await cli(['rectify', 'round', '--out', 'o'], cwd);
    expect(again.code).toBe(0);
    expect(again.out).toContain('无变化');
    expect(snapshot(out)).toEqual(before);
    const v = await cli(['verify', 'o/整改', '--data', 'round'], cwd);
    expect(v.err).toBe('');
    expect(v.code).toBe(0);
  });

  test('rectify.yaml changed: the next run keeps the earlier set in history', async () => {
    const { cwd: c2, dir } = rectifyRound();
    expect((await cli(['rectify', 'round'], c2)).code).toBe(0);
    const o = path.join(c2, 'out', 'round', '整改');
    fs.appendFileSync(path.join(dir, 'rectify.yaml'), '  - name: 黔东南商物\n    platform: 政务微信\n');
    // a typo: refused with a suggestion, nothing changes
    const snap = snapshot(path.join(c2, 'out'));
    const bad = await cli(['rectify', 'round'], c2);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('round/rectify.yaml:143:11: 错误: 本轮不合格的政务微信中没有“黔东南商物”；是不是“黔东南商务（政务微信）”？');
    expect(snapshot(path.join(c2, 'out'))).toEqual(snap);
    const v = await cli(['verify', 'out/round', '--data', 'round'], c2);
    expect(v.code).toBe(1); // rectify.yaml no longer parses as the set recorded
    fs.writeFileSync(path.join(dir, 'rectify.yaml'), fs.readFileSync(RECTIFY_FIXTURE, 'utf8').replace('reported: 2023-12-05', 'reported: 2023-11-28'));
    const r = await cli(['rectify', 'round'], c2);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(o, 'history', '1', 'manifest.json'))).toBe(true);
    // the round's own build folder accepts the 整改 folder inside it
    expect((await cli(['build', 'round'], c2)).code).toBe(0);
    const vb = await cli(['verify', 'out/round', '--data', 'round'], c2);
    expect(vb.out + vb.err).not.toContain('多余');
    expect(vb.code).toBe(0);
  });
});

describeIf(sharedFile('check-ooxml'), pythonLxml)('check-ooxml on every rectify file', () => {
  test('every notice and the ledger are schema-valid', async () => {
    const { r: first, files } = await rectifyOnce();
    expect(first.code).toBe(0);
    expect(files).toHaveLength(22);
    const r = spawnSync('python3', [path.join(ACCEPTANCE, 'check-ooxml'), ...files], { encoding: 'utf8', timeout: 240_000 });
    expect(r.stdout + r.stderr).toMatch(/^(\d+)\/\1 parts schema-valid$/m);
    expect(r.status).toBe(0);
  });
});

describe('a round judged from update dates, with failing sites (2024-Q1 fixture, no rectify.yaml)', () => {
  test('the notices give the rule broken with its figures and the sites with their problems (golden)', async () => {
    const r0 = roundCopy([], path.join(__dirname, '..', 'fixtures', 'rounds', '2024-q1'));
    const r = await cli(['rectify', 'round', '--out', 'o'], r0.cwd);
    expect(r.code).toBe(0);
    expect(r.out).toContain('未报送');
    const dir = path.join(r0.cwd, 'o', '整改');
    const names = fs.readdirSync(dir).filter((f) => f.endsWith('.docx')).sort();
    const texts = await Promise.all(names.map((n) => docxParagraphs(fs.readFileSync(path.join(dir, n)))));
    const text = names.map((n, i) => `== ${n}\n${texts[i].join('\n')}\n`).join('\n');
    expectGolden(path.join(GOLDEN, 'notices-2024-q1.txt'), text);
    expect(text).toMatch(/\d+月更新\d+天，少于每月8天/);
    const rows = await sheetRows(path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.xlsx'))!));
    expectGolden(path.join(GOLDEN, 'ledger-2024-q1.txt'), rows.map((x) => x.join('\t')).join('\n') + '\n');
  });

  test('init of the next quarter does not copy rectify.yaml', async () => {
    const { cwd } = rectifyRound();
    const r = await cli(['init', 'next', '--from', 'round'], cwd);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(cwd, 'next', 'notice.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(cwd, 'next', 'rectify.yaml'))).toBe(false);
  });
});

describe('package --rectify', () => {
  test('the archive holds the 整改 folder, listed with checksums; verify checks it', async () => {
    const { cwd } = rectifyRound();
    const r = await cli(['package', 'round', '--rectify'], cwd);
    expect(r.err.split('\n').filter((l) => l && !l.includes('警告'))).toEqual([]);
    expect(r.code).toBe(0);
    const dir = path.join(cwd, 'out', 'round');
    const zipName = fs.readdirSync(dir).find((f) => f.endsWith('.zip'))!;
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, zipName)));
    const names = Object.keys(zip.files);
    expect(names.filter((n) => n.startsWith('整改/'))).toHaveLength(21 + 2);
    expect(names).toContain('整改/2023年第四季度整改台账.xlsx');
    const note = await zip.file('送签说明.txt')!.async('string');
    expect(note).toMatch(/[0-9a-f]{64} {2}整改\/整改通知 三穗县人民政府办公室\.docx/);
    const v = await cli(['verify', `out/round/${zipName}`], cwd);
    expect(v.code).toBe(0);
    const vd = await cli(['verify', 'out/round', '--data', 'round'], cwd);
    expect(vd.code).toBe(0);
    // a notice in the 整改 folder altered by hand: verify of the round's folder says so
    fs.appendFileSync(path.join(dir, '整改', '整改通知 三穗县人民政府办公室.docx'), 'x');
    const bad = await cli(['verify', 'out/round'], cwd);
    expect(bad.code).toBe(1);
    expect(bad.out + bad.err).toContain('整改/：已改动：整改通知 三穗县人民政府办公室.docx');
  });
});

describe('rectify writes only into OUT/整改/ and replaces only what rectify wrote', () => {
  test('--out the folder build wrote: the circular stays in place, the 整改 files go into 整改/', async () => {
    const { cwd } = rectifyRound();
    expect((await cli(['build', 'round', '--out', 'b'], cwd)).code).toBe(0);
    const before = snapshot(path.join(cwd, 'b'));
    const r = await cli(['rectify', 'round', '--out', 'b'], cwd);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已生成 b/整改：整改通知 21 份');
    const after = snapshot(path.join(cwd, 'b'));
    // every file of the build is there with the same bytes; nothing went to history
    for (const [name, bytes] of before) expect([name, after.get(name)]).toEqual([name, bytes]);
    expect([...after.keys()].filter((n) => !before.has(n)).every((n) => n.startsWith('整改/'))).toBe(true);
    expect(fs.existsSync(path.join(cwd, 'b', 'history'))).toBe(false);
    const v = await cli(['verify', 'b', '--data', 'round'], cwd);
    expect(v.code).toBe(0);
  });

  const refused = async (prepare: (dir: string) => void, message: string) => {
    const { cwd } = rectifyRound();
    const dir = path.join(cwd, 'b', '整改');
    fs.mkdirSync(dir, { recursive: true });
    prepare(dir);
    const before = snapshot(path.join(cwd, 'b'));
    const r = await cli(['rectify', 'round', '--out', 'b'], cwd);
    expect(r.err).toBe(`tongbao rectify：${message}\n`);
    expect(r.code).toBe(2);
    expect(snapshot(path.join(cwd, 'b'))).toEqual(before);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.tongbao-tmp-'))).toEqual([]);
  };

  test('a manifest another command wrote in 整改/: refused, nothing changed', async () => {
    const seed = roundCopy();
    expect((await cli(['build', 'round', '--out', 'x'], seed.cwd)).code).toBe(0);
    await refused(
      (dir) => {
        for (const n of fs.readdirSync(path.join(seed.cwd, 'x'))) fs.copyFileSync(path.join(seed.cwd, 'x', n), path.join(dir, n));
      },
      'b/整改 中的 manifest.json 不是 tongbao rectify 写的（是通报等其他文件的清单）：rectify 只替换自己生成的文件，不能写在这里。请把这些文件移走，或用 --out 指定其他文件夹；未改动任何文件。',
    );
  });

  test('a file of a notice’s name that no rectify manifest lists: refused, naming it', async () => {
    await refused(
      (dir) => fs.writeFileSync(path.join(dir, '整改通知 黔东南州公安局.docx'), 'hand-made'),
      'b/整改 中已有 “整改通知 黔东南州公安局.docx”，不是 tongbao rectify 生成的（manifest.json 中没有记录）：rectify 只替换自己生成的文件。请把这些文件移走或改名后重试；未改动任何文件。',
    );
  });

  test('a file named 整改 in the way: said as for any output folder, nothing changed', async () => {
    const { cwd } = rectifyRound();
    fs.mkdirSync(path.join(cwd, 'b'));
    fs.writeFileSync(path.join(cwd, 'b', '整改'), 'x');
    const r = await cli(['rectify', 'round', '--out', 'b'], cwd);
    expect(r.err).toBe(`tongbao rectify：输出位置 ${path.join(cwd, 'b', '整改')} 是一个文件，不是文件夹：请用 --out 指定一个文件夹\n`);
    expect(r.code).toBe(2);
    expect(fs.readdirSync(path.join(cwd, 'b'))).toEqual(['整改']);
  });

  test('--out the 整改 folder itself (the earlier meaning of --out): refused with the folder to use', async () => {
    const { cwd } = rectifyRound();
    expect((await cli(['rectify', 'round', '--out', 'b'], cwd)).code).toBe(0);
    const before = snapshot(path.join(cwd, 'b'));
    const r = await cli(['rectify', 'round', '--out', 'b/整改'], cwd);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'tongbao rectify：b/整改 是整改文件夹（其中的 manifest.json 是 tongbao rectify 写的）：--out 应指本轮的输出文件夹（与 tongbao build 的 --out 相同），整改通知和台账写在其中的 整改/ 子文件夹。请改用 --out b；未改动任何文件。\n',
    );
    expect(snapshot(path.join(cwd, 'b'))).toEqual(before);
  });
});
