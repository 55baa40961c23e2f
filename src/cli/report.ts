// Shared output for commands: diagnostics on stderr, and the summary of a round.
import type { ReportModel } from '../aggregate/model';
import type { Diagnostic } from '../diagnostics';
import { formatDiagnostic } from '../diagnostics';
import type { Io } from './command';
import { table } from './table';
import { fillSummary } from '../validate/unfilled';

export function printDiagnostics(io: Io, diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) io.err(formatDiagnostic(d));
  for (const line of fillSummary(diagnostics)) io.err(line);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors) io.err(`共 ${errors} 个错误，未生成任何文件。`);
}

/**
 * Why --strict refused: data warnings (a file in the folder not read, a failing_order entry that
 * does not apply) and proofreading findings (lint's, which carry a rule id) counted and named apart.
 */
export function strictRefusal(warnings: readonly Diagnostic[]): string {
  const findings = warnings.filter((d) => d.rule !== undefined).length;
  const data = warnings.length - findings;
  const parts = [data ? `${data} 条数据警告` : '', findings ? `${findings} 条校对意见` : ''].filter(Boolean);
  return `--strict：有 ${parts.join('、')}，未生成任何文件。`;
}

/** Totals and failing lists of a round, as `tongbao check` prints them. */
export function summary(model: ReportModel): string {
  const t = model.totals;
  const L = model.levels;
  const P = model.platformLabels;
  const failingOf = (platform: 'weibo' | 'wechat') => model.failingAccounts.filter((f) => f.platform === platform).length;
  const lines: string[] = [];
  lines.push(`${model.title}`);
  lines.push(`轮次：${model.round.label}　检查月份：${model.months.map((m) => m.label).join('、')}　成文日期：${model.issued.text}　整改截止：${model.deadline.text}`);
  lines.push('');
  lines.push(
    table(
      [
        ['类别', '合计', L.department, L.county, '不合格'],
        ['政府网站', `${t.sites.total}`, `${t.sites.department}`, `${t.sites.county}`, `${t.sites.failing}`],
        [P.weibo, `${t.accounts.byPlatform.weibo.department + t.accounts.byPlatform.weibo.county}`, `${t.accounts.byPlatform.weibo.department}`, `${t.accounts.byPlatform.weibo.county}`, `${failingOf('weibo')}`],
        [P.wechat, `${t.accounts.byPlatform.wechat.department + t.accounts.byPlatform.wechat.county}`, `${t.accounts.byPlatform.wechat.department}`, `${t.accounts.byPlatform.wechat.county}`, `${failingOf('wechat')}`],
        ['政务新媒体合计', `${t.accounts.total}`, `${t.accounts.department}`, `${t.accounts.county}`, `${t.accounts.failing}`],
      ],
      ['left', 'right', 'right', 'right', 'right'],
    ),
  );
  lines.push('');
  if (model.failingSites.length === 0) lines.push('不合格政府网站：无');
  else {
    lines.push(`不合格政府网站（${model.failingSites.length} 个）：`);
    lines.push(table(model.failingSites.map((s, i) => [`${i + 1}`.padStart(4), s.name, s.levelName, s.url])));
  }
  lines.push('');
  if (model.failingAccounts.length === 0) lines.push('不合格政务新媒体：无');
  else {
    lines.push(`不合格政务新媒体（${model.failingAccounts.length} 个，按通报正文顺序）：`);
    const reasons = new Map<string, string[]>();
    for (const s of model.annex2.sections) for (const r of s.rows) reasons.set(`${s.platform}|${s.level}|${r.name}`, r.problems);
    const rows: string[][] = [];
    model.failingAccounts.forEach((f, i) => {
      rows.push([`${i + 1}`.padStart(4), f.name, f.platformLabel, f.levelName, `不合格月份：${f.failingMonths.join('、')}`]);
    });
    const text = table(rows).split('\n');
    model.failingAccounts.forEach((f, i) => {
      lines.push(text[i]);
      for (const r of reasons.get(`${f.platform}|${f.level}|${f.name}`) ?? []) lines.push(`        └ ${r}`);
    });
  }
  return lines.join('\n');
}
