// End to end: the correction story (build, annexes, diff, verify) in a temp copy of the seed round.
// It starts from the run's one build of the seed (test/support/seed-build.ts, through the bin).
// The exit statuses go once each through the installed bin (compiled dist/, built by the jest
// globalSetup): 3 (annexes refusing), 1 (bad data), 2 (a usage error); 0 of a build with its
// output in e2e-kill.test.ts (the threaded build). The other steps are about what the commands do, not about the process: they run the
// same compiled run() in process (`clerk`, test/support/compiled.ts), which spares a Node start and the
// loading of docx and exceljs at each step.
// Split in three files so that jest runs them side by side: e2e-kill (interrupted builds, the
// worker thread), e2e-package (送签包, PDFs through LibreOffice).
import * as fs from 'fs';
import * as path from 'path';
import { builtSeedCopy, edit, ROOT, seedCopy, snapshot, topLevel } from '../write/helpers';

import { NOTICE, ANNEX1, ANNEX2, clerk, tongbao } from './e2e-helpers';

test('correct a URL, then a result: annexes, diff, build and verify as a clerk meets them', async () => {
  // the seed as `tongbao build 2023-q4` wrote it (the run's one build through the bin, copied;
  // e2e-kill's threaded build asserts a build's exit status and output through the bin)
  const t = builtSeedCopy();
  let r: { code: number | null; out: string; err: string };
  const v1 = snapshot(t.out);
  expect([...v1.keys()].sort()).toEqual([ANNEX1, ANNEX2, 'manifest.json', NOTICE].sort());

  // a URL correction: annexes corrects 附件1 (the workbook and the notice's 附件 page), names the
  // row as printed, and keeps the 正文; the earlier set goes to history/1
  edit(t.data, 'sites.yaml', 'http://kjj.qdn.gov.cn', 'http://kjj2.qdn.gov.cn');
  r = await clerk(t.cwd, 'annexes', '2023-q4');
  expect(r).toMatchObject({ code: 0, err: '' });
  expect(r.out).toContain('正文未变，附件已更正 1 处：\n  附件1 州直部门网站 序号 2（州科技局）：网址 http://kjj.qdn.gov.cn → http://kjj2.qdn.gov.cn\n');
  expect(snapshot(path.join(t.out, 'history', '1'))).toEqual(v1);
  const v2 = topLevel(snapshot(t.out));
  expect(v2.get(NOTICE)).not.toBe(v1.get(NOTICE));
  expect(fs.readFileSync(path.join(t.out, '更正记录.txt'), 'utf8')).toContain('附件1 州直部门网站 序号 2（州科技局）：网址 http://kjj.qdn.gov.cn → http://kjj2.qdn.gov.cn');
  r = await clerk(t.cwd, 'verify', 'out/2023-q4', '--data', '2023-q4');
  expect(r.code).toBe(0);
  expect(r.out).toContain('通报正文未变：仍是本轮首次生成的正文');

  // a change nothing prints (a comment): annexes takes it, the notice and the workbooks keep their bytes
  edit(t.data, 'sites.yaml', '# 州直部门网站', '# 州直部门网站（已与各单位核对）');
  r = await clerk(t.cwd, 'annexes', '2023-q4');
  expect(r.code).toBe(0);
  const v3 = topLevel(snapshot(t.out));
  expect(v3.get(NOTICE)).toBe(v2.get(NOTICE));
  expect(v3.get(ANNEX1)).toBe(v2.get(ANNEX1));
  expect(v3.get('更正记录.txt')).toBe(v2.get('更正记录.txt'));
  expect(snapshot(path.join(t.out, 'history', '2'))).toEqual(v2);
  r = await clerk(t.cwd, 'verify', 'out/2023-q4', '--data', '2023-q4');
  expect(r.code).toBe(0);
  expect(r.out).toContain('结论：全部一致。');

  // a result that makes an account fail: annexes refuses, exit 3, nothing written
  const before = snapshot(t.out);
  fs.cpSync(t.data, path.join(t.cwd, 'before'), { recursive: true });
  edit(t.data, 'accounts.yaml', /(name: 黔东南发展改革\n\s+owner: [^\n]+\n\s+results: )\[合格, 合格, 合格\]/, '$1[合格, 不合格, 合格]');
  edit(t.data, 'notice.yaml', '  - 三穗政务（政务微博）\n', '  - 三穗政务（政务微博）\n  - 黔东南发展改革（政务微博）\n');
  r = tongbao(t.cwd, 'annexes', '2023-q4');
  expect(r.code).toBe(3);
  expect(r.err).toContain('  正文第二段：全州有不合格政务微信、政务微博23个 → 24个；新增“黔东南发展改革（政务微博）”\n');
  expect(snapshot(t.out)).toEqual(before);

  // diff shows the change and the new total
  r = await clerk(t.cwd, 'diff', 'before', '2023-q4');
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/州直部门政务微博\s+黔东南发展改革\s+修改\s+9月更新情况\s+合格\s+不合格/);
  expect(r.out).toMatch(/不合格政务新媒体\s+23\s+24\s+\+1/);
  const json = JSON.parse((await clerk(t.cwd, 'diff', 'before', '2023-q4', '--json')).out);
  expect(json.notice).toEqual(['不合格政务新媒体 23 → 24：黔东南发展改革（政务微博） 新列入']);

  // verify --data names the stale data; build brings everything current
  r = await clerk(t.cwd, 'verify', 'out/2023-q4', '--data', '2023-q4');
  expect(r.code).toBe(1);
  expect(r.out).toContain('accounts.yaml 已改动');
  r = await clerk(t.cwd, 'build', '2023-q4');
  expect(r.code).toBe(0);
  expect(r.out).toContain(`上一版已移至 ${path.join('out', '2023-q4', 'history', '3')}`);
  // a new 正文: its own record starts, and the 更正记录 of the old one stays with it in history/3
  expect(fs.existsSync(path.join(t.out, '更正记录.txt'))).toBe(false);
  expect(fs.existsSync(path.join(t.out, 'history', '3', '更正记录.txt'))).toBe(true);
  expect((await clerk(t.cwd, 'verify', 'out/2023-q4', '--data', '2023-q4')).code).toBe(0);
  const m = JSON.parse(fs.readFileSync(path.join(t.out, 'manifest.json'), 'utf8'));
  expect(m.notice.totals.accounts.failing).toBe(24);
  expect(m.body).toMatchObject({ since: m.data.fingerprint, corrections: 0 });
  // and a second build changes nothing
  const now = snapshot(t.out);
  expect((await clerk(t.cwd, 'build', '2023-q4')).out).toContain('无变化');
  expect(snapshot(t.out)).toEqual(now);
});

