// Stage 3, aggregate: one pure function from a validated round to the report model.
// Every count, list, label and date the documents print is computed here, once.
import { compareRounds, matchUnits, roundRates, roundRatesOf, unitsOf } from '../compare/compare';
import type { Unit } from '../compare/compare';
import type { JudgedAccount, JudgedRound, Level, Platform } from '../types';
import { LEVELS, PLATFORMS } from '../types';
import { chineseNumber, ordinal } from './chinese';
import { dateText, spanText } from './dates';
import type { Annex2Section, FailingAccount, MonthColumn, ReportModel } from './model';
import type { Wording } from './wording';
import { ListMemos } from '../memo';

/**
 * What aggregate keeps between runs over the same round (the server, after each edit): each
 * unit's annex row, comparison unit and failing-list entry, per list of units, made again only
 * for a unit that is not the same validated object as before (src/memo.ts; an unedited unit
 * keeps its object: src/validate/memo.ts), and all of them again when what else they are made
 * of — months, group names, labels — changes.
 */
export interface AggregateMemo {
  lists: ListMemos;
}
export function createAggregateMemo(): AggregateMemo {
  return { lists: new ListMemos() };
}

/** Annex 2 order: by group first, then platform — the four tables （一）…（四）. */
export const ANNEX2_ORDER: [Level, Platform][] = [
  ['department', 'weibo'],
  ['department', 'wechat'],
  ['county', 'weibo'],
  ['county', 'wechat'],
];

export function isFailing(a: { results: readonly string[] }): boolean {
  return a.results.includes('不合格');
}

function monthColumns(months: string[], w: Wording): MonthColumn[] {
  return months.map((key) => {
    const month = Number(key.slice(5, 7));
    return { key, month, label: w.monthLabel({ month }), column: w.monthColumn({ month }) };
  });
}

function failingAccounts(round: JudgedRound, w: Wording, months: MonthColumn[], kept?: { lists: ListMemos; context: string }): FailingAccount[] {
  const list: FailingAccount[] = [];
  // Contract order: platform first (微博, then 微信), within it the department group first.
  for (const platform of PLATFORMS) {
    for (const level of LEVELS) {
      const entry = (a: JudgedAccount): FailingAccount | null =>
        isFailing(a)
          ? {
              name: a.name,
              owner: a.owner,
              platform,
              platformLabel: w.platforms[platform],
              level,
              levelName: round.notice.levels[level],
              failingMonths: a.results.flatMap((r, i) => (r === '不合格' ? [months[i].label] : [])),
            }
          : null;
      const accounts = round.accounts[platform][level];
      const entries = kept ? kept.lists.of<FailingAccount | null>(`failing/${platform}/${level}`).map(accounts, kept.context, (a) => entry(a as JudgedAccount))! : accounts.map(entry);
      for (const e of entries) if (e) list.push(e);
    }
  }
  return applyOrder(list, round.notice.failing_order);
}

/**
 * The failing list in the order notice.yaml's failing_order gives. Accounts it names come in its
 * order; one it leaves out goes right after its nearest predecessor in the contract order, so a
 * newly failing account lands where it would have stood anyway.
 */
export function applyOrder(list: FailingAccount[], order: string[] | undefined): FailingAccount[] {
  if (!order) return list;
  const label = (f: FailingAccount) => `${f.name}（${f.platformLabel}）`;
  const byLabel = new Map(list.map((f) => [label(f), f]));
  const result = order.filter((e) => byLabel.has(e)).map((e) => byLabel.get(e)!);
  const placed = new Set(result.map(label));
  list.forEach((f, i) => {
    if (placed.has(label(f))) return;
    const before = list.slice(0, i).reverse().find((p) => placed.has(label(p)));
    result.splice(before ? result.indexOf(before) + 1 : 0, 0, f);
    placed.add(label(f));
  });
  return result;
}

function annex2Problems(a: JudgedAccount): string[] {
  return [...(a.problems ?? []), ...a.reasons.flat()];
}

/** 上季度结果 of every unit of the current round, as the annexes print it. */
function previousResults(units: Unit[], previous: JudgedRound, w: Wording): Map<Unit, string> {
  const prev = new Map(matchUnits(unitsOf(previous, w.platforms), units).map((m) => [m.current, m.previous]));
  return new Map(units.map((u) => {
    const p = prev.get(u);
    return [u, p ? (p.passing ? '合格' : '不合格') : w.previousNone];
  }));
}

