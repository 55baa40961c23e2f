// Stage 2b, validate across fields: what a schema cannot say. Each rule is a small
// function over the parsed files that returns diagnostics; all rules always run.
import type { Diagnostic } from '../diagnostics';
import { locate } from '../load/yaml-file';
import type { DataPath, SourceFile } from '../load/yaml-file';
import type { Level, Platform } from '../types';
import { LEVELS, PLATFORMS } from '../types';
import { isScalar } from 'yaml';
import { scalarSpans } from '../lint/source';
import { quarterRules } from './quarter';
import { isRealDate } from './schema';
import type { ValidateMemo } from './memo';

// Rules read the raw parsed YAML, guarding every access, so that they still run (and report)
// when some other part of the same file fails the schema: all problems at once.
type Raw = Record<string, unknown>;
export interface RuleContext {
  notice?: { file: SourceFile; data: Raw };
  sites?: { file: SourceFile; data: Raw };
  accounts?: { file: SourceFile; data: Raw };
}

const obj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const date = (v: unknown): string | undefined => (typeof v === 'string' && isRealDate(v) ? v : undefined);

/** `offset`: a character of the value (where in a title the wrong quarter is), when known. */
type Report = (file: SourceFile, path: DataPath, message: string, part?: 'key' | 'value', offset?: number) => void;
type Rule = (ctx: RuleContext, report: Report) => void;

/** Line number of an item, for "first seen at line N" hints. */
function lineOf(file: SourceFile, path: DataPath): number {
  return locate(file, path).line;
}

function nextMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export const PLATFORM_LABEL: Record<Platform, string> = { weibo: '政务微博', wechat: '政务微信' };

/** A group's name as the round calls it (notice.yaml levels), for messages: 州直部门, 县（市）. */
function levelName(ctx: RuleContext, level: Level): string {
  const own = str(obj(ctx.notice?.data.levels)[level]);
  return own && own.trim() ? own.trim() : { department: '部门', county: '县级' }[level];
}

/** Normalised form under which two URLs count as the same site. */
export function urlKey(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname.toLowerCase()}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return url.trim().toLowerCase();
  }
}

export function urlProblem(url: string): string | null {
  if (/\s/.test(url)) return '不能含有空格';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '应以 http:// 或 https:// 开头，后接域名，例如 http://www.example.gov.cn';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `协议“${u.protocol.replace(':', '')}”不可用，只能是 http 或 https`;
  // http://x.gov.cn@evil.example opens evil.example: what is before @ is a user name
  if (u.username || u.password) return `“@”之前的部分是用户名，浏览器实际打开的是“${u.hostname}”：网址中不能有“@”`;
  const bad = /["<>\\^`{|}]/.exec(url);
  if (bad) return `含有网址中不允许的字符“${bad[0]}”`;
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(u.hostname) || !/^https?:\/\/[^/]/i.test(url)) {
    return '域名不完整，例如 http://www.example.gov.cn';
  }
  return null;
}

const dateOrder: Rule = ({ notice }, report) => {
  if (!notice) return;
  const n = notice.data;
  const [issued, deadline] = [date(n.issued), date(n.deadline)];
  const [from, to] = [date(obj(n.inspection).from), date(obj(n.inspection).to)];
  if (issued && deadline && deadline <= issued) {
    report(notice.file, ['deadline'], `整改截止日期 ${deadline} 应晚于成文日期 ${issued}`);
  }
  if (from && to && to < from) {
    report(notice.file, ['inspection', 'to'], `检查结束日期 ${to} 早于开始日期 ${from}`);
  }
  if (to && issued && to > issued) {
    report(notice.file, ['inspection', 'to'], `检查结束日期 ${to} 晚于成文日期 ${issued}：通报只能在检查结束后印发`);
  }
};

const consecutiveMonths: Rule = ({ notice }, report) => {
  if (!notice) return;
  const months = arr(notice.data.months).map(str);
  for (let i = 1; i < months.length; i++) {
    const [prev, cur] = [months[i - 1], months[i]];
    if (!prev || !cur || !/^\d{4}-(0[1-9]|1[0-2])$/.test(prev)) continue;
    const want = nextMonth(prev);
    if (cur !== want) {
      report(notice.file, ['months', i], `检查月份不连续：${months[i - 1]} 之后应为 ${want}，实际是 ${months[i]}`);
    }
  }
};

