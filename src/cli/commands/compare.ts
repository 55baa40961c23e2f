import * as fs from 'fs';
import * as path from 'path';
import { aggregate } from '../../aggregate/aggregate';
import { RECTIFY_FILE } from '../../rectify/load';
import { rectificationOf } from '../../rectify/previous';
import type { RectificationFollowUp } from '../../rectify/followup';
import type { Comparison, MatchedUnit, RateCategory, Unit } from '../../compare/compare';
import { RATE_CATEGORIES, RATE_SCOPES, compareRounds } from '../../compare/compare';
import type { Change, Rate } from '../../compare/rate';
import { DataError, UsageError } from '../../diagnostics';
import { annexWording, loadValidated } from '../../pipeline';
import type { Level, Platform } from '../../types';
import { expectPositional } from '../args';
import type { Command } from '../command';
import { table } from '../table';
import { SUMMARIES } from '../summaries';

export interface Labels {
  levels: Record<Level, string>;
  platforms: Record<Platform, string>;
}

export function categoryLabel(c: RateCategory, l: Labels): string {
  return { all: '总体', sites: '政府网站', accounts: '政务新媒体', weibo: l.platforms.weibo, wechat: l.platforms.wechat }[c];
}

/** 55.6%（5/9）, or — when nothing of the kind was inspected */
export function rateCell(r: Rate): string {
  return r.text === null ? '—' : `${r.text}%（${r.pass}/${r.total}）`;
}

export function changeCell(c: Change | null): string {
  if (!c) return '—';
  return c.direction === 'same' ? '持平' : `${c.direction === 'up' ? '提升' : '下降'} ${c.text} 个百分点`;
}

function kindText(u: Unit, l: Labels): string {
  return u.kind === 'site' ? '政府网站' : l.platforms[u.kind];
}

function monthsText(months: string[]): string {
  return months.map((m) => `${Number(m.slice(5, 7))}月`).join('、');
}

function unitRows(list: Unit[], l: Labels, extra: (u: Unit) => string = () => ''): string[][] {
  return list.map((u, i) => [`${i + 1}`, u.name, kindText(u, l), l.levels[u.level], u.kind === 'site' ? u.url ?? '' : u.owner ?? '', extra(u)]);
}

const MATCHED_BY: Record<MatchedUnit['matchedBy'], string> = { url: '按网址', identity: '按名称和主办单位', name: '按名称', owner: '按主办单位' };

function section(lines: string[], title: string, rows: string[][]): void {
  lines.push('', `${title}（${rows.length} 个）${rows.length ? '：' : ''}`);
  if (rows.length) lines.push(table(rows, ['right']).replace(/^/gm, '  '));
}

/** The readable form of a comparison. */
export function formatComparison(c: Comparison, l: Labels, prevDir: string, curDir: string): string {
  const lines: string[] = [`比较 ${c.previous.label}（${prevDir}）→ ${c.current.label}（${curDir}）`];
  if (!c.adjacent) lines.push(`注意：${c.previous.label}不是${c.current.label}的上一季度。`);
  lines.push('', '合格率（各月都合格的单位数 / 检查单位数）：');
  const scopeName = (s: (typeof RATE_SCOPES)[number]) => (s === 'overall' ? '合计' : l.levels[s]);
  const rows = [['类别', '范围', '上一轮', '本轮', '变化']];
  for (const cat of RATE_CATEGORIES) {
    for (const s of RATE_SCOPES) {
      const r = c.rates[cat][s];
      rows.push([s === 'overall' ? categoryLabel(cat, l) : '', scopeName(s), rateCell(r.previous), rateCell(r.current), changeCell(r.change)]);
    }
  }
  lines.push(table(rows, ['left', 'left', 'right', 'right', 'left']).replace(/^/gm, '  '));

  const months = (m: MatchedUnit) => (m.current.kind === 'site' ? '' : `不合格月份：${monthsText(m.current.failingMonths)}`);
  // each row's match by its unit, looked up (a search of the list per row was quadratic: thousands at national scale)
  const byCurrent = (list: MatchedUnit[]) => {
    const m = new Map<Unit, MatchedUnit>();
    for (const x of list) if (!m.has(x.current)) m.set(x.current, x);
    return (u: Unit) => m.get(u)!;
  };
  const repeat = byCurrent(c.repeatFailing);
  const newly = byCurrent(c.newlyFailing);
  section(lines, '连续两个季度不合格', unitRows(c.repeatFailing.map((m) => m.current), l, (u) => months(repeat(u))));
  section(lines, '新出现不合格（上一轮合格）', unitRows(c.newlyFailing.map((m) => m.current), l, (u) => months(newly(u))));
  section(lines, '已整改合格（上一轮不合格）', unitRows(c.rectified.map((m) => m.current), l));
  section(lines, '新增单位', unitRows(c.added, l, (u) => (u.passing ? '合格' : '不合格')));
  section(lines, '不再检查的单位', unitRows(c.removed, l, (u) => (u.passing ? '上一轮合格' : '上一轮不合格')));
  section(
    lines,
    '改名的单位',
    c.renamed.map((m, i) => [
      `${i + 1}`,
      m.previous.name === m.current.name ? m.current.name : `${m.previous.name} → ${m.current.name}`,
      kindText(m.current, l),
      m.previous.owner === m.current.owner ? m.current.owner ?? '' : `主办单位 ${m.previous.owner} → ${m.current.owner}`,
      MATCHED_BY[m.matchedBy],
    ]),
  );
  // only when there are any: most rounds have none, and an owner change is not a rename
  if (c.ownerChanged.length) {
    const rows = c.ownerChanged.map((m, i) => [`${i + 1}`, m.current.name, kindText(m.current, l), `主办单位 ${m.previous.owner} → ${m.current.owner}`, MATCHED_BY[m.matchedBy]]);
    section(lines, '主办单位改变的单位', rows);
  }
  const r = c.review;
  lines.push(
    '',
    `复查：上一轮不合格的 ${r.previousFailing + r.notInspected} 个中，本轮检查了 ${r.previousFailing} 个：已整改合格 ${r.rectified} 个，仍未整改合格 ${r.stillFailing} 个；本轮未检查 ${r.notInspected} 个。`,
  );
  return lines.join('\n');
}

