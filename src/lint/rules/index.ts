// The table of rules, in the order the docs list them.
import type { Rule } from '../types';
import { contradictsDataRule } from './data-claims';
import { dateFormatRule, dateMismatchRule } from './dates';
import { docNumber } from './doc-number';
import { headingRule } from './heading';
import { ellipsisDashRule, fullwidthDigitsRule, halfWidth, quotesRule, unbalanced } from './punct';
import { repeatedRule } from './repeated';
import { spacingRule } from './spacing';
import { termsRule } from './terms';

export const RULES: readonly Rule[] = [
  halfWidth,
  quotesRule,
  unbalanced,
  docNumber,
  headingRule,
  dateFormatRule,
  dateMismatchRule,
  repeatedRule,
  spacingRule,
  ellipsisDashRule,
  fullwidthDigitsRule,
  termsRule,
  contradictsDataRule,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

/** Rules whose fixes `lint --fix` applies: punctuation width, quotes, ellipsis and dash, digits. */
export const FIXABLE_RULE_IDS: readonly string[] = RULES.filter((r) => r.fixable).map((r) => r.id);
