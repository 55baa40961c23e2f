// Input data as the contract (../shared/spec/data-format.md) defines it, after validation.
// Dates stay ISO strings ("2023-11-23"): they are calendar dates, never instants,
// so nothing depends on the machine's time zone.

export type Result = '合格' | '不合格';
export const RESULTS: readonly Result[] = ['合格', '不合格'];

export type Level = 'department' | 'county';
export const LEVELS: readonly Level[] = ['department', 'county'];

export type Platform = 'weibo' | 'wechat';
export const PLATFORMS: readonly Platform[] = ['weibo', 'wechat'];

export interface Basis {
  title: string;
  number?: string;
}

export interface Prose {
  heading: string;
  text: string;
}

/** Thresholds of the monthly update rules; defaults in calendar/rules. */
export interface Rules {
  monthly_days: number;
  window_workdays: number;
  window_min_days: number;
  service_monthly_days: number;
  service_window_days: number;
  service_window_min_days: number;
}

export interface NoticeInput {
  issuer: string;
  scope: string;
  levels: Record<Level, string>;
  title?: string;
  doc_number?: string;
  recipients: string;
  basis: Basis[];
  /** YYYY-Qn */
  round: string;
  inspection: { from: string; to: string; coverage: string };
  /** YYYY-MM, consecutive, in column order */
  months: string[];
  issued: string;
  deadline: string;
  contact: { name: string; phone: string };
  problems: Prose[];
  requirements: Prose[];
  /** optional order of the failing accounts in the text, each as “名称（政务微博）” */
  failing_order?: string[];
  /** the previous round's folder, relative to this round's folder */
  previous?: string;
  /** what of the comparison with the previous round the documents print */
  compare?: { paragraph?: boolean; annex_column?: boolean; rectification?: boolean };
  rules?: Partial<Rules>;
  lint?: { disable?: string[] };
}

export interface SiteInput {
  name: string;
  url: string;
  result: Result;
  problems?: string[];
}

export interface AccountInput {
  name: string;
  owner: string;
  /** one per month of notice.months; may be absent when `updates` is given */
  results?: Result[];
  problems?: string[];
  /** 微信服务号 */
  service?: boolean;
  /** ISO dates on which the account published */
  updates?: string[];
}

export type SitesInput = Record<Level, SiteInput[]>;
export type AccountsInput = Record<Platform, Record<Level, AccountInput[]>>;

export interface RoundInput {
  notice: NoticeInput;
  sites: SitesInput;
  accounts: AccountsInput;
}

/** An account whose monthly results are settled (given, or judged from its update dates). */
export interface JudgedAccount extends AccountInput {
  results: Result[];
  /** per month: why it is 不合格 (empty for 合格 months or when results were given without dates) */
  reasons: string[][];
  /** `results` as typed in accounts.yaml, when given (validation made them agree with the dates) */
  declared?: Result[];
}

export interface JudgedRound {
  notice: NoticeInput;
  sites: SitesInput;
  accounts: Record<Platform, Record<Level, JudgedAccount[]>>;
}
