// Shared types of the proofreading checks (tongbao lint).
import type { Diagnostic } from '../diagnostics';

/**
 * What kind of text a field holds; it decides which rules apply (see RULES_BY_KIND).
 * - prose: sentences people type (problem and requirement texts, 问题曝光情况, titles)
 * - heading: a 问题/要求 heading (prose rules plus heading-form)
 * - name: a proper name (unit, account, person); only rules that cannot misfire on names
 * - docNumber: a whole 发文字号 field
 * - paragraph: one paragraph of the rendered notice
 */
export type FieldKind = 'prose' | 'heading' | 'name' | 'docNumber' | 'paragraph';

/** Facts from notice.yaml that prose may restate (date-mismatch). ISO dates. NoticeInput fits. */
export interface LintFacts {
  deadline?: string;
  issued?: string;
  inspection?: { from?: string; to?: string };
  /** what the data says passed and failed (contradicts-data); absent when the data does not build */
  counts?: DataCounts;
}

/** What prose can talk about: sites, all new media, or one platform. */
export type ClaimGroup = 'sites' | 'accounts' | 'weibo' | 'wechat';

/** Per group and level: how many units, and the names of those that failed. */
export interface DataCounts {
  /** the round's level names (notice.yaml levels): 州直部门, 县（市） */
  levels: { department: string; county: string };
  sites: Record<'department' | 'county', { total: number; failing: string[] }>;
  accounts: Record<'department' | 'county', { total: number; failing: string[] }>;
  weibo: Record<'department' | 'county', { total: number; failing: string[] }>;
  wechat: Record<'department' | 'county', { total: number; failing: string[] }>;
}

/** One entry of terms.yaml. */
export interface Term {
  wrong: string;
  right: string;
  note?: string;
}

export interface TermList {
  terms: Term[];
  /** words in which a doubled character is correct (repeated-char), beyond the built-in list */
  allow: string[];
}

export interface LintContext {
  kind: FieldKind;
  facts: LintFacts;
  terms: TermList;
}

/** A finding inside one text: [start, end) are UTF-16 indexes into that text. */
export interface TextFinding {
  rule: string;
  start: number;
  end: number;
  message: string;
  /** what to do, shown as （建议：…） */
  suggestion?: string;
  /** replacement for [start, end) (or fixRange) when the rule can fix it safely */
  fix?: string;
  /** what `fix` replaces when wider than the finding (a mark with the spaces around it) */
  fixRange?: [number, number];
}

/** The prepared text a rule looks at. */
export interface RuleInput {
  text: string;
  /** text with URLs and e-mail addresses blanked out (same length), so no rule looks inside them */
  masked: string;
  /** indexes owned by a 文号 (its brackets): half-width-punct and unbalanced-pair leave them to doc-number */
  claimed: Set<number>;
  ctx: LintContext;
}

export interface Rule {
  id: string;
  /** one line for docs and --help */
  title: string;
  /** whether `lint --fix` applies its fixes */
  fixable: boolean;
  kinds: readonly FieldKind[];
  /** characters without which the rule finds nothing in a text (the rule's own first test, on
   *  the text as written): a text none of the applicable rules needs is not read at all */
  needs?: RegExp;
  check(input: RuleInput): TextFinding[];
}

/** A finding placed in a file; message and suggestion are kept apart for the formatter. */
export interface LintDiagnostic extends Diagnostic {
  rule: string;
  suggestion?: string;
}
