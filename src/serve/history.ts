// 历史与撤销: every edit keeps the files it replaced in DATA_DIR/history/<n>/ (src/edit). This
// lists those versions with what each edit changed in a clerk's words, compares a version with
// the files now, and puts a version back — itself an edit (hash check, the files replaced go to
// a new history/<n>/, atomic writes), so a restore can be undone the same way.
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { StaleFileError, commitTexts, sameFile } from '../edit';
import type { CommitResult, DataFileName } from '../edit';
import type { DataVersion } from '../../web/src/api-types';
import { LEVELS, PLATFORMS } from '../types';
import { isFolder, isLink } from './links';
import { NOTICE_FIELD } from './progress';

const DATA: readonly DataFileName[] = ['notice.yaml', 'sites.yaml', 'accounts.yaml'];
type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Version numbers in history/, newest first (plain folders only, never a link). */
export function versionNumbers(dataDir: string): number[] {
  const root = path.join(dataDir, 'history');
  if (!isFolder(root)) return []; // absent, a link or a file
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{1,9}$/.test(d.name))
    .map((d) => Number(d.name))
    .sort((a, b) => b - a);
}

/** The data files kept in version n (plain files only). */
export function versionFilesOf(dataDir: string, n: number): DataFileName[] {
  return versionNumbers(dataDir).includes(n) ? versionFiles(dataDir, n) : [];
}

function versionFiles(dataDir: string, n: number): DataFileName[] {
  const dir = path.join(dataDir, 'history', String(n));
  return DATA.filter((f) => {
    try {
      return fs.lstatSync(path.join(dir, f)).isFile();
    } catch {
      return false;
    }
  });
}

/**
 * Parsed data files by path, while the file is the same (the edit path's sameFile: inode, size,
 * mtime and ctime — ctime moves on every write, whatever the mtime is set to). Listing the
 * history parses each version and the one after it; the page lists it on every visit to 修改历史
 * and on 撤销, and a kept version never changes. Only files up to CACHE_BYTES in all are kept (a
 * national round's are parsed each time, as before). The values are only read (describeChange),
 * never changed. As git does with its index, a file changed less than RACY_MS before it was read
 * is not trusted by its stat (a write within the same clock tick would leave ctime as it was).
 */
const parsedFiles = new Map<string, { stat: fs.Stats; size: number; data: unknown }>();
const RACY_MS = 100;
const CACHE_BYTES = 16 * 1024 * 1024;
let cachedBytes = 0;

function readData(file: string): unknown {
  try {
    const stat = fs.statSync(file);
    const hit = parsedFiles.get(file);
    if (hit && sameFile(stat, hit.stat)) return hit.data;
    const text = fs.readFileSync(file, 'utf8');
    const data: unknown = parse(text);
    if (hit) {
      parsedFiles.delete(file);
      cachedBytes -= hit.size;
    }
    // the stat is of the file before the read: a write in between shows as a different file next time
    const settled = stat.ctimeMs + RACY_MS < Date.now();
    if (settled && text.length <= CACHE_BYTES) {
      for (const [k, v] of parsedFiles) {
        if (cachedBytes + text.length <= CACHE_BYTES) break;
        parsedFiles.delete(k);
        cachedBytes -= v.size;
      }
      parsedFiles.set(file, { stat, size: text.length, data });
      cachedBytes += text.length;
    }
    return data;
  } catch {
    return undefined;
  }
}

const shown = (v: unknown): string => (v === null || v === undefined ? '待填写' : Array.isArray(v) ? v.map(shown).join('、') : typeof v === 'object' ? '…' : String(v));
const FIELD: Record<string, string> = { name: '名称', url: '网址', owner: '主办单位', result: '结果', problems: '问题', service: '服务号', updates: '更新日期' };

