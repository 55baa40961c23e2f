// tongbao annexes: regenerate the annexes after a correction, or refuse (exit 3) when the
// notice's 正文 would change. These use the fake renderers (fast); the real notice, its 附件
// pages and the 更正记录 are in corrections.test.ts.
import * as fs from 'fs';
import * as path from 'path';
import { build } from '../../src/build';
import { buildSummary } from '../../src/cli/commands/build';
import { annexesCommand, annexesReport } from '../../src/cli/commands/annexes';
import { regenerateAnnexes } from '../../src/handoff/annexes';
import { handoffNote } from '../../src/handoff/note';
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

describe('附件2 edited in place in the output folder, then the correction imported', () => {
  const A2 = '附件2 新媒体.xlsx';
  beforeAll(() => {
    process.env.TONGBAO_TODAY = '2023-12-06';
  });
  afterAll(() => {
    delete process.env.TONGBAO_TODAY;
  });
  /** The clerk's edit saved over the generated workbook: it no longer matches manifest.json. */
  /** `tongbao annexes 2023-q4` with the fake renderers: what it prints. */
  const annexesRun = async (cwd: string) => {
    const r = await regenerateAnnexes({ dataDir: '2023-q4', cwd, renderers });
    expect(r.status).toBe('written');
    return { out: annexesReport(r as Extract<typeof r, { status: 'written' }>, 'out').join('\n') };
  };
  const editInPlace = (out: string) => fs.appendFileSync(path.join(out, A2), 'edited in Excel');

  test('a correction the notice prints: said plainly, compared with the 附件 page row by row, counted', async () => {
    const t = await built();
    editInPlace(t.out);
    edit(t.data, 'accounts.yaml', 'name: 黔东南民政\n', 'name: 黔东南州民政局\n');
    const r = await annexesRun(t.cwd);
    expect(r.out.split('\n').slice(0, 3)).toEqual([
      `注意：上一版的附件2（${A2}）已被手工改动或缺失（与 manifest.json 所记的校验值不符），这次更正无法与它逐行比较；已改为与通报附件页上印的上一版附件2表格逐行比较。`,
      '正文未变，附件已更正 1 处：',
      '  附件2（一）州直部门政务微博更新情况 序号 2（黔东南民政）：名称 黔东南民政 → 黔东南州民政局',
    ]);
    expect(fs.readFileSync(path.join(t.out, '更正记录.txt'), 'utf8').split('\r\n').slice(3)).toEqual([
      '',
      '2023年12月6日　第 1 次更正：附件已更正 1 处，正文未变',
      '附件2（一）州直部门政务微博更新情况 序号 2（黔东南民政）：名称 黔东南民政 → 黔东南州民政局',
      '（附件2更正前的文件已被手工改动，以上附件2各处按通报附件页上印的上一版表格比较）',
      '',
    ]);
    const m = parseManifest(fs.readFileSync(path.join(t.out, 'manifest.json'), 'utf8'), 'm');
    expect(m.body).toMatchObject({ corrections: 1 });
    expect(m.body!.unitemized).toBeUndefined();
    const v = await verifyOutDir(t.out, { dataDir: '2023-q4', cwd: t.cwd });
    expect(v.notes.join('\n')).toContain('此后附件已更正 1 处（见 更正记录.txt，最近一次在 2023年12月6日）');
  });

  test('no correction in the data: the hand edit is written back from the data, said, and kept in history/', async () => {
    const t = await built();
    editInPlace(t.out);
    const edited = fs.readFileSync(path.join(t.out, A2));
    const r = await annexesRun(t.cwd);
    expect(r.out.split('\n')[0]).toBe('正文未变，按数据生成的附件与上一版生成时相同（数据中没有对附件的更正）。');
    expect(r.out.split('\n').at(-1)).toBe(
      `注意：附件2（${A2}）在上次生成后被手工改动过，已按数据重新写回，手工改动的那份保存在 ${path.join('out', 'history', '1', A2)}。要保留其中的改动，请用 tongbao import 把那份文件导入数据。`,
    );
    expect(fs.readFileSync(path.join(t.out, 'history', '1', A2))).toEqual(edited);
    expect(fs.existsSync(path.join(t.out, '更正记录.txt'))).toBe(false);
  });

  test('a correction the notice does not print: said plainly, recorded and counted as one not listed row by row (never 0 处)', async () => {
    const t = await built();
    editInPlace(t.out);
    serviceCorrection(t.data);
    const r = await annexesRun(t.cwd);
    expect(r.out.split('\n').slice(0, 2)).toEqual([
      `注意：上一版的附件2（${A2}）已被手工改动或缺失（与 manifest.json 所记的校验值不符），这次更正无法与它逐行比较，通报附件页上也没有可比较的不同；这次更正已记入更正记录，但未能逐行列出。`,
      '正文未变，附件2已更正，未能逐行列出（已记入更正记录）。',
    ]);
    expect(r.out).not.toContain('相同');
    expect(fs.readFileSync(path.join(t.out, '更正记录.txt'), 'utf8').split('\r\n').slice(3)).toEqual([
      '',
      '2023年12月6日　第 1 次更正：附件2已更正，未能逐行列出，正文未变',
      '附件2：更正前的文件已被手工改动或缺失，通报附件页上也没有可比较的表格，未能逐行列出',
      '',
    ]);
    const m = parseManifest(fs.readFileSync(path.join(t.out, 'manifest.json'), 'utf8'), 'm');
    expect(m.body).toMatchObject({ corrections: 0, unitemized: ['附件2'] });
    const v = await verifyOutDir(t.out, { dataDir: '2023-q4', cwd: t.cwd });
    expect(v.findings).toEqual([]);
    expect(v.notes.join('\n')).toContain('此后附件有 1 次更正未能逐行列出（附件2）（见 更正记录.txt，最近一次在 2023年12月6日）');
    expect(handoffNote(m, [], [])).toContain('\n更正：附件有 1 次更正未能逐行列出（附件2），正文未变（每一处的原内容和新内容见更正记录.txt）\n');
  });
});

