// Proofreading (tongbao lint): the checks 三审三校 looks for, run on a round's prose and on
// the rendered notice. See docs/lint.md.
import type { ReportModel } from '../aggregate/model';
import type { Diagnostic } from '../diagnostics';
import type { ValidatedRound } from '../validate';
import { dataCounts } from './data-counts';
import { noticeDisplayName, noticeParagraphs } from './notice-text';
import { lintRound } from './round';
import type { LintRoundOptions, RoundFiles } from './round';
import type { LintDiagnostic } from './types';

export { lintText, applyFixes } from './lint-text';
export type { LintTextOptions } from './lint-text';
export { lintRound, lintField, readDisable, loadDefaultTerms, createUnitsMemo } from './round';
export type { RoundFiles, LintRoundOptions, UnitsMemo } from './round';
export { fixFile } from './fix';
export type { FixOptions } from './fix';
export { formatFinding } from './format';
export { readTerms, defaultTermsPath } from './terms';
export { RULES, RULE_IDS, FIXABLE_RULE_IDS } from './rules';
export { noticeParagraphs, noticeDisplayName } from './notice-text';
export { dataCounts } from './data-counts';
export { proseFields, scalarSpans } from './source';
export type * from './types';

/**
 * The findings of a validated round as warnings for `tongbao build` (refused with --strict):
 * the same checks as `tongbao lint`, the suggestion folded into the message so that
 * formatDiagnostic prints `FILE:LINE:COL: 警告: [rule-id] message（建议：…）`.
 */
export function lintForBuild(v: ValidatedRound, model: ReportModel, opts: { memo?: LintRoundOptions['memo']; countsMemo?: LintRoundOptions['countsMemo']; units?: LintRoundOptions['units']; paragraphs?: string[] } = {}): Diagnostic[] {
  const { notice, sites, accounts, terms } = v.files;
  if (!notice) return [];
  const files: RoundFiles = { notice, sites, accounts, terms };
  const found = lintRound(files, v.round.notice, opts.paragraphs ?? noticeParagraphs(model), { noticeName: noticeDisplayName(model), counts: dataCounts(model), memo: opts.memo, countsMemo: opts.countsMemo, units: opts.units });
  return found.map(asWarning);
}

/** A proofreading finding as a build warning, the suggestion folded into the message. */
export function asWarning(d: LintDiagnostic): Diagnostic {
  return { severity: 'warning', file: d.file, line: d.line, col: d.col, rule: d.rule, message: d.suggestion ? `${d.message}（建议：${d.suggestion}）` : d.message };
}

