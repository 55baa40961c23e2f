// Starting a quarter from the previous one: the same roster in the same order, results and
// problems cleared, the round's own facts filled in, and what only a person can know left as
// marked empty values (`~  # 待填写`) that `tongbao check` lists. The new files are the old
// files' text edited in place (src/edit), so comments and layout carry over.
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { DataError, UsageError } from '../diagnostics';
import { applyEdits, TO_FILL_MARK } from '../edit';
import type { DataFileName, Edit } from '../edit';
import { loadRound } from '../load/round';
import { displayPath } from '../load/yaml-file';
import { LEVELS, PLATFORMS } from '../types';
import { ensureDir, fsyncDir, fsyncFile, OutputLockedError, readOnlyFolderError, removeTemps, TMP_PREFIX, tmpPathFor, writeFileAtomic, writeFresh } from '../write/atomic';
import { comparablePath, isInside } from '../paths';

const QUARTER_NAMES = ['一', '二', '三', '四'];

export interface Quarter {
  year: number;
  q: number;
}

export function parseRound(s: string): Quarter | null {
  const m = /^(\d{4})-[Qq]([1-4])$/.exec(s.trim());
  return m ? { year: Number(m[1]), q: Number(m[2]) } : null;
}

export const roundText = (r: Quarter) => `${r.year}-Q${r.q}`;
export const roundLabel = (r: Quarter) => `${r.year}年第${QUARTER_NAMES[r.q - 1]}季度`;
const quarterIndex = (r: Quarter) => r.year * 4 + r.q - 1;
export const nextQuarter = (r: Quarter): Quarter => (r.q === 4 ? { year: r.year + 1, q: 1 } : { year: r.year, q: r.q + 1 });

/** The quarter's three months, YYYY-MM. */
export function quarterMonths(r: Quarter): string[] {
  return [0, 1, 2].map((i) => `${r.year}-${String((r.q - 1) * 3 + i + 1).padStart(2, '0')}`);
}

const monthsCn = (ms: string[]) => ms.map((m) => `${Number(m.slice(5))}月`).join('、');

const TO_FILL: [string[], string][] = [
  [['inspection', 'from'], '检查开始日期'],
  [['inspection', 'to'], '检查结束日期'],
  [['issued'], '成文日期'],
  [['deadline'], '整改截止日期'],
];

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Header comments (the lines before the first key) name the round and its months: say the
 * new ones there. Comments further down are the user's notes and stay as written.
 */
function renameInHeader(text: string, prev: { label: string | null; months: string[] }, next: { label: string; months: string[] }, note: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split('\n');
  let i = 0;
  // the first block of comment lines, up to the first blank line or key
  for (; i < lines.length; i++) {
    const l = lines[i].replace(/\r$/, '');
    if (!l.trimStart().startsWith('#')) break;
    if (l.includes('yaml-language-server')) continue;
    let s = lines[i];
    if (prev.label) s = s.split(prev.label).join(next.label);
    const pm = monthsCn(prev.months);
    if (prev.months.length && pm) s = s.split(pm).join(monthsCn(next.months));
    lines[i] = s;
  }
  lines.splice(i, 0, `# ${note}${eol === '\r\n' ? '\r' : ''}`);
  return lines.join('\n');
}

/** The comment lines directly above a top-level key (no blank line between): its explanation. */
function dropKeyWithComments(text: string, key: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (at < 0) return text;
  let start = at;
  while (start > 0 && lines[start - 1].startsWith('#')) start--;
  let end = at + 1;
  while (end < lines.length && /^(\s|-)/.test(lines[end]) && lines[end].trim() !== '') end++;
  // no double blank line where the block was
  if (start > 0 && lines[start - 1].trim() === '' && (lines[end] ?? '').trim() === '') end++;
  lines.splice(start, end - start);
  return lines.join('\n');
}

function quarterOfTitle(title: string, label: string): string {
  return title.replace(/\d{4}年第[一二三四1-4]季度/g, label);
}

export interface InitResult {
  dir: string;
  round: Quarter;
  months: string[];
  sites: number;
  accounts: number;
  copied: string[];
}

