// `tongbao import`: take corrections from a workbook into the round's YAML. The workbook
// is read once (streaming); the edits are checked by validating the data as it would be,
// and shown with their effect on the notice (src/handoff/diff) before anything is written.
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { loadWording } from '../aggregate/wording';
import type { Diagnostic } from '../diagnostics';
import { DataError } from '../diagnostics';
import { Document, LineCounter } from 'yaml';
import { applyEdits, commitTexts, fileHash } from '../edit';
import type { CommitResult, DataFileName, Edit } from '../edit';
import { diffRounds, summarize } from '../handoff/diff';
import { modelOf } from '../pipeline';
import type { RoundDiff } from '../handoff/diff';
import { loadRound, OPTIONAL_FILES, parseRoundFile, readRoundFile, ROUND_FILES } from '../load/round';
import type { LoadedRound } from '../load/round';
import { detectEncoding, encodingMessage } from '../load/encoding';
import { displayPath, parseYamlText, sizeProblem } from '../load/yaml-file';
import type { SourceFile } from '../load/yaml-file';
import { fastParse } from './fast-yaml';
import type { UnitSpan } from './fast-yaml';
import { createWorkCalendar, judgeAccount, missingCalendarYears, resolveRules, rulesProblems, userCalendarProblems } from '../calendar';
import type { UserCalendar } from '../calendar';
import type { Level, Platform, Rules } from '../types';
import { calendarSchema, validateRound } from '../validate';
import type { ValidatedRound } from '../validate';
import { isoDate } from '../validate/schema';
import { loadAliases } from './headers';
import { Planner } from './plan';
import type { ImportChange, ImportProblem, Judged, RoundInfo } from './plan';
import { readWorkbookThreaded } from './workbook';
import type { SheetRead } from './workbook';

export { WorkbookError } from './workbook';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});

export interface ImportResult {
  problems: ImportProblem[];
  /** problems found beyond those kept */
  moreProblems: number;
  /** columns not imported on purpose (备注): named for the person */
  ignored: string[];
  /** sheets not read, with why */
  skipped: string[];
  changes: ImportChange[];
  sheets: { name: string; rows: number; how: string }[];
  untouched: number;
  /** problems of the data as it would be after the import (nothing written when errors) */
  after: Diagnostic[];
  /** the data on file already has errors other than values still to fill */
  brokenBefore: boolean;
  /** effect on the notice, when the data validates before and after */
  diff: RoundDiff | null;
  /** set when written */
  commit: CommitResult | null;
}

/** A round from texts in memory, as loadRound would read them from disk. */
function loadFromTexts(dir: string, texts: Record<DataFileName, string>, cwd: string, before: LoadedRound): LoadedRound {
  const out: LoadedRound = { dir, files: {}, data: {}, diagnostics: [], warnings: [] };
  for (const kind of ROUND_FILES) {
    const abs = path.join(dir, `${kind}.yaml`);
    const p = parseRoundFile(abs, texts[`${kind}.yaml`], cwd);
    if (p.file) out.files[kind] = p.file;
    out.diagnostics.push(...p.diagnostics);
    if (!p.diagnostics.length) out.data[kind] = p.data;
  }
  for (const kind of OPTIONAL_FILES) {
    if (before.files[kind]) out.files[kind] = before.files[kind];
    if (kind in before.data) out.data[kind] = before.data[kind];
  }
  return out;
}

/**
 * Where each unit's text is, in a file read by the quick reader: by its list's path, the
 * start and end offsets by index. A national file has 150,000 units; an object and a path
 * array for each would stay in memory for the whole import (about 40 MB).
 */
interface Spans {
  /** path length of the units edits are grouped by (the first unit's, as read) */
  depth: number;
  count: number;
  lists: Map<string, { starts: number[]; ends: number[] }>;
}

function compactSpans(units: UnitSpan[]): Spans {
  const lists: Spans['lists'] = new Map();
  for (const u of units) {
    const key = JSON.stringify(u.path.slice(0, -1));
    const i = u.path[u.path.length - 1] as number;
    let l = lists.get(key);
    if (!l) lists.set(key, (l = { starts: [], ends: [] }));
    l.starts[i] = u.start;
    l.ends[i] = u.end;
  }
  return { depth: units.length ? units[0].path.length : 0, count: units.length, lists };
}

