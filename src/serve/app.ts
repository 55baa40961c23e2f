// The HTTP API and the page (docs/serve.md). Another front door of the same pipeline: every
// answer comes from src/load → validate → aggregate → render, src/edit, src/build.ts and
// src/handoff, through the kept state of each round (state.ts).
import * as fs from 'fs';
import * as path from 'path';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { DataError, errorCount, SYSTEM_ERRORS } from '../diagnostics';
import type { RectifyAnswer } from '../../web/src/api-types';
import { RectifyRefused, rectifyAnswer, saveRectify } from './rectify';
import { EditError, StaleFileError } from '../edit';
import type { DataFileName, Edit } from '../edit';
import { outDirPath } from '../build';
import { HISTORY_DIR } from '../write/manifest';
import { forgetTempsIn, jobRunning } from '../write/interrupt';
import { OutputLockedError } from '../write/atomic';
import { projectRoot } from '../paths';
import { damagedOutputs } from '../build';
import { forPage, notTemporary, runAnnexes, runBuild, runImport, runPackage, pdfAvailable } from './actions';
import type { ActionResult, ActionTarget } from './actions';
import { BuildBaseline, changesSinceBuild, readManifestSafe } from './changes';
import { contentDisposition, downloadType, downloadable, listFiles } from './files';
import {
  BodyTooLarge,
  IMPORT_FILE_LIMIT,
  IMPORT_LIMIT,
  JSON_LIMIT,
  SECURITY_HEADERS,
  TOKEN_HEADER,
  hostAllowed,
  isJson,
  plainName,
  readLimited,
  resolveInside,
  sameOrigin,
  tokenMatches,
} from './security';
import { DATA_FILES, RoundState } from './state';
import type { RoundStateOptions } from './state';
import { fullOverview, headingOf, placeDiagnostics, roundView } from './view';
import type { RoundView, ViewDiagnostic } from './view';
import { missingTarget, refusedValues } from './refuse';
import { isLink, linkedEntries, notAFolder } from './links';
import { isFill } from './progress';
import { diffWithNow, listVersions, originOf, restoreVersion, versionFilesOf, versionNumbers } from './history';
import type { Made } from './history';

/** history/3 → 3 */
const versionOf = (history: string): number => Number(history.split(/[\\/]/).pop());
import { InitRefused, proposedNext, startQuarter } from './init';

// the data files, and history/ where every edit keeps the files it replaces
const LINK_CHECKED = ['notice.yaml', 'sites.yaml', 'accounts.yaml', 'terms.yaml', 'calendar.yaml', 'history'];
import type { ActionAnswer, EditOp, FilesAnswer, HistoryAnswer, InitRequest, OverviewAnswer, RestoreRequest, RoundSummary, RoundsList, UnitsFound, VersionDiff } from '../../web/src/api-types';

// What the page may send is what src/edit takes (web/src/api-types.ts EditOp ⊆ Edit).
const editOpIsAnEdit = (e: EditOp): Edit => e;
void editOpIsAnEdit;

export interface AppOptions {
  /** DATA_ROOT: one folder per round */
  root: string;
  /** where output folders go: <cwd>/out/<round>, as `tongbao build` does */
  cwd: string;
  token: string;
  /** the address the server listens on; set once it listens */
  bound: { host: string; port: number };
  state?: RoundStateOptions;
  unitLimit?: number;
  /** failing units the view's overview lists at most of each kind (view.ts OVERVIEW_LIMIT) */
  overviewLimit?: number;
  /** folder of the page (default: the project's web/) */
  webDir?: string;
  /** folder of the page's compiled scripts, served at /assets/js/ (default: dist/page, built from web/src by `npm run build:ts`) */
  pageDir?: string;
}

interface Round {
  state: RoundState;
  /** what each edit this server saved was and where it came from, by history version */
  labels: Map<number, Made>;
  baseline: BuildBaseline;
  /** actions and edits on a round run one at a time */
  queue: Promise<unknown>;
}

class HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 413 | 415 | 422 | 501,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const ASSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

const DATA_FILE_SET = new Set<string>(DATA_FILES);

