// The rectification model: every failing item of a round with what its unit reported back,
// grouped by responsible unit. Plain JSON, like the report model.
import type { DateText, ReportModel } from '../aggregate/model';
import type { FailingItem } from './items';
import type { ReviewResult } from './schema';
import type { RectifyWording } from './wording';

/** on time: reported by the deadline; late: after it; missing: no report recorded */
export type ReportStatus = 'on-time' | 'late' | 'missing';

export interface RectifyItem extends FailingItem {
  /** 序号 in the ledger */
  seq: number;
  /** 8月、10月 */
  monthsText: string;
  /** the rule's figures joined: 8月更新5天，少于每月8天；… ('' when unknown) */
  reasonsText: string;
  /** 问题曝光情况 joined by ；('' when none) */
  problemsText: string;
  reported: DateText | null;
  summary: string | null;
  review: ReviewResult;
  reviewed: DateText | null;
  status: ReportStatus;
  /** reported late, or not reported and the as-of date is past the deadline; null: not reported and no as-of date */
  overdue: boolean | null;
}

export interface RectifyUnit {
  name: string;
  /** the notice's title for this unit */
  title: string;
  /** its .docx file name (Windows-safe, unique in the folder) */
  fileName: string;
  items: RectifyItem[];
  /** how many of its items are sites / accounts */
  sites: number;
  accounts: number;
}

export interface RectifyCounts {
  items: number;
  units: number;
  onTime: number;
  late: number;
  missing: number;
  /** not reported and past the deadline on the as-of date (0 without one) */
  overdue: number;
  passed: number;
  failed: number;
  notReviewed: number;
}

export interface RectifyModel {
  round: ReportModel['round'];
  /** the round's circular */
  noticeTitle: string;
  docNumber: string | null;
  issuer: string;
  scope: string;
  issued: DateText;
  deadline: DateText;
  contact: { name: string; phone: string };
  /** the date overdue is reckoned on (--as-of); null: only reported dates count */
  asOf: DateText | null;
  units: RectifyUnit[];
  /** ledger order: by unit (as first named in the notice), then as the notice lists them */
  items: RectifyItem[];
  counts: RectifyCounts;
  ledger: { fileName: string; title: string; sheet: string; columns: RectifyWording['ledger']['columns']; yes: string; no: string; notReported: string };
}
