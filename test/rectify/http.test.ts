// The 整改 API over real HTTP: the answer, a saved change (only that value changes), and
// refusals that leave rectify.yaml byte for byte as it was.
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { startServer } from '../../src/serve/server';
import type { RunningServer } from '../../src/serve/server';
import { SEED_DIR } from '../support/round-fixture';
import { tempDir } from '../support/tmp';
import { RECTIFY_FIXTURE } from './helpers';

let server: RunningServer;
let file: string;

function request(method: string, p: string, body?: unknown): Promise<{ status: number; json: () => Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const host = `127.0.0.1:${server.port}`;
    const headers: Record<string, string> = { Host: host, Origin: `http://${host}`, 'Content-Type': 'application/json', 'X-Tongbao-Token': server.token };
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path: p, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: () => JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(JSON.stringify(body));
    req.end();
  });
}

beforeAll(async () => {
  const work = tempDir('tongbao-rectify-http-');
  fs.cpSync(SEED_DIR, path.join(work, 'data', '2023-q4'), { recursive: true });
  file = path.join(work, 'data', '2023-q4', 'rectify.yaml');
  fs.copyFileSync(RECTIFY_FIXTURE, file);
  server = await startServer({ root: path.join(work, 'data'), cwd: work, port: 0 });
});
afterAll(async () => server.close());

const URL = '/api/rounds/2023-q4/rectify';

test('GET: every failing unit with what it reported', async () => {
  const r = await request('GET', URL);
  expect(r.status).toBe(200);
  const a = r.json() as { items: { name: string; status: string; review: string }[]; counts: Record<string, number>; deadline: string };
  expect(a.deadline).toBe('2023-11-28');
  expect(a.items).toHaveLength(23);
  expect(a.counts).toEqual({ items: 23, onTime: 20, late: 1, missing: 2, passed: 22, failed: 1, notReviewed: 0 });
  expect(a.items.find((i) => i.name === '三穗政务')).toMatchObject({ status: 'missing', review: '不合格' });
});

test('POST: refusals change nothing; a good change changes only its values', async () => {
  const before = fs.readFileSync(file, 'utf8');
  const a = (await request('GET', URL)).json() as { hash: string; items: { key: string; name: string }[] };
  const key = a.items.find((i) => i.name === '锦屏县政府')!.key;
  const change = { key, reported: '2023-12-01', summary: null, review: '合格', reviewed: '2024-01-11' };
  for (const [body, status] of [
    [{ hash: a.hash, changes: [{ ...change, review: '基本合格' }] }, 422],
    [{ hash: a.hash, changes: [{ ...change, reported: '2023-02-30' }] }, 422],
    [{ hash: a.hash, changes: [{ ...change, reported: '2023-11-01' }] }, 422], // before the circular
    [{ hash: a.hash, changes: [{ ...change, key: '__proto__' }] }, 422],
    [{ hash: 'f'.repeat(64), changes: [change] }, 409],
    [{ changes: [change] }, 400],
  ] as const) {
    const r = await request('POST', URL, body);
    expect([JSON.stringify(body), r.status]).toEqual([JSON.stringify(body), status]);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  }
  const ok = await request('POST', URL, { hash: a.hash, changes: [change] });
  expect(ok.status).toBe(200);
  expect((ok.json() as { counts: Record<string, number> }).counts).toMatchObject({ late: 2, missing: 1 });
  expect(fs.readFileSync(file, 'utf8')).toBe(before.replace('  - name: 锦屏县政府\n    platform: 政务微信\n', '  - name: 锦屏县政府\n    platform: 政务微信\n    reported: 2023-12-01\n'));
});
