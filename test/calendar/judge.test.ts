import {
  calendarYears,
  compareResults,
  createWorkCalendar,
  DEFAULT_RULES,
  judgeAccount,
  judgeMonth,
  MissingCalendarYearError,
  missingCalendarYears,
  resolveRules,
} from '../../src/calendar';
import type { Result, Rules } from '../../src/types';

const cal = createWorkCalendar();

/** 2023-10-07 etc. from "10-07" shorthands */
const d = (...mmdd: string[]) => mmdd.map((s) => `2023-${s}`);

// Working days of October 2023: 7 8 (Sat/Sun make-up) 9–13, 16–20, 23–27, 30, 31 — 19 days, 15 windows.
// Updates every other working day, so every 5-working-day window holds 2 or 3 of them.
const OCT_GOOD = d('10-07', '10-09', '10-11', '10-13', '10-17', '10-19', '10-23', '10-25', '10-27', '10-31');

interface Case {
  name: string;
  updates: string[];
  month: string;
  service?: boolean;
  rules?: Partial<Rules>;
  reasons: string[];
}

const cases: Case[] = [
  { name: 'every other working day of October', updates: OCT_GOOD, month: '2023-10', reasons: [] },
  {
    name: 'A1 and A2 both fail (the rule text’s example)',
    updates: d('10-09', '10-16', '10-17', '10-20', '10-25', '10-26'),
    month: '2023-10',
    reasons: ['10月更新6天，少于8天', '10月7日至10月11日连续5个工作日仅更新1天（另有1处）'],
  },
  {
    name: '10月9日至10月13日: the first window of working days after the make-up weekend',
    updates: d('10-07', '10-08', '10-12', '10-16', '10-17', '10-19', '10-23', '10-25', '10-27', '10-31'),
    month: '2023-10',
    reasons: ['10月9日至10月13日连续5个工作日仅更新1天'],
  },
  {
    name: 'make-up Saturday and Sunday are working days: 10/7–10/11 is one window',
    updates: d('10-09', '10-12', '10-13', '10-16', '10-18', '10-20', '10-24', '10-26', '10-30'),
    month: '2023-10',
    reasons: ['10月7日至10月11日连续5个工作日仅更新1天'],
  },
  {
    name: 'updates during the holiday count only inside a window span; October windows start 10/7',
    updates: d('10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-09', '10-13', '10-17', '10-19', '10-23', '10-25', '10-27', '10-31'),
    month: '2023-10',
    reasons: ['10月7日至10月11日连续5个工作日仅更新1天'],
  },
  {
    name: 'a window spanning a weekend counts weekend updates (9/22–9/28 holds 9/23, 9/24)',
    updates: d('09-01', '09-05', '09-07', '09-11', '09-13', '09-15', '09-19', '09-21', '09-23', '09-24'),
    month: '2023-09',
    reasons: [],
  },
  {
    name: 'month end: the last September window ends 9/28, before the holiday',
    updates: d('09-01', '09-04', '09-06', '09-08', '09-11', '09-13', '09-15', '09-18', '09-20', '09-22', '09-25', '09-27'),
    month: '2023-09',
    reasons: [],
  },
  {
    name: 'month end: the last window 10/25–10/31 fails',
    updates: d('10-07', '10-09', '10-11', '10-13', '10-17', '10-19', '10-24', '10-26'),
    month: '2023-10',
    reasons: ['10月25日至10月31日连续5个工作日仅更新1天'],
  },
  {
    name: 'month start: updates late in September do not help October',
    updates: [...d('09-25', '09-26', '09-27', '09-28'), ...d('10-11', '10-13', '10-17', '10-19', '10-23', '10-25', '10-27', '10-31')],
    month: '2023-10',
    reasons: ['10月7日至10月11日连续5个工作日仅更新1天'],
  },
  {
    name: 'no updates at all: three separate lapses',
    updates: [],
    month: '2023-10',
    reasons: ['10月更新0天，少于8天', '10月7日至10月11日连续5个工作日未更新（另有2处）'],
  },
  {
    name: 'duplicates count once (10/9 twice is still 1 day in 10/7–10/11)',
    updates: d('10-09', '10-09', '10-13', '10-16', '10-17', '10-19', '10-23', '10-25', '10-27', '10-31'),
    month: '2023-10',
    reasons: ['10月7日至10月11日连续5个工作日仅更新1天'],
  },
  {
    name: 'duplicates do not reach the monthly count',
    updates: d('10-09', '10-10', '10-12', '10-13', '10-16', '10-17', '10-16', '10-17'),
    month: '2023-10',
    rules: { window_min_days: 0 },
    reasons: ['10月更新6天，少于8天'],
  },
  {
    name: 'custom thresholds: 3 working days, at least 1, 4 a month',
    updates: d('10-09', '10-12', '10-16', '10-19'),
    month: '2023-10',
    rules: { monthly_days: 5, window_workdays: 3, window_min_days: 1 },
    reasons: ['10月更新4天，少于5天', '10月20日至10月24日连续3个工作日未更新（另有1处）'],
  },
  {
    name: 'window longer than the working days of the month: nothing to check',
    updates: OCT_GOOD,
    month: '2023-10',
    rules: { window_workdays: 20, window_min_days: 19 },
    reasons: [],
  },
  // 微信服务号
  {
    name: '服务号: the rule text’s example 10月1日至10月14日连续14天未更新',
    updates: d('10-15', '10-20', '10-25', '10-29'),
    month: '2023-10',
    service: true,
    reasons: ['10月1日至10月14日连续14天未更新'],
  },
  {
    name: '服务号: 4 updates 13 days apart or less pass',
    updates: d('10-05', '10-18', '10-30', '10-31'),
    month: '2023-10',
    service: true,
    reasons: [],
  },
  {
    name: '服务号: month end window 10/18–10/31',
    updates: d('10-03', '10-10', '10-16', '10-17'),
    month: '2023-10',
    service: true,
    reasons: ['10月18日至10月31日连续14天未更新'],
  },
  {
    name: '服务号: working days do not matter, only calendar days',
    updates: d('10-01', '10-14', '10-28', '10-31'),
    month: '2023-10',
    service: true,
    reasons: [],
  },
  {
    name: '服务号: February has 15 windows; 3 updates fall short of 4',
    updates: ['2023-02-01', '2023-02-14', '2023-02-27'],
    month: '2023-02',
    service: true,
    reasons: ['2月更新3天，少于4天'],
  },
  {
    name: '服务号: custom 7-day windows needing 2',
    updates: d('10-01', '10-03', '10-08', '10-12', '10-16', '10-18', '10-25', '10-29', '10-31'),
    month: '2023-10',
    service: true,
    rules: { service_window_days: 7, service_window_min_days: 2 },
    reasons: ['10月4日至10月10日连续7天仅更新1天（另有1处）'],
  },
];