/** Keys that name an object's prototype machinery: refused in any path or value a request sends. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** What the system says when a write is refused for an ordinary reason (each is in SYSTEM_ERRORS). */
const WRITE_REFUSED = new Set(['EACCES', 'EPERM', 'EBUSY', 'ENOSPC', 'EROFS', 'EDQUOT', 'EFBIG']);

/** Deeper than anything the page sends (a unit inserted whole is four levels). */
const MAX_DEPTH = 64;

/**
 * A parsed body's keys and depth, walked without recursion: a key naming prototype machinery
 * anywhere (JSON.parse makes "__proto__" an own key) or a nesting deeper than MAX_DEPTH (which
 * would exhaust the stack of the code that reads it) is a 400, before anything is looked at.
 */
function checkBody(body: unknown): void {
  const stack: [unknown, number][] = [[body, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) throw new HttpError(400, `请求的内容嵌套超过 ${MAX_DEPTH} 层，未做任何改动`);
    for (const k of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(k)) throw new HttpError(400, `请求中有不允许的字段名“${k}”（__proto__、prototype、constructor 一律不接受），未做任何改动`);
      stack.push([(v as Record<string, unknown>)[k], depth + 1]);
    }
  }
}

/** An edit as sent, checked for shape; a bad one is a 400 with the reason. */
function parseEdits(body: unknown): { hashes: Partial<Record<DataFileName, string>>; edits: Edit[]; label: string | null; preview: string | null } {
  const b = body as { hashes?: unknown; edits?: unknown; label?: unknown; preview?: unknown };
  if (!b || typeof b !== 'object' || !Array.isArray(b.edits) || b.edits.length === 0 || b.edits.length > 1000) {
    throw new HttpError(400, '请求格式不对：应为 { hashes, edits: [...] }');
  }
  if (!b.hashes || typeof b.hashes !== 'object') throw new HttpError(400, '请求缺少 hashes（页面看到的各文件的 SHA-256）');
  const hashes = parseHashes(b.hashes);
  const label = typeof b.label === 'string' && b.label.length <= 200 ? b.label : null;
  const edits = b.edits.map((e: unknown): Edit => {
    const x = e as { op?: unknown; file?: unknown; path?: unknown; value?: unknown; index?: unknown };
    if (!x || typeof x !== 'object' || !['set', 'delete', 'insert'].includes(x.op as string)) throw new HttpError(400, '修改的 op 应为 set、delete 或 insert');
    if (typeof x.file !== 'string' || !DATA_FILE_SET.has(x.file)) throw new HttpError(400, '只能修改 notice.yaml、sites.yaml、accounts.yaml');
    if (!Array.isArray(x.path) || !x.path.every((s) => (typeof s === 'string' && s.length < 200) || (Number.isInteger(s) && (s as number) >= 0))) {
      throw new HttpError(400, '修改的位置（path）应为字段名和序号的列表');
    }
    const bad = (x.path as unknown[]).find((seg) => typeof seg === 'string' && FORBIDDEN_KEYS.has(seg));
    if (bad !== undefined) throw new HttpError(400, `修改的位置（path）不能含有“${bad}”`);
    if (!Object.hasOwn(hashes, x.file)) throw new HttpError(400, `请求缺少 ${x.file} 的 SHA-256（hashes）`);
    const file = x.file as DataFileName;
    const p = x.path as (string | number)[];
    if (x.op === 'delete') return { op: 'delete', file, path: p };
    if (!('value' in x)) throw new HttpError(400, '修改缺少 value');
    if (x.op === 'set') return { op: 'set', file, path: p, value: x.value };
    // a position that is not a whole number is refused, not taken as “at the end”
    if (x.index !== undefined && !(Number.isInteger(x.index) && (x.index as number) >= 0)) throw new HttpError(400, '新增的位置（index）应为从 0 起的整数');
    return { op: 'insert', file, path: p, value: x.value, ...(x.index !== undefined ? { index: x.index as number } : {}) };
  });
  const preview = typeof b.preview === 'string' && b.preview.length <= 100 ? b.preview : null;
  return { hashes, edits, label, preview };
}

