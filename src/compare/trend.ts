// Pass rates over many rounds: one row per round (ordered by round), each compared with the
// round listed before it. Pure; finding and validating the folders is the caller's job.
import type { TrendChart } from '../render/svg/trend';
import { trendSvg } from '../render/svg/trend';
import type { JudgedRound, Platform } from '../types';
import type { Comparison, RoundRates, RoundRef } from './compare';
import { compareRounds, roundRates, roundRef, unitsOf } from './compare';

export interface TrendRow extends RoundRef {
  /** the data folder, as the user named it */
  dir: string;
  rates: RoundRates;
  /** against the row before it (null for the first row) */
  comparison: Comparison | null;
}

export function trendRows(rounds: { dir: string; round: JudgedRound }[], platformLabels: Record<Platform, string>): TrendRow[] {
  const sorted = [...rounds].sort((a, b) => (a.round.notice.round < b.round.notice.round ? -1 : a.round.notice.round > b.round.notice.round ? 1 : 0));
  return sorted.map((r, i) => ({
    ...roundRef(r.round.notice.round),
    dir: r.dir,
    rates: roundRates(unitsOf(r.round, platformLabels)),
    comparison: i > 0 ? compareRounds(sorted[i - 1].round, r.round, platformLabels) : null,
  }));
}

/** The chart of a trend: 总体, 政府网站, 政务微博, 政务微信 by quarter. */
export function trendChart(rows: TrendRow[], labels: { title: string; all: string; sites: string; axis: string; empty: string } & Record<Platform, string>): TrendChart {
  const values = (pick: (r: RoundRates) => number | null) => rows.map((r) => pick(r.rates));
  return {
    title: labels.title,
    axisLabel: labels.axis,
    empty: labels.empty,
    categories: rows.map((r) => {
      const [year, quarter] = r.label.split('年');
      return [`${year}年`, quarter];
    }),
    series: [
      { label: labels.all, values: values((x) => x.all.overall.tenths) },
      { label: labels.sites, values: values((x) => x.sites.overall.tenths) },
      { label: labels.weibo, values: values((x) => x.weibo.overall.tenths) },
      { label: labels.wechat, values: values((x) => x.wechat.overall.tenths) },
    ],
  };
}

/** The chart's wording, shared by `tongbao trend` and the web page. */
export const TREND_LABELS = { title: '政府网站和政务新媒体检查合格率', all: '总体', sites: '政府网站', axis: '合格率', empty: '没有数据' };

/** The trend chart of some validated rounds as an SVG document. */
export function trendSvgOf(rounds: { dir: string; round: JudgedRound }[], platformLabels: Record<Platform, string>): string {
  return trendSvg(trendChart(trendRows(rounds, platformLabels), { ...TREND_LABELS, ...platformLabels }));
}
