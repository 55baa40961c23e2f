// Which column is which: header aliases (templates/import-headers.yaml plus the annexes' own
// column names), month headers in the ways people write them, platform and level words.
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import type { Wording } from '../aggregate/wording';
import { templatesDir } from '../paths';
import type { Level, Platform } from '../types';

export type Field = 'name' | 'url' | 'owner' | 'platform' | 'level' | 'result' | 'failing' | 'problems' | 'seq';
export const FIELDS: Field[] = ['name', 'url', 'owner', 'platform', 'level', 'result', 'failing', 'problems', 'seq'];
export type Kind = 'site' | Platform;

/** Header text as compared: no spaces or line breaks, full-width letters folded, lower case. */
export function norm(s: string): string {
  // most cells (names) have nothing to fold: no regex replacing for them
  if (!/[\s\u3000\uff01-\uff5eA-Z]/.test(s)) return s;
  return s
    .replace(/[\s\u3000]+/g, '')
    .replace(/[\uff01-\uff5e]/g, (c) => (/[（）]/.test(c) ? c : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .toLowerCase();
}

export interface Aliases {
  fields: Map<string, Field>;
  monthSuffixes: string[];
  kinds: Map<string, Kind>;
  levels: Map<string, Level>;
  /** the printed annexes' block headings → what their rows are */
  headings: Map<string, { kind: Kind | 'account'; level: Level }>;
  emptyRow: string;
  yes: string;
  no: string;
  /** columns read by no one, on purpose (备注): named in the output, not an error */
  ignore: Set<string>;
  /** every header the tool knows, as written (for "the closest known header") */
  known: string[];
  /** the kinds of sheet, each with the headers that say it (templates/import-headers.yaml kinds) */
  sheetKinds: SheetKindSpec[];
}

/**
 * A kind of sheet the import reads, and the headers that point to it. Which kind a sheet is
 * comes from its headers and its values (plan.ts decideKind); another kind of workbook is
 * another entry here and in templates/import-headers.yaml `kinds`.
 */
export interface SheetKindSpec {
  id: 'site' | 'account';
  /** 政府网站 */
  label: string;
  /** normalised headers that say this kind */
  headers: Set<string>;
  /** month columns say this kind */
  months: boolean;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function loadAliases(wording: Wording, levelNames: Record<Level, string>, file = path.join(templatesDir(), 'import-headers.yaml')): Aliases {
  const t = parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  const fields = new Map<string, Field>();
  for (const f of FIELDS) for (const a of list(t.fields?.[f])) fields.set(norm(a), f);
  // the annexes' own words always count
  const c = wording.columns;
  const own: [string, Field][] = [
    [c.seq, 'seq'],
    [c.siteName, 'name'],
    [c.url, 'url'],
    [c.result, 'result'],
    [c.accountName, 'name'],
    [c.owner, 'owner'],
    [c.problems, 'problems'],
    [wording.dataSheet.columns.type, 'platform'],
    [wording.dataSheet.columns.level, 'level'],
    [wording.dataSheet.columns.name, 'name'],
    [wording.dataSheet.columns.owner, 'owner'],
    [wording.dataSheet.columns.url, 'url'],
    [wording.dataSheet.columns.failing, 'failing'],
    [wording.dataSheet.columns.problems, 'problems'],
  ];
  for (const [a, f] of own) fields.set(norm(a), f);
  const kinds = new Map<string, Kind>();
  for (const k of ['site', 'weibo', 'wechat'] as Kind[]) for (const a of list(t.platforms?.[k])) kinds.set(norm(a), k);
  kinds.set(norm(wording.platforms.weibo), 'weibo');
  kinds.set(norm(wording.platforms.wechat), 'wechat');
  kinds.set(norm(wording.dataSheet.siteType), 'site');
  const levels = new Map<string, Level>();
  for (const l of ['department', 'county'] as Level[]) {
    for (const a of list(t.levels?.[l])) levels.set(norm(a), l);
    levels.set(norm(levelNames[l]), l);
  }
  const headings = new Map<string, { kind: Kind | 'account'; level: Level }>();
  for (const l of ['department', 'county'] as Level[]) {
    headings.set(norm(wording.annex1.groupTitle[l]({ level: levelNames[l] })), { kind: 'site', level: l });
    for (const p of ['weibo', 'wechat'] as Platform[]) {
      headings.set(norm(wording.annex2.sectionTitle({ ordinal: '', level: levelNames[l], platform: wording.platforms[p] })), { kind: p, level: l });
    }
  }
  const ignore = new Set(list(t.ignore).map(norm));
  // the annexes' 上季度结果 column (compare.annex_column) comes from the previous round: not imported
  ignore.add(norm(wording.columns.previousResult));
  const known = [...new Set([...FIELDS.flatMap((f) => list(t.fields?.[f])), ...own.map(([a]) => a), ...list(t.ignore), '1月', '2024年1月'])];
  const sheetKinds: SheetKindSpec[] = (['site', 'account'] as const).map((id) => {
    const k = (t.kinds?.[id] ?? {}) as Record<string, unknown>;
    return { id, label: typeof k.label === 'string' ? k.label : id, headers: new Set(list(k.headers).map(norm)), months: k.months === true };
  });
  return {
    ignore,
    known,
    sheetKinds,
    fields,
    monthSuffixes: ['', ...list(t.month_suffixes).map(norm)].sort((a, b) => b.length - a.length),
    kinds,
    levels,
    headings,
    emptyRow: norm(wording.emptyRow),
    yes: norm(wording.dataSheet.yes),
    no: norm(wording.dataSheet.no),
  };
}

/** A block heading of a printed annex: （一）州直部门政务微博更新情况 → its rows' platform and level. */
export function headingOf(a: Aliases, text: string): { kind: Kind | 'account'; level: Level } | undefined {
  const n = norm(text).replace(/^[（(][一二三四五六七八九十]+[）)]/, '');
  return a.headings.get(n);
}

const CN_MONTHS: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9', 十: '10', 十一: '11', 十二: '12' };

/**
 * A month header: 2024年1月, 2024-01, 2024/1, 2024.1, 1月, 1月份, 一月, 2024年3月5日 or a date
 * cell, with an optional suffix (1月更新情况). Returns year (or null when not given) and month.
 */
export function monthOf(a: Aliases, text: string, date?: Date): { year: number | null; month: number } | null {
  if (date) return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
  // 三月 → 3月, 十二月份 → 12月份 (the longest numeral first)
  const n = norm(text).replace(/^((?:\d{4}年)?)(十[一二]|[一二三四五六七八九十])(?=月)/, (_, y: string, m: string) => y + CN_MONTHS[m]);
  const forms: RegExp[] = [
    /^(\d{4})年(\d{1,2})月份?(?:(\d{1,2})日)?/,
    /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?![\d])/,
    /^()(\d{1,2})月份?/,
  ];
  for (const re of forms) {
    const m = re.exec(n);
    if (!m) continue;
    const rest = n.slice(m[0].length);
    if (!a.monthSuffixes.includes(rest)) return null;
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return { year: m[1] ? Number(m[1]) : null, month };
  }
  return null;
}
