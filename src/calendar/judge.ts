// Monthly 合格/不合格 of a 新媒体 account judged from the dates it published, with the reason
// for every failing month. For a month M and U the distinct update dates:
//   A1 (微博, 微信)   at least monthly_days dates of U in M;
//   A2               every run of window_workdays consecutive working days lying wholly in M has at
//                    least window_min_days dates of U in its calendar span (rest days inside count);
//   B1 (微信服务号)   at least service_monthly_days dates of U in M;
//   B2               every service_window_days consecutive calendar days wholly in M hold at least
//                    service_window_min_days dates of U.
// Windows never cross a month boundary: each month is judged on its own, as the annex has one
// column per month. Only A2 needs the working-day calendar.
import type { Result, Rules } from '../types';
import { dayLabel, dayNumber, isoDate, monthLabel, monthSpan, monthTitle, normalizeDates } from './dates';
import type { WorkCalendar } from './workdays';

export type RuleId = 'A1' | 'A2' | 'B1' | 'B2';

/** A window of the A2/B2 rules: its calendar span and the update dates in it. */
export interface UpdateWindow {
  from: string;
  to: string;
  /** update dates inside the span, ascending */
  updates: string[];
}

export interface CountVerdict {
  kind: 'count';
  rule: 'A1' | 'B1';
  /** 每月更新不少于8天 */
  text: string;
  ok: boolean;
  required: number;
  /** the month's distinct update dates, ascending */
  updates: string[];
}

export interface WindowVerdict {
  kind: 'window';
  rule: 'A2' | 'B2';
  /** 连续5个工作日更新不少于2天 */
  text: string;
  ok: boolean;
  required: number;
  /** window length, in working days (A2) or calendar days (B2) */
  size: number;
  unit: 'workdays' | 'days';
  /** how many windows lie wholly in the month (0 when the month is shorter than a window) */
  checked: number;
  /** every failing window, by start date */
  failing: UpdateWindow[];
  /**
   * The failing windows that do not overlap: the first one, then the first one starting after it
   * ends, and so on. Each is a separate lapse a unit can check; the reason names the first and
   * counts the rest, instead of listing every overlapping sliding window.
   */
  periods: UpdateWindow[];
}

export interface MonthVerdict {
  /** YYYY-MM */
  month: string;
  result: Result;
  /** the month's distinct update dates, ascending */
  updates: string[];
  rules: [CountVerdict, WindowVerdict];
  /** one per failing rule, count rule first; empty when 合格 */
  reasons: string[];
  /** one sentence with the numbers, for either result (used when a given result disagrees) */
  summary: string;
}

export interface AccountJudgement {
  /** one per month, in the order given */
  results: Result[];
  reasons: string[][];
  months: MonthVerdict[];
}

/** Judges one month. `updates` may hold duplicates and dates outside the month. */
export function judgeMonth(
  updates: readonly string[],
  month: string,
  service: boolean,
  rules: Rules,
  cal: WorkCalendar,
): MonthVerdict {
  return judgeDays(normalizeDates(updates), month, service, rules, cal);
}

/** Judges every month of the round; dates outside the round's months are ignored. */
export function judgeAccount(
  updates: readonly string[],
  months: readonly string[],
  service: boolean,
  rules: Rules,
  cal: WorkCalendar,
): AccountJudgement {
  const days = normalizeDates(updates);
  const verdicts = months.map((m) => judgeDays(days, m, service, rules, cal));
  return { results: verdicts.map((v) => v.result), reasons: verdicts.map((v) => v.reasons), months: verdicts };
}

