// Lint one piece of text: the pure core every other entry point goes through.
import { findDocNumbers } from './rules/doc-number';
import { NUMBERING_RE } from './rules/heading';
import { RULES } from './rules';
import { maskUrls } from './text';
import type { FieldKind, LintContext, LintFacts, TermList, TextFinding } from './types';

export interface LintTextOptions {
  kind?: FieldKind;
  facts?: LintFacts;
  terms?: TermList;
  /** rule ids switched off */
  disable?: Iterable<string>;
  /** only these rule ids (used by --fix) */
  only?: Iterable<string>;
}

/** Which rules run on a text: on for its kind, not switched off, and given the characters they need. */
function rulesFor(text: string, options: LintTextOptions): { applies: (rule: (typeof RULES)[number]) => boolean; off: ReadonlySet<string> } {
  const kind = options.kind ?? 'prose';
  // a Set given is read as is (a national round lints 300,000 fields with the same one)
  const off = options.disable instanceof Set ? (options.disable as ReadonlySet<string>) : new Set(options.disable ?? []);
  const only = options.only ? (options.only instanceof Set ? (options.only as ReadonlySet<string>) : new Set(options.only)) : null;
  return { off, applies: (rule) => !off.has(rule.id) && (!only || only.has(rule.id)) && rule.kinds.includes(kind) && (!rule.needs || rule.needs.test(text)) };
}

/** Whether some rule that applies could find something in the text (its `needs`); false: lintText gives nothing. */
export function mayFind(text: string, options: LintTextOptions = {}): boolean {
  return RULES.some(rulesFor(text, options).applies);
}

export function lintText(text: string, options: LintTextOptions = {}): TextFinding[] {
  const ctx: LintContext = {
    kind: options.kind ?? 'prose',
    facts: options.facts ?? {},
    terms: options.terms ?? { terms: [], allow: [] },
  };
  const { applies, off } = rulesFor(text, options);
  // nothing to run (the counts rule on a paragraph of the notice; a name of Chinese characters
  // only, which no rule for names can fault): the text is not read
  if (!RULES.some(applies)) return [];
  const masked = maskUrls(text);
  const claimed = new Set<number>();
  for (const m of findDocNumbers(masked)) {
    claimed.add(m.open);
    claimed.add(m.close);
  }
  // (一) typed into a heading is to be deleted (heading-form), not re-punctuated.
  const num = ctx.kind === 'heading' && !off.has('heading-form') ? text.match(NUMBERING_RE) : null;
  if (num) for (let i = 0; i < num[0].length; i++) claimed.add(i);
  const out: TextFinding[] = [];
  for (const rule of RULES) if (applies(rule)) out.push(...rule.check({ text, masked, claimed, ctx }));
  return out.sort(byPlace);
}

/** The order of a text's findings: by place, then rule. */
export function byPlace(a: TextFinding, b: TextFinding): number {
  return a.start - b.start || a.end - b.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** Apply the fixes of the findings to the text; overlapping fixes after the first are skipped. */
export function applyFixes(text: string, findings: TextFinding[]): { text: string; applied: TextFinding[] } {
  const fixes = findings
    .filter((f) => f.fix !== undefined)
    .map((f) => ({ f, range: fixRangeOf(f) }))
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const applied: TextFinding[] = [];
  let out = '';
  let at = 0;
  for (const { f, range } of fixes) {
    if (range[0] < at) continue;
    out += text.slice(at, range[0]) + f.fix;
    at = range[1];
    applied.push(f);
  }
  return { text: out + text.slice(at), applied };
}

/** The characters a finding's fix replaces. */
export function fixRangeOf(f: TextFinding): [number, number] {
  return f.fixRange ?? [f.start, f.end];
}
