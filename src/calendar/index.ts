// Working-day calendar and the monthly update rules of 政务新媒体.
export {
  WorkCalendar,
  MissingCalendarYearError,
  createWorkCalendar,
  userCalendarProblems,
  chineseDaysVersion,
  type CalendarYear,
  type UserCalendar,
  type CalendarSource,
  type CalendarProblem,
  type DayKind,
} from './workdays';
export { DEFAULT_RULES, RULE_KEYS, resolveRules, rulesProblems, describeRules } from './rules';
export {
  judgeAccount,
  judgeMonth,
  compareResults,
  calendarYears,
  missingCalendarYears,
  type AccountJudgement,
  type MonthVerdict,
  type CountVerdict,
  type WindowVerdict,
  type UpdateWindow,
  type RuleId,
  type ResultMismatch,
} from './judge';
export { explainAccount, type ExplainAccount } from './explain';