/** Plan the new round's files (pure apart from reading PREV_DIR). */
export function planInit(prevDir: string, roundOpt: string | undefined, cwd: string, newDir?: string): { files: Map<string, string>; result: Omit<InitResult, 'dir'> } {
  const loaded = loadRound(prevDir, cwd);
  if (loaded.diagnostics.length) throw new DataError(loaded.diagnostics);
  const notice = obj(loaded.data.notice);
  const sites = obj(loaded.data.sites);
  const accounts = obj(loaded.data.accounts);
  const prevRound = typeof notice.round === 'string' ? parseRound(notice.round) : null;
  let round: Quarter;
  if (roundOpt !== undefined) {
    const r = parseRound(roundOpt);
    if (!r) throw new UsageError(`--round “${roundOpt}”格式不对，应写作 YYYY-Qn，例如 2024-Q1`);
    // A second round of the same quarter, or an earlier one, leaves the next quarter's compare
    // unable to tell which round is the previous one. Skipping ahead stays allowed (a quarter
    // not inspected).
    if (prevRound && quarterIndex(r) <= quarterIndex(prevRound)) {
      const [was, next] = [roundText(prevRound), roundText(nextQuarter(prevRound))];
      const rel = quarterIndex(r) === quarterIndex(prevRound) ? `与 ${displayPath(loaded.dir, cwd)} 的季度 ${was} 相同` : `早于 ${displayPath(loaded.dir, cwd)} 的季度 ${was}`;
      throw new UsageError(`新季度 ${roundText(r)} ${rel}：新季度应在 ${was} 之后，下一季度是 ${next}；同一季度或更早的季度会让以后的比较分不清哪一轮是上季度`);
    }
    round = r;
  } else if (prevRound) {
    round = nextQuarter(prevRound);
  } else {
    throw new UsageError(`无法从 ${displayPath(path.join(loaded.dir, 'notice.yaml'), cwd)} 的 round 推出下一季度：请用 --round 指定，例如 --round 2024-Q1`);
  }
  const months = quarterMonths(round);
  const label = roundLabel(round);
  const prevMonths = arr(notice.months).filter((m): m is string => typeof m === 'string' && /^\d{4}-\d{2}$/.test(m));
  const prevInfo = { label: prevRound ? roundLabel(prevRound) : null, months: prevMonths };
  const from = path.basename(loaded.dir);
  const note = `由 tongbao init 从 ${from} 生成：~ 表示待填写，tongbao check 逐项列出还需填写的内容`;

  // notice.yaml
  const n: Edit[] = [];
  const N = (p: (string | number)[], value: unknown, more: Partial<Extract<Edit, { op: 'set' }>> = {}) => n.push({ op: 'set', file: 'notice.yaml', path: p, value, ...more });
  N(['round'], roundText(round));
  N(['months'], months);
  if (typeof notice.title === 'string') N(['title'], quarterOfTitle(notice.title, label));
  for (const [p, name] of TO_FILL) N(p, null, { comment: `${TO_FILL_MARK}：${name}` });
  // `previous` named the round before PREV_DIR; the new round's previous round is PREV_DIR itself
  if (Object.hasOwn(notice, 'previous') && newDir !== undefined) {
    N(['previous'], path.relative(path.resolve(cwd, newDir), loaded.dir).split(path.sep).join('/'));
  }
  N(['doc_number'], null, { comment: `${TO_FILL_MARK}：发文字号（没有就删去这一行）`, after: Object.hasOwn(notice, 'title') ? 'title' : 'levels' });

  // sites.yaml: results and problems cleared, the roster as it was.
  const s: Edit[] = [];
  let siteCount = 0;
  for (const level of LEVELS) {
    arr(sites[level]).forEach((u, i) => {
      siteCount++;
      s.push({ op: 'set', file: 'sites.yaml', path: [level, i, 'result'], value: null });
      if (Object.hasOwn(obj(u), 'problems')) s.push({ op: 'delete', file: 'sites.yaml', path: [level, i, 'problems'] });
    });
  }

  // accounts.yaml: one empty result per new month; last quarter's update dates and problems go.
  const a: Edit[] = [];
  let accountCount = 0;
  for (const platform of PLATFORMS) {
    for (const level of LEVELS) {
      arr(obj(accounts[platform])[level]).forEach((u, i) => {
        accountCount++;
        const acc = obj(u);
        const at = [platform, level, i];
        a.push({ op: 'set', file: 'accounts.yaml', path: [...at, 'results'], value: months.map(() => null), after: 'owner' });
        for (const k of ['problems', 'updates']) if (Object.hasOwn(acc, k)) a.push({ op: 'delete', file: 'accounts.yaml', path: [...at, k] });
      });
    }
  }

  const files = new Map<string, string>();
  const read = (f: DataFileName) => fs.readFileSync(path.join(loaded.dir, f), 'utf8');
  let noticeText = read('notice.yaml');
  // failing_order names last quarter's failing accounts: it goes, with its explanation.
  if (Object.hasOwn(notice, 'failing_order') && parseDocument(noticeText).get('failing_order') !== undefined) {
    noticeText = dropKeyWithComments(noticeText, 'failing_order');
  }
  files.set('notice.yaml', renameInHeader(applyEdits(noticeText, n, 'notice.yaml'), prevInfo, { label, months }, note));
  files.set('sites.yaml', renameInHeader(applyEdits(read('sites.yaml'), s, 'sites.yaml'), prevInfo, { label, months }, note));
  files.set('accounts.yaml', renameInHeader(applyEdits(read('accounts.yaml'), a, 'accounts.yaml'), prevInfo, { label, months }, note));
  const copied: string[] = [];
  // The proofreading terms and a user calendar hold for every quarter.
  for (const extra of ['terms.yaml', 'calendar.yaml']) {
    const p = path.join(loaded.dir, extra);
    if (fs.existsSync(p)) {
      files.set(extra, fs.readFileSync(p, 'utf8'));
      copied.push(extra);
    }
  }
  return { files, result: { round, months, sites: siteCount, accounts: accountCount, copied } };
}

