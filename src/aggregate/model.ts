// The report model: everything the notice and the annexes say, computed once from the data.
// Plain JSON (no classes, no Dates) so it can be snapshotted, diffed and stored in the manifest.
import type { Comparison, RoundRates } from '../compare/compare';
import type { RectificationFollowUp } from '../rectify/followup';
import type { Level, Platform, Prose, Result } from '../types';

/** A calendar date, already formatted the ways the documents print it. */
export interface DateText {
  iso: string; // 2023-11-23
  year: number;
  month: number;
  day: number;
  text: string; // 2023年11月23日
  monthDay: string; // 11月23日
}

export interface MonthColumn {
  key: string; // 2023-08
  month: number; // 8
  label: string; // 8月
  column: string; // 8月更新情况
}

export interface FailingSite {
  name: string;
  url: string;
  level: Level;
  levelName: string;
  problems: string[];
}

export interface FailingAccount {
  name: string;
  owner: string;
  platform: Platform;
  platformLabel: string; // 政务微博 | 政务微信
  level: Level;
  levelName: string;
  /** labels of the failing months, e.g. ["8月", "10月"] */
  failingMonths: string[];
}

export interface Annex1Row {
  seq: number;
  name: string;
  url: string;
  result: Result;
  problems: string[];
  /** 上季度结果 as printed (合格, 不合格, or the wording for a unit not inspected then); only with compare.annex_column */
  previous?: string;
}

export interface Annex1Group {
  level: Level;
  title: string; // 州直部门网站
  rows: Annex1Row[];
}

export interface Annex2Row {
  seq: number;
  name: string;
  owner: string;
  results: Result[];
  service: boolean;
  /** 问题曝光情况: the data's own problems, then one reason per failing month judged from dates */
  problems: string[];
  /** 上季度结果, as for Annex1Row */
  previous?: string;
}

export interface Annex2Section {
  level: Level;
  platform: Platform;
  ordinal: string; // （一）
  title: string; // （一）州直部门政务微博更新情况
  rows: Annex2Row[];
}

/** Column headings of the annex tables (the month columns are in `months`). */
export interface AnnexColumns {
  seq: string;
  siteName: string;
  url: string;
  result: string;
  accountName: string;
  owner: string;
  problems: string;
  /** 上季度结果 (printed only with compare.annex_column) */
  previousResult: string;
}

/** The flat 数据 sheet of the workbooks. */
export interface DataSheetLabels {
  name: string;
  siteType: string;
  yes: string;
  no: string;
  columns: { type: string; level: string; name: string; owner: string; url: string; failing: string; problems: string };
}

export interface ReportModel {
  title: string;
  docNumber: string | null;
  issuer: string;
  scope: string;
  recipients: string;
  levels: Record<Level, string>;
  platformLabels: Record<Platform, string>;
  basis: { title: string; number: string | null }[];
  round: {
    code: string; // 2023-Q4
    year: number;
    quarter: number;
    quarterLabel: string; // 第四季度
    label: string; // 2023年第四季度
    /** the quarter the notice is issued in (what 确保……检查合格 means): 第一季度 for a Q4 round issued in January */
    issuedQuarterLabel: string;
  };
  inspection: {
    from: DateText;
    to: DateText;
    /** the span as the seed prints it: 2023年11月15至11月20日 */
    span: string;
    coverage: string;
  };
  months: MonthColumn[];
  issued: DateText;
  deadline: DateText;
  contact: { name: string; phone: string };
  problems: Prose[];
  requirements: Prose[];
  totals: {
    sites: { total: number; department: number; county: number; failing: number };
    accounts: {
      total: number;
      department: number;
      county: number;
      failing: number;
      byPlatform: Record<Platform, Record<Level, number>>;
    };
  };
  failingSites: FailingSite[];
  failingAccounts: FailingAccount[];
  annex1: { label: string; title: string; hasProblems: boolean; groups: Annex1Group[] };
  annex2: { label: string; title: string; hasProblems: boolean; sections: Annex2Section[] };
  columns: AnnexColumns;
  dataSheet: DataSheetLabels;
  /** printed across a group or table that has no rows */
  emptyRow: string;
  /** this round's pass rates (src/compare/rate.ts); absent only in hand-made models */
  passRates?: RoundRates;
  /** against the previous round; null when there is none */
  comparison?: Comparison | null;
  /** what notice.yaml's compare asks the documents to print (annexColumn needs a previous round) */
  compare?: { paragraph: boolean; annexColumn: boolean; rectification?: boolean };
  /** the previous round's rectification (its rectify.yaml), with compare.rectification; see src/rectify */
  rectification?: RectificationFollowUp | null;
}
