// An output file that cannot be replaced — open in Word, WPS or Excel on Windows (EBUSY, EPERM,
// EACCES on open or rename), read-only, a folder of that name in the way — or a folder that
// takes no new files: the message names the real file (never the temporary name), says it is
// probably open in Word/WPS/Excel, no `.tongbao-tmp-*` file or extra history folder is left,
// every earlier file keeps its bytes, and the CLI exits 1.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { build } from '../../src/build';
import { regenerateAnnexes } from '../../src/handoff/annexes';
import { OutputLockedError } from '../../src/write/atomic';
import { cli } from '../support/cli';
import { hashes } from '../support/round-fixture';
import { builtSeedCopy, edit, fakeRenderers, seedCopy } from './helpers';

const NOTICE = '关于2023年第四季度全州政府网站和政务新媒体检查情况的通报.docx';
const ANNEX2 = '附件2 新媒体.xlsx';
const cwds: string[] = [];
afterEach(() => {
  jest.restoreAllMocks();
  for (const d of cwds.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A built seed copy (fake renderers), then a URL correction waiting to be built. */
async function builtThenCorrected() {
  const t = seedCopy();
  cwds.push(t.cwd);
  await build({ dataDir: '2023-q4', cwd: t.cwd, renderers: fakeRenderers() });
  edit(t.data, 'sites.yaml', 'http://kjj.qdn.gov.cn', 'http://kjj2.qdn.gov.cn');
  return t;
}

/** Every file and folder under `dir` whose name is a temporary one. */
function temps(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of fs.readdirSync(d)) {
      if (n.startsWith('.tongbao-tmp-')) out.push(path.join(d, n));
      if (fs.statSync(path.join(d, n)).isDirectory()) walk(path.join(d, n));
    }
  };
  walk(dir);
  return out;
}

// The fs module itself (an `import * as` namespace cannot be patched): the code under test reads
// its functions through it at call time.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs = require('fs') as typeof fs;

const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

function expectLocked(e: unknown, file: string) {
  expect(e).toBeInstanceOf(OutputLockedError);
  const msg = (e as Error).message;
  expect(msg).toContain(file);
  expect(msg).toContain('可能正在 Word、WPS 或 Excel 中打开着');
  expect(msg).not.toContain('.tongbao-tmp-');
}

describe.each(['EBUSY', 'EPERM', 'EACCES'])('Windows says %s', (code) => {
  test('on opening a file to be replaced: refused before anything is written', async () => {
    const t = await builtThenCorrected();
    const before = hashes(t.out);
    const target = path.join(t.out, NOTICE);
    const open = fs.openSync;
    jest.spyOn(nodeFs, 'openSync').mockImplementation(((p: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
      if (p === target && flags === 'r+') throw errno(code);
      return open(p, flags ?? 'r', mode);
    }) as typeof fs.openSync);
    const e = await build({ dataDir: '2023-q4', cwd: t.cwd, renderers: fakeRenderers() }).catch((x) => x);
    expectLocked(e, target);
    expect(hashes(t.out)).toEqual(before);
    expect(temps(t.out)).toEqual([]);
    expect(fs.existsSync(path.join(t.out, 'history'))).toBe(false);
  });

  test('on renaming over a file midway: the files already replaced are put back, no history added', async () => {
    const t = await builtThenCorrected();
    const before = hashes(t.out);
    const target = path.join(t.out, ANNEX2);
    const rename = fs.renameSync;
    jest.spyOn(nodeFs, 'renameSync').mockImplementation((from, to) => {
      if (to === target) throw errno(code);
      rename(from, to);
    });
    const e = await build({ dataDir: '2023-q4', cwd: t.cwd, renderers: fakeRenderers() }).catch((x) => x);
    expectLocked(e, target);
    expect(hashes(t.out)).toEqual(before);
    expect(temps(t.out)).toEqual([]);
    expect(fs.existsSync(path.join(t.out, 'history'))).toBe(false);
  });

  test('annexes: a workbook open in Excel', async () => {
    const t = seedCopy();
    cwds.push(t.cwd);
    await build({ dataDir: '2023-q4', cwd: t.cwd, renderers: fakeRenderers() });
    edit(t.data, 'accounts.yaml', 'name: 黔东南财政\n      owner: 黔东南州财政局\n', 'name: 黔东南财政\n      owner: 黔东南州财政局\n      service: true\n');
    const before = hashes(t.out);
    const target = path.join(t.out, ANNEX2);
    const rename = fs.renameSync;
    jest.spyOn(nodeFs, 'renameSync').mockImplementation((from, to) => {
      if (to === target) throw errno(code);
      rename(from, to);
    });
    const e = await regenerateAnnexes({ dataDir: '2023-q4', cwd: t.cwd, renderers: fakeRenderers() }).catch((x) => x);
    expectLocked(e, target);
    expect(hashes(t.out)).toEqual(before);
    expect(temps(t.out)).toEqual([]);
    expect(fs.existsSync(path.join(t.out, 'history'))).toBe(false);
  });
});

// Real refusals on this machine. root ignores permission bits, so as root a file or folder is
// made immutable (chattr +i, the kernel then answers EPERM); otherwise permission bits are used.
const root = process.getuid?.() === 0;
function canLock(): boolean {
  if (!root) return process.platform !== 'win32';
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-chattr-'));
  try {
    const ok = spawnSync('chattr', ['+i', probe]).status === 0;
    spawnSync('chattr', ['-i', probe]);
    return ok;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}
const lockable = canLock();
if (!lockable) console.warn('locked-file simulation skipped: chattr +i does not work here (run as a non-root user, or on ext4)');
function lock(p: string, isDir: boolean) {
  if (root) expect(spawnSync('chattr', ['+i', p]).status).toBe(0);
  else fs.chmodSync(p, isDir ? 0o555 : 0o444);
}
function unlock(p: string, isDir: boolean) {
  if (root) spawnSync('chattr', ['-i', p]);
  else fs.chmodSync(p, isDir ? 0o755 : 0o644);
}

/**
 * The seed built with the real renderers as `build 2023-q4` writes it (the run's one seed build,
 * copied: the same data builds to the same bytes anywhere), then a correction.
 */
async function realBuilt() {
  const t = builtSeedCopy();
  cwds.push(t.cwd);
  edit(t.data, 'sites.yaml', 'http://kjj.qdn.gov.cn', 'http://kjj2.qdn.gov.cn');
  return t;
}

(lockable ? test : test.skip)('a read-only notice (as when Word has it open): exit 1, the file named, nothing changed', async () => {
  const t = await realBuilt();
  const file = path.join(t.out, NOTICE);
  const before = hashes(t.out);
  lock(file, false);
  try {
    const r = await cli(['build', '2023-q4'], t.cwd);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`无法替换 ${file}`);
    expect(r.err).toContain('Word、WPS 或 Excel');
    expect(r.err).not.toContain('.tongbao-tmp-');
  } finally {
    unlock(file, false);
  }
  expect(hashes(t.out)).toEqual(before);
  expect(temps(t.out)).toEqual([]);
});

(lockable ? test : test.skip)('a read-only output folder: exit 1, the folder named, nothing changed', async () => {
  const t = await realBuilt();
  const before = hashes(t.out);
  lock(t.out, true);
  try {
    const r = await cli(['build', '2023-q4'], t.cwd);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`无法在 ${t.out} 中写入文件：文件夹是只读的或没有写入权限`);
  } finally {
    unlock(t.out, true);
  }
  expect(hashes(t.out)).toEqual(before);
  expect(temps(t.out)).toEqual([]);
});

