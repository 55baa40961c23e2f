import { DEFAULT_RULES, describeRules, resolveRules, rulesProblems } from '../../src/calendar';

test('defaults are the rule as published', () => {
  expect(DEFAULT_RULES).toEqual({
    monthly_days: 8,
    window_workdays: 5,
    window_min_days: 2,
    service_monthly_days: 4,
    service_window_days: 14,
    service_window_min_days: 1,
  });
  expect(describeRules(DEFAULT_RULES, false)).toBe('连续5个工作日更新不少于2天，每月更新不少于8天');
  expect(describeRules(DEFAULT_RULES, true)).toBe('连续14天更新不少于1天，每月更新不少于4天');
  expect(Object.isFrozen(DEFAULT_RULES)).toBe(true);
});

test('a round overrides only the thresholds it names', () => {
  expect(resolveRules()).toEqual(DEFAULT_RULES);
  expect(resolveRules({ monthly_days: 10, service_window_days: 7 })).toEqual({
    ...DEFAULT_RULES,
    monthly_days: 10,
    service_window_days: 7,
  });
  expect(resolveRules({ window_min_days: 0 }).window_min_days).toBe(0);
});

test('bad thresholds are reported by field', () => {
  expect(rulesProblems({ monthly_days: 8 })).toEqual([]);
  expect(rulesProblems({ monthly_days: -1, window_workdays: 0, window_min_days: 1.5, service_monthly_days: '4', service_window_days: 29 })).toEqual([
    { key: 'monthly_days', message: '更新规则的每月最少更新天数（monthly_days）应为不小于0的整数，现为-1' },
    { key: 'window_workdays', message: '更新规则的连续工作日的天数（window_workdays）应为不小于1的整数，现为0' },
    { key: 'window_min_days', message: '更新规则的连续工作日内最少更新天数（window_min_days）应为不小于0的整数，现为1.5' },
    { key: 'service_monthly_days', message: '更新规则的服务号每月最少更新天数（service_monthly_days）应为不小于0的整数，现为"4"' },
    { key: 'service_window_days', message: '更新规则的服务号连续天数（service_window_days）不能超过28天（须能落在一个月内），现为29' },
  ]);
  expect(() => resolveRules({ window_workdays: 0 })).toThrow('更新规则的连续工作日的天数（window_workdays）应为不小于1的整数');
});