function judgeDays(days: number[], month: string, service: boolean, rules: Rules, cal: WorkCalendar): MonthVerdict {
  const { first, last } = monthSpan(month);
  const inMonth = days.filter((d) => d >= first && d <= last);
  // prefix[i] = updates on days first … first+i-1, so any span is counted in O(1)
  const prefix = new Array<number>(last - first + 2).fill(0);
  for (const d of inMonth) prefix[d - first + 1] = 1;
  for (let i = 1; i < prefix.length; i++) prefix[i] += prefix[i - 1];
  const count = (from: number, to: number) => prefix[to - first + 1] - prefix[from - first];
  const window = (from: number, to: number): UpdateWindow => ({
    from: isoDate(from),
    to: isoDate(to),
    updates: inMonth.filter((d) => d >= from && d <= to).map(isoDate),
  });

  const monthly = service ? rules.service_monthly_days : rules.monthly_days;
  const countRule: CountVerdict = {
    kind: 'count',
    rule: service ? 'B1' : 'A1',
    text: `每月更新不少于${monthly}天`,
    ok: inMonth.length >= monthly,
    required: monthly,
    updates: inMonth.map(isoDate),
  };

  // Each window as [first day, last day] of its calendar span, by start date.
  const spans: [number, number][] = [];
  const required = service ? rules.service_window_min_days : rules.window_min_days;
  const size = service ? rules.service_window_days : rules.window_workdays;
  if (service) {
    for (let s = first; s + size - 1 <= last; s++) spans.push([s, s + size - 1]);
  } else {
    const workdays: number[] = [];
    for (let d = first; d <= last; d++) if (cal.isWorkday(isoDate(d))) workdays.push(d);
    for (let i = 0; i + size - 1 < workdays.length; i++) spans.push([workdays[i], workdays[i + size - 1]]);
  }
  const failingSpans = spans.filter(([a, b]) => count(a, b) < required);
  const periods: [number, number][] = [];
  for (const s of failingSpans) if (!periods.length || s[0] > periods[periods.length - 1][1]) periods.push(s);
  const windowRule: WindowVerdict = {
    kind: 'window',
    rule: service ? 'B2' : 'A2',
    text: `连续${size}${service ? '天' : '个工作日'}更新不少于${required}天`,
    ok: failingSpans.length === 0,
    required,
    size,
    unit: service ? 'days' : 'workdays',
    checked: spans.length,
    failing: failingSpans.map(([a, b]) => window(a, b)),
    periods: periods.map(([a, b]) => window(a, b)),
  };

  const reasons: string[] = [];
  if (!countRule.ok) reasons.push(countReason(month, countRule));
  if (!windowRule.ok) reasons.push(windowReason(windowRule));
  return {
    month,
    result: reasons.length ? '不合格' : '合格',
    updates: countRule.updates,
    rules: [countRule, windowRule],
    reasons,
    summary: reasons.length ? reasons.join('；') : passSummary(month, countRule, windowRule),
  };
}

/** 10月更新6天，少于8天 */
function countReason(month: string, v: CountVerdict): string {
  return `${monthLabel(month)}更新${v.updates.length}天，少于${v.required}天`;
}

/** 10月9日至10月13日连续5个工作日仅更新1天（另有2处） */
function windowReason(v: WindowVerdict): string {
  const w = v.periods[0];
  const more = v.periods.length - 1;
  return `${spanLabel(w)}${windowPhrase(v)}${updatedPhrase(w.updates.length)}${more ? `（另有${more}处）` : ''}`;
}

/** 10月更新12天，不少于8天；17段连续5个工作日均更新不少于2天 */
function passSummary(month: string, c: CountVerdict, w: WindowVerdict): string {
  const count = `${monthLabel(month)}更新${c.updates.length}天，不少于${c.required}天`;
  const windows = w.checked
    ? `${w.checked}段${windowPhrase(w)}均更新不少于${w.required}天`
    : `本月不足${windowPhrase(w)}，无须检查`;
  return `${count}；${windows}`;
}

/** 连续5个工作日 / 连续14天 */
export function windowPhrase(v: Pick<WindowVerdict, 'size' | 'unit'>): string {
  return `连续${v.size}${v.unit === 'workdays' ? '个工作日' : '天'}`;
}

/** 未更新 / 仅更新1天 */
export function updatedPhrase(count: number): string {
  return count === 0 ? '未更新' : `仅更新${count}天`;
}

/** 10月9日至10月13日 */
export function spanLabel(w: Pick<UpdateWindow, 'from' | 'to'>): string {
  return `${dayLabel(dayNumber(w.from))}至${dayLabel(dayNumber(w.to))}`;
}

/** A month where the given `results` and the update dates disagree. */
export interface ResultMismatch {
  /** index into the round's months */
  index: number;
  month: string;
  given: Result;
  judged: Result;
  /** “某某发布”2023年10月填报为合格，按更新日期应为不合格：10月更新6天，少于8天 */
  message: string;
}

/** Months where an account's given `results` differ from what its `updates` give. */
export function compareResults(name: string, given: readonly Result[], judged: AccountJudgement): ResultMismatch[] {
  const out: ResultMismatch[] = [];
  judged.months.forEach((v, index) => {
    const g = given[index];
    if (g === undefined || g === v.result) return;
    out.push({
      index,
      month: v.month,
      given: g,
      judged: v.result,
      message: `“${name}”${monthTitle(v.month)}填报为${g}，按更新日期应为${v.result}：${v.summary}`,
    });
  });
  return out;
}

/** Calendar years a round's months fall in: the years whose working-day calendar judging needs. */
export function calendarYears(months: readonly string[]): number[] {
  return [...new Set(months.map((m) => monthSpan(m).year))].sort((a, b) => a - b);
}

/** The years among the round's that the calendar lacks, so a caller can report each once. */
export function missingCalendarYears(months: readonly string[], cal: WorkCalendar): number[] {
  return calendarYears(months).filter((y) => !cal.has(y));
}
