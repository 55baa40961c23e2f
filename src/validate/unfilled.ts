// Values still to fill in a round started by `tongbao init`: an empty value (`issued: ~`,
// `result: ~`, a `~` in results) is not a type error but a task. Each is reported at its place
// as 还需填写, the schema's own complaint about the same value is dropped, and the list ends
// with a count per group ("还需填写：政务微博 17 个账号的 1 月结果、…").
import type { Diagnostic } from '../diagnostics';
import type { LoadedRound } from '../load/round';
import { locate } from '../load/yaml-file';
import type { DataPath, SourceFile } from '../load/yaml-file';
import { LEVELS, PLATFORMS } from '../types';
import type { ListMemos } from '../memo';

/** Group of a to-fill item, for the summary. */
export interface FillGroup {
  /** summary order: 通报, 政府网站, 政务微博, 政务微信 */
  order: number;
  group: string;
  /** what one item is counted as (个网站, 个账号); absent: items are named one by one */
  noun?: string;
  item: string;
}

export type FillDiagnostic = Diagnostic & { fill: FillGroup };

const NOTICE_FIELDS: [DataPath, string, string][] = [
  [['inspection', 'from'], '检查开始日期', '（写作 YYYY-MM-DD）'],
  [['inspection', 'to'], '检查结束日期', '（写作 YYYY-MM-DD）'],
  [['issued'], '成文日期', '（写作 YYYY-MM-DD）'],
  [['deadline'], '整改截止日期', '（写作 YYYY-MM-DD，晚于成文日期）'],
  [['doc_number'], '发文字号', '（如“××政信〔2024〕1号”；没有发文字号就删去这一行）'],
  [['title'], '标题', '（不需要自定标题就删去这一行，标题按轮次生成）'],
];
const PLATFORM_NAMES = { weibo: '政务微博', wechat: '政务微信' } as const;
const RESULT_HINT = '（合格或不合格）';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const has = (o: Raw, k: string) => Object.hasOwn(o, k);

/** Month labels for messages: 1月 within one year, 2023年12月 when the months span two. */
export function monthLabels(months: unknown): string[] {
  const ms = arr(months).map((m) => (typeof m === 'string' && /^\d{4}-\d{2}$/.test(m) ? m : null));
  const years = new Set(ms.filter(Boolean).map((m) => m!.slice(0, 4)));
  return ms.map((m, i) => (m ? (years.size > 1 ? `${m.slice(0, 4)}年${Number(m.slice(5))}月` : `${Number(m.slice(5))}月`) : `第 ${i + 1} 个月`));
}

export interface Unfilled {
  diagnostics: FillDiagnostic[];
  /** per file kind, the JSON of each to-fill path: the schema's issues there are not reported */
  skip: Record<'notice' | 'sites' | 'accounts', Set<string>>;
}

/** Whether a site or account has a value still to fill (null where a value goes). */
function siteToFill(s: unknown): boolean {
  const site = obj(s);
  return has(site, 'result') && site.result === null;
}
function accountToFill(a: unknown): boolean {
  const acc = obj(a);
  return (has(acc, 'results') && acc.results === null) || (Array.isArray(acc.results) && acc.results.includes(null));
}

