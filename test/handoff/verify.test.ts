// tongbao verify: every finding named, exit 1 unless all hold.
import * as fs from 'fs';
import * as path from 'path';
import { build } from '../../src/build';
import { verifyCommand } from '../../src/cli/commands/verify';
import { verifyOutDir } from '../../src/handoff/verify';
import { edit, fakeRenderers, seedCopy } from '../write/helpers';

const NOTICE = '关于2023年第四季度全州政府网站和政务新媒体检查情况的通报.docx';

async function built() {
  const t = seedCopy();
  await build({ dataDir: '2023-q4', cwd: t.cwd, renderers: fakeRenderers() });
  return t;
}

async function verify(cwd: string, target: string, data?: string) {
  let out = '';
  const code = await verifyCommand.run(
    { positional: [target], flags: data ? { data } : {} },
    { out: (s) => (out += s + '\n'), err: (s) => (out += s + '\n'), isTTY: false, cwd },
  );
  return { code, out };
}

test('a fresh build verifies, with and without --data', async () => {
  const t = await built();
  const r = await verify(t.cwd, 'out/2023-q4', '2023-q4');
  expect(r.code).toBe(0);
  expect(r.out).toContain(`正确  ${NOTICE}`);
  expect(r.out).toContain('数据 2023-q4 与清单一致');
  expect(r.out).toContain('结论：全部一致。');
  expect((await verify(t.cwd, 'out/2023-q4')).code).toBe(0);
});

test('one altered byte is named and fails', async () => {
  const t = await built();
  const file = path.join(t.out, '附件2 新媒体.xlsx');
  const buf = fs.readFileSync(file);
  buf[40] ^= 0xff;
  fs.writeFileSync(file, buf);
  const r = await verify(t.cwd, 'out/2023-q4');
  expect(r.code).toBe(1);
  expect(r.out).toContain('已改动：附件2 新媒体.xlsx（大小或 SHA-256 与清单不符）');
  expect(r.out).toContain('发现 1 个问题');
});

test('missing, extra and leftover temp files are each named', async () => {
  const t = await built();
  fs.rmSync(path.join(t.out, NOTICE));
  fs.writeFileSync(path.join(t.out, '草稿.docx'), 'x');
  fs.writeFileSync(path.join(t.out, '.tongbao-tmp-附件1 网站.xlsx'), 'x');
  const r = await verifyOutDir(t.out);
  expect(r.ok).toBe(false);
  expect(r.findings.map((f) => [f.kind, f.file])).toEqual([
    ['missing', NOTICE],
    ['temp', '.tongbao-tmp-附件1 网站.xlsx'],
    ['extra', '草稿.docx'],
  ]);
});

test('no manifest: exit 1, said so', async () => {
  const t = seedCopy();
  fs.mkdirSync(t.out, { recursive: true });
  const r = await verify(t.cwd, 'out/2023-q4');
  expect(r.code).toBe(1);
  expect(r.out).toContain('缺少：manifest.json');
});

test('--data: outputs built from other data are stale; the advice depends on whether the notice changes', async () => {
  const t = await built();
  // a 服务号 mark: the workbooks change, nothing the notice prints does
  edit(t.data, 'accounts.yaml', 'name: 黔东南财政\n      owner: 黔东南州财政局\n', 'name: 黔东南财政\n      owner: 黔东南州财政局\n      service: true\n');
  let r = await verify(t.cwd, 'out/2023-q4', '2023-q4');
  expect(r.code).toBe(1);
  expect(r.out).toContain('不是按当前数据生成的：accounts.yaml 已改动（通报正文不变，可运行 tongbao annexes 更正附件）');
  expect(r.out).toContain('发现 1 个问题：');

  // a URL: printed on the notice's 附件1 page, corrected by annexes, not part of the 正文
  edit(t.data, 'sites.yaml', 'http://kjj.qdn.gov.cn', 'http://kjj2.qdn.gov.cn');
  r = await verify(t.cwd, 'out/2023-q4', '2023-q4');
  expect(r.code).toBe(1);
  expect(r.out).toContain('（通报正文不变，可运行 tongbao annexes 更正附件）');

  edit(t.data, 'notice.yaml', 'deadline: 2023-11-28', 'deadline: 2023-11-30');
  r = await verify(t.cwd, 'out/2023-q4', '2023-q4');
  expect(r.code).toBe(1);
  expect(r.out).toContain('notice.yaml 已改动');
  expect(r.out).toContain('通报正文也会改变，请运行 tongbao build 并重新送签');
  expect(r.out).toContain('正文将有不同：整改截止日期：2023年11月28日 → 2023年11月30日');
  // one problem, whatever the lines under it
  expect(r.out).toContain('发现 1 个问题：');
  // the files themselves are still intact: only the data check fails
  expect((await verify(t.cwd, 'out/2023-q4')).code).toBe(0);
});

test('history/ is not an extra file', async () => {
  const t = await built();
  edit(t.data, 'sites.yaml', 'http://kjj.qdn.gov.cn', 'http://kjj2.qdn.gov.cn');
  await build({ dataDir: '2023-q4', cwd: t.cwd, renderers: fakeRenderers() });
  expect(fs.existsSync(path.join(t.out, 'history', '1'))).toBe(true);
  expect((await verify(t.cwd, 'out/2023-q4', '2023-q4')).code).toBe(0);
});

test('Office lock files beside an open document are a note, not a problem; a real extra file still is', async () => {
  const t = await built();
  fs.writeFileSync(path.join(t.out, '~$件1 网站.xlsx'), 'lock');
  fs.writeFileSync(path.join(t.out, '.~lock.附件2 新媒体.xlsx#'), 'lock');
  let r = await verify(t.cwd, 'out/2023-q4');
  expect(r.code).toBe(0);
  expect(r.out).toContain('说明：~$件1 网站.xlsx 是 Office 的锁定文件（有文件正在 Word、Excel 或 WPS 中打开），已忽略。');
  expect(r.out).toContain('说明：.~lock.附件2 新媒体.xlsx# 是 Office 的锁定文件');
  expect(r.out).toContain('结论：全部一致。');
  fs.writeFileSync(path.join(t.out, '草稿.docx'), 'x');
  r = await verify(t.cwd, 'out/2023-q4');
  expect(r.code).toBe(1);
  expect(r.out).toContain('发现 1 个问题：\n  多余：草稿.docx（不在清单中）');
});
