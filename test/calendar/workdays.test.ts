import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import {
  createWorkCalendar,
  MissingCalendarYearError,
  userCalendarProblems,
  type DayKind,
} from '../../src/calendar';

const cal = createWorkCalendar();

/** Every date of a year as YYYY-MM-DD, built without Date so no time zone is involved. */
function daysOfYear(y: number): string[] {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const out: string[] = [];
  lengths.forEach((n, m) => {
    for (let d = 1; d <= n; d++) out.push(`${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  });
  return out;
}

describe('2023 National Day (国办发明电〔2022〕16号)', () => {
  test.each([
    ['2023-09-28', 'workday'], // Thursday before the break
    ['2023-09-29', 'holiday'], // 中秋, a Friday
    ['2023-09-30', 'holiday'],
    ['2023-10-01', 'holiday'],
    ['2023-10-02', 'holiday'],
    ['2023-10-03', 'holiday'],
    ['2023-10-04', 'holiday'],
    ['2023-10-05', 'holiday'],
    ['2023-10-06', 'holiday'],
    ['2023-10-07', 'makeup'], // Saturday, worked
    ['2023-10-08', 'makeup'], // Sunday, worked
    ['2023-10-09', 'workday'],
    ['2023-10-14', 'weekend'],
    ['2023-10-15', 'weekend'],
  ] as [string, DayKind][])('%s is %s', (iso, kind) => {
    expect(cal.kind(iso)).toBe(kind);
    expect(cal.isWorkday(iso)).toBe(kind === 'workday' || kind === 'makeup');
  });
});

test('2023 matches the State Council notice: weekday holidays and weekend make-up days', () => {
  // 元旦 12/31–1/2; 春节 1/21–27, 上班 1/28–29; 清明 4/5; 劳动节 4/29–5/3, 上班 4/23, 5/6;
  // 端午 6/22–24, 上班 6/25; 中秋国庆 9/29–10/6, 上班 10/7–8.
  const weekdayHolidays = [
    '2023-01-02', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26', '2023-01-27',
    '2023-04-05', '2023-05-01', '2023-05-02', '2023-05-03', '2023-06-22', '2023-06-23',
    '2023-09-29', '2023-10-02', '2023-10-03', '2023-10-04', '2023-10-05', '2023-10-06',
  ];
  const makeups = ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'];
  const days = daysOfYear(2023);
  expect(days.filter((d) => cal.kind(d) === 'holiday' && !isWeekend(d))).toEqual(weekdayHolidays);
  expect(days.filter((d) => cal.kind(d) === 'makeup')).toEqual(makeups);
  // 260 weekdays − 18 weekday holidays + 7 make-up days
  expect(days.filter((d) => cal.isWorkday(d))).toHaveLength(249);
});

/** Saturday or Sunday, by Sakamoto's method (no Date). */
function isWeekend(iso: string): boolean {
  const t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  let y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (m < 3) y -= 1;
  const w = (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + t[m - 1] + d) % 7;
  return w === 0 || w === 6;
}

test('agrees with chinese-days isWorkday on every day of every year it ships', () => {
  const dir = path.join(path.dirname(require.resolve('chinese-days/package.json')), 'dist', 'years');
  const shipped = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .map((f) => Number(f.slice(0, 4)))
    .sort((a, b) => a - b);
  expect(cal.years()).toEqual(shipped);
  expect(shipped).toContain(2023);
  // chinese-days' own isWorkday parses '2023-10-07' as UTC midnight but reads the weekday in
  // local time, so west of Greenwich it is a day off (this is why the library reads its data
  // instead). Ask it in a child process east of Greenwich, where its answers are right.
  const script = `
    const c = require('chinese-days');
    const out = {};
    for (const [y, days] of Object.entries(JSON.parse(process.argv[1])))
      out[y] = days.map((d) => (c.isWorkday(d) ? '1' : '0')).join('');
    process.stdout.write(JSON.stringify(out));`;
  const days = Object.fromEntries(shipped.map((y) => [y, daysOfYear(y)]));
  const theirs = JSON.parse(
    execFileSync(process.execPath, ['-e', script, JSON.stringify(days)], {
      cwd: path.join(__dirname, '..', '..'),
      env: { ...process.env, TZ: 'Asia/Shanghai' },
      encoding: 'utf8',
    }),
  ) as Record<string, string>;
  for (const y of shipped) {
    const ours = days[y].map((d) => (cal.isWorkday(d) ? '1' : '0')).join('');
    expect([y, ours]).toEqual([y, theirs[y]]);
  }
});

describe('a year without calendar data', () => {
  test.each([2003, 2027, 2100])('%i is an error naming the year, not a Monday–Friday guess', (y) => {
    const iso = `${y}-03-02`;
    expect(() => cal.isWorkday(iso)).toThrow(MissingCalendarYearError);
    try {
      cal.kind(iso);
    } catch (e) {
      expect(e).toBeInstanceOf(MissingCalendarYearError);
      expect((e as MissingCalendarYearError).year).toBe(y);
      expect((e as Error).message).toContain(`缺少${y}年的工作日历`);
      expect((e as Error).message).toContain('calendar.yaml');
      expect((e as Error).message).toContain('2004—2026年');
    }
    expect(cal.has(y)).toBe(false);
    expect(() => cal.source(y)).toThrow(MissingCalendarYearError);
  });
});

describe('user-supplied years (calendar.yaml)', () => {
  // 2027 as a notice might give it: 元旦 1/1–1/3, 春节 2/6–2/12 with 2/13 (Saturday) worked
  const user = {
    2027: {
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
      workdays: ['2027-02-13'],
    },
  };
  const withUser = createWorkCalendar(user);

  test('adds a year the package lacks', () => {
    expect(withUser.has(2027)).toBe(true);
    expect(withUser.source(2027)).toBe('calendar.yaml');
    expect(withUser.source(2023)).toBe('chinese-days');
    expect(withUser.kind('2027-01-01')).toBe('holiday'); // Friday
    expect(withUser.kind('2027-02-08')).toBe('holiday'); // Monday
    expect(withUser.kind('2027-02-13')).toBe('makeup'); // Saturday
    expect(withUser.kind('2027-02-14')).toBe('weekend');
    expect(withUser.kind('2027-02-15')).toBe('workday');
    expect(withUser.isWorkday('2027-02-13')).toBe(true);
  });

  test('replaces the package data for a year it also has', () => {
    const c = createWorkCalendar({ 2023: { holidays: ['2023-10-02'], workdays: [] } });
    expect(c.source(2023)).toBe('calendar.yaml');
    expect(c.kind('2023-10-02')).toBe('holiday');
    expect(c.kind('2023-10-03')).toBe('workday');
    expect(c.kind('2023-10-07')).toBe('weekend');
  });

  test('builtin: false uses only the user data', () => {
    const c = createWorkCalendar(user, { builtin: false });
    expect(c.years()).toEqual([2027]);
    expect(() => c.isWorkday('2023-10-09')).toThrow(MissingCalendarYearError);
  });

  test('problems are reported with their path', () => {
    expect(userCalendarProblems(user)).toEqual([]);
    const bad = {
      2027: { holidays: ['2027-02-30', '2026-12-31', '2027-01-01', '2027-01-01'], workdays: ['2027-01-01', '20270213'] },
    };
    expect(userCalendarProblems(bad)).toEqual([
      { path: [2027, 'holidays', 0], message: '不存在的日期：2027-02-30' },
      { path: [2027, 'holidays', 1], message: '2026-12-31不在2027年内，应写在2026年下' },
      { path: [2027, 'holidays', 3], message: '2027-01-01重复列出' },
      { path: [2027, 'workdays', 0], message: '2027-01-01不能既是放假日又是调休上班日' },
      { path: [2027, 'workdays', 1], message: '日期应写成YYYY-MM-DD：20270213' },
    ]);
    expect(userCalendarProblems({ 27: { holidays: [], workdays: [] } })).toEqual([
      { path: ['27'], message: '年份应为四位数字：27' },
    ]);
  });
});

test('malformed and impossible dates are rejected', () => {
  expect(() => cal.isWorkday('2023-10-32')).toThrow(RangeError);
  expect(() => cal.isWorkday('2023-02-29')).toThrow('不存在的日期：2023-02-29');
  expect(() => cal.isWorkday('2023/10/09')).toThrow(RangeError);
});