/** The JSON form: the comparison with each round's folder (field reference: docs/compare.md). */
export function comparisonJson(c: Comparison, prevDir: string, curDir: string): unknown {
  return { ...c, previous: { ...c.previous, dir: prevDir }, current: { ...c.current, dir: curDir } };
}

/** The reporting counts of PREV's rectification for `compare --json` (docs/rectify.md). */
function rectificationJson(f: RectificationFollowUp | null): unknown {
  if (!f) return { total: 0, onTime: 0, late: 0, missing: 0, passed: 0, failed: 0, notReviewed: 0, notReported: [] };
  return {
    total: f.total,
    onTime: f.onTime,
    late: f.late,
    missing: f.missing,
    passed: f.passed,
    failed: f.failed,
    notReviewed: f.notReviewed,
    notReported: (f.annex?.rows ?? []).map((r) => ({ unit: r.unit, name: r.name, kind: r.kind })),
  };
}

export const compareCommand: Command = {
  name: 'compare',
  summary: SUMMARIES.compare,
  usage: `用法：tongbao compare PREV_DATA_DIR CUR_DATA_DIR [--json]

比较两轮检查（PREV 为较早的一轮）：政府网站、政务微博、政务微信以及总体的合格率
（按两级单位和合计，保留一位小数）和变化的百分点；连续两个季度不合格、新出现不合格、
已整改合格的单位；新增和不再检查的单位；改名的单位；主办单位改变的单位。单位怎样对应见 docs/compare.md。

  --json  以 JSON 输出（字段见 docs/compare.md）

退出状态：0 比较完成；1 任一文件夹的数据有错误；2 用法错误（如 PREV 不早于 CUR）。`,
  booleanFlags: ['json'],
  async run(args, io) {
    const [a, b] = expectPositional(args, ['PREV_DATA_DIR', 'CUR_DATA_DIR'], 'compare');
    if (path.resolve(io.cwd, a) === path.resolve(io.cwd, b)) throw new UsageError('两个参数是同一个文件夹：PREV 应为较早的一轮');
    // a task ends after each load, so that the quick reader's values (held weakly for
    // proofreading, which compare does not do, and kept until the task ends) can go
    const nextTask = () => new Promise((resolve) => setImmediate(resolve));
    const prev = loadValidated(a, io.cwd, { previous: false });
    await nextTask();
    const cur = loadValidated(b, io.cwd, { previous: false });
    await nextTask();
    const [pr, cr] = [prev.round.notice.round, cur.round.notice.round];
    if (pr >= cr) throw new UsageError(`${a} 的轮次是 ${pr}，不早于 ${b} 的 ${cr}：第一个参数应为较早的一轮（同一轮的两个版本请用 tongbao diff）`);
    const w = annexWording();
    const c = compareRounds(prev.round, cur.round, w.platforms);
    // PREV's rectify.yaml, when it has one: how its failing units reported and were reviewed
    const prevDir = path.dirname(prev.files.notice!.path);
    const rect = fs.existsSync(path.join(prevDir, RECTIFY_FILE)) ? rectificationOf(prevDir, prev.round, cr, io.cwd, (r) => aggregate(r, w, null)) : null;
    if (rect?.errors.length) throw new DataError(rect.errors);
    const json = comparisonJson(c, a, b);
    io.out(args.flags.json ? JSON.stringify(rect ? { ...(json as object), rectification: rectificationJson(rect.followUp) } : json, null, 2) : formatComparison(c, { levels: cur.round.notice.levels, platforms: w.platforms }, a, b));
    return 0;
  },
};
