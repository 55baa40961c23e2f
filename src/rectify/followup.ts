// In the next circular: what became of the previous round's rectification — how many units
// reported on time, late or not at all, how the review came out — and 附件3, the units that
// did not report. Computed from the previous round's data and its rectify.yaml. Pure.
import type { ReportModel } from '../aggregate/model';
import { precedingQuarter } from '../compare/compare';
import { rectifyModel } from './aggregate';
import type { FailingItem } from './items';
import type { RectifyData } from './load';
import type { RectifyWording } from './wording';

export interface RectificationFollowUp {
  previous: { round: string; label: string };
  /** the previous round is the preceding quarter (the text says 上季度) */
  adjacent: boolean;
  /** 不合格政务新媒体 / 不合格政府网站 / 不合格政府网站和政务新媒体 */
  subject: string;
  total: number;
  onTime: number;
  late: number;
  missing: number;
  passed: number;
  failed: number;
  notReviewed: number;
  /** 附件3, when any unit did not report */
  annex: null | {
    label: string;
    title: string;
    columns: RectifyWording['annex3']['columns'];
    rows: { seq: number; unit: string; name: string; kind: string }[];
  };
}

export function followUp(current: Pick<ReportModel, 'round'>, previous: ReportModel, items: FailingItem[], data: RectifyData, w: RectifyWording): RectificationFollowUp {
  const m = rectifyModel(previous, items, data, w, null);
  const sites = items.some((i) => i.kind === 'site');
  const accounts = items.some((i) => i.kind !== 'site');
  const missing = m.items.filter((i) => i.status === 'missing');
  return {
    previous: { round: previous.round.code, label: previous.round.label },
    adjacent: precedingQuarter(current.round.code) === previous.round.code,
    subject: sites && accounts ? '不合格政府网站和政务新媒体' : sites ? '不合格政府网站' : '不合格政务新媒体',
    total: m.counts.items,
    onTime: m.counts.onTime,
    late: m.counts.late,
    missing: m.counts.missing,
    passed: m.counts.passed,
    failed: m.counts.failed,
    notReviewed: m.counts.notReviewed,
    annex: missing.length
      ? {
          label: w.annex3.label,
          title: w.annex3.title,
          columns: w.annex3.columns,
          rows: missing.map((it, i) => ({ seq: i + 1, unit: it.unit, name: it.name, kind: it.kindLabel })),
        }
      : null,
  };
}

/** What the paragraph states, in one line, for the manifest (and `annexes`' exit 3). */
export function followUpFact(f: RectificationFollowUp): string {
  return `${f.previous.label}${f.subject} ${f.total} 个：按期报送 ${f.onTime}，逾期报送 ${f.late}，未报送 ${f.missing}；复查合格 ${f.passed}，不合格 ${f.failed}，未复查 ${f.notReviewed}`;
}