/**
 * The new round goes beside the previous one: not the same folder, not inside it (moving,
 * zipping or deleting the old round would take the new one along), and not around it.
 */
function refuseNested(dir: string, prev: string, cwd: string): void {
  const [d, p] = [comparablePath(dir), comparablePath(prev)];
  const [N, P] = [displayPath(dir, cwd), displayPath(prev, cwd)];
  const beside = `新季度要另建一个文件夹，与 ${P} 并列`;
  if (d === p) throw new UsageError(`新文件夹 ${N} 就是上季度的文件夹 ${P}：${beside}`);
  if (isInside(d, p)) throw new UsageError(`新文件夹 ${N} 在上季度的文件夹 ${P} 里面：${beside}，例如 ${displayPath(path.join(path.dirname(prev), path.basename(dir)), cwd)}`);
  if (isInside(p, d)) throw new UsageError(`上季度的文件夹 ${P} 在新文件夹 ${N} 里面：${beside}`);
}

/** What Windows Explorer and the macOS Finder put in a folder by themselves. */
const SYSTEM_FILES = new Set(['desktop.ini', 'thumbs.db', '.ds_store']);

/**
 * A folder with nothing a person put there (one made in Explorer before running init): a
 * real folder, not a link, holding at most the files the system adds by itself.
 */
export function isEmptyFolder(dir: string): boolean {
  const st = fs.lstatSync(dir, { throwIfNoEntry: false });
  return !!st?.isDirectory() && fs.readdirSync(dir).every((n) => SYSTEM_FILES.has(n.toLowerCase()));
}

/**
 * Into an existing empty folder: every file under a temporary name first, then each renamed
 * into place; on any failure every file written (temporary or renamed) is removed again, so
 * the folder is as empty as before. All of it is synchronous: Ctrl-C is handled before or after.
 */
function writeIntoEmpty(dir: string, files: Map<string, string>, shown: string): void {
  const made: string[] = [];
  try {
    for (const [name, text] of files) {
      const tmp = tmpPathFor(dir, name);
      made.push(tmp);
      writeFresh(tmp, text);
      fsyncFile(tmp);
    }
    for (const name of files.keys()) {
      const final = path.join(dir, name);
      made.push(final);
      fs.renameSync(tmpPathFor(dir, name), final);
    }
  } catch (e) {
    removeTemps(made);
    if (!readOnlyFolderError(e, dir)) throw e;
    throw new OutputLockedError(`无法在 ${shown} 中写入文件：文件夹是只读的、没有写入权限或正被占用。请检查后重试；已写入的文件都已删除，${shown} 仍是空的。`, dir);
  }
  fsyncDir(dir);
}

/**
 * Write the new round folder: whole or not at all (built under a temporary name, then renamed;
 * an existing empty folder is filled file by file, see writeIntoEmpty).
 */
export function initRound(newDir: string, prevDir: string, roundOpt: string | undefined, cwd: string): InitResult {
  const dir = path.resolve(cwd, newDir);
  refuseNested(dir, path.resolve(cwd, prevDir), cwd);
  const empty = isEmptyFolder(dir);
  if (!empty && fs.lstatSync(dir, { throwIfNoEntry: false })) {
    throw new UsageError(`${displayPath(dir, cwd)} 已经存在：init 只新建文件夹，不会覆盖已有的数据。请换一个名称，或先移走它`);
  }
  const { files, result } = planInit(prevDir, roundOpt, cwd, newDir);
  if (empty) {
    writeIntoEmpty(dir, files, displayPath(dir, cwd));
    return { dir, ...result };
  }
  const parent = path.dirname(dir);
  const tmp = path.join(parent, `${TMP_PREFIX}${path.basename(dir)}`);
  // a parent that takes no new folder (read-only, no permission, held by another program) is said
  // as init's refusal, not as a bare system error; whatever was made is removed again
  const refused = (e: unknown): unknown =>
    readOnlyFolderError(e, parent)
      ? new OutputLockedError(`无法在 ${displayPath(parent, cwd)} 中新建文件夹 ${path.basename(dir)}：文件夹是只读的、没有写入权限或正被占用。请检查后重试；没有写入任何文件。`, parent)
      : e;
  try {
    ensureDir(parent);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp);
  } catch (e) {
    throw refused(e);
  }
  try {
    for (const [name, text] of files) writeFileAtomic(path.join(tmp, name), text);
    fs.renameSync(tmp, dir);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw refused(e);
  }
  fsyncDir(parent);
  return { dir, ...result };
}
