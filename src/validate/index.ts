// Stage 2, validate: schema per file, then cross-field rules, then the monthly results judged
// from update dates. Every problem is collected; a round is returned only when there is none.
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics';
import { sortDiagnostics } from '../diagnostics';
import type { LoadedRound } from '../load/round';
import { locate } from '../load/yaml-file';
import type { DataPath, SourceFile } from '../load/yaml-file';
import {
  compareResults,
  createWorkCalendar,
  judgeAccount,
  missingCalendarYears,
  resolveRules,
  rulesProblems,
  userCalendarProblems,
} from '../calendar';
import type { UserCalendar, WorkCalendar } from '../calendar';
import type { AccountsInput, JudgedAccount, JudgedRound, NoticeInput, Rules, SitesInput } from '../types';
import { LEVELS, PLATFORMS } from '../types';
import type { Level, Platform } from '../types';
import { issuesToDiagnostics } from './messages';
import { closest } from './suggest';
import { PLATFORM_LABEL, runRules, runRulesKept } from './rules';
import type { ValidateMemo } from './memo';
export { createValidateMemo } from './memo';
export type { ValidateMemo } from './memo';
import type { RuleContext } from './rules';
import { SCHEMAS, UNIT_SCHEMAS, isoDate } from './schema';
import { findUnfilled } from './unfilled';
import type { RectificationFollowUp } from '../rectify/followup';

export const calendarSchema = z.record(
  z.string().regex(/^\d{4}$/, { error: '年份应为四位数字' }),
  z.strictObject({ holidays: z.array(isoDate).default([]), workdays: z.array(isoDate).default([]) }),
);

export interface ValidatedRound {
  round: JudgedRound;
  rules: Rules;
  calendar: WorkCalendar | null;
  files: LoadedRound['files'];
  /** problems that do not stop the build (printed by check and build) */
  warnings: Diagnostic[];
  /** the round before this one, when the pipeline found it (src/compare/previous.ts) */
  previous?: { dir: string; round: JudgedRound } | null;
  /** the previous round's rectification, with compare.rectification (src/rectify/previous.ts) */
  rectification?: RectificationFollowUp | null;
}

function diag(file: SourceFile, path: DataPath, message: string): Diagnostic {
  const pos = locate(file, path);
  return { severity: 'error', file: file.display, line: pos.line, col: pos.col, message };
}

/**
 * Fields that are text even when typed as a bare number: YAML reads `phone: 08558235320` as the
 * number 8558235320, dropping the area code's 0, so these keep the digits exactly as typed.
 */
const TEXT_AS_TYPED: Partial<Record<'notice' | 'sites' | 'accounts', DataPath[]>> = { notice: [['contact', 'phone']] };

function keepTyped(kind: 'notice' | 'sites' | 'accounts', file: SourceFile, raw: unknown): unknown {
  for (const p of TEXT_AS_TYPED[kind] ?? []) {
    const node = file.doc.getIn(p, true) as { value?: unknown; source?: string } | undefined;
    if (typeof node?.value !== 'number' || typeof node.source !== 'string') continue;
    let parent = raw as Record<string | number, unknown>;
    for (const seg of p.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
    parent[p[p.length - 1]] = node.source;
  }
  return raw;
}

/** Own keys exactly these (a strict object's shape, nothing missing, nothing more). */
function exactly(v: unknown, keys: readonly string[]): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const own = Object.keys(v);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(v, k));
}

/** The lists of units of sites.yaml / accounts.yaml's value with their names (department, weibo/county …), or null when it is not so shaped. */
function unitListsOf(kind: 'sites' | 'accounts', raw: unknown): { name: string; list: unknown[] }[] | null {
  const out: { name: string; list: unknown[] }[] = [];
  const levels = (v: unknown, prefix: string): boolean => {
    if (!exactly(v, LEVELS)) return false;
    for (const l of LEVELS) {
      if (!Array.isArray(v[l])) return false;
      out.push({ name: `${prefix}${l}`, list: v[l] as unknown[] });
    }
    return true;
  };
  if (kind === 'sites') return levels(raw, '') ? out : null;
  if (!exactly(raw, PLATFORMS)) return null;
  return PLATFORMS.every((p) => levels((raw as Record<string, unknown>)[p], `${p}/`)) ? out : null;
}

