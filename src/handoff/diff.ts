// `tongbao diff`: what changed between two versions of a round's data — units added or removed,
// each changed field and monthly result — and what that changes in the notice.
import type { ReportModel } from '../aggregate/model';
import { modelOf } from '../pipeline';
import type { JudgedAccount, Level, NoticeInput, Platform, SiteInput } from '../types';
import { LEVELS, PLATFORMS } from '../types';
import type { ValidatedRound } from '../validate';
import { noticeDifferences, noticeFacts } from '../write/manifest';
import type { NoticeFacts } from '../write/manifest';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface DataChange {
  /** which table: 州直部门网站, 县（市）政务微信, or 通报 for notice.yaml */
  area: string;
  /** the unit's name, or the notice.yaml field */
  unit: string;
  change: ChangeKind;
  /** for changed: 网址, 结果, 8月更新情况, 主办单位, … */
  field?: string;
  old?: string;
  new?: string;
}

export interface TotalRow {
  label: string;
  old: number;
  new: number;
}

export interface RoundDiff {
  old: { round: string; title: string };
  new: { round: string; title: string };
  changes: DataChange[];
  totals: TotalRow[];
  /** what the notice's 正文 would say differently (empty: `tongbao annexes` suffices; the annex
   *  tables on the notice's 附件 pages are corrected by it) */
  notice: string[];
}

const NOTICE_FIELDS: [keyof NoticeInput, string][] = [
  ['title', '标题'],
  ['doc_number', '发文字号'],
  ['issuer', '发文机关'],
  ['scope', '范围'],
  ['levels', '单位分组'],
  ['recipients', '主送机关'],
  ['basis', '检查依据'],
  ['round', '轮次'],
  ['inspection', '检查时间和比例'],
  ['months', '检查月份'],
  ['issued', '成文日期'],
  ['deadline', '整改截止日期'],
  ['contact', '联系人'],
  ['problems', '存在的问题'],
  ['requirements', '下步要求'],
  ['failing_order', '不合格名单顺序'],
  ['rules', '更新规则'],
  ['lint', '校对设置'],
];

