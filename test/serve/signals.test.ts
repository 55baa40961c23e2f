// Ctrl+C (SIGINT) and SIGTERM sent to `tongbao serve`: while nothing runs it is the normal end
// (the server closes, 已停止, status 0, nothing left behind); while a build, import or package runs,
// that job is interrupted as in any command (130/143, test/cli-build/interrupt.test.ts), which
// the server marks from the request to its answer (jobRunning, checked here in-process).
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
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve', 'data', '--port', String(port)], { cwd, env: { ...process.env, TMPDIR: tmp, TEMP: tmp, TMP: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('http://')) resolve();
    });
    void exited.then(() => reject(new Error(`serve ended before it started: ${err}`)));
  });
  // a page load and a round view, as a clerk's browser would (the server is idle again after)
  const res = await fetch(`http://127.0.0.1:${port}/api/rounds/2023-q4`);
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  child.kill(signal);
  expect(await exited).toEqual({ code: 0, signal: null });
  expect(out).toBe(`tongbao 网页已启动：http://127.0.0.1:${port}/\n数据文件夹：data　（按 Ctrl+C 结束）\n已停止。\n`);
  expect(err).toBe('');
  expect(entries(cwd)).toEqual(before);
}, 30_000);

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
