// tongbao annexes: regenerate the annexes after a correction, or refuse (exit 3) when the
// notice's 正文 would change. These use the fake renderers (fast); the real notice, its 附件
// pages and the 更正记录 are in corrections.test.ts.
import * as fs from 'fs';
import * as path from 'path';
import { build } from '../../src/build';
import { annexesCommand } from '../../src/cli/commands/annexes';
import { regenerateAnnexes } from '../../src/handoff/annexes';
import { verifyOutDir } from '../../src/handoff/verify';
import { parseManifest } from '../../src/write/manifest';
import { edit, fakeRenderers, seedCopy, snapshot, topLevel } from '../write/helpers';

const NOTICE = '关于2023年第四季度全州政府网站和政务新媒体检查情况的通报.docx';
const renderers = fakeRenderers();

async function built() {
  const t = seedCopy();
  await build({ dataDir: '2023-q4', cwd: t.cwd, renderers });
  return t;
}

/** Make 黔东南发展改革 (微博, 州直部门) fail in 9月; failing_order must then list it too. */
function makeAccountFail(data: string): void {
  edit(data, 'accounts.yaml', /(name: 黔东南发展改革\n\s+owner: [^\n]+\n\s+results: )\[合格, 合格, 合格\]/, '$1[合格, 不合格, 合格]');
  edit(data, 'notice.yaml', '  - 三穗政务（政务微博）\n', '  - 三穗政务（政务微博）\n  - 黔东南发展改革（政务微博）\n');
}

/** A correction the workbooks carry (in the fakes) but the notice's tables do not print: 服务号. */
function serviceCorrection(data: string): void {
  edit(data, 'accounts.yaml', 'name: 黔东南财政\n      owner: 黔东南州财政局\n', 'name: 黔东南财政\n      owner: 黔东南州财政局\n      service: true\n');
}

async function runCli(cwd: string, argv: string[]) {
  let out = '';
  let err = '';
  const code = await annexesCommand.run(
    { positional: argv, flags: {} },
    { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), isTTY: false, cwd },
  );
  return { code, out, err };
}

test('a correction the 正文 does not print rewrites the annexes; the notice keeps its bytes and the old set is in history', async () => {
  const t = await built();
  const v1 = snapshot(t.out);
  serviceCorrection(t.data);
  const r = await regenerateAnnexes({ dataDir: '2023-q4', cwd: t.cwd, renderers });
  expect(r.status).toBe('written');
  if (r.status !== 'written') return;
  expect(r.written).toEqual([NOTICE, '附件1 网站.xlsx', '附件2 新媒体.xlsx', 'manifest.json']);
  const now = topLevel(snapshot(t.out));
  expect(now.get(NOTICE)).toBe(v1.get(NOTICE));
  expect(now.get('附件2 新媒体.xlsx')).not.toBe(v1.get('附件2 新媒体.xlsx'));
  expect(snapshot(path.join(t.out, 'history', '1'))).toEqual(v1);
  // The manifest records the new data; the notice is rendered from it with the same 正文, whose
  // record (fingerprint, first build) is carried over.
  const m = parseManifest(fs.readFileSync(path.join(t.out, 'manifest.json'), 'utf8'), 'm');
  const before = parseManifest(Buffer.from(v1.get('manifest.json')!, 'base64').toString('utf8'), 'm');
  expect(m.data.fingerprint).not.toBe(before.data.fingerprint);
  expect(m.outputs[0]).toEqual({ ...before.outputs[0], data: m.data.fingerprint });
  expect(m.outputs[1].data).toBe(m.data.fingerprint);
  expect(m.body).toEqual(before.body);
  expect(m.body!.since).toBe(before.data.fingerprint);
  // and verify --data passes, saying the 正文 is the first one
  const v = await verifyOutDir(t.out, { dataDir: '2023-q4', cwd: t.cwd });
  expect(v.findings).toEqual([]);
  expect(v.notes.join('\n')).toContain('通报正文未变：仍是本轮首次生成的正文');
  // running it again changes nothing
  const again = await regenerateAnnexes({ dataDir: '2023-q4', cwd: t.cwd, renderers });
  expect(again.status).toBe('unchanged');
  expect(fs.readdirSync(path.join(t.out, 'history'))).toEqual(['1']);
});

test('a result that makes an account fail: exit 3, nothing written, the account named', async () => {
  const t = await built();
  const before = snapshot(t.out);
  makeAccountFail(t.data);
  const r = await runCli(t.cwd, ['2023-q4']);
  expect(r.code).toBe(3);
  expect(r.out).toBe('');
  expect(r.err).toContain('不合格政务新媒体 23 → 24：黔东南发展改革（政务微博） 新列入');
  expect(r.err).toContain('请运行 tongbao build 重新生成通报和附件，并重新送签。');
  expect(snapshot(t.out)).toEqual(before);
});

test('an account no longer failing and a new deadline are both listed', async () => {
  const t = await built();
  edit(t.data, 'accounts.yaml', /(name: 黔东南商务\n\s+owner: [^\n]+\n\s+results: )\[不合格, 合格, 不合格\]/, '$1[合格, 合格, 合格]');
  edit(t.data, 'notice.yaml', '  - 黔东南商务（政务微信）\n', '');
  edit(t.data, 'notice.yaml', 'deadline: 2023-11-28', 'deadline: 2023-11-30');
  const r = await regenerateAnnexes({ dataDir: '2023-q4', cwd: t.cwd, renderers });
  expect(r).toEqual({
    status: 'notice-changed',
    outDir: t.out,
    differences: [
      '不合格政务新媒体 23 → 22：黔东南商务（政务微信） 不再列入',
      '整改截止日期：2023年11月28日 → 2023年11月30日',
    ],
    // 黔东南商务's row on the 附件2 page changes too: said apart, not as the 正文
    annexRows: 1,
  });
});

test('without an earlier build it asks for tongbao build (exit 1) and writes nothing', async () => {
  const t = seedCopy();
  const r = await runCli(t.cwd, ['2023-q4']);
  expect(r.code).toBe(1);
  expect(r.err).toContain('请先运行 tongbao build 2023-q4');
  expect(fs.existsSync(t.out)).toBe(false);
});

test('a notice that was altered or removed cannot be kept: exit 1, rebuild asked for', async () => {
  const t = await built();
  fs.appendFileSync(path.join(t.out, NOTICE), 'x');
  serviceCorrection(t.data);
  const before = snapshot(t.out);
  const r = await runCli(t.cwd, ['2023-q4']);
  expect(r.code).toBe(1);
  expect(r.err).toContain(`${NOTICE} 缺失或与 manifest.json 不符`);
  expect(snapshot(t.out)).toEqual(before);
});
