// The official working-day calendar: Monday–Friday, minus statutory holidays, plus
// 调休 make-up working days. Data comes from the `chinese-days` package (read as data, not
// through its date functions, which go through JavaScript Dates) and from the round's own
// calendar.yaml for a year the package does not have yet. A year neither covers is an error:
// guessing Monday–Friday would silently misjudge every month with a holiday in it.
import { dayNumber, weekday } from './dates';

/** One year as the State Council notice gives it. */
export interface CalendarYear {
  /** YYYY-MM-DD days off for statutory holidays (the whole break; weekend days in it may be listed or not) */
  holidays: string[];
  /** YYYY-MM-DD make-up working days (调休上班, usually a Saturday or Sunday) */
  workdays: string[];
}

/** calendar.yaml in a round's data folder: `2027: {holidays: [...], workdays: [...]}`. */
export type UserCalendar = { [year: number]: CalendarYear };

export type CalendarSource = 'chinese-days' | 'calendar.yaml';

/** workday: ordinary Mon–Fri; weekend: ordinary Sat/Sun; holiday: statutory day off; makeup: 调休上班 */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

interface YearData {
  holidays: Set<string>;
  workdays: Set<string>;
  source: CalendarSource;
}

export class MissingCalendarYearError extends Error {
  constructor(
    readonly year: number,
    readonly known: number[] = [],
  ) {
    super(
      `缺少${year}年的工作日历（法定节假日和调休上班日）` +
        (known.length ? `：现有${describeYears(known)}` : '') +
        `，请在数据目录的 calendar.yaml 中补充${year}年`,
    );
    this.name = 'MissingCalendarYearError';
  }
}

/** 2004—2026年 / 2023年、2027年 */
function describeYears(years: number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j] + 1) j++;
    runs.push(j > i ? `${years[i]}—${years[j]}年` : `${years[i]}年`);
    i = j + 1;
  }
  return runs.join('、');
}

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let packageYears: Map<number, YearData> | undefined;

/** The package's data grouped by the year of each date (loaded once, on first use). */
function loadPackageYears(): Map<number, YearData> {
  if (packageYears) return packageYears;
  // require, not import: a typed import of the JSON would make tsc model ~900 keys.
  const data = require('chinese-days/dist/chinese-days.json') as PackageData;
  const years = new Map<number, YearData>();
  const year = (iso: string): YearData => {
    const y = Number(iso.slice(0, 4));
    let d = years.get(y);
    if (!d) years.set(y, (d = { holidays: new Set(), workdays: new Set(), source: 'chinese-days' }));
    return d;
  };
  for (const iso of Object.keys(data.holidays)) year(iso).holidays.add(iso);
  for (const iso of Object.keys(data.workdays)) year(iso).workdays.add(iso);
  return (packageYears = years);
}

/** Version of the installed `chinese-days`, for saying where a year's calendar came from. */
export function chineseDaysVersion(): string {
  return (require('chinese-days/package.json') as { version: string }).version;
}

export class WorkCalendar {
  private readonly data: Map<number, YearData>;

  constructor(years: Map<number, YearData>) {
    this.data = years;
  }

  /** Years this calendar can answer for, ascending. */
  years(): number[] {
    return [...this.data.keys()].sort((a, b) => a - b);
  }

  has(year: number): boolean {
    return this.data.has(year);
  }

  /** Where a year's data came from; throws MissingCalendarYearError for an unknown year. */
  source(year: number): CalendarSource {
    return this.year(year).source;
  }

  kind(iso: string): DayKind {
    const day = dayNumber(iso);
    const y = this.year(Number(iso.slice(0, 4)));
    // make-up days first, as chinese-days does, so a date in both lists counts as worked
    if (y.workdays.has(iso)) return 'makeup';
    if (y.holidays.has(iso)) return 'holiday';
    const wd = weekday(day);
    return wd === 0 || wd === 6 ? 'weekend' : 'workday';
  }

  isWorkday(iso: string): boolean {
    const k = this.kind(iso);
    return k === 'workday' || k === 'makeup';
  }

  private year(year: number): YearData {
    const d = this.data.get(year);
    if (!d) throw new MissingCalendarYearError(year, this.years());
    return d;
  }
}

/**
 * The calendar for a round: the package's years, with the user's calendar.yaml years on top.
 * A year given by the user replaces the package's data for that year entirely, so a user can
 * also correct the package. `builtin: false` leaves the package out (for tests).
 */
export function createWorkCalendar(user?: UserCalendar, options: { builtin?: boolean } = {}): WorkCalendar {
  const years = new Map<number, YearData>(options.builtin === false ? [] : loadPackageYears());
  for (const [key, y] of Object.entries(user ?? {})) {
    years.set(Number(key), {
      holidays: new Set(y.holidays),
      workdays: new Set(y.workdays),
      source: 'calendar.yaml',
    });
  }
  return new WorkCalendar(years);
}

/** A problem in a user calendar, located by path (e.g. [2027, 'holidays', 3]) for the loader to map to a line. */
export interface CalendarProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Checks a calendar.yaml that already has the right shape: years are four-digit numbers,
 * dates exist and lie in their year, no date is both a holiday and a make-up day.
 */
export function userCalendarProblems(user: UserCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  for (const [key, y] of Object.entries(user)) {
    if (!/^\d{4}$/.test(key)) {
      problems.push({ path: [key], message: `年份应为四位数字：${key}` });
      continue;
    }
    const year = Number(key);
    const seen = new Map<string, 'holidays' | 'workdays'>();
    for (const list of ['holidays', 'workdays'] as const) {
      (y[list] ?? []).forEach((iso, i) => {
        const path = [year, list, i];
        try {
          dayNumber(iso);
        } catch (e) {
          problems.push({ path, message: (e as Error).message });
          return;
        }
        if (Number(iso.slice(0, 4)) !== year) {
          problems.push({ path, message: `${iso}不在${year}年内，应写在${iso.slice(0, 4)}年下` });
        } else if (seen.get(iso) === list) {
          problems.push({ path, message: `${iso}重复列出` });
        } else if (seen.has(iso)) {
          problems.push({ path, message: `${iso}不能既是放假日又是调休上班日` });
        }
        seen.set(iso, list);
      });
    }
  }
  return problems;
}