export function aggregate(round: JudgedRound, w: Wording, previous: JudgedRound | null = null, memo?: AggregateMemo): ReportModel {
  const n = round.notice;
  // what kept rows and entries are made of besides their unit
  const context = memo ? JSON.stringify([n.months, n.levels, w.platforms, w.previousNone]) : '';
  const kept = memo ? { lists: memo.lists, context } : undefined;
  const annexColumn = !!n.compare?.annex_column && previous !== null;
  // the units (an object, a label and a list each) only to match the previous round's
  const units = annexColumn ? unitsOf(round, w.platforms) : null;
  const prevResults = units ? previousResults(units, previous!, w) : null;
  // the same units grouped as the annexes list them, to find a row's unit by its place
  const byKind = new Map<string, Unit[]>();
  if (units) {
    for (const u of units) {
      const k = `${u.kind}/${u.level}`;
      const list = byKind.get(k);
      if (list) list.push(u);
      else byKind.set(k, [u]);
    }
  }
  const previousOf = (kind: Unit['kind'], level: Level, i: number): { previous?: string } =>
    prevResults ? { previous: prevResults.get(byKind.get(`${kind}/${level}`)![i])! } : {};
  const [year, q] = n.round.split('-Q').map(Number);
  const quarterLabel = `第${chineseNumber(q)}季度`;
  const months = monthColumns(n.months, w);
  const from = dateText(n.inspection.from);
  const to = dateText(n.inspection.to);

  const count = (platform: Platform, level: Level) => round.accounts[platform][level].length;
  const byPlatform = {
    weibo: { department: count('weibo', 'department'), county: count('weibo', 'county') },
    wechat: { department: count('wechat', 'department'), county: count('wechat', 'county') },
  };
  const accountsDepartment = byPlatform.weibo.department + byPlatform.wechat.department;
  const accountsCounty = byPlatform.weibo.county + byPlatform.wechat.county;
  const failing = failingAccounts(round, w, months, kept);
  // rows are kept only without the previous round's column (serve never shows it)
  const rowsOf = <U, R>(name: string, list: U[], make: (u: U, i: number) => R): R[] =>
    kept && !prevResults ? kept.lists.of<R>(`rows/${name}`).map(list, context, (u, i) => make(u as U, i))! : list.map(make);

  const failingSites = LEVELS.flatMap((level) =>
    round.sites[level]
      .filter((s) => s.result === '不合格')
      .map((s) => ({ name: s.name, url: s.url, level, levelName: n.levels[level], problems: s.problems ?? [] })),
  );

  const groups = LEVELS.map((level) => ({
    level,
    title: w.annex1.groupTitle[level]({ level: n.levels[level] }),
    rows: rowsOf(`sites/${level}`, round.sites[level], (s, i) => ({ seq: i + 1, name: s.name, url: s.url, result: s.result, problems: s.problems ?? [], ...previousOf('site', level, i) })),
  }));

  const sections: Annex2Section[] = ANNEX2_ORDER.map(([level, platform], i) => {
    const ord = ordinal(i + 1);
    return {
      level,
      platform,
      ordinal: ord,
      title: w.annex2.sectionTitle({ ordinal: ord, level: n.levels[level], platform: w.platforms[platform] }),
      rows: rowsOf(`accounts/${platform}/${level}`, round.accounts[platform][level], (a, k) => ({
        seq: k + 1,
        name: a.name,
        owner: a.owner,
        results: [...a.results],
        service: !!a.service,
        problems: annex2Problems(a),
        ...previousOf(platform, level, k),
      })),
    };
  });

  const comparison = previous ? compareRounds(previous, round, w.platforms) : null;
  return {
    title: n.title ?? `关于${year}年${quarterLabel}${n.scope}政府网站和政务新媒体检查情况的通报`,
    docNumber: n.doc_number ?? null,
    issuer: n.issuer,
    scope: n.scope,
    recipients: n.recipients,
    levels: { ...n.levels },
    platformLabels: { ...w.platforms },
    basis: n.basis.map((b) => ({ title: b.title, number: b.number ?? null })),
    round: { code: n.round, year, quarter: q, quarterLabel, label: `${year}年${quarterLabel}`, issuedQuarterLabel: `第${chineseNumber(Math.ceil(Number(n.issued.slice(5, 7)) / 3) || q)}季度` },
    inspection: { from, to, span: spanText(from, to), coverage: n.inspection.coverage },
    months,
    issued: dateText(n.issued),
    deadline: dateText(n.deadline),
    contact: { ...n.contact },
    problems: n.problems.map((p) => ({ ...p })),
    requirements: n.requirements.map((p) => ({ ...p })),
    totals: {
      sites: {
        total: round.sites.department.length + round.sites.county.length,
        department: round.sites.department.length,
        county: round.sites.county.length,
        failing: failingSites.length,
      },
      accounts: {
        total: accountsDepartment + accountsCounty,
        department: accountsDepartment,
        county: accountsCounty,
        failing: failing.length,
        byPlatform,
      },
    },
    failingSites,
    failingAccounts: failing,
    annex1: { label: w.annex1.label, title: w.annex1.title, hasProblems: groups.some((g) => g.rows.some((r) => r.problems.length)), groups },
    annex2: { label: w.annex2.label, title: w.annex2.title, hasProblems: sections.some((s) => s.rows.some((r) => r.problems.length)), sections },
    // a previous round that is not the quarter before: the column says which quarter it shows
    columns: { ...w.columns, ...(comparison && !comparison.adjacent ? { previousResult: `${comparison.previous.label}结果` } : {}) },
    dataSheet: { ...w.dataSheet, columns: { ...w.dataSheet.columns } },
    emptyRow: w.emptyRow,
    passRates: units ? roundRates(units) : roundRatesOf(round),
    comparison,
    compare: { paragraph: !!n.compare?.paragraph, annexColumn },
  };
}