test.each(cases)('$name', ({ updates, month, service, rules, reasons }) => {
  const v = judgeMonth(updates, month, service === true, resolveRules(rules), cal);
  expect(v.reasons).toEqual(reasons);
  expect(v.result).toBe(reasons.length ? '不合格' : '合格');
});

test('a month verdict carries the numbers and every failing window', () => {
  const v = judgeMonth(d('10-09', '10-16', '10-17', '10-20', '10-25', '10-26'), '2023-10', false, DEFAULT_RULES, cal);
  const [count, window] = v.rules;
  expect(count).toMatchObject({ rule: 'A1', ok: false, required: 8, text: '每月更新不少于8天' });
  expect(count.updates).toHaveLength(6);
  expect(window).toMatchObject({ rule: 'A2', ok: false, required: 2, size: 5, unit: 'workdays', checked: 15 });
  expect(window.failing.map((w) => `${w.from}/${w.to}/${w.updates.length}`)).toEqual([
    '2023-10-07/2023-10-11/1',
    '2023-10-08/2023-10-12/1',
    '2023-10-09/2023-10-13/1',
    '2023-10-10/2023-10-16/1',
    '2023-10-18/2023-10-24/1',
  ]);
  expect(window.periods.map((w) => w.from)).toEqual(['2023-10-07', '2023-10-18']);
});