test('one altered byte: verify names the file and exits 1', async () => {
  const t = builtSeedCopy();
  const file = path.join(t.out, NOTICE);
  const buf = fs.readFileSync(file);
  buf[buf.length >> 1] ^= 1;
  fs.writeFileSync(file, buf);
  const r = await clerk(t.cwd, 'verify', 'out/2023-q4');
  expect(r.code).toBe(1);
  expect(r.out).toContain(`已改动：${NOTICE}`);
});

test('bad data: exit 1 with the diagnostics, no output folder', () => {
  const t = seedCopy();
  edit(t.data, 'sites.yaml', 'result: 合格', 'result: 合规');
  const r = tongbao(t.cwd, 'build', '2023-q4');
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/2023-q4\/sites\.yaml:\d+:\d+: 错误: /);
  expect(fs.existsSync(path.join(t.cwd, 'out'))).toBe(false);
});

test('proofreading findings are warnings; --strict refuses to build', async () => {
  const t = seedCopy();
  edit(t.data, 'notice.yaml', '超过5个（含5个）', '超过5个(含5个)');
  let r = await clerk(t.cwd, 'build', '2023-q4', '--strict');
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/notice\.yaml:\d+:\d+: 警告: \[/);
  expect(r.err).toContain('--strict：有');
  expect(fs.existsSync(path.join(t.cwd, 'out'))).toBe(false);
  r = await clerk(t.cwd, 'build', '2023-q4');
  expect(r.code).toBe(0);
  expect(r.err).toMatch(/警告: \[/);
  expect(fs.existsSync(path.join(t.out, 'manifest.json'))).toBe(true);
});

// Argument parsing of each command: the CLI's entry in process (clerk: the compiled run() that
// bin/tongbao.js calls), except the first usage error, which goes through the bin for its exit
// status.
test('usage error through the bin exits 2', () => {
  const r = tongbao(ROOT, 'build');
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/缺少参数 DATA_DIR/);
  expect(r.err).not.toMatch(/\n\s+at /);
});

test.each([
  [['build'], /缺少参数 DATA_DIR/],
  [['annexes', '2023-q4', '--bogus'], /未知选项 --bogus/],
  [['diff', 'a'], /缺少参数 NEW_DATA_DIR/],
  [['verify'], /缺少参数 OUT_DIR/],
  [['package', '2023-q4', '--out'], /选项 --out 需要一个值/],
])('usage error %j exits 2', async (argv, message) => {
  const r = await clerk(ROOT, ...argv);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(message);
});

test.each(['build', 'annexes', 'diff', 'verify', 'package'])('tongbao %s --help', async (name) => {
  const r = await clerk(ROOT, name, '--help');
  expect(r.code).toBe(0);
  expect(r.out).toMatch(new RegExp(`^用法：tongbao ${name} `));
});
