// 还需填写, said as a clerk reads it: what is left to fill in a round started by `init`, grouped
// and counted (网站结果 50 项，新媒体月份结果 225 项，通报信息 5 项), each group with the first
// place to jump to; how many result boxes are filled; and every diagnostic's place in words
// (州直部门政务微博“黔东南发布” · 8月结果) instead of FILE:LINE:COL.
import type { Diagnostic } from '../diagnostics';
import type { JumpTarget, Progress } from '../../web/src/api-types';
import { LEVELS, PLATFORMS } from '../types';
import { ACCOUNT_KEYS, SITE_KEYS } from '../validate/schema';
import type { Computed } from './state';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const isFill = (d: Diagnostic): boolean => 'fill' in d;

const PLATFORM_NAME: Record<string, string> = { weibo: '政务微博', wechat: '政务微信' };
const DEFAULT_LEVEL: Record<string, string> = { department: '州直部门', county: '县（市）' };
const FIELD: Record<string, string> = {
  name: '名称',
  url: '网址',
  owner: '主办单位',
  result: '检查结果',
  results: '各月结果',
  problems: '问题曝光情况',
  service: '服务号',
  updates: '更新日期',
};
/** notice.yaml's fields as the notice form names them */
export const NOTICE_FIELD: Record<string, string> = {
  issuer: '发文机关',
  scope: '通报范围',
  levels: '级别名称',
  title: '标题',
  doc_number: '发文字号',
  recipients: '主送机关',
  basis: '检查依据',
  round: '季度',
  inspection: '检查日期',
  months: '检查月份',
  issued: '成文日期',
  deadline: '整改截止日期',
  contact: '联系人',
  problems: '存在的问题',
  requirements: '下步要求',
  failing_order: '不合格新媒体的列举顺序',
  compare: '与上季度对比',
  previous: '上一轮数据',
  rules: '更新要求',
  platforms: '平台名称',
  lint: '校对设置',
};

function monthLabel(c: Computed, i: number): string {
  const m = arr(obj(c.loaded.data.notice).months)[i];
  return typeof m === 'string' && /^\d{4}-\d{2}$/.test(m) ? `${Number(m.slice(5))}月` : `第 ${i + 1} 个月`;
}

/** A level as the notice names it (notice.yaml levels, else 州直部门 / 县（市）). */
function levelWords(c: Computed, l: string): string {
  const levels = obj(obj(c.loaded.data.notice).levels);
  return typeof levels[l] === 'string' ? (levels[l] as string) : DEFAULT_LEVEL[l] ?? l;
}

/** A list of units in words: [department] of sites.yaml → 州直部门网站, [weibo, county] of accounts.yaml → 县（市）政务微博. */
export function listWords(c: Computed, file: string, p: readonly (string | number)[]): string {
  if (file === 'sites.yaml') return `${levelWords(c, String(p[0]))}网站`;
  return `${levelWords(c, String(p[1]))}${PLATFORM_NAME[String(p[0])] ?? p[0]}`;
}

/** What a field of a unit (or of notice.yaml) is called on the page. */
export function fieldWords(file: string, key: string): string {
  return (file === 'notice.yaml' ? NOTICE_FIELD[key] : FIELD[key]) ?? key;
}

/** A unit id (sites.yaml:department:0) and field in words. */
export function placeWords(c: Computed, at: JumpTarget, file: string): string {
  const level = (l: string) => levelWords(c, l);
  if (!at.unitId) {
    if (file === 'notice.yaml') return `通报信息 · ${at.field ? NOTICE_FIELD[at.field] ?? at.field : '整个文件'}`;
    return file;
  }
  const [f, ...rest] = at.unitId.split(':');
  let who = '';
  if (f === 'sites.yaml') {
    const [l, i] = rest;
    const name = obj(arr(obj(c.loaded.data.sites)[l])[Number(i)]).name;
    who = `${level(l)}网站${typeof name === 'string' && name ? `“${name}”` : `第 ${Number(i) + 1} 个`}`;
  } else {
    const [p, l, i] = rest;
    const name = obj(arr(obj(obj(c.loaded.data.accounts)[p])[l])[Number(i)]).name;
    who = `${level(l)}${PLATFORM_NAME[p] ?? p}${typeof name === 'string' && name ? `“${name}”` : `第 ${Number(i) + 1} 个账号`}`;
  }
  // a key the unit does not have (未知字段) is named by the message, as written in the file
  if (!at.field || !(f === 'sites.yaml' ? SITE_KEYS : ACCOUNT_KEYS).has(at.field)) return who;
  if (at.field === 'results' && at.month !== null) return `${who} · ${monthLabel(c, at.month)}结果`;
  return `${who} · ${FIELD[at.field] ?? at.field}`;
}

