// tongbao serve: an edit answered with the refreshed round view (overview, preview, diagnostics,
// changes) against a cold `tongbao check` process of the same round, in one run.
//   seed round:      edit ≤ 0.5 × cold check
//   national scale:  edit ≤ 0.2 × cold check (15,000 sites, 150,000 accounts; the edit must not
//                    re-read or re-parse the files: the state's counters are printed and checked)
// The server runs in this process on a free port; edits go over HTTP as the page sends them.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { initRound } from '../src/init';
import { startServer } from '../src/serve/server';
import type { RunningServer } from '../src/serve/server';
import { writeNationalRound } from './serve-round';
import type { Scale } from './synthetic';

export const SERVE_SEED_TARGET = 0.5;
export const SERVE_NATIONAL_TARGET = 0.2;
export const SERVE_OPEN_TARGET = 1.5;

const ROOT = join(__dirname, '..', '..');

function coldCheck(dir: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'tongbao.js'), 'check', dir], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`bench: check ${dir} failed:\n${r.stderr.slice(0, 2000)}`);
  return ms;
}

function call(s: RunningServer, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown>; bytes: number }> {
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: s.port,
        method,
        path,
        headers: {
          Host: `127.0.0.1:${s.port}`,
          Origin: `http://127.0.0.1:${s.port}`,
          'Content-Type': 'application/json',
          'X-Tongbao-Token': s.token,
          ...(data ? { 'Content-Length': String(data.length) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(buf.toString('utf8')), bytes: buf.length });
        });
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

interface EditTiming {
  best: number;
  runs: number[];
  first: number;
  /** the first edit that changed the file (on a quick-read file it used to build the whole Document) */
  firstEdit: number;
  bytes: number;
  reads: number;
  parses: number;
}

/** Alternate one account's first month between 合格 and 不合格, each answered with the view. */
async function timeEdits(root: string, name: string, runs: number, path: (string | number)[]): Promise<EditTiming> {
  const s = await startServer({ root, cwd: root, port: 0 });
  try {
    const t0 = process.hrtime.bigint();
    let view = (await call(s, 'GET', `/api/rounds/${name}`)).json;
    const first = Number(process.hrtime.bigint() - t0) / 1e6;
    const times: number[] = [];
    let bytes = 0;
    const stateBefore = s.stats();
    // Only edits that change the file count: the value is flipped each time, and a run that
    // happened to set the value already there (nothing written, nothing recomputed) is not timed.
    for (let i = 0; times.length < runs && i < runs + 2; i++) {
      const value = i % 2 === 0 ? '不合格' : '合格';
      const hash = (view.hashes as Record<string, string>)['accounts.yaml'];
      const t = process.hrtime.bigint();
      // as the page sends it: with the key of the preview it shows (left out of the answer when unchanged)
      const r = await call(s, 'POST', `/api/rounds/${name}/edit`, { hashes: view.hashes, edits: [{ op: 'set', file: 'accounts.yaml', path: [...path, 'results', 0], value }], ...(view.previewKey ? { preview: view.previewKey } : {}) });
      const took = Number(process.hrtime.bigint() - t) / 1e6;
      const answer = r.json as { overview?: unknown; previewHtml?: unknown; previewUnchanged?: boolean };
      if (r.status !== 200 || !answer.overview || !(answer.previewHtml || answer.previewUnchanged)) {
        throw new Error(`bench: edit answered ${r.status}: ${JSON.stringify(r.json).slice(0, 500)}`);
      }
      view = r.json;
      bytes = r.bytes;
      if ((view.hashes as Record<string, string>)['accounts.yaml'] !== hash) times.push(took);
    }
    if (!times.length) throw new Error('bench: no edit changed the file');
    const after = s.stats();
    return { best: Math.min(...times), runs: times, first, firstEdit: times[0], bytes, reads: after.reads - stateBefore.reads, parses: after.parses - stateBefore.parses };
  } finally {
    await s.close();
  }
}

const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');

/**
 * A round just started from the seed (新建一季度: every result 待填写), as the page fills it: one
 * result set, then a bulk fill of all 275 result boxes in one edit (the first from 待填写 to 合格,
 * then alternating 合格/不合格 so that each run changes every value), each answered with the view.
 */
async function timeFilling(root: string, runs: number): Promise<{ edit: number[]; bulk: number[]; boxes: number }> {
  const s = await startServer({ root, cwd: root, port: 0 });
  try {
    let view = (await call(s, 'GET', '/api/rounds/new')).json as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const boxes = (value: string) => {
      const edits: unknown[] = [];
      for (const u of view.sites) edits.push({ op: 'set', file: 'sites.yaml', path: u.paths.result, value });
      for (const a of view.accounts) for (const p of a.paths.results) edits.push({ op: 'set', file: 'accounts.yaml', path: p, value });
      return edits;
    };
    const post = async (edits: unknown[]) => {
      const t = process.hrtime.bigint();
      const r = await call(s, 'POST', '/api/rounds/new/edit', { hashes: view.hashes, edits });
      const took = Number(process.hrtime.bigint() - t) / 1e6;
      if (r.status !== 200 || !(r.json as { previewHtml?: unknown }).previewHtml) throw new Error(`bench: fill answered ${r.status}: ${JSON.stringify(r.json).slice(0, 500)}`);
      view = r.json;
      return took;
    };
    const edit: number[] = [];
    for (let i = 0; i < runs; i++) {
      const a = view.accounts[i];
      edit.push(await post([{ op: 'set', file: 'accounts.yaml', path: a.paths.results[0], value: '合格' }]));
    }
    const count = boxes('合格').length;
    const bulk: number[] = [];
    for (let i = 0; i < runs; i++) bulk.push(await post(boxes(i % 2 === 0 ? '合格' : '不合格')));
    return { edit, bulk, boxes: count };
  } finally {
    await s.close();
  }
}

