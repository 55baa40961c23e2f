// Ctrl-C (SIGINT) and SIGTERM sent to bin/tongbao.js while it works: the temporary files in the
// output folder and LibreOffice's profile folder are removed, LibreOffice is stopped, the
// earlier outputs keep their bytes, and the exit status says it was interrupted (130 / 143).
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { command, testIf } from '../support/needs';
import { hashes } from '../support/round-fixture';
import { builtSeedCopy, ROOT, seedCopy } from '../write/helpers';
import { tempDir } from '../support/tmp';

const BIN = path.join(ROOT, 'bin', 'tongbao.js');
const cwds: string[] = [];
afterAll(() => {
  for (const d of cwds) fs.rmSync(d, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start the CLI; resolves the exit once `ready()` holds, after sending `signal`. */
async function interruptWhen(cwd: string, argv: string[], env: NodeJS.ProcessEnv, ready: () => boolean, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [BIN, ...argv], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
  let sent = false;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (ready()) {
      child.kill(signal);
      sent = true;
      break;
    }
    await sleep(5);
  }
  const r = await exited;
  return { ...r, sent, err };
}

const tempsIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.startsWith('.tongbao-tmp-')) : []);

test('SIGINT while the files are being written: no temporary file left, the earlier set byte-identical', async () => {
  const t = builtSeedCopy();
  cwds.push(t.cwd);
  const before = hashes(t.out);
  // a large correction, so the workbooks take a while to write
  const sites = Array.from({ length: 30000 }, (_, i) => `  - name: 测试网站${i + 1}\n    url: http://site${i + 1}.example.gov.cn\n    result: 合格\n`).join('');
  fs.writeFileSync(path.join(t.data, 'sites.yaml'), `department:\n${sites}county:\n  - name: 凯里市\n    url: http://www.kaili.gov.cn\n    result: 合格\n`);
  const r = await interruptWhen(t.cwd, ['build', '2023-q4'], {}, () => tempsIn(t.out).length > 0, 'SIGINT');
  expect(r.sent).toBe(true);
  expect(r.code).toBe(130);
  expect(r.err).toContain('已中断');
  expect(tempsIn(t.out)).toEqual([]);
  expect(hashes(t.out)).toEqual(before);
  expect(fs.existsSync(path.join(t.out, 'history'))).toBe(false);
}, 180_000);

test('SIGINT during a first build: the output folder it created is not left behind empty', async () => {
  const t = seedCopy();
  cwds.push(t.cwd);
  const sites = Array.from({ length: 30000 }, (_, i) => `  - name: 测试网站${i + 1}\n    url: http://site${i + 1}.example.gov.cn\n    result: 合格\n`).join('');
  fs.writeFileSync(path.join(t.data, 'sites.yaml'), `department:\n${sites}county:\n  - name: 凯里市\n    url: http://www.kaili.gov.cn\n    result: 合格\n`);
  expect(fs.existsSync(t.out)).toBe(false);
  const r = await interruptWhen(t.cwd, ['build', '2023-q4'], {}, () => tempsIn(t.out).length > 0, 'SIGINT');
  expect(r.sent).toBe(true);
  expect(r.code).toBe(130);
  expect(fs.existsSync(t.out)).toBe(false);
  expect(fs.existsSync(path.dirname(t.out))).toBe(false);
}, 180_000);

testIf(command('soffice', 'libreoffice-writer-nogui'))(
  'SIGTERM while LibreOffice converts: its profile folder is removed and it is stopped',
  async () => {
    const t = seedCopy();
    cwds.push(t.cwd);
    const tmp = tempDir('tongbao-sigterm-');
    cwds.push(tmp);
    const profileOf = () => fs.readdirSync(tmp).filter((n) => n.startsWith('tongbao-pdf-'));
    // wait until LibreOffice has made its profile and its lu*.tmp files (in TMPDIR as it was
    // given to LibreOffice: the work folder's tmp/, or the system's before that was set)
    const luIn = (dir: string) => fs.existsSync(dir) && fs.readdirSync(dir).some((n) => /^lu.*\.tmp$/.test(n));
    const ready = () => profileOf().some((d) => fs.existsSync(path.join(tmp, d, 'profile')) && (luIn(path.join(tmp, d, 'tmp')) || luIn(tmp)));
    const r = await interruptWhen(t.cwd, ['package', '2023-q4', '--pdf'], { TMPDIR: tmp }, ready, 'SIGTERM');
    expect(r.sent).toBe(true);
    expect(r.code).toBe(143);
    expect(profileOf()).toEqual([]);
    expect(fs.readdirSync(tmp)).toEqual([]); // no lu*.tmp either
    expect(tempsIn(t.out)).toEqual([]);
    expect(fs.readdirSync(t.out).filter((n) => n.endsWith('.zip'))).toEqual([]);
    // no LibreOffice left running on that profile
    await sleep(300);
    const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
    expect(ps.split('\n').filter((l) => l.includes(tmp))).toEqual([]);
  },
  240_000,
);