interface Placed {
  unitId: string | null;
  field: string | null;
  month: number | null;
  fill: boolean;
  file: string;
}

/** The progress of a round from its placed diagnostics. */
export function progressOf(c: Computed, placed: readonly Placed[]): Progress {
  const fills = placed.filter((d) => d.fill);
  const key = (d: Placed): 'notice' | 'sites' | 'accounts' => (d.file === 'notice.yaml' ? 'notice' : d.unitId?.startsWith('sites.yaml') ? 'sites' : 'accounts');
  const LABEL = { notice: '通报信息', sites: '网站结果', accounts: '新媒体月份结果' } as const;
  const groups: Progress['groups'] = [];
  for (const k of ['sites', 'accounts', 'notice'] as const) {
    const mine = fills.filter((d) => key(d) === k);
    // a whole `results: ~` counts as one box per month
    const count = k === 'accounts' ? mine.reduce((n, d) => n + (d.field === 'results' && d.month === null ? Math.max(1, arr(obj(c.loaded.data.notice).months).length) : 1), 0) : mine.length;
    if (mine.length) groups.push({ key: k, label: LABEL[k], count, first: { unitId: mine[0].unitId, field: mine[0].field, month: mine[0].month } });
  }
  // result boxes: a site's result, an account's declared months
  let total = 0;
  const months = Math.max(1, arr(obj(c.loaded.data.notice).months).length);
  const sites = obj(c.loaded.data.sites);
  for (const l of LEVELS) total += arr(sites[l]).length;
  const accounts = obj(c.loaded.data.accounts);
  for (const p of PLATFORMS) for (const l of LEVELS) total += arr(obj(accounts[p])[l]).length * months;
  const open = groups.filter((g) => g.key !== 'notice').reduce((n, g) => n + g.count, 0);
  return { results: { filled: Math.max(0, total - open), total }, toFill: groups.reduce((n, g) => n + g.count, 0), groups };
}

/** The keys of notice.yaml's inner fields (inspection.from, contact.phone, basis[].number, …). */
const NOTICE_INNER: Record<string, string> = {
  from: '检查开始日期',
  to: '检查结束日期',
  coverage: '检查比例',
  name: '联系人',
  phone: '联系电话',
  title: '文件名称',
  number: '文号',
  heading: '小标题',
  text: '正文',
  department: '州直部门一级的名称',
  county: '县级的名称',
  paragraph: '正文写入与上季度的对比',
  annex_column: '附件“上季度结果”一列',
  rectification: '复查情况',
  monthly_days: '每月更新天数',
  window_workdays: '连续工作日数',
  window_min_days: '连续工作日内的更新天数',
  service_monthly_days: '服务号每月更新天数',
  service_window_days: '服务号的连续天数',
  service_window_min_days: '服务号连续天数内的更新天数',
};

/**
 * A validation message in the page's words: the schema and rules name a field by its YAML key
 * for those who edit the file (各月结果（results）, 字段“owner”, 此处可用的字段：“name”、…);
 * the page names it as its own columns and the notice form do. A key written in the file that
 * is not known (未知字段“reslts”) stays as written: that is what is there to delete.
 */