/** `memo` (the server): which units have something to fill is kept per list of units (src/memo.ts). */
export function findUnfilled(loaded: LoadedRound, memo?: ListMemos): Unfilled {
  // the units to look at: all of them, or with a memo only those that have something to fill
  const toFill = (name: string, list: unknown[], test: (u: unknown) => boolean): boolean[] | null =>
    (memo?.of<boolean>(`unfilled/${name}`).map(list, '', test) ?? null);
  const out: Unfilled = { diagnostics: [], skip: { notice: new Set(), sites: new Set(), accounts: new Set() } };
  const add = (kind: 'notice' | 'sites' | 'accounts', file: SourceFile, path: DataPath, message: string, fill: FillGroup) => {
    const pos = locate(file, path);
    out.diagnostics.push({ severity: 'error', file: file.display, line: pos.line, col: pos.col, message: `还需填写：${message}`, fill });
    out.skip[kind].add(JSON.stringify(path));
  };
  const notice = obj(loaded.data.notice);
  const levelNames = { department: '州直部门', county: '县（市）', ...obj(notice.levels) } as Record<string, unknown>;
  const levelName = (l: string) => (typeof levelNames[l] === 'string' ? (levelNames[l] as string) : l);

  const nf = loaded.files.notice;
  if (nf && loaded.data.notice !== undefined) {
    for (const [p, name, hint] of NOTICE_FIELDS) {
      const parent = obj(p.length > 1 ? notice[p[0] as string] : notice);
      const key = p[p.length - 1] as string;
      if (has(parent, key) && parent[key] === null) add('notice', nf, p, `${name}${hint}`, { order: 0, group: '通报', item: name });
    }
  }

  const sf = loaded.files.sites;
  const sites = obj(loaded.data.sites);
  if (sf) {
    for (const level of LEVELS) {
      const list = arr(sites[level]);
      const flags = toFill(`sites/${level}`, list, siteToFill);
      list.forEach((s, i) => {
        if (flags ? !flags[i] : !siteToFill(s)) return;
        const site = obj(s);
        const name = typeof site.name === 'string' ? `“${site.name}”` : `第 ${i + 1} 个`;
        add('sites', sf, [level, i, 'result'], `${levelName(level)}网站${name}的检查结果${RESULT_HINT}`, { order: 1, group: '政府网站', noun: '个网站', item: '检查结果' });
      });
    }
  }

  const af = loaded.files.accounts;
  const accounts = obj(loaded.data.accounts);
  if (af) {
    const labels = monthLabels(notice.months);
    PLATFORMS.forEach((platform, pi) => {
      for (const level of LEVELS) {
        const list = arr(obj(accounts[platform])[level]);
        const flags = toFill(`accounts/${platform}/${level}`, list, accountToFill);
        list.forEach((a, i) => {
          // almost every account has nothing to fill: its words are made only when needed
          if (flags ? !flags[i] : !accountToFill(a)) return;
          const acc = obj(a);
          const name = typeof acc.name === 'string' ? `“${acc.name}”` : `第 ${i + 1} 个账号`;
          const who = `${PLATFORM_NAMES[platform]}${name}`;
          const fill = (item: string): FillGroup => ({ order: 2 + pi, group: PLATFORM_NAMES[platform], noun: '个账号', item });
          if (has(acc, 'results') && acc.results === null) {
            add('accounts', af, [platform, level, i, 'results'], `${who}各月的结果${RESULT_HINT}`, fill('各月结果'));
            return;
          }
          arr(acc.results).forEach((r, m) => {
            if (r !== null) return;
            const label = labels[m] ?? `第 ${m + 1} 个月`;
            add('accounts', af, [platform, level, i, 'results', m], `${who}${label}的结果${RESULT_HINT}`, fill(`${label.replace(/(\d+)月$/, ' $1 月')}结果`));
          });
        });
      }
    });
  }
  return out;
}

function isFill(d: Diagnostic): d is FillDiagnostic {
  return !!(d as Partial<FillDiagnostic>).fill;
}

/**
 * The closing count of what is left to fill, one line per group:
 *   还需填写：通报 4 项（检查开始日期、检查结束日期、成文日期、整改截止日期）
 *   还需填写：政务微博 17 个账号的 1 月结果、17 个账号的 2 月结果、17 个账号的 3 月结果
 *   共 279 项还需填写。
 * Empty when nothing is left to fill.
 */
export function fillSummary(diagnostics: readonly Diagnostic[]): string[] {
  const fills = diagnostics.filter(isFill);
  if (!fills.length) return [];
  const groups = new Map<string, { order: number; noun?: string; items: Map<string, number> }>();
  for (const d of fills) {
    const g = groups.get(d.fill.group) ?? { order: d.fill.order, noun: d.fill.noun, items: new Map<string, number>() };
    g.items.set(d.fill.item, (g.items.get(d.fill.item) ?? 0) + 1);
    groups.set(d.fill.group, g);
  }
  const lines = [...groups]
    .sort((a, b) => a[1].order - b[1].order)
    .map(([name, g]) => {
      if (!g.noun) return `还需填写：${name} ${[...g.items.values()].reduce((a, b) => a + b, 0)} 项（${[...g.items.keys()].join('、')}）`;
      const what = (item: string) => (/^\d/.test(item.trim()) ? ` ${item.trim()}` : item.trim());
      return `还需填写：${name} ${[...g.items].map(([item, n]) => `${n} ${g.noun}的${what(item)}`).join('、')}`;
    });
  lines.push(`共 ${fills.length} 项还需填写。`);
  return lines;
}