test('a folder in the way of an output file: exit 1, named, nothing changed', async () => {
  const t = await realBuilt();
  const annex1 = path.join(t.out, '附件1 抽查网站名单及问题曝光情况.xlsx');
  fs.rmSync(annex1);
  fs.mkdirSync(annex1);
  fs.writeFileSync(path.join(annex1, '某人的文件.txt'), 'keep me');
  const before = hashes(t.out);
  const r = await cli(['build', '2023-q4'], t.cwd);
  expect(r.code).toBe(1);
  expect(r.err).toContain(`无法写入 ${annex1}：同名的文件夹挡住了这个文件`);
  expect(hashes(t.out)).toEqual(before);
  expect(temps(t.out)).toEqual([]);
});

test('restoring an altered file that is open in Word: refused, no history folder, nothing changed', async () => {
  const t = seedCopy();
  cwds.push(t.cwd);
  await build({ dataDir: '2023-q4', cwd: t.cwd, renderers: fakeRenderers() });
  const target = path.join(t.out, NOTICE);
  fs.appendFileSync(target, 'someone typed here');
  const before = hashes(t.out);
  const rename = fs.renameSync;
  jest.spyOn(nodeFs, 'renameSync').mockImplementation((from, to) => {
    if (to === target) throw errno('EBUSY');
    rename(from, to);
  });
  const e = await build({ dataDir: '2023-q4', cwd: t.cwd, renderers: fakeRenderers() }).catch((x) => x);
  expectLocked(e, target);
  expect(hashes(t.out)).toEqual(before);
  expect(temps(t.out)).toEqual([]);
  expect(fs.existsSync(path.join(t.out, 'history'))).toBe(false);
});