/**
 * A unit's name as duplicates are told: without leading and trailing whitespace, as the schema
 * reads it (z.string().trim(): ASCII spaces, tabs, U+3000, U+00A0 …), so “XX局” and “XX局　”
 * are the same name.
 */
export function nameKey(v: unknown): string | undefined {
  return typeof v === 'string' ? v.trim() : undefined;
}

/** Whitespace at either end of a name (U+FEFF is left to the invisible-character rule). */
const LEADING_WS = /^[^\S\ufeff]+/;
const TRAILING_WS = /[^\S\ufeff]+$/;
const WS_NAMES: Record<string, string> = { ' ': '半角空格', '\u3000': '全角空格', '\u00a0': '不换行空格', '\t': '制表符', '\n': '换行', '\r': '换行' };
function wsName(ch: string): string {
  return WS_NAMES[ch] ?? `空白字符 U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Whether a unit's name or owner has whitespace at either end (strayWhitespace has something to say). */
function hasStrayWhitespace(u: Raw): boolean {
  for (const key of ['name', 'owner']) {
    const v = str(u[key]);
    if (v && v.trim() !== '' && (LEADING_WS.test(v) || TRAILING_WS.test(v))) return true;
  }
  return false;
}

/**
 * Spaces before or after a name or owner (a full-width space typed after it, an NBSP pasted from
 * a web page, a space inside quotes): invisible in the annex, but the name no longer matches the
 * same unit in other rounds and workbooks. Said once per field, at the first stray character.
 */
const strayWhitespace: Rule = ({ sites, accounts }, report) => {
  const check = (file: SourceFile, at: DataPath, u: Raw, nameLabel: string) => {
    for (const [key, label] of [['name', nameLabel], ['owner', '主办单位']] as const) {
      const v = str(u[key]);
      if (!v || v.trim() === '') continue;
      const lead = LEADING_WS.exec(v);
      const trail = TRAILING_WS.exec(v);
      if (!lead && !trail) continue;
      const where = lead && trail ? '开头和末尾' : lead ? '开头' : '末尾';
      const chars = [...new Set([...(lead?.[0] ?? ''), ...(trail?.[0] ?? '')])].map(wsName).join('、');
      report(
        file,
        [...at, key],
        `${label}“${v}”${where}有多余的空白（${chars}），会使同一单位在各轮、各工作簿中对不上：请删去，是不是“${v.trim()}”？`,
        'value',
        lead ? 0 : trail!.index,
      );
    }
  };
  if (sites) for (const level of LEVELS) arr(sites.data[level]).forEach((u, i) => check(sites.file, [level, i], obj(u), '网站名称'));
  if (accounts) for (const platform of PLATFORMS) for (const level of LEVELS) arr(obj(accounts.data[platform])[level]).forEach((u, i) => check(accounts.file, [platform, level, i], obj(u), '账号名称'));
};

const uniqueSiteNames: Rule = (ctx, report) => {
  const { sites } = ctx;
  if (!sites) return;
  for (const level of LEVELS) {
    const seen = new Map<string, number>();
    arr(sites.data[level]).forEach((site, i) => {
      const name = nameKey(obj(site).name);
      if (name === undefined) return;
      const first = seen.get(name);
      if (first !== undefined) {
        report(sites.file, [level, i, 'name'], `网站名称“${name}”在${levelName(ctx, level)}网站中重复（第一次出现在第 ${lineOf(sites.file, [level, first, 'name'])} 行）`);
      } else seen.set(name, i);
    });
  }
};

const siteUrls: Rule = ({ sites }, report) => {
  if (!sites) return;
  const seen = new Map<string, { path: DataPath; name: string }>();
  for (const level of LEVELS) {
    arr(sites.data[level]).forEach((site, i) => {
      const url = str(obj(site).url);
      if (url === undefined || url.trim() === '') return;
      const problem = urlProblem(url);
      if (problem) {
        report(sites.file, [level, i, 'url'], `网址“${url}”格式不对：${problem}`);
        return;
      }
      const key = urlKey(url);
      const first = seen.get(key);
      if (first) {
        report(sites.file, [level, i, 'url'], `网址“${url}”与“${first.name}”（第 ${lineOf(sites.file, [...first.path, 'url'])} 行）重复`);
      } else seen.set(key, { path: [level, i], name: str(obj(site).name) ?? '' });
    });
  }
};

const uniqueAccountNames: Rule = (ctx, report) => {
  const { accounts } = ctx;
  if (!accounts) return;
  for (const platform of PLATFORMS) {
    for (const level of LEVELS) {
      const seen = new Map<string, number>();
      arr(obj(accounts.data[platform])[level]).forEach((a, i) => {
        const name = nameKey(obj(a).name);
        if (name === undefined) return;
        const first = seen.get(name);
        if (first !== undefined) {
          report(
            accounts.file,
            [platform, level, i, 'name'],
            `账号名称“${name}”在${levelName(ctx, level)}${PLATFORM_LABEL[platform]}中重复（第一次出现在第 ${lineOf(accounts.file, [platform, level, first, 'name'])} 行）`,
          );
        } else seen.set(name, i);
      });
    }
  }
};

/** Characters that show nothing but change what a text is or how it reads (pasted in from web pages). */
const INVISIBLE: Record<number, string> = {
  0x200b: '零宽空格',
  0x200c: '零宽不连字',
  0x200d: '零宽连字',
  0x200e: '从左向右标记',
  0x200f: '从右向左标记',
  0x202a: '从左向右嵌入',
  0x202b: '从右向左嵌入',
  0x202c: '方向格式结束',
  0x202d: '从左向右覆盖',
  0x202e: '从右向左覆盖，会让文字倒着显示',
  0x2060: '字连接符',
  0x2066: '从左向右隔离',
  0x2067: '从右向左隔离',
  0x2068: '方向隔离',
  0x2069: '方向隔离结束',
  0xfeff: '零宽不换行空格，即字节顺序标记',
};
const INVISIBLE_RE = /[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

/** Every text value of a file with its path (keys are the schema's, checked there). */
function eachText(v: unknown, path: DataPath, f: (s: string, path: DataPath) => void): void {
  if (typeof v === 'string') f(v, path);
  else if (Array.isArray(v)) v.forEach((x, i) => eachText(x, [...path, i], f));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) eachText(x, [...path, k], f);
}

/** Invisible and direction characters: two names that look the same would not match, or read backwards. */
function invisibleIn(parts: (RuleContext['notice'] | undefined)[], report: Report): void {
  for (const part of parts) {
    // one scan of the file's text first: almost always there is nothing to look for
    if (!part || !INVISIBLE_RE.test(part.file.text)) continue;
    eachText(part.data, [], (s, path) => {
      const m = INVISIBLE_RE.exec(s);
      if (!m) return;
      const code = m[0].charCodeAt(0);
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      report(part.file, path, `文字中有看不见的字符“U+${hex}”（${INVISIBLE[code]}），多是从网页复制时带进来的：会使文字显示错乱，或使看似相同的名称对不上，请删去`, 'value', m.index);
    });
  }
}
const invisibleCharacters: Rule = (ctx, report) => invisibleIn([ctx.notice, ctx.sites, ctx.accounts], report);

/** What goes into one annex cell must fit in it: Excel holds at most 32,767 characters. */
export const EXCEL_CELL_MAX = 32767;
/** Whether fitsExcelCell has something to say about a unit. */
function tooLong(u: Raw): boolean {
  for (const key of ['name', 'owner', 'url']) {
    const v = str(u[key]);
    if (v && v.length > EXCEL_CELL_MAX) return true;
  }
  const problems = arr(u.problems);
  let n = Math.max(0, problems.length - 1);
  for (const x of problems) n += (str(x) ?? '').length;
  return n > EXCEL_CELL_MAX;
}
const fitsExcelCell: Rule = ({ sites, accounts }, report) => {
  const check = (file: SourceFile, at: DataPath, u: Raw) => {
    for (const [key, label] of [['name', '名称'], ['owner', '主办单位'], ['url', '网址']] as const) {
      const v = str(u[key]);
      if (v && v.length > EXCEL_CELL_MAX) report(file, [...at, key], `${label}有 ${v.length.toLocaleString('en')} 个字符，超过 Excel 单元格的上限 32,767 个字符，附件中写不下：请精简`);
    }
    const problems = arr(u.problems).map((x) => str(x) ?? '');
    const n = problems.join('\n').length;
    if (n > EXCEL_CELL_MAX) report(file, [...at, 'problems'], `问题曝光情况共 ${n.toLocaleString('en')} 个字符，附件中在一个单元格里，超过 Excel 的上限 32,767 个字符：请精简`);
  };
  if (sites) for (const level of LEVELS) arr(sites.data[level]).forEach((u, i) => check(sites.file, [level, i], obj(u)));
  if (accounts) for (const platform of PLATFORMS) for (const level of LEVELS) arr(obj(accounts.data[platform])[level]).forEach((u, i) => check(accounts.file, [platform, level, i], obj(u)));
};

const resultsMatchMonths: Rule = ({ notice, accounts }, report) => {
  if (!accounts) return;
  const months = Array.isArray(notice?.data.months) ? arr(notice?.data.months).map(String) : undefined;
  for (const platform of PLATFORMS) {
    for (const level of LEVELS) {
      arr(obj(accounts.data[platform])[level]).forEach((raw, i) => {
        const a = obj(raw);
        const at: DataPath = [platform, level, i];
        const name = str(a.name) ?? '';
        if (a.results === undefined && a.updates === undefined) {
          report(accounts.file, at, `账号“${name}”缺少各月结果（results）或发布日期（updates），二者至少给出一项`);
          return;
        }
        const results = a.results;
        // [合格，合格，合格] is one item typed with full-width commas: said once, by the schema
        const fullWidth = Array.isArray(results) && results.length === 1 && typeof results[0] === 'string' && /[，、；]/.test(results[0]);
        if (Array.isArray(results) && months && results.length !== months.length && !fullWidth) {
          report(
            accounts.file,
            [...at, 'results'],
            `账号“${name}”的各月结果（results）有 ${results.length} 项，但 notice.yaml 的检查月份（months）有 ${months.length} 个月（${months.join('、')}），应一一对应`,
          );
        }
      });
    }
  }
};

/** 服务号 is a kind of WeChat account; on a Weibo account it would apply the laxer rules. */
const serviceOnlyOnWechat: Rule = ({ accounts }, report) => {
  if (!accounts) return;
  for (const level of LEVELS) {
    arr(obj(accounts.data.weibo)[level]).forEach((a, i) => {
      if (obj(a).service === true) {
        report(accounts.file, ['weibo', level, i, 'service'], `“${str(obj(a).name) ?? ''}”是政务微博：“service: true”（微信服务号）只能用于政务微信的账号`, 'key');
      }
    });
  }
};

/**
 * 检查依据 prints as 《title》（number）: a title typed with its own 《》, or a number with its own
 * （）, would print twice (《《政府网站发展指引》》, （（国办发〔2017〕47号））). Said at the first
 * extra mark, with the value as it should be written.
 */
const BASIS_MARKS = {
  title: { open: /^\s*[《〈<]+/, close: /[》〉>]+\s*$/, what: '文件名称', marks: '书名号', print: (v: string) => `《${v}》` },
  number: { open: /^\s*[（(]+/, close: /[）)]+\s*$/, what: '文号', marks: '括号', print: (v: string) => `（${v}）` },
} as const;

/** The marks a basis value brings of its own: where the first is, and the value without them. */
export function basisMarks(key: 'title' | 'number', value: string): { at: number; fixed: string; printed: string } | null {
  const m = BASIS_MARKS[key];
  const open = m.open.exec(value);
  const close = m.close.exec(value);
  if (!open && !close) return null;
  const at = open ? value.length - value.trimStart().length : close!.index;
  const fixed = value.slice(open ? open[0].length : 0, close ? close.index : value.length).trim();
  return { at, fixed, printed: m.print(value.trim()) };
}

const basisDoubledMarks: Rule = ({ notice }, report) => {
  if (!notice) return;
  arr(notice.data.basis).forEach((raw, i) => {
    for (const key of ['title', 'number'] as const) {
      const v = str(obj(raw)[key]);
      if (!v) continue;
      const found = basisMarks(key, v);
      if (!found) continue;
      const m = BASIS_MARKS[key];
      const hint = found.fixed ? `；是不是“${found.fixed}”？` : '';
      report(
        notice.file,
        ['basis', i, key],
        `检查依据第 ${i + 1} 项的${m.what}自带${m.marks}：通报会自动加${m.marks}，印出来是“${found.printed}”${hint}`,
        'value',
        found.at,
      );
    }
  });
};

/** A round copied from last quarter: title, months and dates must fit the round (quarter.ts). */
const fitsQuarter: Rule = ({ notice }, report) => {
  if (notice) quarterRules(notice, report);
};

export const RULES: Rule[] = [
  serviceOnlyOnWechat,dateOrder, consecutiveMonths, basisDoubledMarks, uniqueSiteNames, siteUrls, uniqueAccountNames, resultsMatchMonths, fitsQuarter, invisibleCharacters, strayWhitespace, fitsExcelCell];

/** The rules that read notice.yaml alone, and the invisible characters there. */
const NOTICE_RULES: Rule[] = [dateOrder, consecutiveMonths, basisDoubledMarks, fitsQuarter, (ctx, report) => invisibleIn([ctx.notice], report)];

function hasInvisible(v: unknown): boolean {
  if (typeof v === 'string') return INVISIBLE_RE.test(v);
  if (Array.isArray(v)) return v.some(hasInvisible);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasInvisible);
  return false;
}

/**
 * Whether no rule that reads sites.yaml or accounts.yaml has anything to say, decided from what
 * each unit alone says (kept per unit object) and the counts of names and URLs (moved only for
 * the units that changed). False is not a finding: the rules then run in full.
 */
function unitsQuiet(ctx: RuleContext, memo: ValidateMemo): boolean {
  const { notice, sites, accounts } = ctx;
  if (sites) {
    const lists = LEVELS.map((l) => arr(sites.data[l]));
    for (let l = 0; l < lists.length; l++) {
      const says = memo.lists.of<boolean>(`rules/sites/${l}`).map(lists[l], '', (u) => {
        if (u === null || typeof u !== 'object') return undefined;
        const s = u as Raw;
        const url = str(s.url);
        return (url !== undefined && url.trim() !== '' && urlProblem(url) !== null) || tooLong(s) || hasInvisible(s) || hasStrayWhitespace(s);
      });
      if (!says || says.includes(true)) return false;
    }
    if (memo.siteNames.update(lists, (u) => nameKey((u as Raw).name))) return false;
    if (memo.siteUrls.update(lists, (u) => {
      const url = str((u as Raw).url);
      return url === undefined || url.trim() === '' ? undefined : urlKey(url);
    })) return false;
  }
  if (accounts) {
    const months = Array.isArray(notice?.data.months) ? (notice!.data.months as unknown[]).length : -1;
    const lists: unknown[][] = [];
    for (const platform of PLATFORMS) {
      for (const level of LEVELS) {
        lists.push(arr(obj(accounts.data[platform])[level]));
      }
    }
    for (let l = 0; l < lists.length; l++) {
      const says = memo.lists.of<boolean>(`rules/accounts/${l}`).map(lists[l], String(months), (u) => {
        if (u === null || typeof u !== 'object') return undefined;
        const a = u as Raw;
        const results = a.results;
        const fullWidth = Array.isArray(results) && results.length === 1 && typeof results[0] === 'string' && /[，、；]/.test(results[0]);
        return (
          (PLATFORMS[l >> 1] === 'weibo' && a.service === true) ||
          (a.results === undefined && a.updates === undefined) ||
          (Array.isArray(results) && months >= 0 && results.length !== months && !fullWidth) ||
          tooLong(a) ||
          hasInvisible(a) ||
          hasStrayWhitespace(a)
        );
      });
      if (!says || says.includes(true)) return false;
    }
    if (memo.accountNames.update(lists, (u) => nameKey((u as Raw).name))) return false;
  }
  return true;
}

/**
 * runRules for a caller that validates the same round again after edits: when every unit is
 * known to be quiet (unitsQuiet), only the rules on notice.yaml run; else all of them.
 */
export function runRulesKept(ctx: RuleContext, memo: ValidateMemo): Diagnostic[] {
  return runRules(ctx, unitsQuiet(ctx, memo) ? NOTICE_RULES : RULES);
}

export function runRules(ctx: RuleContext, rules: Rule[] = RULES): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report: Report = (file, path, message, part = 'value', offset) => {
    let pos = locate(file, path, part);
    const node = offset !== undefined ? file.doc.getIn(path, true) : undefined;
    if (offset !== undefined && isScalar(node)) {
      const span = scalarSpans(file.text, node)[offset];
      if (span) pos = file.lineCounter.linePos(span.s);
    }
    out.push({ severity: 'error', file: file.display, line: pos.line, col: pos.col, message });
  };
  for (const rule of rules) rule(ctx, report);
  return out;
}