/**
 * The schema's output for sites.yaml or accounts.yaml put together from each unit's output,
 * kept per unit (memo.ts), or undefined when some unit does not pass (the whole file is then
 * checked by its schema, which says what is wrong). The file schemas are strict objects of
 * lists of units, so the output is the same. `lists`: unitListsOf the file's value.
 */
function parseUnitsKept(kind: 'sites' | 'accounts', lists: { name: string; list: unknown[] }[], memo: ValidateMemo): unknown {
  const schema = UNIT_SCHEMAS[kind];
  const out: unknown[][] = [];
  for (const { name, list } of lists) {
    const made = memo.lists.of<unknown>(`schema/${kind}/${name}`).map(list, '', (u) => {
      if (u === null || typeof u !== 'object') return undefined;
      const r = schema.safeParse(u, { reportInput: true });
      return r.success ? r.data : undefined;
    });
    if (!made) return undefined;
    out.push(made);
  }
  // unitListsOf's order: the levels in LEVELS order, per platform in PLATFORMS order
  const levels = (i: number) => ({ department: out[i], county: out[i + 1] });
  return kind === 'sites' ? levels(0) : { weibo: levels(0), wechat: levels(2) };
}

function parseFile<T>(
  loaded: LoadedRound,
  kind: 'notice' | 'sites' | 'accounts',
  out: Diagnostic[],
  skip: Set<string> = new Set(),
  memo?: ValidateMemo,
): { file: SourceFile; data: T } | undefined {
  const file = loaded.files[kind];
  if (!file || !(kind in loaded.data)) return undefined;
  let seed: { name: string; list: unknown[] }[] | null = null;
  if (memo && kind !== 'notice') {
    const lists = unitListsOf(kind, loaded.data[kind]);
    // the first time (or after units were added or removed) the whole file is checked in one go
    // and its output kept per unit; afterwards only the units that changed are checked
    if (lists && lists.every(({ name, list }) => !memo.lists.of(`schema/${kind}/${name}`).fresh(list, ''))) {
      const data = parseUnitsKept(kind, lists, memo);
      if (data !== undefined) return { file, data: data as T };
    } else seed = lists;
  }
  const schema = SCHEMAS[kind] as unknown as z.ZodType<T>;
  const raw = keepTyped(kind, file, loaded.data[kind]);
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (parsed.success) {
    if (seed && memo) {
      const out = unitListsOf(kind as 'sites' | 'accounts', parsed.data);
      if (out && out.length === seed.length) seed.forEach(({ name, list }, i) => memo.lists.of(`schema/${kind}/${name}`).seed(list, '', out[i].list));
    }
    return { file, data: parsed.data };
  }
  // a value still to fill is reported as such (findUnfilled), not also as the wrong type
  const issues = parsed.error.issues.filter((i) => !skip.has(JSON.stringify(i.path)));
  out.push(...issuesToDiagnostics(issues, schema, file, raw));
  return undefined;
}

/** A failing_order entry: “名称（政务微博）”. */
function orderKey(name: string, platform: Platform): string {
  return `${name}（${PLATFORM_LABEL[platform]}）`;
}

/**
 * failing_order's names that match no account (a typo) or repeat: these need only the accounts'
 * names, so they are checked on the files as read, and said with every other error in one run
 * (not only once the rest is fixed). Skipped while accounts.yaml is not shaped as lists of named
 * accounts (its own errors say why; a name could not be told missing from unreadable).
 */
function failingOrderNameProblems(ctx: RuleContext): Diagnostic[] {
  const order = ctx.notice?.data.failing_order;
  const lists = ctx.accounts && unitListsOf('accounts', ctx.accounts.data);
  if (!ctx.notice || !Array.isArray(order) || !lists) return [];
  const known = new Set<string>();
  for (const { name: listName, list } of lists) {
    const platform = listName.split('/')[0] as Platform;
    for (const a of list) {
      const name = a !== null && typeof a === 'object' ? (a as Record<string, unknown>).name : undefined;
      if (typeof name !== 'string' || !name.trim()) return [];
      known.add(orderKey(name.trim(), platform));
    }
  }
  const out: Diagnostic[] = [];
  const file = ctx.notice.file;
  const seen = new Set<string>();
  order.forEach((raw: unknown, i) => {
    // not text or empty: the schema says so
    if (typeof raw !== 'string' || !raw.trim()) return;
    const entry = raw.trim();
    if (seen.has(entry)) out.push(diag(file, ['failing_order', i], `“${entry}”重复列出`));
    else if (!known.has(entry)) {
      const guess = closest(entry, [...known]);
      const hint = guess ? `；是不是“${guess}”？` : '：';
      out.push(diag(file, ['failing_order', i], `找不到账号“${entry}”${hint}应写作“名称（政务微博）”或“名称（政务微信）”，名称与 accounts.yaml 一致`));
    }
    seen.add(entry);
  });
  return out;
}