function show(v: unknown): string {
  if (v === undefined || v === null) return '（无）';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 40 ? s.slice(0, 39) + '…' : s;
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** A notice.yaml field's old and new value as shown; lists of strings show only what differs. */
function showField(a: unknown, b: unknown): [string, string] {
  if (isStrings(a) && isStrings(b)) {
    const gone = a.filter((x) => !b.includes(x));
    const added = b.filter((x) => !a.includes(x));
    if (gone.length === 0 && added.length === 0) return ['（原顺序）', '顺序改变'];
    return [gone.length ? `删去 ${gone.join('、')}` : '', added.length ? `增加 ${added.join('、')}` : ''];
  }
  return [show(a), show(b)];
}

const list = (xs: string[] | undefined) => (xs && xs.length ? xs.join('；') : '（无）');

function byName<T extends { name: string }>(xs: T[]): Map<string, T> {
  return new Map(xs.map((x) => [x.name, x]));
}

/**
 * Added, removed and changed units of one table, in the new file's order (removed ones last).
 * A unit gone under one name and added under another with the same identity (a site's 网址, an
 * account's 主办单位), each the only one of its kind, is a rename: one change of 名称, then
 * the unit's other changed fields.
 */
function compareTable<T extends { name: string }>(
  area: string,
  before: T[],
  after: T[],
  describe: (x: T) => string,
  fields: (a: T, b: T) => [string, string, string][],
  identity: (x: T) => string,
  /** true only when `fields` would find no difference (checked first: it makes no rows) */
  same: (a: T, b: T) => boolean = () => false,
): DataChange[] {
  const out: DataChange[] = [];
  const old = byName(before);
  const now = byName(after);
  const gone = before.filter((a) => !now.has(a.name));
  const added = after.filter((b) => !old.has(b.name));
  const only = (xs: T[]) => {
    const count = new Map<string, number>();
    for (const x of xs) count.set(identity(x), (count.get(identity(x)) ?? 0) + 1);
    return new Map(xs.filter((x) => count.get(identity(x)) === 1).map((x) => [identity(x), x]));
  };
  const goneBy = only(gone);
  const renamedFrom = new Map<T, T>();
  for (const [key, b] of only(added)) {
    const a = goneBy.get(key);
    if (a) renamedFrom.set(b, a);
  }
  const wasRenamed = new Set(renamedFrom.values());
  for (const b of after) {
    const a = old.get(b.name) ?? renamedFrom.get(b);
    if (!a) {
      out.push({ area, unit: b.name, change: 'added', new: describe(b) });
      continue;
    }
    if (a.name !== b.name) out.push({ area, unit: b.name, change: 'changed', field: '名称', old: a.name, new: b.name });
    // a national round compares 150,000 accounts of which a handful changed (serve does it after each edit)
    if (a === b || same(a, b)) continue;
    for (const [field, x, y] of fields(a, b)) if (x !== y) out.push({ area, unit: b.name, change: 'changed', field, old: x, new: y });
  }
  for (const a of before) if (!now.has(a.name) && !wasRenamed.has(a)) out.push({ area, unit: a.name, change: 'removed', old: describe(a) });
  return out;
}

/** Equal item by item (so that `list` of each is the same too). */
function sameStrings(a: readonly string[] | undefined | null, b: readonly string[] | undefined | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const sameSite = (a: SiteInput, b: SiteInput) => a.url === b.url && a.result === b.result && sameStrings(a.problems, b.problems);

/** An account whose every field `accountFields` compares is the same (when both rounds have the same months in order). */
function sameAccount(oldModel: Summary, newModel: Summary) {
  const sameMonths = oldModel.months.length === newModel.months.length && oldModel.months.every((m, i) => m.key === newModel.months[i].key);
  // updates: as JSON.stringify(x ?? null) compares them (absent and null alike)
  const sameUpdates = (x: string[] | undefined, y: string[] | undefined) => ((x ?? null) === null && (y ?? null) === null) || sameStrings(x, y);
  return (a: JudgedAccount, b: JudgedAccount): boolean =>
    sameMonths && a.owner === b.owner && !!a.service === !!b.service && sameStrings(a.results, b.results) && sameStrings(a.problems, b.problems) && sameUpdates(a.updates, b.updates);
}

function siteFields(a: SiteInput, b: SiteInput): [string, string, string][] {
  return [
    ['网址', a.url, b.url],
    ['结果', a.result, b.result],
    ['问题曝光情况', list(a.problems), list(b.problems)],
  ];
}

/** Monthly results are compared month by month (by YYYY-MM), labelled as the annex columns are. */
function accountFields(oldModel: Summary, newModel: Summary) {
  const oldMonths = oldModel.months;
  const newMonths = newModel.months;
  const keys = [...new Set([...newMonths.map((m) => m.key), ...oldMonths.map((m) => m.key)])];
  const column = (key: string) => (newMonths.find((m) => m.key === key) ?? oldMonths.find((m) => m.key === key))!.column;
  return (a: JudgedAccount, b: JudgedAccount): [string, string, string][] => {
    const month = (acc: JudgedAccount, months: typeof oldMonths, key: string) => {
      const i = months.findIndex((m) => m.key === key);
      return i < 0 ? '（未检查）' : acc.results[i];
    };
    const updates = (acc: JudgedAccount) => (acc.updates ? `${acc.updates.length} 天` : '（无）');
    const rows: [string, string, string][] = [
      ['主办单位', a.owner, b.owner],
      ['服务号', a.service ? '是' : '否', b.service ? '是' : '否'],
      ...keys.map((k): [string, string, string] => [column(k), month(a, oldMonths, k), month(b, newMonths, k)]),
      ['问题曝光情况', list(a.problems), list(b.problems)],
    ];
    if (JSON.stringify(a.updates ?? null) !== JSON.stringify(b.updates ?? null)) {
      const was = new Set(a.updates ?? []);
      const is = new Set(b.updates ?? []);
      const added = [...is].filter((d) => !was.has(d));
      const gone = [...was].filter((d) => !is.has(d));
      const detail = [added.length ? `增 ${added.join('、')}` : '', gone.length ? `删 ${gone.join('、')}` : ''].filter(Boolean).join('；');
      rows.push(['更新日期', updates(a), `${updates(b)}${detail ? `（${detail}）` : ''}`]);
    }
    return rows;
  };
}

function totalsRows(m: ReportModel): Record<string, number> {
  const t = m.totals;
  const failingOn = (p: Platform) => m.failingAccounts.filter((f) => f.platform === p).length;
  const onPlatform = (p: Platform) => t.accounts.byPlatform[p].department + t.accounts.byPlatform[p].county;
  return {
    政府网站: t.sites.total,
    不合格政府网站: t.sites.failing,
    [m.platformLabels.weibo]: onPlatform('weibo'),
    [`不合格${m.platformLabels.weibo}`]: failingOn('weibo'),
    [m.platformLabels.wechat]: onPlatform('wechat'),
    [`不合格${m.platformLabels.wechat}`]: failingOn('wechat'),
    政务新媒体合计: t.accounts.total,
    不合格政务新媒体: t.accounts.failing,
  };
}

/**
 * What the diff needs of a round's report model. A model of a national-scale round is large:
 * the diff keeps this much of each and builds the second model only after the first is gone,
 * so that at most one is alive at a time.
 */
export interface Summary {
  months: ReportModel['months'];
  levels: ReportModel['levels'];
  platformLabels: ReportModel['platformLabels'];
  groupTitles: Partial<Record<Level, string>>;
  totals: Record<string, number>;
  round: string;
  title: string;
  facts: NoticeFacts;
}

export function summarize(m: ReportModel): Summary {
  const groupTitles: Partial<Record<Level, string>> = {};
  for (const level of LEVELS) {
    const g = m.annex1.groups.find((x) => x.level === level);
    if (g) groupTitles[level] = g.title;
  }
  return { months: m.months, levels: m.levels, platformLabels: m.platformLabels, groupTitles, totals: totalsRows(m), round: m.round.label, title: m.title, facts: noticeFacts(m) };
}

const summaryOf = (m: ReportModel | Summary | undefined, v: ValidatedRound): Summary => (m && 'facts' in m ? m : summarize(m ?? modelOf(v)));

/** `models` lets a caller that already holds the rounds' report models (or their summaries) pass them in. */
export function diffRounds(before: ValidatedRound, after: ValidatedRound, models: { before?: ReportModel | Summary; after?: ReportModel | Summary } = {}): RoundDiff {
  const oldModel = summaryOf(models.before, before);
  const newModel = summaryOf(models.after, after);
  const changes: DataChange[] = [];

  for (const [field, label] of NOTICE_FIELDS) {
    const a = before.round.notice[field];
    const b = after.round.notice[field];
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) {
      const [x, y] = showField(a, b);
      changes.push({ area: '通报（notice.yaml）', unit: label, change: 'changed', field, old: x, new: y });
    }
  }
  const levelName = (l: Level) => newModel.levels[l];
  // units renamed, as the notice's failing lists name them (old entry → new entry)
  const renamed = new Map<string, string>();
  const noteRenames = (found: DataChange[], entry: (name: string) => string) => {
    for (const c of found) if (c.change === 'changed' && c.field === '名称' && c.old !== undefined && c.new !== undefined) renamed.set(entry(c.old), entry(c.new));
    return found;
  };
  for (const level of LEVELS) {
    const group = newModel.groupTitles[level] ?? `${levelName(level)}网站`;
    changes.push(
      ...noteRenames(
        compareTable(group, before.round.sites[level], after.round.sites[level], (s) => `${s.url}　${s.result}`, siteFields, (s) => s.url, sameSite),
        (n) => n,
      ),
    );
  }
  const fields = accountFields(oldModel, newModel);
  const same = sameAccount(oldModel, newModel);
  for (const level of LEVELS) {
    for (const platform of PLATFORMS) {
      const area = `${levelName(level)}${newModel.platformLabels[platform]}`;
      const label = newModel.platformLabels[platform];
      changes.push(
        ...noteRenames(
          compareTable(area, before.round.accounts[platform][level], after.round.accounts[platform][level], (a) => `${a.owner}　${a.results.join('、')}`, fields, (a) => a.owner, same),
          (n) => `${n}（${label}）`,
        ),
      );
    }
  }

  const ta = oldModel.totals;
  const tb = newModel.totals;
  const totals = Object.keys(tb).map((label) => ({ label, old: ta[label] ?? 0, new: tb[label] }));
  return {
    old: { round: oldModel.round, title: oldModel.title },
    new: { round: newModel.round, title: newModel.title },
    changes,
    totals,
    notice: noticeDifferences(oldModel.facts, newModel.facts, renamed),
  };
}
