// Ctrl+C (SIGINT) and SIGTERM sent to `tongbao serve`: while nothing runs it is the normal end
// (the server closes, 已停止, status 0, nothing left behind); while a build, import or package runs,
// that job is interrupted as in any command (130/143, temporary files removed), which the server
// marks from the request to its answer (jobRunning, checked in-process).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { createApp } from '../../src/serve/app';
import { idleNow } from '../../src/write/interrupt';
import { ROOT } from '../write/helpers';
import { SEED_DIR } from '../support/round-fixture';
import { tempDir } from '../support/tmp';

const BIN = path.join(ROOT, 'bin', 'tongbao.js');

/** A port nobody listens on now (--port 0 is a usage error). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** `tongbao serve data` in `cwd` with its own temp folder, once it says its address; what it prints so far in `said`. */
async function startServe(cwd: string, tmp: string) {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve', 'data', '--port', String(port)], { cwd, env: { ...process.env, TMPDIR: tmp, TEMP: tmp, TMP: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
  const said = { out: '', err: '' };
  child.stderr.on('data', (d) => (said.err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      said.out += d;
      if (said.out.includes('http://')) resolve();
    });
    void exited.then(() => reject(new Error(`serve ended before it started: ${said.err}`)));
  });
  return { port, child, exited, said };
}

/** Every entry under a folder (names only). */
function entries(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      out.push(path.relative(dir, path.join(d, e.name)));
      if (e.isDirectory()) walk(path.join(d, e.name));
    }
  };
  walk(dir);
  return out.sort();
}

test.each(['SIGINT', 'SIGTERM'] as const)('%s while serve is idle: the server closes, 已停止, exit status 0, nothing left behind', async (signal) => {
  const cwd = tempDir('tongbao-serve-signal-');
  const tmp = path.join(cwd, 'tmp');
  fs.mkdirSync(tmp);
  fs.cpSync(SEED_DIR, path.join(cwd, 'data', '2023-q4'), { recursive: true });
  const before = entries(cwd);
  const { port, child, exited, said } = await startServe(cwd, tmp);
  // a page load and a round view, as a clerk's browser would (the server is idle again after)
  const res = await fetch(`http://127.0.0.1:${port}/api/rounds/2023-q4`);
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  child.kill(signal);
  expect(await exited).toEqual({ code: 0, signal: null });
  expect(said.out).toBe(`tongbao 网页已启动：http://127.0.0.1:${port}/\n数据文件夹：data　（按 Ctrl+C 结束）\n已停止。\n`);
  expect(said.err).toBe('');
  expect(entries(cwd)).toEqual(before);
}, 30_000);

test('SIGINT while a build started from the page writes its files: the build is interrupted, 130, no temporary file left, nothing built', async () => {
  const cwd = tempDir('tongbao-serve-busy-');
  const tmp = path.join(cwd, 'tmp');
  fs.mkdirSync(tmp);
  const data = path.join(cwd, 'data', '2023-q4');
  fs.cpSync(SEED_DIR, data, { recursive: true });
  // a large round, so the workbooks take a while to write (as test/cli-build/interrupt.test.ts)
  const sites = Array.from({ length: 30000 }, (_, i) => `  - name: 测试网站${i + 1}\n    url: http://site${i + 1}.example.gov.cn\n    result: 合格\n`).join('');
  fs.writeFileSync(path.join(data, 'sites.yaml'), `department:\n${sites}county:\n  - name: 凯里市\n    url: http://www.kaili.gov.cn\n    result: 合格\n`);
  const { port, child, exited, said } = await startServe(cwd, tmp);
  const base = `http://127.0.0.1:${port}`;
  const token = /tongbao-token" content="([0-9a-f]+)"/.exec(await (await fetch(`${base}/`)).text())![1];
  const outDir = path.join(cwd, 'out', '2023-q4');
  const temps = () => (fs.existsSync(outDir) ? fs.readdirSync(outDir).filter((n) => n.startsWith('.tongbao-tmp-')) : []);
  const build = fetch(`${base}/api/rounds/2023-q4/build`, { method: 'POST', headers: { Origin: base, 'Content-Type': 'application/json', 'X-Tongbao-Token': token }, body: '{}' }).catch(() => null);
  let sent = false;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline && child.exitCode === null; await new Promise((r) => setTimeout(r, 5))) {
    if (temps().length) {
      child.kill('SIGINT');
      sent = true;
      break;
    }
  }
  expect(sent).toBe(true);
  expect(await exited).toEqual({ code: 130, signal: null });
  await build;
  expect(said.err).toBe('tongbao：已中断：未完成的临时文件已删除，原有的输出文件未改动。\n');
  expect(said.out).not.toContain('已停止');
  expect(temps()).toEqual([]);
  expect(fs.existsSync(path.join(cwd, 'out'))).toBe(false);
  expect(fs.readdirSync(tmp)).toEqual([]);
}, 120_000);

test('a build in the page is a job a signal interrupts from its request to its answer; a view is not', async () => {
  const work = tempDir('tongbao-serve-jobs-');
  fs.cpSync(SEED_DIR, path.join(work, 'data', '2023-q4'), { recursive: true });
  const token = 'a'.repeat(64);
  const { app } = createApp({ root: path.join(work, 'data'), cwd: work, token, bound: { host: '127.0.0.1', port: 7355 } });
  const headers = { Host: '127.0.0.1:7355', 'Content-Type': 'application/json', 'X-Tongbao-Token': token, Origin: 'http://127.0.0.1:7355' };
  expect(idleNow()).toBe(true);
  const view = app.request('/api/rounds/2023-q4', { headers: { Host: headers.Host } });
  expect(idleNow()).toBe(true);
  expect((await view).status).toBe(200);
  const build = app.request('/api/rounds/2023-q4/build', { method: 'POST', headers, body: '{}' });
  // the request's body is read first; then the job is counted until the answer
  let busy = false;
  for (let i = 0; i < 50 && !busy; i++) {
    busy = !idleNow();
    await new Promise((r) => setImmediate(r));
  }
  expect(busy).toBe(true);
  const answer = await build;
  expect(answer.status).toBe(200);
  expect(((await answer.json()) as { ok: boolean }).ok).toBe(true);
  expect(idleNow()).toBe(true);
}, 60_000);