/** The file hashes a request sends: a fresh object per request, read only through Object.hasOwn,
 *  so nothing a request names can reach a prototype or outlive the request. */
function parseHashes(given: unknown): Partial<Record<DataFileName, string>> {
  const hashes: Partial<Record<DataFileName, string>> = Object.create(null);
  for (const [k, v] of Object.entries(given as Record<string, unknown>)) {
    if (DATA_FILE_SET.has(k) && typeof v === 'string') hashes[k as DataFileName] = v;
  }
  return hashes;
}

export function createApp(opts: AppOptions): { app: Hono; stats(): { reads: number; parses: number } } {
  const app = new Hono();
  const webDir = opts.webDir ?? path.join(projectRoot(), 'web');
  const pageDir = opts.pageDir ?? path.join(projectRoot(), 'dist', 'page');
  const rounds = new Map<string, Round>();
  const realRoot = (): string => {
    try {
      return fs.realpathSync(opts.root);
    } catch {
      throw new HttpError(404, `找不到数据文件夹 ${opts.root}`);
    }
  };

  function roundNames(): string[] {
    const root = realRoot();
    return fs
      .readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && plainName(d.name) && !d.name.startsWith('.') && fs.existsSync(path.join(root, d.name, 'notice.yaml')))
      .map((d) => d.name)
      .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)); // newest quarter first
  }

  function round(name: string): Round {
    const dir = plainName(name) ? resolveInside(realRoot(), name, 'dir') : null;
    if (!dir || !fs.existsSync(path.join(dir, 'notice.yaml'))) throw new HttpError(404, `没有名为“${name}”的一轮数据`);
    let r = rounds.get(dir);
    if (!r) {
      r = { state: new RoundState(name, dir, opts.state), labels: new Map(), baseline: new BuildBaseline(dir), queue: Promise.resolve() };
      rounds.set(dir, r);
    }
    return r;
  }

  /** Nothing is read or written in a round whose data files are symbolic links (links.ts); nor, by what
   *  saves data (edit, restore, import, rectify), when its history/ is a link or not a folder. */
  function refuseLinks(r: Round, writesHistory = true): void {
    const linked = linkedEntries(r.state.dir, writesHistory ? LINK_CHECKED : LINK_CHECKED.filter((f) => f !== HISTORY_DIR));
    if (linked.length) throw new HttpError(422, `${linked.map((f) => (f === 'history' ? 'history 文件夹（历史版本）' : f)).join('、')} 是符号链接（快捷方式）：为安全起见，网页不读取也不修改它们，未做任何改动`, { diagnostics: [] });
    if (writesHistory && notAFolder(path.join(r.state.dir, HISTORY_DIR))) throw new HttpError(422, 'history 不是文件夹：修改前的数据要存入 history 文件夹中，请把这个同名文件移走或改名，未做任何改动', { diagnostics: [] });
  }

  /** Nothing is written through an output folder that is a symbolic link: out/, out/<round>, or its history/. */
  function refuseOutLinks(r: Round): void {
    const cwd = path.resolve(opts.cwd);
    const out = target(r).outDir;
    const folders = [path.join(out, HISTORY_DIR)];
    for (let d = out; d.startsWith(cwd + path.sep); d = path.dirname(d)) folders.push(d);
    const linked = folders.filter(isLink).map((d) => path.relative(cwd, d).split(path.sep).join('/'));
    if (linked.length) throw new HttpError(422, `输出文件夹 ${linked.join('、')} 是符号链接（快捷方式）：为安全起见，网页不向它写入，未做任何改动`, { diagnostics: [] });
    if (notAFolder(folders[0])) throw new HttpError(422, `${path.relative(cwd, folders[0]).split(path.sep).join('/')} 不是文件夹：上一版输出文件要存入这个文件夹，请把这个同名文件移走或改名，未做任何改动`, { diagnostics: [] });
  }

  const target = (r: Round): ActionTarget => ({ dataDir: r.state.dir, outDir: outDirPath(r.state.dir, opts.cwd), cwd: opts.cwd });

  function serialize<T>(r: Round, job: () => Promise<T> | T): Promise<T> {
    const next = r.queue.then(job, job);
    r.queue = next.catch(() => undefined);
    return next;
  }

  function view(r: Round, keep?: Set<string>): RoundView {
    const c = r.state.compute();
    return roundView(r.state, c, changesSinceBuild(r.state, c, target(r).outDir, r.baseline), { unitLimit: opts.unitLimit, overviewLimit: opts.overviewLimit, keep });
  }

  async function jsonBody(c: Context, limit = JSON_LIMIT): Promise<unknown> {
    let buf: Buffer;
    try {
      buf = await readLimited(c.req.raw, limit);
    } catch (e) {
      if (e instanceof BodyTooLarge) throw new HttpError(413, `请求太大（上限 ${Math.round(limit / 1024 / 1024)} MB），未做任何改动`);
      throw e;
    }
    let body: unknown;
    try {
      // one leading byte order mark (Windows PowerShell and Notepad-saved bodies send one) is not JSON's, nor an error
      const text = buf.toString('utf8');
      body = buf.length ? JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) : {};
    } catch {
      throw new HttpError(400, '请求不是有效的 JSON');
    }
    checkBody(body);
    return body;
  }

  // ---- every request: Host, headers ----
  app.use('*', async (c, next) => {
    if (!hostAllowed(c.req.header('host'), opts.bound)) {
      return c.json({ error: '拒绝访问：请求的主机名不是本机服务的地址' }, 403, SECURITY_HEADERS);
    }
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });

  // ---- state-changing requests: POST only, same origin, JSON, token ----
  app.use('/api/*', async (c, next) => {
    const m = c.req.method;
    if (m === 'GET' || m === 'HEAD') return next();
    if (m !== 'POST') return c.json({ error: '不支持的请求方法' }, 405);
    if (!sameOrigin(c.req.header('origin'), c.req.header('sec-fetch-site'), c.req.header('host') ?? '')) {
      return c.json({ error: '拒绝访问：请求不是来自本页面' }, 403);
    }
    if (!tokenMatches(c.req.header(TOKEN_HEADER), opts.token)) return c.json({ error: '拒绝访问：缺少或错误的令牌，请刷新页面' }, 403);
    if (!isJson(c.req.header('content-type'))) return c.json({ error: '请求须为 JSON（Content-Type: application/json）' }, 415);
    return next();
  });

  /** A path as the page may show it: relative to the working folder, or inside DATA_ROOT; else only its name. */
  const shownPath = (p: string): string => {
    const rel = forPage(p, opts.cwd);
    if (rel !== p) return rel;
    const root = path.resolve(opts.root);
    return p === root || p.startsWith(root + path.sep) ? p : path.basename(p);
  };
  app.onError((err, c) => {
    if (err instanceof HttpError) return c.json({ error: err.message, ...err.extra }, err.status);
    // a file or folder that takes no writes (read-only, held open, no permission, disk full) is the
    // machine refusing a change, not a failure of the server: 422 like the other write refusals
    if (err instanceof OutputLockedError) return c.json({ error: forPage(err.message, opts.cwd) }, 422);
    const e = err as NodeJS.ErrnoException;
    if (process.env.TONGBAO_DEBUG) console.error(e.stack);
    if (c.req.method === 'POST' && e.code && WRITE_REFUSED.has(e.code)) return c.json({ error: `未能保存：${SYSTEM_ERRORS[e.code]}${e.path ? `：${shownPath(notTemporary(e.path))}` : ''}` }, 422);
    // what the system said, in Chinese with the path as the page names it; a message of ours (Chinese)
    // as it is; anything else is a bug, said on the terminal, not in English on the page
    const system = e.code ? SYSTEM_ERRORS[e.code] : undefined;
    let text: string;
    if (system) text = `${system}${e.path ? `：${shownPath(e.path)}` : ''}`;
    else if (/[\u4e00-\u9fff]/.test(e.message ?? '')) text = forPage(e.message, opts.cwd);
    else {
      console.error(`tongbao serve：${e.message ?? String(err)}`);
      text = '程序出错（详情已显示在运行 tongbao serve 的窗口中）';
    }
    return c.json({ error: `服务出错了：${text}` }, 500);
  });
  app.notFound((c) => c.json({ error: '没有这个地址' }, 404));

  // ---- the page ----
  app.get('/', (c) => {
    const file = path.join(webDir, 'index.html');
    if (!fs.existsSync(file)) return c.text('页面文件 web/index.html 不存在', 404);
    // a fixed placeholder replaced by a hex token: nothing from data reaches the page here
    const html = fs.readFileSync(file, 'utf8').split('{{TOKEN}}').join(opts.token);
    return c.html(html);
  });
  app.get('/assets/*', (c) => {
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path.slice('/assets/'.length));
    } catch {
      return c.json({ error: '没有这个文件' }, 404);
    }
    // the page's scripts are compiled from web/src (tsconfig.web.json); styles are in web/
    const file = rel.startsWith('js/') ? resolveInside(pageDir, rel.slice(3), 'file') : resolveInside(webDir, rel, 'file');
    const type = file ? ASSET_TYPES[path.extname(file).toLowerCase()] : undefined;
    if (!file || !type || path.basename(file) === 'index.html') return c.json({ error: '没有这个文件' }, 404);
    return c.body(fs.readFileSync(file), 200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
  });

  // ---- reading ----
  app.get('/api/rounds', async (c) => {
    const list: RoundSummary[] = [];
    for (const name of roundNames()) {
      const r = round(name);
      const comp = r.state.compute();
      const toFill = comp.diagnostics.filter(isFill).length;
      const errors = comp.diagnostics.filter((d) => d.severity === 'error').length - toFill;
      const outDir = target(r).outDir;
      const prev = readManifestSafe(outDir);
      let verify: 'ok' | 'changed' | 'missing' | null = null;
      let lastBuild: string | null = null;
      if (prev) {
        lastBuild = fs.statSync(path.join(outDir, 'manifest.json')).mtime.toISOString();
        const ch = changesSinceBuild(r.state, comp, outDir, r.baseline);
        // an output file missing or altered (what `tongbao verify` would report) comes first
        verify = (await damagedOutputs(outDir, prev.manifest)).length ? 'missing' : ch?.sinceBuild ? 'changed' : 'ok';
      }
      list.push({
        name,
        // an unfinished round (新建一季度) is named as its heading says, before the notice can be made
        title: comp.model?.title ?? (comp.loaded.data.notice ? headingOf(comp, null, name).title : ''),
        round: comp.model?.round.label ?? (comp.loaded.data.notice ? headingOf(comp, null, name).round : ''),
        errors,
        toFill,
        warnings: comp.diagnostics.length - errors - toFill + comp.lint.length,
        lastBuild,
        verify,
        next: proposedNext((comp.loaded.data.notice as { round?: unknown } | undefined)?.round),
      });
    }
    const answer: RoundsList = { root: opts.root, rounds: list, tools: { pdf: pdfAvailable(), import: true } };
    return c.json(answer);
  });
  app.get('/api/rounds/:name', async (c) => {
    const r = round(c.req.param('name'));
    const v = await serialize(r, () => view(r));
    const outDir = target(r).outDir;
    const prev = readManifestSafe(outDir);
    if (prev && v.changes && !v.changes.sinceBuild && (await damagedOutputs(outDir, prev.manifest)).length) {
      v.changes.lines.push('输出文件缺失或被改动过：点“生成”可恢复');
    }
    return c.json(v);
  });
  app.get('/api/rounds/:name/preview', async (c) => {
    const r = round(c.req.param('name'));
    const v = await serialize(r, () => view(r));
    return c.json({ html: v.previewHtml });
  });
  app.get('/api/rounds/:name/overview', async (c) => {
    // the failing lists whole, which the view cuts short in a large round (overview.omitted)
    const r = round(c.req.param('name'));
    const answer: OverviewAnswer = { overview: await serialize(r, () => fullOverview(r.state.compute())) };
    return c.json(answer);
  });
  app.get('/api/rounds/:name/units', async (c) => {
    // every unit matching a search, for a large round whose view lists only some
    const r = round(c.req.param('name'));
    const q = (c.req.query('q') ?? '').trim();
    const all = await serialize(r, () => roundView(r.state, r.state.compute(), null, { unitLimit: Infinity }));
    const hit = (...xs: string[]) => !q || xs.some((x) => x.includes(q));
    const given = c.req.query('limit');
    // a count that is not a whole number from 1 is refused, not read as “all but the last few” (slice(0, -5))
    if (given !== undefined && !/^[1-9]\d{0,8}$/.test(given)) throw new HttpError(400, `limit 应为从 1 起的整数，而不是“${given.slice(0, 20)}”`);
    const limit = Math.min(given === undefined ? 500 : Number(given), 5000);
    const answer: UnitsFound = {
      sites: all.sites.filter((s) => hit(s.name, s.url)).slice(0, limit),
      accounts: all.accounts.filter((a) => hit(a.name, a.owner)).slice(0, limit),
    };
    return c.json(answer);
  });
  app.get('/api/rounds/:name/files', (c) => {
    const r = round(c.req.param('name'));
    const l = listFiles(target(r).outDir);
    const answer: FilesAnswer = { outDir: path.relative(opts.cwd, l.outDir) || l.outDir, outputs: l.outputs, history: l.history, bundles: l.bundles };
    return c.json(answer);
  });
  app.get('/api/rounds/:name/download', (c) => {
    const r = round(c.req.param('name'));
    const rel = c.req.query('path') ?? '';
    const file = downloadable(target(r).outDir, rel);
    if (!file) return c.json({ error: '只能下载清单（manifest.json）列出的输出文件和历史版本' }, 404);
    return c.body(fs.readFileSync(file), 200, { 'Content-Type': downloadType(file), 'Content-Disposition': contentDisposition(path.basename(file)) });
  });

  // ---- changing ----
  app.post('/api/rounds/:name/edit', async (c) => {
    const r = round(c.req.param('name'));
    const { hashes, edits, label, preview } = parseEdits(await jsonBody(c));
    return serialize(r, async () => {
      refuseLinks(r);
      const missing = missingTarget(r.state, edits);
      if (missing) throw new HttpError(422, `这处修改不能保存：${missing}，未做任何改动`, { diagnostics: [] });
      const refused = refusedValues(r.state, edits);
      if (refused.length) {
        // each reason once, after the place it is at (a month far past the list once, not once per missing month)
        const reasons = [...new Set(refused.map((d) => `${d.place}：${d.message}`))];
        throw new HttpError(422, `这个值不能保存：${reasons.join('；')}`, { diagnostics: refused });
      }
      try {
        const done = r.state.edit(edits, hashes);
        if (done.history) r.labels.set(versionOf(done.history), { label: label ?? '网页中的修改', source: '网页' });
      } catch (e) {
        if (e instanceof StaleFileError) throw new HttpError(409, e.message, { file: e.file });
        if (e instanceof EditError) throw new HttpError(422, forPage(e.message, opts.cwd), { diagnostics: [] });
        throw e;
      }
      const keep = new Set(edits.map((e) => unitKey(e)).filter((x): x is string => !!x));
      const answer: RoundView = view(r, keep);
      // the page has this preview already (half a megabyte in a national round): not sent again
      if (preview !== null && answer.previewHtml !== null && answer.previewKey === preview) Object.assign(answer, { previewHtml: null, previewUnchanged: true });
      return c.json(answer);
    });
  });

  // ---- data history: versions, a version against now, restore (history.ts) ----
  const versionParam = (c: Context): number => {
    const n = c.req.param('n') ?? '';
    if (!/^\d{1,9}$/.test(n)) throw new HttpError(404, '没有这个历史版本');
    return Number(n);
  };
  app.get('/api/rounds/:name/history', async (c) => {
    const r = round(c.req.param('name'));
    const answer: HistoryAnswer = await serialize(r, () =>
      linkedEntries(r.state.dir, LINK_CHECKED).length ? { versions: [], origin: null } : { versions: listVersions(r.state.dir, r.labels), origin: originOf(r.state.dir) },
    );
    return c.json(answer);
  });
  app.get('/api/rounds/:name/history/:n', async (c) => {
    const r = round(c.req.param('name'));
    const n = versionParam(c);
    const lines = await serialize(r, () => diffWithNow(r.state.dir, n));
    if (!lines) throw new HttpError(404, `没有第 ${n} 版`);
    const answer: VersionDiff = { n, lines };
    return c.json(answer);
  });
  app.post('/api/rounds/:name/restore', async (c) => {
    const r = round(c.req.param('name'));
    const body = (await jsonBody(c)) as Partial<RestoreRequest> | null;
    if (!body || !Number.isInteger(body.n) || (body.n as number) < 1 || !body.hashes || typeof body.hashes !== 'object') {
      throw new HttpError(400, '请求格式不对：应为 { n, hashes }');
    }
    const n = body.n as number;
    const hashes = parseHashes(body.hashes);
    return serialize(r, async () => {
      refuseLinks(r);
      const files = versionFilesOf(r.state.dir, n);
      if (!files.length) throw new HttpError(404, `没有第 ${n} 版`);
      const missing = files.filter((f) => !Object.hasOwn(hashes, f));
      if (missing.length) throw new HttpError(400, `请求缺少 ${missing.join('、')} 的 SHA-256（hashes）`);
      let done;
      try {
        done = restoreVersion(r.state.dir, n, hashes);
      } catch (e) {
        if (e instanceof StaleFileError) throw new HttpError(409, e.message, { file: e.file });
        throw e;
      }
      if (!done) throw new HttpError(404, `没有第 ${n} 版`);
      if (done.history) r.labels.set(versionOf(done.history), { label: `恢复第 ${n} 版`, source: '恢复' });
      const answer: RoundView = view(r);
      return c.json(answer);
    });
  });

  // 新建一季度: one at a time for the whole data folder
  let initQueue: Promise<unknown> = Promise.resolve();
  app.post('/api/init', async (c) => {
    const body = (await jsonBody(c)) as Partial<InitRequest> | null;
    if (!body || typeof body.from !== 'string' || typeof body.quarter !== 'string' || typeof body.name !== 'string') {
      throw new HttpError(400, '请求格式不对：应为 { from, quarter, name }');
    }
    const from = round(body.from);
    refuseLinks(from, false);
    const job = async () => {
      try {
        return c.json(startQuarter(realRoot(), from.state.dir, body.quarter!.trim(), body.name!.trim(), opts.cwd));
      } catch (e) {
        if (e instanceof InitRefused) throw new HttpError(e.status, e.message);
        throw e;
      }
    };
    const next = initQueue.then(job, job);
    initQueue = next.catch(() => undefined);
    return next;
  });

  // the 整改 tab (src/serve/rectify.ts)
  const rectifyRoute = (c: Context, job: () => RectifyAnswer) => {
    try {
      return c.json(job());
    } catch (e) {
      if (e instanceof RectifyRefused) throw new HttpError(e.status, e.message, { diagnostics: e.diagnostics });
      if (e instanceof DataError) throw new HttpError(422, `数据有 ${errorCount(e.diagnostics)} 处错误，先在数据页改正`, { diagnostics: e.diagnostics });
      throw e;
    }
  };
  app.get('/api/rounds/:name/rectify', async (c) => {
    const r = round(c.req.param('name'));
    return serialize(r, () => rectifyRoute(c, () => rectifyAnswer(r.state.dir)));
  });
  app.post('/api/rounds/:name/rectify', async (c) => {
    const r = round(c.req.param('name'));
    const body = await jsonBody(c);
    return serialize(r, () => {
      refuseLinks(r);
      return rectifyRoute(c, () => saveRectify(r.state.dir, body));
    });
  });

  // a switch that is not true or false is refused, not taken as false (pdf: "yes" made no PDF)
  const switches = (body: unknown, names: string[]): void => {
    const b = (body ?? {}) as Record<string, unknown>;
    for (const n of names) if (b[n] !== undefined && typeof b[n] !== 'boolean') throw new HttpError(400, `请求格式不对：${n} 应为 true 或 false`);
  };
  const action = (name: string, run: (r: Round, body: Record<string, unknown>) => Promise<ActionResult>) =>
    app.post(`/api/rounds/:name/${name}`, async (c) => {
      const r = round(c.req.param('name'));
      const body = (await jsonBody(c)) as Record<string, unknown>;
      if (name === 'package') switches(body, ['pdf']);
      // from here to the answer, Ctrl+C interrupts this job (130) instead of ending an idle server (0)
      const ended = jobRunning();
      return serialize(r, async () => {
        refuseLinks(r, false);
        refuseOutLinks(r);
        const outDir = target(r).outDir;
        let res: ActionResult;
        try {
          res = await run(r, body ?? {});
        } finally {
          // the action has ended: its temporary files are in place or removed (one action per round at a time)
          forgetTempsIn(outDir);
        }
        const comp = r.state.compute();
        // findings placed at their unit, as in the round view
        const placed: ViewDiagnostic[] = placeDiagnostics({ ...comp, diagnostics: res.diagnostics.filter((d) => d.severity === 'error'), lint: res.diagnostics.filter((d) => d.severity !== 'error') });
        const answer: ActionAnswer = { ...res, diagnostics: placed };
        return c.json(answer);
      }).finally(ended);
    });
  action('build', (r) => runBuild(target(r)));
  action('annexes', (r) => runAnnexes(target(r)));
  action('package', (r, body) => runPackage(target(r), body.pdf === true));
  app.post('/api/rounds/:name/import', async (c) => {
    const r = round(c.req.param('name'));
    const body = (await jsonBody(c, IMPORT_LIMIT)) as { filename?: unknown; base64?: unknown; apply?: unknown; rename?: unknown };
    if (typeof body?.filename !== 'string' || typeof body.base64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(body.base64)) {
      throw new HttpError(400, '请求格式不对：应为 { filename, base64, apply }');
    }
    switches(body, ['apply', 'rename']);
    // the workbook's own name (a browser may send a path, C:\fakepath\附件2.xlsx): said in messages and kept as the history label
    const shownName = path.basename(body.filename.replace(/\\/g, '/'));
    // eslint-disable-next-line no-control-regex
    if (shownName.length > 255 || /[\u0000-\u001f]/.test(shownName)) throw new HttpError(400, '工作簿的文件名太长或含有控制字符');
    const bytes = Buffer.from(body.base64, 'base64');
    if (bytes.length > IMPORT_FILE_LIMIT) throw new HttpError(413, '工作簿太大（上限 50 MB），未做任何改动');
    const ended = jobRunning();
    return serialize(r, async () => {
      refuseLinks(r);
      const newest = versionNumbers(r.state.dir)[0] ?? 0;
      const { taken, ...res } = await runImport(target(r), body.filename as string, bytes, body.apply === true, body.rename === true);
      // the version the import made, named in the history
      const made = versionNumbers(r.state.dir)[0] ?? 0;
      if (body.apply === true && made > newest) r.labels.set(made, { label: `从 Excel 导入 ${shownName}（${taken ?? 0} 处）`, source: '从 Excel 导入' });
      const comp = r.state.compute();
      const placed = placeDiagnostics({ ...comp, diagnostics: res.diagnostics, lint: [] });
      const answer: ActionAnswer = { ...res, diagnostics: placed };
      return c.json(answer);
    }).finally(ended);
  });

  const stats = () => {
    let reads = 0;
    let parses = 0;
    for (const r of rounds.values()) {
      reads += r.state.reads;
      parses += r.state.parses;
    }
    return { reads, parses };
  };
  return { app, stats };
}

/** The id of the unit an edit changes (sites.yaml:department:0), to keep it listed in a large round. */
function unitKey(e: Edit): string | null {
  const depth = e.file === 'sites.yaml' ? 2 : e.file === 'accounts.yaml' ? 3 : 0;
  if (!depth || e.path.length < depth) return null;
  return [e.file, ...e.path.slice(0, depth)].join(':');
}
