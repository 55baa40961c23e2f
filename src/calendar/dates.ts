// Calendar dates as whole-day numbers (days since 1970-01-01) computed in UTC.
// Nothing here reads the local clock or time zone: a date is a label, not an instant,
// so `TZ=America/Los_Angeles` and `TZ=Asia/Shanghai` give the same answers.

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** Day number of an ISO date (YYYY-MM-DD); throws RangeError for malformed or impossible dates. */
export function dayNumber(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`日期应写成YYYY-MM-DD：${String(iso)}`);
  const n = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
  // Date.UTC rolls 2023-02-30 over to March; the round trip catches it.
  if (isoDate(n) !== iso) throw new RangeError(`不存在的日期：${iso}`);
  return n;
}

/** ISO date (YYYY-MM-DD) of a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** First and last day numbers of a month given as YYYY-MM. */
export function monthSpan(month: string): { year: number; month: number; first: number; last: number } {
  const m = ISO_MONTH.exec(month);
  const y = m ? Number(m[1]) : NaN;
  const mo = m ? Number(m[2]) : NaN;
  if (!m || mo < 1 || mo > 12) throw new RangeError(`月份应写成YYYY-MM：${String(month)}`);
  return {
    year: y,
    month: mo,
    first: Date.UTC(y, mo - 1, 1) / DAY_MS,
    last: Date.UTC(y, mo, 0) / DAY_MS, // day 0 of the next month
  };
}

/** 10月 */
export function monthLabel(month: string): string {
  return `${monthSpan(month).month}月`;
}

/** 2023年10月 */
export function monthTitle(month: string): string {
  const s = monthSpan(month);
  return `${s.year}年${s.month}月`;
}

/** 10月9日 (no zero padding, as the circular prints dates) */
export function dayLabel(day: number): string {
  const iso = isoDate(day);
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

/** Distinct update dates as sorted day numbers (duplicates in the data are harmless). */
export function normalizeDates(dates: readonly string[]): number[] {
  return [...new Set(dates.map(dayNumber))].sort((a, b) => a - b);
}
