// Thresholds of the 新媒体 update rule "连续5个工作日更新不少于2天，每月更新不少于8天
// （微信服务号每2周更新不少于1天，每月更新不少于4天）"; a round may change them in notice.yaml `rules:`.
import type { Rules } from '../types';

export const DEFAULT_RULES: Readonly<Rules> = Object.freeze({
  monthly_days: 8,
  window_workdays: 5,
  window_min_days: 2,
  service_monthly_days: 4,
  service_window_days: 14,
  service_window_min_days: 1,
});

export const RULE_KEYS = Object.keys(DEFAULT_RULES) as (keyof Rules)[];

/** A window must have at least one day; a minimum may be 0 (rule off). */
const MIN: Record<keyof Rules, number> = {
  monthly_days: 0,
  window_workdays: 1,
  window_min_days: 0,
  service_monthly_days: 0,
  service_window_days: 1,
  service_window_min_days: 0,
};

/** Each threshold's name as the rule text says it, for messages. */
export const RULE_NAMES: Record<keyof Rules, string> = {
  monthly_days: '每月最少更新天数',
  window_workdays: '连续工作日的天数',
  window_min_days: '连续工作日内最少更新天数',
  service_monthly_days: '服务号每月最少更新天数',
  service_window_days: '服务号连续天数',
  service_window_min_days: '服务号连续天数内最少更新天数',
};

const ruleName = (key: keyof Rules) => `更新规则的${RULE_NAMES[key]}（${key}）`;

/** Problems in notice.yaml `rules:`, keyed by field, in Chinese; empty when fine. */
export function rulesProblems(partial: Partial<Record<keyof Rules, unknown>> = {}): { key: keyof Rules; message: string }[] {
  const problems: { key: keyof Rules; message: string }[] = [];
  for (const key of RULE_KEYS) {
    const v = partial[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < MIN[key]) {
      problems.push({ key, message: `${ruleName(key)}应为不小于${MIN[key]}的整数，现为${JSON.stringify(v)}` });
    }
  }
  const days = partial.service_window_days;
  // A window longer than February never lies wholly in a month, which would switch the rule off unseen.
  if (typeof days === 'number' && Number.isInteger(days) && days > 28) {
    problems.push({ key: 'service_window_days', message: `${ruleName('service_window_days')}不能超过28天（须能落在一个月内），现为${days}` });
  }
  return problems;
}

/** The round's thresholds: defaults overridden by notice.yaml `rules:`; throws RangeError on a bad value. */
export function resolveRules(partial: Partial<Rules> = {}): Rules {
  const problems = rulesProblems(partial);
  if (problems.length) throw new RangeError(problems.map((p) => p.message).join('；'));
  const rules = { ...DEFAULT_RULES };
  for (const key of RULE_KEYS) if (partial[key] !== undefined) rules[key] = partial[key] as number;
  return rules;
}

/** The rule as the circular words it: 连续5个工作日更新不少于2天，每月更新不少于8天 */
export function describeRules(rules: Rules, service: boolean): string {
  return service
    ? `连续${rules.service_window_days}天更新不少于${rules.service_window_min_days}天，每月更新不少于${rules.service_monthly_days}天`
    : `连续${rules.window_workdays}个工作日更新不少于${rules.window_min_days}天，每月更新不少于${rules.monthly_days}天`;
}
