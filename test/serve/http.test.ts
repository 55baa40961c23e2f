// tongbao serve over real HTTP: every security rule (each leaving the data files byte for
// byte as they were), edits, refusals, the round view, actions and downloads.
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { startServer } from '../../src/serve/server';
import { workbookParts, zip } from '../import/craft';
import type { RunningServer } from '../../src/serve/server';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

let work: string;
let root: string;
let server: RunningServer;
let host: string;

function request(method: string, urlPath: string, opts: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path: urlPath, headers: { Host: host, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) });
      });
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve({ status: 0, headers: {}, body: Buffer.alloc(0), json: () => ({}) }) : reject(e)));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const page = () => ({ Origin: `http://${host}`, 'Content-Type': 'application/json', 'X-Tongbao-Token': server.token });
const post = (p: string, body: unknown, headers: Record<string, string> = page()) => request('POST', p, { headers, body: JSON.stringify(body) });
const view = async () => (await request('GET', '/api/rounds/2023-q4')).json();

/** Every file under a folder with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isSymbolicLink()) out.set(path.relative(dir, f), `-> ${fs.readlinkSync(f)}`);
      else if (e.isDirectory()) walk(f);
      else out.set(path.relative(dir, f), fs.readFileSync(f).toString('base64'));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

const roundDir = () => path.join(root, '2023-q4');
const setMonth = (hashes: unknown, value: unknown, i = 0) => ({
  hashes,
  edits: [{ op: 'set', file: 'accounts.yaml', path: ['weibo', 'department', i, 'results', 0], value }],
});

beforeEach(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-serve-'));
  root = path.join(work, 'data');
  fs.mkdirSync(root);
  fs.cpSync(SEED, roundDir(), { recursive: true });
  server = await startServer({ root, cwd: work, port: 0 });
  host = `127.0.0.1:${server.port}`;
});

afterEach(async () => {
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the page and the headers', () => {
  test('GET / carries the per-launch token and the security headers, no CORS', async () => {
    const r = await request('GET', '/');
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain(`<meta name="tongbao-token" content="${server.token}">`);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const api = await request('GET', '/api/rounds', { headers: { Origin: 'http://evil.example' } });
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('two launches have different tokens', async () => {
    const other = await startServer({ root, cwd: work, port: 0 });
    try {
      expect(other.token).not.toBe(server.token);
    } finally {
      await other.close();
    }
  });
});

describe('security rules (data files stay byte-identical)', () => {
  let before: Map<string, string>;
  let hashes: Record<string, string>;
  beforeEach(async () => {
    hashes = (await view()).hashes;
    before = snapshot(work);
  });
  const unchanged = () => expect(snapshot(work)).toEqual(before);

  test('a foreign Host header is refused (DNS rebinding), for reads and writes', async () => {
    for (const h of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, `localhost.evil.example:${server.port}`]) {
      const g = await request('GET', '/api/rounds/2023-q4', { headers: { Host: h } });
      expect(g.status).toBe(403);
      expect(g.json().error).toMatch(/主机名/);
      const p = await request('POST', '/api/rounds/2023-q4/edit', { headers: { ...page(), Host: h }, body: JSON.stringify(setMonth(hashes, '合格')) });
      expect(p.status).toBe(403);
    }
    expect((await request('GET', '/api/rounds', { headers: { Host: `localhost:${server.port}` } })).status).toBe(200);
    unchanged();
  });

  test('a foreign Origin or a cross-site fetch is refused', async () => {
    const r1 = await post('/api/rounds/2023-q4/edit', setMonth(hashes, '合格'), { ...page(), Origin: 'http://evil.example' });
    expect(r1.status).toBe(403);
    expect(r1.json().error).toMatch(/不是来自本页面/);
    const r2 = await post('/api/rounds/2023-q4/edit', setMonth(hashes, '合格'), { ...page(), Origin: `http://127.0.0.1:${server.port + 1}` });
    expect(r2.status).toBe(403);
    const { Origin: _o, ...noOrigin } = page();
    const r3 = await post('/api/rounds/2023-q4/build', {}, { ...noOrigin, 'Sec-Fetch-Site': 'cross-site' });
    expect(r3.status).toBe(403);
    const r4 = await post('/api/rounds/2023-q4/build', {}, { ...page(), Origin: 'null' });
    expect(r4.status).toBe(403);
    unchanged();
  });

  test('a missing or wrong token is refused', async () => {
    const { 'X-Tongbao-Token': _t, ...noToken } = page();
    const r1 = await post('/api/rounds/2023-q4/edit', setMonth(hashes, '合格'), noToken);
    expect(r1.status).toBe(403);
    expect(r1.json().error).toMatch(/令牌/);
    const r2 = await post('/api/rounds/2023-q4/build', {}, { ...page(), 'X-Tongbao-Token': '0'.repeat(64) });
    expect(r2.status).toBe(403);
    unchanged();
  });

  test('a body that is not JSON is refused (no form posts)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await post('/api/rounds/2023-q4/edit', setMonth(hashes, '合格'), { ...page(), 'Content-Type': type });
      expect(r.status).toBe(415);
      expect(r.json().error).toMatch(/JSON/);
    }
    const bad = await request('POST', '/api/rounds/2023-q4/edit', { headers: page(), body: '{"hashes":' });
    expect(bad.status).toBe(400);
    unchanged();
  });

  test('an oversized body is refused with 413', async () => {
    const big = JSON.stringify({ ...setMonth(hashes, '合格'), pad: 'x'.repeat(1024 * 1024 + 10) });
    const r = await request('POST', '/api/rounds/2023-q4/edit', { headers: page(), body: big });
    expect(r.status).toBe(413);
    expect(r.json().error).toMatch(/请求太大/);
    // a lying Content-Length does not get past the limit either
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/rounds/2023-q4/edit', headers: { Host: host, ...page(), 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'EPIPE' || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve(413) : reject(e)));
      for (let i = 0; i < 20; i++) req.write('x'.repeat(100 * 1024));
      req.end();
    });
    expect(chunked).toBe(413);
    unchanged();
  });

  test('a stale hash is refused with 409 and nothing is overwritten', async () => {
    // someone changes the file on disk after the page read it
    const file = path.join(roundDir(), 'accounts.yaml');
    const text = fs.readFileSync(file, 'utf8').replace('# 政务微博', '# 政务微博（别处改过）');
    fs.writeFileSync(file, text);
    before = snapshot(work);
    const r = await post('/api/rounds/2023-q4/edit', setMonth(hashes, '合格'));
    expect(r.status).toBe(409);
    expect(r.json()).toEqual({ error: expect.stringMatching(/accounts\.yaml 在读取之后已被修改/), file: 'accounts.yaml' });
    unchanged();
  });

  test('a file changed behind the server\'s back with its size and mtime kept is refused with 409: nothing written, no temporary file', async () => {
    // the server holds the file's hash; only the inode's change time says it was rewritten
    const file = path.join(roundDir(), 'accounts.yaml');
    const st = fs.statSync(file);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('results: [不合格, 合格, 合格]', 'results: [合格, 不合格, 合格]'));
    fs.utimesSync(file, st.atime, st.mtime);
    expect(fs.statSync(file).size).toBe(st.size);
    before = snapshot(work);
    const r = await post('/api/rounds/2023-q4/edit', setMonth(hashes, '合格', 1));
    expect(r.status).toBe(409);
    expect(r.json()).toEqual({ error: expect.stringMatching(/accounts\.yaml 在读取之后已被修改/), file: 'accounts.yaml' });
    unchanged();
    expect([...snapshot(work).keys()].filter((k) => k.includes('.tongbao-tmp-'))).toEqual([]);
  });

  test('round and file names resolve inside DATA_ROOT only: ../, encoded, absolute, symlinks', async () => {
    const outside = path.join(work, 'outside');
    fs.cpSync(SEED, outside, { recursive: true });
    fs.symlinkSync(outside, path.join(root, 'linked'));
    before = snapshot(work);
    const names = ['..', '%2e%2e', '%E0%A4%A', '..%2F..%2Foutside', '%2E%2E%2Foutside', 'linked', '2023-q4%2F..%2F..%2Foutside', '%2Fetc', 'nonexistent'];
    for (const n of names) {
      const g = await request('GET', `/api/rounds/${n}`);
      expect([403, 404]).toContain(g.status);
      const p = await post(`/api/rounds/${n}/edit`, setMonth(hashes, '合格'));
      expect([403, 404]).toContain(p.status);
      const b = await post(`/api/rounds/${n}/build`, {});
      expect([403, 404]).toContain(b.status);
    }
    const list = (await request('GET', '/api/rounds')).json();
    expect(list.rounds.map((r: { name: string }) => r.name)).toEqual(['2023-q4']);
    // assets: only files of web/
    for (const a of ['/assets/..%2F..%2Fpackage.json', '/assets/%2e%2e/package.json', '/assets/../package.json', '/assets/index.html', '/assets/%E0%A4%A', '/assets/fonts/..%2F..%2Fpackage.json']) {
      const r = await request('GET', a);
      expect(r.status).toBe(404);
    }
    unchanged();
    expect(fs.existsSync(path.join(work, 'out', 'linked'))).toBe(false);
    expect(fs.existsSync(path.join(work, 'out', 'outside'))).toBe(false);
  });

  test('path segments __proto__, prototype, constructor are refused at the boundary and leave no state behind', async () => {
    // a refused edit at ["__proto__","sites.yaml"] must not set Object.prototype["sites.yaml"]: an
    // edit without the sites.yaml hash would then pass the hash check and be written
    const cases: unknown[] = [
      { hashes, edits: [{ op: 'set', file: 'sites.yaml', path: ['__proto__', 'sites.yaml'], value: 'x' }] },
      { hashes, edits: [{ op: 'set', file: 'sites.yaml', path: ['__proto__', 'toString'], value: 'x' }] },
      { hashes, edits: [{ op: 'set', file: 'notice.yaml', path: ['constructor', 'prototype', 'x'], value: 1 }] },
      { hashes, edits: [{ op: 'delete', file: 'notice.yaml', path: ['prototype'] }] },
      { hashes, edits: [{ op: 'insert', file: 'sites.yaml', path: ['county'], value: JSON.parse('{"name":"a","url":"https://a.example","result":"合格","__proto__":{"polluted":1}}') }] },
    ];
    for (const body of cases) {
      const r = await post('/api/rounds/2023-q4/edit', body);
      expect(r.status).toBe(400);
      expect(r.json().error).toMatch(/不能含有|不允许的字段名/);
    }
    expect(({} as Record<string, unknown>)['sites.yaml']).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // the later edit without the sites.yaml hash is still refused
    const { ['sites.yaml']: _dropped, ...others } = hashes;
    void _dropped;
    const r = await post('/api/rounds/2023-q4/edit', { hashes: others, edits: [{ op: 'set', file: 'sites.yaml', path: ['department', 0, 'result'], value: '不合格' }] });
    expect(r.status).toBe(400);
    expect(r.json().error).toContain('sites.yaml 的 SHA-256');
    unchanged();
    expect(fs.existsSync(path.join(roundDir(), 'history'))).toBe(false);
  });

  test('a data file that is a symbolic link is neither read nor replaced, even on an edit', async () => {
    const secret = path.join(work, 'secret.yaml');
    fs.writeFileSync(secret, 'department:\n  - name: 机密单位名称\n    url: https://secret.example\n    result: 合格\ncounty: []\n');
    fs.rmSync(path.join(roundDir(), 'sites.yaml'));
    fs.symlinkSync(secret, path.join(roundDir(), 'sites.yaml'));
    before = snapshot(work);
    const secretBytes = fs.readFileSync(secret);
    const g = await request('GET', '/api/rounds/2023-q4');
    expect(g.status).toBe(200);
    expect(g.body.toString('utf8')).not.toContain('机密单位名称');
    expect(g.json().diagnostics.some((d: { message: string }) => /sites\.yaml 是符号链接/.test(d.message))).toBe(true);
    const e = await post('/api/rounds/2023-q4/edit', { hashes: { ...hashes, 'sites.yaml': g.json().hashes['sites.yaml'] ?? '' }, edits: [{ op: 'set', file: 'sites.yaml', path: ['department', 0, 'result'], value: '不合格' }] });
    expect(e.status).toBe(422);
    expect(e.json().error).toMatch(/sites\.yaml 是符号链接/);
    const b = await post('/api/rounds/2023-q4/build', {});
    expect(b.status).toBe(422);
    expect(fs.readFileSync(secret)).toEqual(secretBytes);
    expect(fs.lstatSync(path.join(roundDir(), 'sites.yaml')).isSymbolicLink()).toBe(true);
    expect(fs.existsSync(path.join(roundDir(), 'history'))).toBe(false);
    expect(fs.existsSync(path.join(work, 'out'))).toBe(false);
    unchanged();
  });

  test('an edit cannot name a file other than the three data files', async () => {
    for (const file of ['../notice.yaml', 'calendar.yaml', '/etc/passwd', 'history/1/notice.yaml']) {
      const r = await post('/api/rounds/2023-q4/edit', { hashes, edits: [{ op: 'set', file, path: ['issuer'], value: 'x' }] });
      expect(r.status).toBe(400);
    }
    unchanged();
  });

  test('a value the schema refuses is refused with the reason (422), nothing written', async () => {
    const cases: [unknown, RegExp][] = [
      [setMonth(hashes, '优秀'), /结果“优秀”无效/],
      [{ hashes, edits: [{ op: 'set', file: 'sites.yaml', path: ['department', 0, 'name'], value: '' }] }, /^这个值不能保存：州直部门网站“[^”]+” · 名称：“名称”不能为空$/],
      [{ hashes, edits: [{ op: 'set', file: 'notice.yaml', path: ['issued'], value: '2023-02-30' }] }, /日期/],
      [{ hashes, edits: [{ op: 'insert', file: 'sites.yaml', path: ['county'], value: { name: '新网站', result: '合格' } }] }, /缺少必填“网址”/],
    ];
    for (const [body, why] of cases) {
      const r = await post('/api/rounds/2023-q4/edit', body);
      expect(r.status).toBe(422);
      expect(r.json().error).toMatch(why);
      expect(r.json().diagnostics.length).toBeGreaterThan(0);
    }
    unchanged();
  });
});

describe('editing', () => {
  test('a body that starts with a UTF-8 byte order mark (Windows PowerShell sends one) is read as JSON; two marks are not', async () => {
    const v0 = await view();
    const body = JSON.stringify(setMonth(v0.hashes, '合格'));
    const twice = await request('POST', '/api/rounds/2023-q4/edit', { headers: page(), body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(body)]) });
    expect([twice.status, twice.json().error]).toEqual([400, '请求不是有效的 JSON']);
    const r = await request('POST', '/api/rounds/2023-q4/edit', { headers: page(), body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]) });
    expect(r.status).toBe(200);
    expect(r.json().accounts[0].results).toEqual(['合格', '合格', '合格']);
    expect(fs.readFileSync(path.join(roundDir(), 'accounts.yaml'), 'utf8')).toContain('      results: [合格, 合格, 合格]');
  });

  test('an edit changes only that value, keeps the previous file in history and answers with the fresh view', async () => {
    const v0 = await view();
    expect(v0.overview.totals.accounts.failing).toBe(23);
    const file = path.join(roundDir(), 'accounts.yaml');
    const old = fs.readFileSync(file, 'utf8');
    const r = await post('/api/rounds/2023-q4/edit', setMonth(v0.hashes, '合格'));
    expect(r.status).toBe(200);
    const v1 = r.json();
    const now = fs.readFileSync(file, 'utf8');
    const diff = old.split('\n').map((l, i) => [l, now.split('\n')[i]]).filter(([a, b]) => a !== b);
    expect(diff).toEqual([['      results: [不合格, 合格, 合格]', '      results: [合格, 合格, 合格]']]);
    expect(fs.readFileSync(path.join(roundDir(), 'history', '1', 'accounts.yaml'), 'utf8')).toBe(old);
    expect(v1.overview.totals.accounts.failing).toBe(22);
    expect(v1.overview.failingAccounts.map((a: { name: string }) => a.name)).not.toContain('黔东南州生态环境局');
    expect(v1.hashes['accounts.yaml']).not.toBe(v0.hashes['accounts.yaml']);
    expect(v1.hashes['sites.yaml']).toBe(v0.hashes['sites.yaml']);
    expect(v1.previewHtml).toContain('不合格政务微信、政务微博22个');
    expect(v1.accounts[0].results).toEqual(['合格', '合格', '合格']);
    // the warning that failing_order names an account that now passes, at its place
    const w = v1.diagnostics.find((d: { message: string }) => /黔东南州生态环境局（政务微博）”本轮合格/.test(d.message));
    expect(w).toMatchObject({ severity: 'warning', file: 'notice.yaml', field: 'failing_order', unitId: null, source: 'validate' });
  });

  test('a cross-field problem is saved and shown at its unit and field with FILE:LINE:COL', async () => {
    const v0 = await view();
    const r = await post('/api/rounds/2023-q4/edit', { hashes: v0.hashes, edits: [{ op: 'set', file: 'sites.yaml', path: ['department', 1, 'name'], value: '州发展改革委' }] });
    expect(r.status).toBe(200);
    const v = r.json();
    expect(fs.readFileSync(path.join(roundDir(), 'sites.yaml'), 'utf8')).toContain('  - name: 州发展改革委\n    url: http://kjj.qdn.gov.cn');
    expect(v.ok).toBe(false);
    expect(v.errors).toBe(1);
    // the preview and totals stay, with the unit in error counted and marked at its row in 附件1
    expect(v.overview.totals.sites.total).toBe(50);
    expect(v.previewHtml).toContain('政府网站共有50个');
    expect(v.previewHtml).toMatch(
      /<tr data-table="\d+"><td class="tb-c">2<\/td><td class="tb-l">州发展改革委<a class="tb-err" href="#sites\.yaml:department:1" data-jump-unit="sites\.yaml:department:1" data-jump-field="name" title="跳到数据中的这个单位改正">【有错误：名称重复】<\/a><\/td><td class="tb-l">http:\/\/kjj\.qdn\.gov\.cn<\/td>/,
    );
    expect(v.previewHtml.match(/【有错误/g)).toHaveLength(1);
    expect(v.previewNotes).toEqual(['另有 1 个单位有错误（“州发展改革委”），已在附件中标出【有错误】，点它可跳到该单位改正；合计已计入这些单位。']);
    expect(v.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', file: 'sites.yaml', line: 9, col: 11, unitId: 'sites.yaml:department:1', field: 'name', source: 'validate', message: expect.stringContaining('重复'), fill: false, place: '州直部门网站“州发展改革委” · 名称' }),
    ]);
    expect(v.sites[1]).toMatchObject({ id: 'sites.yaml:department:1', name: '州发展改革委', paths: { name: ['department', 1, 'name'] } });
    // a failing account given two months for three: its 附件2 row says so instead of its results,
    // and it leaves the failing list (its results cannot be judged; counted as 合格 until fixed)
    const r2 = await post('/api/rounds/2023-q4/edit', { hashes: v.hashes, edits: [{ op: 'set', file: 'accounts.yaml', path: ['weibo', 'department', 0, 'results'], value: ['不合格', '合格'] }] });
    expect(r2.status).toBe(200);
    const v2 = r2.json();
    expect(v2.errors).toBe(2);
    expect(v2.previewHtml).toMatch(
      /<tr data-table="\d+"( data-first)?><td class="tb-c">1<\/td><td class="tb-l">黔东南州生态环境局<a class="tb-err" href="#accounts\.yaml:weibo:department:0" data-jump-unit="accounts\.yaml:weibo:department:0" data-jump-field="results" title="[^"]+">【有错误：结果月数不对】<\/a><\/td><td class="tb-l">黔东南州生态环境局<\/td><td class="tb-c">—<\/td><td class="tb-c">—<\/td><td class="tb-c">—<\/td><\/tr>/,
    );
    expect(v2.previewHtml).toContain('【有错误：名称重复】');
    expect(v2.overview.totals.accounts.failing).toBe(22);
    expect(v2.previewNotes).toEqual([
      '另有 2 个单位有错误（“州发展改革委”、“黔东南州生态环境局”），已在附件中标出【有错误】，点它可跳到该单位改正；合计已计入这些单位，其中 1 个的结果无法判定，暂按合格计。',
    ]);
    // the markers are the page's only: a build is refused and writes nothing
    const b = await post('/api/rounds/2023-q4/build', {});
    expect(b.json()).toMatchObject({ ok: false, message: expect.stringMatching(/数据有 2 处错误/) });
    expect(fs.existsSync(path.join(work, 'out'))).toBe(false);
    // both put right: the notice built has neither marker, the units at their places
    const r3 = await post('/api/rounds/2023-q4/edit', {
      hashes: v2.hashes,
      edits: [
        { op: 'set', file: 'sites.yaml', path: ['department', 1, 'name'], value: '州科技局' },
        { op: 'set', file: 'accounts.yaml', path: ['weibo', 'department', 0, 'results'], value: ['不合格', '合格', '合格'] },
      ],
    });
    expect(r3.json()).toMatchObject({ ok: true, errors: 0, previewNotes: [] });
    expect(r3.json().previewHtml).not.toMatch(/有错误|待填写|tb-err/);
    expect((await post('/api/rounds/2023-q4/build', {})).json().ok).toBe(true);
    const out = path.join(work, 'out', '2023-q4');
    const docx = fs.readdirSync(out).find((f) => f.endsWith('.docx'))!;
    const xml = await (await JSZip.loadAsync(fs.readFileSync(path.join(out, docx)))).file('word/document.xml')!.async('string');
    expect(xml).toContain('州科技局');
    expect(xml).toContain('黔东南州生态环境局');
    expect(xml).not.toMatch(/有错误|待填写|待核/);
  });

  test('a month of results is placed at its index; add and remove a unit', async () => {
    let v = await view();
    let r = await post('/api/rounds/2023-q4/edit', { hashes: v.hashes, edits: [{ op: 'set', file: 'accounts.yaml', path: ['wechat', 'county', 2, 'results', 1], value: '合格' }] });
    expect(r.status).toBe(200);
    v = r.json();
    const d = v.diagnostics.find((x: { unitId: string }) => x.unitId === 'accounts.yaml:wechat:county:2');
    // that account gives update dates or not; either way nothing may be misplaced
    if (d) expect(d.field).toBe('results');
    const sites = v.sites.length;
    r = await post('/api/rounds/2023-q4/edit', { hashes: v.hashes, edits: [{ op: 'insert', file: 'sites.yaml', path: ['county'], value: { name: '新县政府网站', url: 'http://new.gov.cn', result: '不合格', problems: ['首页无法访问'] } }] });
    expect(r.status).toBe(200);
    v = r.json();
    expect(v.sites.length).toBe(sites + 1);
    expect(v.overview.failingSites.map((s: { name: string }) => s.name)).toEqual(['新县政府网站']);
    const last = v.sites[v.sites.length - 1];
    r = await post('/api/rounds/2023-q4/edit', { hashes: v.hashes, edits: [{ op: 'delete', file: 'sites.yaml', path: ['county', last.index] }] });
    expect(r.status).toBe(200);
    expect(r.json().sites.length).toBe(sites);
    expect(fs.readFileSync(path.join(roundDir(), 'sites.yaml'), 'utf8')).toBe(fs.readFileSync(path.join(SEED, 'sites.yaml'), 'utf8'));
  });

  test('a unit named like markup stays data (the page escapes it; the preview is escaped)', async () => {
    const v0 = await view();
    const name = '<img src=x onerror=alert(1)>';
    const r = await post('/api/rounds/2023-q4/edit', { hashes: v0.hashes, edits: [{ op: 'set', file: 'accounts.yaml', path: ['weibo', 'department', 1, 'name'], value: name }] });
    expect(r.status).toBe(200);
    const v = r.json();
    expect(v.accounts[1].name).toBe(name);
    expect(v.previewHtml).not.toContain('<img');
    expect(v.previewHtml).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('a YAML file in the round folder that is not read', () => {
  test('is a warning in the round\'s problems at the file, counted in the list; renamed, it is read and the warning goes', async () => {
    const listed = async () => (await request('GET', '/api/rounds')).json().rounds.find((r: { name: string }) => r.name === '2023-q4');
    const base = await listed();
    fs.writeFileSync(path.join(roundDir(), 'calendar.yml'), '2027:\n  holidays: [2027-01-01]\n  workdays: []\n');
    const v = await view();
    expect(v.diagnostics.filter((d: { file: string }) => d.file === 'calendar.yml')).toEqual([
      {
        severity: 'warning',
        file: 'calendar.yml',
        line: 1,
        col: 1,
        message: '文件夹中有 calendar.yml，但只读取 calendar.yaml：这个文件没有使用；扩展名要写作 .yaml，不是 .yml。请把它改名为 calendar.yaml',
        rule: null,
        unitId: null,
        field: null,
        month: null,
        source: 'validate',
        fill: false,
        place: 'calendar.yml',
      },
    ]);
    expect(v.warnings).toBe(base.warnings + 1);
    expect((await listed()).warnings).toBe(base.warnings + 1);
    // the folder's listing is looked at on each request: the rename is seen without restarting
    fs.renameSync(path.join(roundDir(), 'calendar.yml'), path.join(roundDir(), 'calendar.yaml'));
    const after = await view();
    expect(after.diagnostics.filter((d: { file: string }) => d.file.startsWith('calendar'))).toEqual([]);
    expect((await listed()).warnings).toBe(base.warnings);
  });
});

describe('actions and downloads', () => {
  test('build, then changes since the build, the annexes guard, files and downloads', async () => {
    let r = await post('/api/rounds/2023-q4/build', {});
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, message: expect.stringMatching(/^已生成到 out[/\\]2023-q4/) });
    const outDir = path.join(work, 'out', '2023-q4');
    const list = (await request('GET', '/api/rounds')).json();
    expect(list.rounds[0]).toMatchObject({ name: '2023-q4', errors: 0, verify: 'ok', lastBuild: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

    let v = await view();
    expect(v.changes).toEqual({ sinceBuild: false, noticeChanges: false, lines: [] });
    // a correction the notice does not print (the 服务号 flag, shown in the workbooks only): annexes may go ahead
    r = await post('/api/rounds/2023-q4/edit', { hashes: v.hashes, edits: [{ op: 'set', file: 'accounts.yaml', path: ['wechat', 'department', 0, 'service'], value: true }] });
    v = r.json();
    expect(v.changes.sinceBuild).toBe(true);
    expect(v.changes.noticeChanges).toBe(false);
    expect(v.changes.lines).toEqual(['州直部门政务微信　黔东南民政　修改　服务号：否 → 是']);
    r = await post('/api/rounds/2023-q4/annexes', {});
    expect(r.json()).toMatchObject({ ok: true, message: expect.stringMatching(/^正文未变/) });

    // a result change: the notice changes, so annexes refuses and says why
    v = await view();
    r = await post('/api/rounds/2023-q4/edit', setMonth(v.hashes, '合格'));
    v = r.json();
    expect(v.changes.noticeChanges).toBe(true);
    expect(v.changes.lines).toContain('通报将有不同：不合格政务新媒体 23 → 22：黔东南州生态环境局（政务微博） 不再列入');
    const out = snapshot(outDir);
    r = await post('/api/rounds/2023-q4/annexes', {});
    expect(r.status).toBe(200);
    // in the words of the notice's 正文, as tongbao annexes says it
    expect(r.json()).toMatchObject({ ok: false, message: expect.stringMatching(/会改变通报正文/), changes: ['正文第二段：全州有不合格政务微信、政务微博23个 → 22个；删去“黔东南州生态环境局（政务微博）”'] });
    expect(snapshot(outDir)).toEqual(out);
    expect((await request('GET', '/api/rounds')).json().rounds[0].verify).toBe('changed');

    r = await post('/api/rounds/2023-q4/build', {});
    expect(r.json().ok).toBe(true);
    const files = (await request('GET', '/api/rounds/2023-q4/files')).json();
    const annex1 = path.join(outDir, files.outputs.find((f: { role: string }) => f.role === 'annex1').path);
    const kept = fs.readFileSync(annex1);
    fs.rmSync(annex1);
    expect((await request('GET', '/api/rounds')).json().rounds[0].verify).toBe('missing');
    fs.writeFileSync(annex1, kept);
    expect((await request('GET', '/api/rounds')).json().rounds[0].verify).toBe('ok');
    const docx = files.outputs.find((f: { role: string }) => f.role === 'notice');
    expect(docx.path).toBe('关于2023年第四季度全州政府网站和政务新媒体检查情况的通报.docx');
    expect(files.history.length).toBeGreaterThanOrEqual(2);
    const d = await request('GET', `/api/rounds/2023-q4/download?path=${encodeURIComponent(docx.path)}`);
    expect(d.status).toBe(200);
    expect(d.headers['content-disposition']).toBe(`attachment; filename="__2023${'_'.repeat(docx.path.length - 11)}.docx"; filename*=UTF-8''${encodeURIComponent(docx.path)}`);
    const zip = await JSZip.loadAsync(d.body);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('全州有不合格政务微信、政务微博22个');
    const h = files.history[0].files.find((f: { role: string }) => f.role === 'notice');
    expect((await request('GET', `/api/rounds/2023-q4/download?path=${encodeURIComponent(h.path)}`)).status).toBe(200);

    // nothing the manifests do not list: data files, traversal, a planted file, a symlink
    fs.writeFileSync(path.join(outDir, 'secret.txt'), 'x');
    fs.symlinkSync(path.join(roundDir(), 'notice.yaml'), path.join(outDir, 'history', '1', 'link.docx'));
    for (const p of ['secret.txt', '../../data/2023-q4/notice.yaml', '..%2F..%2Fdata%2F2023-q4%2Fnotice.yaml', '/etc/passwd', 'history/1/link.docx', 'history/../manifest.json', '.tongbao-tmp-x']) {
      const x = await request('GET', `/api/rounds/2023-q4/download?path=${encodeURIComponent(p)}`);
      expect(x.status).toBe(404);
    }
    // a listed file replaced by a symlink is not followed
    fs.rmSync(path.join(outDir, docx.path));
    fs.symlinkSync(path.join(roundDir(), 'notice.yaml'), path.join(outDir, docx.path));
    expect((await request('GET', `/api/rounds/2023-q4/download?path=${encodeURIComponent(docx.path)}`)).status).toBe(404);
  });

  test('a build refused by data errors says so with the diagnostics, and writes nothing', async () => {
    const v = await view();
    await post('/api/rounds/2023-q4/edit', { hashes: v.hashes, edits: [{ op: 'set', file: 'sites.yaml', path: ['department', 1, 'name'], value: '州发展改革委' }] });
    const r = await post('/api/rounds/2023-q4/build', {});
    expect(r.json()).toMatchObject({ ok: false, message: expect.stringMatching(/数据有 1 处错误/), diagnostics: [expect.objectContaining({ unitId: 'sites.yaml:department:1', field: 'name' })] });
    expect(fs.existsSync(path.join(work, 'out'))).toBe(false);
  });

  test('import: an annex workbook previews its changes, writes nothing until applied, then saves through src/edit', async () => {
    expect((await post('/api/rounds/2023-q4/build', {})).json().ok).toBe(true);
    const files = (await request('GET', '/api/rounds/2023-q4/files')).json();
    const annex2 = files.outputs.find((f: { role: string }) => f.role === 'annex2');
    const wb = fs.readFileSync(path.join(work, 'out', '2023-q4', annex2.path));
    // the data changes after the build; the workbook still says 不合格 for August
    let v = await view();
    v = (await post('/api/rounds/2023-q4/edit', setMonth(v.hashes, '合格'))).json();
    expect(v.overview.totals.accounts.failing).toBe(22);
    const before = snapshot(roundDir());
    let r = await post('/api/rounds/2023-q4/import', { filename: annex2.path, base64: wb.toString('base64'), apply: false });
    expect(r.status).toBe(200);
    let res = r.json();
    expect(res.ok).toBe(true);
    expect(res.message).toMatch(/将改动 1 处/);
    expect(res.changes[0]).toMatch(/黔东南州生态环境局.*合格 → 不合格/);
    expect(res.changes).toContain('通报将有不同：不合格政务新媒体 22 → 23：黔东南州生态环境局（政务微博） 新列入');
    expect(snapshot(roundDir())).toEqual(before);
    r = await post('/api/rounds/2023-q4/import', { filename: `C:\\fakepath\\${annex2.path}`, base64: wb.toString('base64'), apply: true });
    res = r.json();
    expect(res).toMatchObject({ ok: true, files: ['accounts.yaml'] });
    // the history names the workbook, not the path a browser may send
    expect((await request('GET', '/api/rounds/2023-q4/history')).json().versions[0].label).toBe(`从 Excel 导入 ${annex2.path}（1 处）`);
    expect(fs.readFileSync(path.join(roundDir(), 'accounts.yaml'), 'utf8')).toBe(fs.readFileSync(path.join(SEED, 'accounts.yaml'), 'utf8'));
    expect((await view()).overview.totals.accounts.failing).toBe(23);
    // not a workbook, or not .xlsx: said in Chinese, nothing written
    const now = snapshot(roundDir());
    res = (await post('/api/rounds/2023-q4/import', { filename: 'a.xlsx', base64: Buffer.from('not a zip').toString('base64'), apply: true })).json();
    expect(res.ok).toBe(false);
    expect(res.message).not.toMatch(/tongbao-import-/);
    res = (await post('/api/rounds/2023-q4/import', { filename: 'a.csv', base64: '', apply: true })).json();
    expect(res).toMatchObject({ ok: false, message: expect.stringMatching(/\.xlsx/) });
    expect(snapshot(roundDir())).toEqual(now);
  });
  test('import: a rename waits for the clerk: listed apart, not written by 确认导入 alone, written when confirmed', async () => {
    // 黔东南司法局发布 is not an account of this round: matched by its 主办单位, so it is a rename
    const wb = zip(workbookParts([{ name: '表', rows: [['账号名称', '主办单位', '平台', '9月'], ['黔东南司法局发布', '黔东南州司法局', '微博', '不合格'], ['丹寨政务', '丹寨县人民政府办公室', '微博', '不合格']] }]));
    const req = { filename: '更正.xlsx', base64: wb.toString('base64') };
    const before = snapshot(roundDir());
    let res = (await post('/api/rounds/2023-q4/import', { ...req, apply: false })).json();
    expect(res.ok).toBe(true);
    expect(res.message).toMatch(/将改动 1 处；另有改名或改网址 \d+ 处须确认/);
    expect(res.renames.length).toBeGreaterThan(0);
    expect(res.renames.join('\n')).toContain('黔东南司法局发布');
    expect(res.changes.join('\n')).not.toContain('黔东南司法局发布');
    expect(snapshot(roundDir())).toEqual(before);
    // 确认导入 without the rename ticked: only the exact match is written
    res = (await post('/api/rounds/2023-q4/import', { ...req, apply: true })).json();
    expect(res).toMatchObject({ ok: true, files: ['accounts.yaml'] });
    let text = fs.readFileSync(path.join(roundDir(), 'accounts.yaml'), 'utf8');
    expect(text).not.toContain('黔东南司法局发布');
    expect(text).toContain('- name: 丹寨政务\n      owner: 丹寨县人民政府办公室\n      results: [合格, 不合格, 合格]');
    // ticked: the rename is written too
    res = (await post('/api/rounds/2023-q4/import', { ...req, apply: true, rename: true })).json();
    expect(res.ok).toBe(true);
    text = fs.readFileSync(path.join(roundDir(), 'accounts.yaml'), 'utf8');
    expect(text).toContain('黔东南司法局发布');
  });
  test('import: the same plan as tongbao import for accounts judged from update dates: the unchanged 附件2 is no change, a judged month changed is refused at its cell', async () => {
    const dir = path.join(root, '2024-q1');
    fs.cpSync(path.join(__dirname, '..', 'fixtures', 'rounds', '2024-q1'), dir, { recursive: true });
    expect((await post('/api/rounds/2024-q1/build', {})).json().ok).toBe(true);
    const annex2 = (await request('GET', '/api/rounds/2024-q1/files')).json().outputs.find((f: { role: string }) => f.role === 'annex2');
    const wb = fs.readFileSync(path.join(work, 'out', '2024-q1', annex2.path));
    const before = snapshot(dir);
    let res = (await post('/api/rounds/2024-q1/import', { filename: annex2.path, base64: wb.toString('base64'), apply: true })).json();
    expect(res).toEqual({ ok: true, message: '工作簿与数据一致，没有需要导入的改动。', files: [], diagnostics: [], changes: [] });
    const edited = zip(workbookParts([{ name: '表', rows: [['账号名称', '主办单位', '平台', '2月'], ['西县发布', '西县人民政府办公室', '微博', '合格']] }]));
    res = (await post('/api/rounds/2024-q1/import', { filename: '更正.xlsx', base64: edited.toString('base64'), apply: true })).json();
    expect(res).toEqual({
      ok: false,
      message: '工作簿有 1 个问题，未改动任何文件：',
      files: [],
      diagnostics: [],
      changes: ['更正.xlsx 表!D2：区（县）政务微博“西县发布”2月的结果按更新日期（updates）计算为“不合格”，表格中改为“合格”不能导入：要改这个月的结果，请改数据 accounts.yaml 中这个账号的更新日期（updates），不要改表格；这一格请恢复为“不合格”'],
    });
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('a large round', () => {
  test('lists at most unitLimit units of a kind: the edited one first, then ones with a diagnostic, then failing ones; /units searches all', async () => {
    await server.close();
    server = await startServer({ root, cwd: work, port: 0, unitLimit: 20 });
    host = `127.0.0.1:${server.port}`;
    let v = await view();
    expect(v.accounts.length).toBe(20);
    expect(v.omitted).toEqual({ sites: 50, accounts: 55 });
    // all 23 failing accounts compete for 20 places; none passing is listed
    expect(v.accounts.every((a: { judged: string[] }) => a.judged.includes('不合格'))).toBe(true);
    // sites: none fails, so none is listed
    expect(v.sites.length).toBe(0);
    const passing = 'accounts.yaml:weibo:department:3';
    v = (await post('/api/rounds/2023-q4/edit', { hashes: v.hashes, edits: [{ op: 'set', file: 'accounts.yaml', path: ['weibo', 'department', 3, 'owner'], value: '黔东南州司法局（改）' }] })).json();
    expect(v.accounts.map((a: { id: string }) => a.id)).toContain(passing);
    expect(v.accounts.length).toBe(20);
    const found = (await request('GET', `/api/rounds/2023-q4/units?q=${encodeURIComponent('黔东南司法')}`)).json();
    expect(found.accounts.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['黔东南司法', '黔东南司法行政']));
  });

  test('the overview lists at most overviewLimit failing units of a kind; GET …/overview lists them all', async () => {
    await server.close();
    server = await startServer({ root, cwd: work, port: 0, overviewLimit: 5 });
    host = `127.0.0.1:${server.port}`;
    const v = await view();
    const whole = (await request('GET', '/api/rounds/2023-q4/overview')).json().overview;
    expect(whole.failingAccounts.length).toBe(v.overview.totals.accounts.failing);
    expect(whole.omitted).toEqual({ failingSites: 0, failingAccounts: 0 });
    expect(v.overview.failingAccounts).toEqual(whole.failingAccounts.slice(0, 5));
    expect(v.overview.omitted).toEqual({ failingSites: 0, failingAccounts: whole.failingAccounts.length - 5 });
    expect(v.overview.failingSites).toEqual(whole.failingSites);
    expect({ ...v.overview, failingAccounts: [], omitted: null }).toEqual({ ...whole, failingAccounts: [], omitted: null });
  });

  test('an edit that sends the key of the preview it shows gets no preview back while it stays the same', async () => {
    let v = await view();
    expect(v.previewKey).toMatch(/^[0-9a-f]{32}$/);
    const html = v.previewHtml;
    // saying what the notice does anyway (no comparison paragraph) leaves the preview as it was
    const compare = (value: unknown) => ({ hashes: v.hashes, preview: v.previewKey, edits: [{ op: 'set', file: 'notice.yaml', path: ['compare'], value }] });
    let e = (await post('/api/rounds/2023-q4/edit', compare({ paragraph: false }))).json();
    expect(fs.readFileSync(path.join(roundDir(), 'notice.yaml'), 'utf8')).toMatch(/compare:/);
    expect(e.errors).toBe(0);
    expect(e.previewUnchanged).toBe(true);
    expect(e.previewHtml).toBeNull();
    expect(e.previewKey).toBe(v.previewKey);
    // without the key, the whole preview as before
    v = e;
    e = (await post('/api/rounds/2023-q4/edit', { ...compare({ paragraph: false, annex_column: false }), preview: undefined })).json();
    expect(e.previewHtml).toBe(html);
    expect(e.previewUnchanged).toBeUndefined();
    // a result changes the notice: the new preview comes with its new key
    v = e;
    const month = (value: string) => ({ hashes: v.hashes, preview: v.previewKey, edits: [{ op: 'set', file: 'accounts.yaml', path: ['weibo', 'department', 3, 'results', 0], value }] });
    const was = v.accounts.find((a: { id: string }) => a.id === 'accounts.yaml:weibo:department:3').results[0];
    e = (await post('/api/rounds/2023-q4/edit', month(was === '合格' ? '不合格' : '合格'))).json();
    expect(e.previewUnchanged).toBeUndefined();
    expect(e.previewHtml).not.toBe(html);
    expect(e.previewKey).not.toBe(v.previewKey);
    v = e;
    e = (await post('/api/rounds/2023-q4/edit', month(was))).json();
    expect(e.previewHtml).toBe(html);
  });
});

describe('新建一季度 and the data history', () => {
  test('POST /api/init runs the same init as `tongbao init`; refusals write nothing', async () => {
    const list = (await request('GET', '/api/rounds')).json();
    expect(list.rounds[0]).toMatchObject({ name: '2023-q4', next: '2024-Q1', errors: 0, toFill: 0 });
    const before = snapshot(work);
    for (const [body, status, why] of [
      [{ from: '2023-q4', quarter: '2024Q1', name: '2024-q1' }, 400, /格式不对/],
      [{ from: '2023-q4', quarter: '2024-Q1', name: '../evil' }, 400, /不能用/],
      [{ from: '2023-q4', quarter: '2024-Q1', name: '2023-q4' }, 409, /已经有“2023-q4”/],
      [{ from: '2023-q4', quarter: '2023-Q4', name: '2023-q4b' }, 422, /^新季度 2023-Q4 与 \S+ 的季度 2023-Q4 相同：新季度应在 2023-Q4 之后，下一季度是 2024-Q1；/],
      [{ from: 'nonexistent', quarter: '2024-Q1', name: '2024-q1' }, 404, /没有名为/],
      [{ from: '2023-q4', quarter: '2024-Q1' }, 400, /from, quarter, name/],
    ] as [unknown, number, RegExp][]) {
      const r = await post('/api/init', body);
      expect(r.status).toBe(status);
      expect(r.json().error).toMatch(why);
    }
    expect(snapshot(work)).toEqual(before);
    fs.mkdirSync(path.join(root, '2024-q1')); // made in Explorer first: empty, so used
    const r = await post('/api/init', { from: '2023-q4', quarter: '2024-Q1', name: '2024-q1' });
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, name: '2024-q1' });
    // the same files `tongbao init` writes
    const { planInit } = await import('../../src/init');
    const planned = planInit(roundDir(), '2024-Q1', work, path.join(root, '2024-q1')).files;
    for (const [f, text] of planned) expect(fs.readFileSync(path.join(root, '2024-q1', f), 'utf8')).toBe(text);
    const v = (await request('GET', '/api/rounds/2024-q1')).json();
    expect(v.errors).toBe(0);
    expect(v.progress.toFill).toBe(280);
    const h = (await request('GET', '/api/rounds/2024-q1/history')).json();
    expect(h).toEqual({ versions: [], origin: '这一轮由“新建一季度”（tongbao init）从 2023-q4 生成' });
  });

  test('each edit is a version; a version against now; restore is an edit that can be undone; refusals change nothing', async () => {
    const f = path.join(roundDir(), 'accounts.yaml');
    const original = fs.readFileSync(f);
    const v0 = await view();
    let hashes = v0.hashes;
    const was = v0.accounts.find((a: { id: string }) => a.id === 'accounts.yaml:weibo:department:0').results[0];
    const now = was === '合格' ? '不合格' : '合格';
    const e1 = await post('/api/rounds/2023-q4/edit', { ...setMonth(hashes, now), label: `8月改为${now}` });
    expect(e1.status).toBe(200);
    const edited = fs.readFileSync(f);
    const h1 = (await request('GET', '/api/rounds/2023-q4/history')).json();
    expect(h1.versions).toHaveLength(1);
    expect(h1.versions[0]).toMatchObject({ n: 1, files: ['accounts.yaml'], label: `8月改为${now}`, source: '网页' });
    expect(h1.origin).toBeNull();
    expect(h1.versions[0].summary).toEqual([expect.stringMatching(new RegExp(`^政务微博“[^”]+” · 8月：${was} → ${now}$`))]);
    const d = (await request('GET', '/api/rounds/2023-q4/history/1')).json();
    expect(d.lines).toEqual([expect.stringMatching(new RegExp(`8月：${now} → ${was}$`))]);

    // refused restores: bad body, unknown version, stale hash, missing hash — nothing changes
    hashes = e1.json().hashes;
    const before = snapshot(work);
    expect((await post('/api/rounds/2023-q4/restore', { n: '1', hashes })).status).toBe(400);
    expect((await post('/api/rounds/2023-q4/restore', { n: 9, hashes })).status).toBe(404);
    expect((await post('/api/rounds/2023-q4/restore', { n: 1, hashes: { ...hashes, 'accounts.yaml': '0'.repeat(64) } })).status).toBe(409);
    expect((await post('/api/rounds/2023-q4/restore', { n: 1, hashes: { 'notice.yaml': hashes['notice.yaml'] } })).status).toBe(400);
    expect((await request('GET', '/api/rounds/2023-q4/history/..%2F..')).status).toBe(404);
    expect(snapshot(work)).toEqual(before);

    const back = await post('/api/rounds/2023-q4/restore', { n: 1, hashes });
    expect(back.status).toBe(200);
    expect(fs.readFileSync(f)).toEqual(original);
    const h2 = (await request('GET', '/api/rounds/2023-q4/history')).json();
    expect(h2.versions.map((x: { n: number }) => x.n)).toEqual([2, 1]);
    expect(h2.versions[0]).toMatchObject({ label: '恢复第 1 版', source: '恢复' });
    // and the restore undone
    const again = await post('/api/rounds/2023-q4/restore', { n: 2, hashes: back.json().hashes });
    expect(again.status).toBe(200);
    expect(fs.readFileSync(f)).toEqual(edited);
  });
});