interface Quick {
  loaded: LoadedRound;
  /** unit spans of the files read by the quick reader */
  units: Partial<Record<DataFileName, Spans>>;
}

/**
 * The round as loadRound gives it, with sites.yaml and accounts.yaml read by the quick reader
 * when they are written plainly (their positions are then not known: a caller that has
 * problems to report loads again with loadRound).
 */
function loadQuick(dataDir: string, texts: Record<DataFileName, string>, cwd: string): Quick {
  const dir = path.resolve(cwd, dataDir);
  // import says the workbook's problems and the data's errors; files not read are check's and serve's to say
  const loaded: LoadedRound = { dir, files: {}, data: {}, diagnostics: [], warnings: [] };
  for (const kind of ['notice', ...OPTIONAL_FILES] as const) {
    const abs = path.join(dir, `${kind}.yaml`);
    if (!fs.existsSync(abs)) continue;
    const p = readRoundFile(abs, cwd);
    if (p.file) loaded.files[kind] = p.file;
    loaded.diagnostics.push(...p.diagnostics);
    if (!p.diagnostics.length) loaded.data[kind] = p.data;
  }
  const units: Quick['units'] = {};
  for (const kind of ['sites', 'accounts'] as const) {
    if (loaded.files[kind]) continue;
    const f = `${kind}.yaml` as DataFileName;
    const abs = path.join(loaded.dir, f);
    const quick = fastParse(texts[f]);
    if (quick) {
      const doc = new Document() as unknown as SourceFile['doc'];
      loaded.files[kind] = { path: abs, display: displayPath(abs, cwd), text: texts[f], doc, lineCounter: new LineCounter() };
      loaded.data[kind] = quick.data;
      units[f] = compactSpans(quick.units);
    } else {
      const p = parseRoundFile(abs, texts[f], cwd);
      if (p.file) loaded.files[kind] = p.file;
      loaded.diagnostics.push(...p.diagnostics);
      if (!p.diagnostics.length) loaded.data[kind] = p.data;
    }
  }
  return { loaded, units };
}

/** Apply edits to a file's text: unit by unit when its units are known (each unit's own
 *  text is parsed, not the whole file), else through the whole file. */