describe('a round', () => {
  const months = ['2023-08', '2023-09', '2023-10'];

  test('dates outside the round are ignored and each month is judged on its own', () => {
    const inside = OCT_GOOD;
    const j = judgeAccount([...inside, '2023-07-31', '2023-11-01', '2024-01-02'], months, false, DEFAULT_RULES, cal);
    expect(j.results).toEqual(['不合格', '不合格', '合格']);
    expect(j.reasons).toEqual([
      ['8月更新0天，少于8天', '8月1日至8月7日连续5个工作日未更新（另有3处）'],
      ['9月更新0天，少于8天', '9月1日至9月7日连续5个工作日未更新（另有3处）'],
      [],
    ]);
    expect(j.months.map((m) => m.month)).toEqual(months);
  });

  test('a 2027 month without calendar data is an error for 微博/微信, not for 服务号', () => {
    expect(() => judgeAccount([], ['2026-12', '2027-01'], false, DEFAULT_RULES, cal)).toThrow(MissingCalendarYearError);
    expect(() => judgeAccount([], ['2027-01'], false, DEFAULT_RULES, cal)).toThrow('缺少2027年的工作日历');
    expect(judgeAccount([], ['2027-01'], true, DEFAULT_RULES, cal).results).toEqual(['不合格']);
  });

  test('years needed, and the missing ones, are listed once each', () => {
    expect(calendarYears(['2026-11', '2026-12', '2027-01'])).toEqual([2026, 2027]);
    expect(missingCalendarYears(['2026-11', '2026-12', '2027-01'], cal)).toEqual([2027]);
    expect(missingCalendarYears(months, cal)).toEqual([]);
  });

  test('a user-supplied year is used for judging', () => {
    // 2027-02: 春节 2/6–2/12 off, Saturday 2/13 worked, so 2/2–2/13 is five working days across the break
    const user = createWorkCalendar({
      2027: { holidays: ['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'], workdays: ['2027-02-13'] },
    });
    const v = judgeMonth(['2027-02-01', '2027-02-05', '2027-02-15', '2027-02-17', '2027-02-19', '2027-02-23', '2027-02-25', '2027-02-26'], '2027-02', false, DEFAULT_RULES, user);
    expect(v.reasons).toEqual(['2月2日至2月13日连续5个工作日仅更新1天']);
  });

  test('malformed input is rejected', () => {
    expect(() => judgeAccount(['2023-10-32'], months, false, DEFAULT_RULES, cal)).toThrow(RangeError);
    expect(() => judgeAccount([], ['2023-13'], false, DEFAULT_RULES, cal)).toThrow('月份应写成YYYY-MM：2023-13');
  });
});

describe('given results checked against the dates', () => {
  const months = ['2023-09', '2023-10'];
  const j = judgeAccount(
    [...d('09-01', '09-05', '09-07', '09-11', '09-13', '09-15', '09-19', '09-21', '09-23', '09-24'), ...d('10-09', '10-16', '10-17', '10-20', '10-25', '10-26')],
    months,
    false,
    DEFAULT_RULES,
    cal,
  );

  test('agreement gives no mismatch', () => {
    expect(compareResults('州某局', ['合格', '不合格'], j)).toEqual([]);
  });

  test('a disagreement names the account, the month, both values and the reason', () => {
    const given: Result[] = ['不合格', '合格'];
    expect(compareResults('州某局', given, j)).toEqual([
      {
        index: 0,
        month: '2023-09',
        given: '不合格',
        judged: '合格',
        message: '“州某局”2023年9月填报为不合格，按更新日期应为合格：9月更新10天，不少于8天；16段连续5个工作日均更新不少于2天',
      },
      {
        index: 1,
        month: '2023-10',
        given: '合格',
        judged: '不合格',
        message: '“州某局”2023年10月填报为合格，按更新日期应为不合格：10月更新6天，少于8天；10月7日至10月11日连续5个工作日仅更新1天（另有1处）',
      },
    ]);
  });
});