/**
 * With `memo` (a caller validating the same round again after edits, as the server does), what
 * each unit alone decides is kept per unit object between calls (memo.ts); the result is the same.
 */
export function validateRound(loaded: LoadedRound, memo?: ValidateMemo): { value: ValidatedRound | null; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [...loaded.diagnostics];
  const unfilled = findUnfilled(loaded, memo?.lists);
  out.push(...unfilled.diagnostics);
  const ctx = {
    notice: parseFile<NoticeInput>(loaded, 'notice', out, unfilled.skip.notice),
    sites: parseFile<SitesInput>(loaded, 'sites', out, unfilled.skip.sites, memo),
    accounts: parseFile<AccountsInput>(loaded, 'accounts', out, unfilled.skip.accounts, memo),
  };
  const raw = (kind: 'notice' | 'sites' | 'accounts') => {
    const file = loaded.files[kind];
    const data = loaded.data[kind];
    return file && data && typeof data === 'object' ? { file, data: data as Record<string, unknown> } : undefined;
  };
  const ruleCtx: RuleContext = { notice: raw('notice'), sites: raw('sites'), accounts: raw('accounts') };
  out.push(...(memo ? runRulesKept(ruleCtx, memo) : runRules(ruleCtx)));

  // Thresholds of the update rules.
  // Ranges are checked on the raw values (numbers only: the schema reports other types), so
  // they are reported even when another part of notice.yaml fails the schema.
  let rules: Rules | null = null;
  const rawRules = ruleCtx.notice?.data.rules;
  if (ruleCtx.notice && rawRules && typeof rawRules === 'object') {
    const numeric = Object.fromEntries(Object.entries(rawRules).filter(([, v]) => typeof v === 'number'));
    for (const p of rulesProblems(numeric)) out.push(diag(ruleCtx.notice.file, ['rules', p.key], p.message));
  }
  if (ctx.notice && !out.length) rules = resolveRules(ctx.notice.data.rules ?? {});

  // The working-day calendar is needed only when some account gives update dates.
  const needsCalendar = !!ctx.accounts && PLATFORMS.some((p) => LEVELS.some((l) => ctx.accounts!.data[p][l].some((a) => a.updates)));
  let calendar: WorkCalendar | null = null;
  if (needsCalendar) {
    let user: UserCalendar | undefined;
    const calFile = loaded.files.calendar;
    if (calFile && 'calendar' in loaded.data) {
      const parsed = calendarSchema.safeParse(loaded.data.calendar ?? {}, { reportInput: true });
      if (parsed.success) {
        user = parsed.data as unknown as UserCalendar;
        for (const p of userCalendarProblems(user)) out.push(diag(calFile, p.path, p.message));
      } else {
        out.push(...issuesToDiagnostics(parsed.error.issues, calendarSchema, calFile, loaded.data.calendar));
      }
    }
    calendar = createWorkCalendar(user);
    // a broken calendar.yaml is reported as such, not also as every year it fails to supply
    const calendarBroken = out.some((d) => calFile && d.file === calFile.display);
    if (ctx.notice && !calendarBroken) {
      for (const year of missingCalendarYears(ctx.notice.data.months, calendar)) {
        out.push(
          diag(
            ctx.notice.file,
            ['months'],
            `缺少${year}年的工作日历（法定节假日和调休上班日），无法按更新日期判定结果：请在数据文件夹的 calendar.yaml 中补充${year}年（格式见 README）`,
          ),
        );
      }
    }
  }

  out.push(...failingOrderNameProblems(ruleCtx));

  const clean = out.length === 0;
  // files not read are said with the errors too: a calendar.yml not read explains a missing year
  if (!clean || !ctx.notice || !ctx.sites || !ctx.accounts || !rules) {
    return { value: null, diagnostics: sortDiagnostics([...out, ...loaded.warnings]) };
  }

  // Settle every account's monthly results (given, or judged from its update dates).
  const months = ctx.notice.data.months;
  const judged = {} as JudgedRound['accounts'];
  // results given, not judged: no reasons. One frozen list shared by every such account
  // (three empty arrays per account would be 600,000 arrays at national scale)
  const noReasons = Object.freeze(months.map(() => Object.freeze([] as string[]))) as unknown as string[][];
  const judgeOne = (a: AccountsInput['weibo']['department'][number], platform: Platform, level: Level, i: number): JudgedAccount => {
    // The schema's output is this function's own copy of the unit: completed in place, not
    // copied once more (a second object per account: 60 MB at 780,000 accounts). Not
    // {...a, results, …} either: past some thousands of objects V8 gives each spread copy a
    // hidden class of its own (~250 bytes each). With a memo (the server) the schema's output is
    // kept between runs and must stay as the schema gave it: the judged account is a copy.
    const declared = a.results;
    const acc = (memo ? Object.assign({}, a) : a) as JudgedAccount;
    if (a.updates && calendar) {
      const j = judgeAccount(a.updates, months, !!a.service, rules!, calendar);
      if (declared) {
        for (const m of compareResults(a.name, declared, j)) {
          out.push(diag(ctx.accounts!.file, [platform, level, i, 'results', m.index], m.message));
        }
      }
      acc.results = j.results;
      acc.reasons = j.reasons;
    } else {
      acc.results = declared!;
      acc.reasons = noReasons;
    }
    acc.declared = declared;
    return acc;
  };
  for (const platform of PLATFORMS) {
    judged[platform] = { department: [], county: [] };
    for (const level of LEVELS) {
      const list = ctx.accounts.data[platform][level];
      // an account whose results are given is judged the same while the months count is the same
      const kept = memo?.lists
        .of<JudgedAccount>(`judged/${platform}/${level}`)
        .map(list, String(months.length), (a, i) => ((a as (typeof list)[number]).updates ? undefined : judgeOne(a as (typeof list)[number], platform, level, i)));
      judged[platform][level] = kept ?? list.map((a, i) => judgeOne(a, platform, level, i));
    }
  }

  // failing_order is a preference, not a second list to keep in step: after a correction an
  // account may start or stop failing, and that must reach `annexes` as a notice change (exit 3),
  // not as a data error. So an entry for an account that passes is ignored (with a warning), and
  // a failing account it leaves out is placed by the contract order. Only a name that matches no
  // account at all (a typo) or a repeat is an error (checked above, with the other errors).
  const warnings: Diagnostic[] = [...loaded.warnings];
  const order = ctx.notice.data.failing_order;
  if (order) {
    const failing = new Map<string, boolean>();
    for (const platform of PLATFORMS)
      for (const level of LEVELS)
        for (const a of judged[platform][level]) {
          const key = orderKey(a.name, platform);
          failing.set(key, (failing.get(key) ?? false) || a.results.includes('不合格'));
        }
    const seen = new Set<string>();
    order.forEach((entry, i) => {
      if (!seen.has(entry) && failing.get(entry) === false)
        warnings.push({ ...diag(ctx.notice!.file, ['failing_order', i], `“${entry}”本轮合格，不列入通报，不合格账号顺序（failing_order）中的这一项不起作用`), severity: 'warning' });
      seen.add(entry);
    });
    const missing = [...failing].filter(([k, f]) => f && !seen.has(k)).map(([k]) => k);
    if (missing.length) {
      warnings.push({
        ...diag(ctx.notice.file, ['failing_order'], `不合格账号顺序（failing_order）没有列出：${missing.join('、')}；已按附件顺序插在其前一个不合格账号之后`),
        severity: 'warning',
      });
    }
  }

  if (out.length) return { value: null, diagnostics: sortDiagnostics([...out, ...loaded.warnings]) };
  return {
    value: { round: { notice: ctx.notice.data, sites: ctx.sites.data, accounts: judged }, rules, calendar, files: loaded.files, warnings },
    diagnostics: warnings,
  };
}