function editText(text: string, file: DataFileName, edits: Edit[], units: Spans | undefined): string {
  if (!edits.length) return text;
  if (!units) return applyEdits(text, edits, file);
  const depth = units.depth;
  const groups = new Map<string, { start: number; end: number; edits: Edit[] }>();
  for (const e of edits) {
    const i = e.path[depth - 1];
    const list = e.path.length > depth && depth > 0 ? units.lists.get(JSON.stringify(e.path.slice(0, depth - 1))) : undefined;
    const start = list && typeof i === 'number' ? list.starts[i] : undefined;
    if (!list || start === undefined) return applyEdits(text, edits, file);
    const key = JSON.stringify(e.path.slice(0, depth));
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { start, end: list.ends[i as number], edits: [] }));
    g.edits.push({ ...e, path: [0, ...e.path.slice(depth)] } as Edit);
  }
  const parts: string[] = [];
  let at = 0;
  for (const g of [...groups.values()].sort((a, b) => a.start - b.start)) {
    parts.push(text.slice(at, g.start), applyEdits(text.slice(g.start, g.end), g.edits, file));
    at = g.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** The edits applied to the plain values (for validating the result without parsing it again). */
function editData(data: unknown, edits: Edit[]): void {
  for (const e of edits) {
    let o = data as Record<string | number, unknown>;
    for (const k of e.path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
    const last = e.path[e.path.length - 1];
    if (e.op === 'delete') delete o[last];
    else if (e.op === 'set') o[last] = e.value;
  }
}

/**
 * A full garbage collection between phases of a national-scale import: each phase leaves much
 * garbage, and collecting it before the next grows the heap (peak memory) by the live data
 * only, not by the garbage as well. Measured: about 750 → 650 MB at 150,000 accounts, no slower.
 */
let collector: (() => void) | null | undefined;
function settle(large: boolean): void {
  if (!large) return;
  if (collector === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collector = vm.runInNewContext('gc') as () => void;
    } catch {
      collector = null;
    }
  }
  collector?.();
}

const isoDates = isoDate.array();

/**
 * The months of accounts that give update dates, as the build judges them: from the validated
 * round when the data validates; else (values still to fill, another error elsewhere) each such
 * account judged on its own when the rules, the calendar and its own dates allow it, null when not.
 */
function judgedOf(loaded: LoadedRound, before: { value: ValidatedRound | null }, months: string[]): RoundInfo['judged'] {
  const accounts = before.value?.round.accounts;
  if (accounts) {
    return (platform, level, index) => {
      const a = accounts[platform]?.[level]?.[index];
      return a?.updates ? { results: a.results, reasons: a.reasons } : null;
    };
  }
  const notice = obj(loaded.data.notice);
  const rawRules = obj(notice.rules);
  if (rulesProblems(rawRules).length || Object.values(rawRules).some((v) => typeof v !== 'number')) return () => null;
  const rules: Rules = resolveRules(rawRules as Partial<Rules>);
  const user = 'calendar' in loaded.data ? calendarSchema.safeParse(loaded.data.calendar ?? {}) : null;
  if (user && (!user.success || userCalendarProblems(user.data as UserCalendar).length)) return () => null;
  const calendar = createWorkCalendar(user?.data as UserCalendar | undefined);
  if (!months.length || missingCalendarYears(months, calendar).length) return () => null;
  const raw = obj(loaded.data.accounts);
  return (platform: Platform, level: Level, index: number): Judged | null => {
    const a = obj((obj(raw[platform])[level] as unknown[] | undefined)?.[index]);
    const dates = isoDates.safeParse(a.updates);
    if (!dates.success) return null;
    try {
      const j = judgeAccount(dates.data, months, a.service === true, rules, calendar);
      return { results: j.results, reasons: j.reasons };
    } catch {
      return null;
    }
  };
}

/** TONGBAO_PROFILE=1: phase times on stderr (for the benchmark's reader). */
const mark = (() => {
  let t = Date.now();
  return (what: string) => {
    if (!process.env.TONGBAO_PROFILE) return;
    const now = Date.now();
    const g = (globalThis as { gc?: () => void }).gc;
    if (g) g(); // node --expose-gc: live heap, not garbage
    const mem = process.memoryUsage();
    process.stderr.write(`${what} ${now - t} ms, rss ${Math.round(mem.rss / 1048576)} MB, heap ${Math.round(mem.heapUsed / 1048576)} MB\n`);
    t = now;
  };
})();

export async function importWorkbook(dataDir: string, workbook: string, opts: { apply: boolean; cwd: string; rename?: boolean }): Promise<ImportResult> {
  const cwd = opts.cwd;
  mark('start');
  const dir = path.resolve(cwd, dataDir);
  const files: DataFileName[] = ['notice.yaml', 'sites.yaml', 'accounts.yaml'];
  // the bytes the plan is made from: --apply refuses if any changes on disk meanwhile
  const texts = {} as Record<DataFileName, string>;
  const hashes: Partial<Record<DataFileName, string>> = {};
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new DataError(loadRound(dataDir, cwd).diagnostics);
  for (const f of files) {
    const p = path.join(dir, f);
    if (!fs.existsSync(p) || fs.lstatSync(p).isSymbolicLink()) throw new DataError(loadRound(dataDir, cwd).diagnostics);
    const bytes = fs.readFileSync(p);
    // a file not in UTF-8 (or too large) is reported as every command reports it
    if (encodingMessage(detectEncoding(bytes)) || sizeProblem(f, bytes.length)) throw new DataError(loadRound(dataDir, cwd).diagnostics);
    hashes[f] = fileHash(bytes);
    texts[f] = bytes.toString('utf8');
  }
  // the workbook is read on the second core meanwhile
  const sheets = readWorkbookThreaded(path.resolve(cwd, workbook));
  const first = sheets.next();
  first.catch(() => undefined);
  try {
    return await importRead(dir, texts, hashes, sheets, first, opts);
  } finally {
    await sheets.return(undefined);
  }
}

async function importRead(
  dir: string,
  texts: Record<DataFileName, string>,
  hashes: Partial<Record<DataFileName, string>>,
  sheets: AsyncGenerator<SheetRead>,
  first: Promise<IteratorResult<SheetRead>>,
  opts: { apply: boolean; cwd: string; rename?: boolean },
): Promise<ImportResult> {
  const cwd = opts.cwd;
  const dataDir = dir;
  const files: DataFileName[] = ['notice.yaml', 'sites.yaml', 'accounts.yaml'];
  const { loaded, units } = loadQuick(dataDir, texts, cwd);
  if (loaded.diagnostics.length) throw new DataError(loaded.diagnostics);
  const large = Object.values(units).reduce((n, u) => n + (u?.count ?? 0), 0) > 20000;
  settle(large);
  mark('load');

  const notice = obj(loaded.data.notice);
  const wording = loadWording();
  const levelNames = { department: '州直部门', county: '县（市）', ...obj(notice.levels) } as Record<Level, string>;
  let round: RoundInfo | null = {
    notice,
    sites: obj(loaded.data.sites),
    accounts: obj(loaded.data.accounts),
    levelNames,
    platformNames: wording.platforms,
    months: (Array.isArray(notice.months) ? notice.months : []).filter((m): m is string => typeof m === 'string' && /^\d{4}-\d{2}$/.test(m)),
    monthColumn: (month) => wording.monthColumn({ month }),
  };
  // the data as it is, checked while the workbook is still being read
  const before = validateRound(loaded);
  round.judged = judgedOf(loaded, before, round.months);
  // what the diff needs of the notice as it is, worked out while the workbook is still being
  // read (the main thread would otherwise wait for it); the report model itself is let go
  const beforeSummary = before.value ? summarize(modelOf(before.value)) : null;
  settle(large);
  mark('validate');
  let planner: Planner | null = new Planner(round, loadAliases(wording, levelNames));
  for (let s = await first; !s.done; s = await sheets.next()) await planner.sheet(s.value);
  settle(large);
  mark('read');
  const plan = planner.finish(!!opts.rename);
  // at national scale every copy of the data counts: drop what is no longer needed
  planner = null;
  round = null;
  settle(large);
  mark('plan');
  const result: ImportResult = { problems: plan.problems, moreProblems: plan.moreProblems, ignored: plan.ignored, skipped: plan.skipped, changes: plan.changes, sheets: plan.sheets, untouched: plan.untouched, after: [], diff: null, commit: null, brokenBefore: before.diagnostics.some((d) => d.severity === 'error' && !('fill' in d)) };
  if (plan.problems.length || !plan.edits.length) return result;

  const editsOf = (f: DataFileName) => plan.edits.filter((e) => e.file === f);
  const next = { ...texts };
  for (const f of files) {
    next[f] = editText(texts[f], f, editsOf(f), units[f]);
    delete units[f];
  }

  settle(large);
  mark('edit');
  // the same data with the edits made, validated without reading the new texts again
  for (const f of files) {
    const kind = f.replace('.yaml', '') as 'notice' | 'sites' | 'accounts';
    editData(loaded.data[kind], editsOf(f));
  }
  if (editsOf('notice.yaml').length) {
    const abs = path.join(dir, 'notice.yaml');
    loaded.files.notice = parseYamlText(next['notice.yaml'], abs, displayPath(abs, cwd)).file;
  }
  let after = validateRound(loaded);
  if (after.diagnostics.some((d) => d.severity === 'error' && !('fill' in d))) {
    // positions are wanted: read the texts as they would be, with the full parser
    after = validateRound(loadFromTexts(dir, next, cwd, loaded));
  }
  loaded.data = {};
  settle(large);
  mark('validate after');
  result.after = after.diagnostics.filter((d) => d.severity === 'error');
  if (before.value && beforeSummary && after.value) result.diff = diffRounds(before.value as ValidatedRound, after.value, { before: beforeSummary });
  settle(large);
  mark('diff');
  // Values still to fill are progress, not a reason to refuse; anything else is.
  const blocking = result.after.filter((d) => !('fill' in d));
  if (opts.apply && !blocking.length) {
    result.commit = commitTexts(dir, files, (f) => next[f], { expectedHashes: hashes });
    mark('write');
  }
  return result;
}