export function clerkMessage(message: string, file: string, inner = false): string {
  // in notice.yaml a key inside a field (basis' title: 文件名称) may share a top-level key's name (title: 标题)
  const notice = inner ? { ...NOTICE_FIELD, ...NOTICE_INNER } : { ...NOTICE_INNER, ...NOTICE_FIELD };
  const labels: Record<string, string> = file === 'notice.yaml' ? notice : file === 'sites.yaml' || file === 'accounts.yaml' ? FIELD : {};
  const label = (k: string): string | undefined => (Object.hasOwn(labels, k) ? labels[k] : undefined);
  return message
    .replace(/^未知字段“([^”]*)”(?:；是不是“([a-z_]+)”？|；)此处可用的字段：((?:“[a-z_]+”、?)+)$/, (m, key: string, guess: string | undefined, known: string) => {
      const names = [...known.matchAll(/“([a-z_]+)”/g)].map((x) => label(x[1]));
      if (names.some((n) => !n) || (guess && !label(guess))) return m;
      return `多了一项“${key}”，这里不认识这一项${guess ? `；是不是要写${label(guess)}？` : '；'}这里可填的是：${names.join('、')}`;
    })
    .replace(/(“?)([\u4e00-\u9fff]+)(”?)（([a-z_]+)）/g, (m, q1: string, words: string, q2: string, key: string) => (label(key) || key in NOTICE_FIELD ? `${q1}${words}${q2}` : m))
    .replace(/字段“([a-z_]+)”/g, (m, key: string) => (label(key) ? `“${label(key)}”` : m))
    .replace(/“([a-z_]+)”(之前|一项之后)/g, (m, key: string, tail: string) => (label(key) ? `“${label(key)}”${tail}` : m))
    .replace(/ ?notice\.yaml 的/g, '通报信息的');
}

/**
 * A message's references to another unit by its line (名称重复（第一次出现在第 9 行）, 网址与“某网站”
 * （第 12 行）重复) said by the unit's place in its list: `unitAtLine` gives the unit id there.
 */
export function lineRefsInWords(message: string, unitAtLine: (line: number) => string | null): string {
  return message
    .replace(/（第一次出现在第 (\d+) 行）/, (m, line: string) => {
      const id = unitAtLine(Number(line));
      const i = id ? Number(id.split(':').pop()) : NaN;
      return Number.isInteger(i) ? `（第一次出现在第 ${i + 1} 个）` : m;
    })
    .replace(/(”)（第 \d+ 行）(重复)/, '$1$2');
}


/** Where in its file a diagnostic is, for the places no unit or notice field says. */
export interface FilePlace {
  line: number;
  /** the file is one the round reads (a line in it means something) */
  read: boolean;
  /** the file does not parse: it can only be put right in an editor, so its line is said too */
  broken: boolean;
  /** in notice.yaml, the inner key on that line (inspection's `to`), when there is one */
  inner?: string | null;
}

/** notice.yaml's fields whose inner keys are fields of the notice form of their own. */
const NOTICE_PARTS = new Set(['inspection', 'contact', 'compare', 'rules', 'levels']);

/**
 * placeWords with the file's line where that is what tells the clerk where to look: a file with
 * no unit there (calendar.yaml 第 4 行, not just calendar.yaml), a file that does not parse
 * (州直部门政务微博第 2 个账号（accounts.yaml 第 13 行）: it is put right in an editor), the
 * notice's text by paragraph (通报正文第 7 段, not the .docx's name). A file not read is named whole.
 */
export function placeInFile(c: Computed, at: JumpTarget, file: string, where: FilePlace): string {
  const line = `${file} 第 ${where.line} 行`;
  let words: string;
  if (file === 'notice.yaml' && at.field && NOTICE_PARTS.has(at.field) && where.inner && Object.hasOwn(NOTICE_INNER, where.inner)) words = `通报信息 · ${NOTICE_INNER[where.inner]}`;
  else if (at.unitId || (file === 'notice.yaml' && at.field)) words = placeWords(c, at, file);
  else if (file === 'notice.yaml') return `通报信息（${line}）`;
  else if (/\.docx$/i.test(file)) return `通报正文第 ${where.line} 段`;
  else return where.read || where.line > 1 ? line : file;
  return where.broken ? `${words}（${line}）` : words;
}