test('build (or package) over a 附件2 edited in place says so too, and counts the row compared on the 附件 page', async () => {
  const t = await built();
  fs.appendFileSync(path.join(t.out, '附件2 新媒体.xlsx'), 'edited in Excel');
  edit(t.data, 'accounts.yaml', 'name: 黔东南民政\n', 'name: 黔东南州民政局\n');
  const r = await build({ dataDir: '2023-q4', cwd: t.cwd, renderers });
  expect(r.status).toBe('written');
  expect(r.newBody).toBeUndefined();
  expect(buildSummary(r, { out: () => undefined, err: () => undefined, isTTY: false, cwd: t.cwd }).split('\n').slice(-3)).toEqual([
    '注意：上一版的附件2（附件2 新媒体.xlsx）已被手工改动或缺失（与 manifest.json 所记的校验值不符），这次更正无法与它逐行比较；已改为与通报附件页上印的上一版附件2表格逐行比较。',
    '正文未变，附件已更正 1 处（已记入更正记录）：',
    '  附件2（一）州直部门政务微博更新情况 序号 2（黔东南民政）：名称 黔东南民政 → 黔东南州民政局',
  ]);
  expect(r.manifest!.body).toMatchObject({ corrections: 1 });
});

test('build over a set whose 正文 the new data changes: a new 送签稿, what differs, where the previous one is kept', async () => {
  const t = await built();
  makeAccountFail(t.data);
  const r = await build({ dataDir: '2023-q4', cwd: t.cwd, renderers });
  expect(r.status).toBe('written');
  const lines = buildSummary(r, { out: () => undefined, err: () => undefined, isTTY: false, cwd: t.cwd }).split('\n');
  const kept = `${path.join('out', '2023-q4', 'history', '1')}${path.sep}`;
  expect(lines.slice(lines.indexOf(`上一版已移至 ${kept}`))).toEqual([
    `上一版已移至 ${kept}`,
    '注意：通报正文与上一版不同，这是一份新的送签稿，须重新送签。正文有以下不同：',
    // the fakes print no docx: said from the facts the manifests record
    '  不合格政务新媒体 23 → 24：黔东南发展改革（政务微博） 新列入',
    `上一版（原来的正文，连同它的更正记录和送签包）完整保存在 ${kept}`,
  ]);
});