/** What changed between two versions of one data file, in a clerk's words. */
export function describeChange(file: DataFileName, before: unknown, after: unknown, months: string[]): string[] {
  const out: string[] = [];
  if (file === 'notice.yaml') {
    const a = obj(before);
    const b = obj(after);
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (JSON.stringify(a[k]) === JSON.stringify(b[k])) continue;
      const label = NOTICE_FIELD[k] ?? k;
      const simple = (v: unknown) => v === null || v === undefined || typeof v !== 'object';
      out.push(simple(a[k]) && simple(b[k]) ? `通报信息 · ${label}：${shown(a[k])} → ${shown(b[k])}` : `通报信息 · ${label}：已修改`);
    }
    return out;
  }
  const month = (i: number) => (months[i] && /^\d{4}-\d{2}$/.test(months[i]) ? `${Number(months[i].slice(5))}月` : `第 ${i + 1} 个月`);
  const lists: [string, unknown[], unknown[]][] = [];
  if (file === 'sites.yaml') for (const l of LEVELS) lists.push([`网站`, arr(obj(before)[l]), arr(obj(after)[l])]);
  else for (const p of PLATFORMS) for (const l of LEVELS) lists.push([p === 'weibo' ? '政务微博' : '政务微信', arr(obj(obj(before)[p])[l]), arr(obj(obj(after)[p])[l])]);
  for (const [kind, a, b] of lists) {
    const nameOf = (u: unknown) => String(obj(u).name ?? '');
    const bNames = new Set(b.map(nameOf));
    const aNames = new Set(a.map(nameOf));
    for (const u of a) if (!bNames.has(nameOf(u)) && b.length < a.length) out.push(`${kind}“${nameOf(u)}”：已删除`);
    for (const u of b) if (!aNames.has(nameOf(u)) && b.length > a.length) out.push(`${kind}“${nameOf(u)}”：新增`);
    if (a.length !== b.length) continue;
    a.forEach((ua, i) => {
      const x = obj(ua);
      const y = obj(b[i]);
      const who = `${kind}“${nameOf(b[i]) || nameOf(ua)}”`;
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
        if (JSON.stringify(x[k]) === JSON.stringify(y[k])) continue;
        if (k === 'results' && Array.isArray(y[k])) {
          const xs = arr(x[k]);
          arr(y[k]).forEach((r, m) => {
            if (xs[m] !== r) out.push(`${who} · ${month(m)}：${shown(xs[m])} → ${shown(r)}`);
          });
        } else out.push(`${who} · ${FIELD[k] ?? k}：${shown(x[k])} → ${shown(y[k])}`);
      }
    });
  }
  return out;
}

/** The files of a version and what the same files are in the version after it (or now). */
function pairOf(dataDir: string, n: number, later: number[]): { file: DataFileName; before: unknown; after: unknown }[] {
  return versionFiles(dataDir, n).map((file) => {
    const next = later.find((m) => versionFiles(dataDir, m).includes(file));
    const afterFile = next !== undefined ? path.join(dataDir, 'history', String(next), file) : path.join(dataDir, file);
    return { file, before: readData(path.join(dataDir, 'history', String(n), file)), after: readData(afterFile) };
  });
}

function monthsOf(dataDir: string): string[] {
  return arr(obj(readData(path.join(dataDir, 'notice.yaml'))).months).map(String);
}

const SUMMARY_LINES = 4;

/** How the round began: `tongbao init` (and 新建一季度) notes its source round in the header. */
export function originOf(dataDir: string): string | null {
  let head = '';
  try {
    head = fs.readFileSync(path.join(dataDir, 'notice.yaml'), 'utf8').slice(0, 2000);
  } catch {
    return null;
  }
  const m = /由 tongbao init 从 (\S+) 生成/.exec(head);
  return m ? `这一轮由“新建一季度”（tongbao init）从 ${m[1]} 生成` : null;
}

export interface Made {
  label: string;
  source: string;
}

export function listVersions(dataDir: string, labels: ReadonlyMap<number, Made>, limit = 50): DataVersion[] {
  const ns = versionNumbers(dataDir);
  const months = monthsOf(dataDir);
  return ns.slice(0, limit).map((n) => {
    const later = ns.filter((m) => m > n).sort((a, b) => a - b);
    const lines = pairOf(dataDir, n, later).flatMap((p) => describeChange(p.file, p.before, p.after, months));
    const st = fs.statSync(path.join(dataDir, 'history', String(n)));
    return { n, time: st.mtime.toISOString(), files: versionFiles(dataDir, n), summary: lines.slice(0, SUMMARY_LINES), more: Math.max(0, lines.length - SUMMARY_LINES), label: labels.get(n)?.label ?? null, source: labels.get(n)?.source ?? null };
  });
}

/** Version n against the files now: what a restore would change back. */
export function diffWithNow(dataDir: string, n: number): string[] | null {
  if (!versionNumbers(dataDir).includes(n)) return null;
  const months = monthsOf(dataDir);
  return versionFiles(dataDir, n).flatMap((file) => describeChange(file, readData(path.join(dataDir, file)), readData(path.join(dataDir, 'history', String(n), file)), months));
}

/** Put version n's files back, as an edit (refused with StaleFileError if a file changed meanwhile). */
export function restoreVersion(dataDir: string, n: number, expected: Partial<Record<DataFileName, string>>): CommitResult | null {
  if (!versionNumbers(dataDir).includes(n)) return null;
  const files = versionFiles(dataDir, n);
  for (const f of files) if (isLink(path.join(dataDir, f))) throw new StaleFileError(f);
  const texts = new Map(files.map((f) => [f, fs.readFileSync(path.join(dataDir, 'history', String(n), f), 'utf8')]));
  return commitTexts(dataDir, files, (f) => texts.get(f)!, { expectedHashes: expected });
}