export async function benchServe(opts: { runs: number; national: Scale | null; seedDir: string }): Promise<{ text: string; ok: boolean }[]> {
  const verdicts: { text: string; ok: boolean }[] = [];
  const work = fs.mkdtempSync(join(tmpdir(), 'tongbao-bench-serve-'));
  try {
    // seed
    const seedRoot = join(work, 'seed');
    fs.cpSync(opts.seedDir, join(seedRoot, 'round'), { recursive: true });
    const checks: number[] = [];
    for (let i = 0; i < opts.runs; i++) checks.push(coldCheck(join(seedRoot, 'round')));
    const e = await timeEdits(seedRoot, 'round', Math.max(opts.runs, 5), ['weibo', 'department', 1]);
    const check = Math.min(...checks);
    console.log('tongbao serve: an edit answered with the refreshed view (overview, preview, diagnostics, changes)');
    console.log(`  seed round       cold check best ${check.toFixed(0)} ms (runs: ${ms(checks)})`);
    console.log(`                   edit       best ${e.best.toFixed(0)} ms (runs: ${ms(e.runs)}); first view ${e.first.toFixed(0)} ms; answer ${(e.bytes / 1024).toFixed(0)} KB`);
    verdicts.push({ text: `serve edit on the seed ${(e.best / check).toFixed(2)} × cold check (target ≤ ${SERVE_SEED_TARGET})`, ok: e.best / check <= SERVE_SEED_TARGET });

    // a quarter started from the seed, filled in the page
    const initRoot = join(work, 'init');
    initRound(join(initRoot, 'new'), join(seedRoot, 'round'), undefined, initRoot);
    const f = await timeFilling(initRoot, Math.max(opts.runs, 4));
    const fe = Math.min(...f.edit);
    const fb = Math.min(...f.bulk);
    console.log(`  new quarter      a result filled  best ${fe.toFixed(0)} ms (runs: ${ms(f.edit)})`);
    console.log(`                   bulk fill of ${f.boxes} results in one edit  best ${fb.toFixed(0)} ms (runs: ${ms(f.bulk)}; the first from 待填写)`);
    verdicts.push({ text: `serve: a result filled in a new quarter ${(fe / check).toFixed(2)} × cold check of the seed (target ≤ ${SERVE_SEED_TARGET})`, ok: fe / check <= SERVE_SEED_TARGET });
    verdicts.push({ text: `serve: bulk fill of ${f.boxes} results ${(fb / check).toFixed(2)} × cold check of the seed (target ≤ ${SERVE_SEED_TARGET})`, ok: fb / check <= SERVE_SEED_TARGET });

    if (opts.national) {
      const natRoot = join(work, 'national');
      writeNationalRound(join(natRoot, 'round'), opts.seedDir, opts.national);
      const natChecks: number[] = [];
      for (let i = 0; i < Math.min(opts.runs, 2); i++) natChecks.push(coldCheck(join(natRoot, 'round')));
      const n = await timeEdits(natRoot, 'round', 3, ['wechat', 'county', 1234]);
      const nc = Math.min(...natChecks);
      console.log(`  national scale   ${opts.national.sites.toLocaleString('en')} sites, ${opts.national.accounts.toLocaleString('en')} accounts`);
      console.log(`                   cold check best ${nc.toFixed(0)} ms (runs: ${ms(natChecks)})`);
      console.log(`                   edit       best ${n.best.toFixed(0)} ms (runs: ${ms(n.runs)}; the first that changed the file ${n.firstEdit.toFixed(0)} ms); first view ${n.first.toFixed(0)} ms; answer ${(n.bytes / 1024).toFixed(0)} KB`);
      console.log(`                   files re-read during the edits: ${n.reads}, parsed in full: ${n.parses}`);
      verdicts.push({ text: `serve edit at national scale ${(n.best / nc).toFixed(2)} × cold check (target ≤ ${SERVE_NATIONAL_TARGET})`, ok: n.best / nc <= SERVE_NATIONAL_TARGET });
      verdicts.push({ text: `serve edit at national scale parsed no file in full (${n.parses})`, ok: n.parses === 0 });
      verdicts.push({ text: `serve opening a national round (first view) ${(n.first / nc).toFixed(2)} × cold check (target ≤ ${SERVE_OPEN_TARGET})`, ok: n.first / nc <= SERVE_OPEN_TARGET });
    }
    console.log('');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return verdicts;
}
