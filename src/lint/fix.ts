// lint --fix: apply the safe fixes (punctuation width, quotes, ellipsis and dash, full-width
// digits) by editing the file's text at the offsets of the characters, never re-writing the
// YAML, so comments, quoting and layout stay as they were.
import * as path from 'path';
import { parseYamlText } from '../load/yaml-file';
import type { SourceFile } from '../load/yaml-file';
import { applyFixes, fixRangeOf, lintText } from './lint-text';
import { FIXABLE_RULE_IDS } from './rules';
import { proseFields, scalarSpans } from './source';
import type { FileRole } from './source';
import type { LintDiagnostic, TermList, TextFinding } from './types';

export interface FixOptions {
  disable?: Iterable<string>;
  terms?: TermList;
}

interface Edit {
  s: number;
  e: number;
  text: string;
}

interface FieldEdit {
  path: (string | number)[];
  expected: string;
  edits: Edit[];
  count: number;
}

/**
 * Fields --fix never changes: they say which unit a row is (unit names and owners, matched
 * across rounds and workbooks by import, diff, compare, rectify), or they quote such a name
 * (failing_order). Their fixable findings are reported for the clerk to decide instead.
 */
function identityField(role: FileRole, p: readonly (string | number)[]): string | null {
  if (role === 'notice') return p[0] === 'failing_order' ? '通报列举顺序（failing_order）中的名称要与附件中的名称一字不差' : null;
  const key = p[p.length - 1];
  if (key === 'name') return '名称是各轮、各工作簿对应单位的依据';
  if (key === 'owner') return '主办单位是各轮、各工作簿对应单位的依据';
  return null;
}

function roleOf(file: SourceFile): FileRole {
  const base = path.basename(file.path, path.extname(file.path));
  if (base === 'notice' || base === 'sites' || base === 'accounts') return base;
  throw new Error(`不知道 ${file.display} 是哪类数据文件（应为 notice.yaml、sites.yaml 或 accounts.yaml）`);
}

/** Source edits of one pass over a parsed file; fixes in identity fields go to `held` instead. */
function planEdits(file: SourceFile, role: FileRole, options: FixOptions, held?: LintDiagnostic[]): FieldEdit[] {
  const off = new Set(options.disable ?? []);
  const only = FIXABLE_RULE_IDS.filter((id) => !off.has(id));
  const out: FieldEdit[] = [];
  for (const field of proseFields(file, role)) {
    const findings = lintText(field.value, { kind: field.kind, terms: options.terms, only });
    if (!findings.some((f) => f.fix !== undefined)) continue;
    const spans = scalarSpans(file.text, field.node);
    const why = identityField(role, field.path);
    if (why !== null) {
      if (held) {
        const fixes = findings.filter((f) => f.fix !== undefined);
        const { text: whole } = applyFixes(field.value, fixes);
        for (const f of fixes) {
          const pos = file.lineCounter.linePos(spans[f.start]?.s ?? field.node.range?.[0] ?? 0);
          held.push({
            severity: 'warning',
            file: file.display,
            line: pos.line,
            col: pos.col,
            rule: f.rule,
            message: `${f.message}；${why}，--fix 不改，请您决定是否修改（同时改其他轮次、工作簿中的这个名称）`,
            suggestion: `全文改为“${whole}”`,
          });
        }
      }
      continue;
    }
    // Only fixes whose characters sit side by side in the source can be edited in place.
    const placeable = findings.filter((f: TextFinding) => {
      if (f.fix === undefined) return false;
      const [s, e] = fixRangeOf(f);
      for (let i = s; i < e; i++) {
        const a = spans[i];
        if (!a) return false;
        if (i + 1 < e && spans[i + 1]?.s !== a.e) return false;
      }
      return true;
    });
    const { text: expected, applied } = applyFixes(field.value, placeable);
    if (!applied.length) continue;
    const edits = applied.map((f) => {
      const [s, e] = fixRangeOf(f);
      return { s: spans[s]!.s, e: spans[e - 1]!.e, text: f.fix! };
    });
    out.push({ path: field.path, expected, edits, count: applied.length });
  }
  return out;
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.s - a.s)) out = out.slice(0, e.s) + e.text + out.slice(e.e);
  return out;
}

/**
 * The file's text with the safe fixes applied (the same text when there is nothing to fix).
 * Each edited value is checked by parsing the result: a field whose value would not come out
 * exactly as intended is left alone.
 */
/** Passes of fixes until nothing changes; a bound, never reached on real text. */
export const MAX_FIX_PASSES = 16;

export interface FixResult {
  /** the file's text with the fixes applied */
  text: string;
  /** how many fixes were applied */
  fixed: number;
  /** fixable findings in identity fields (names, owners, failing_order), left for the clerk, at their place in the file */
  held: LintDiagnostic[];
}

export function fixFile(file: SourceFile, role: FileRole = roleOf(file), options: FixOptions = {}): FixResult {
  let current = file;
  let fixed = 0;
  const held: LintDiagnostic[] = [];
  // A fix can make another one visible (a pair of quotes once the first is right, a mark next to
  // a fixed ellipsis); passes run until nothing changes. Every fix replaces ASCII marks, so this ends.
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    // identity fields never change, so the first pass sees all of their findings
    let plan = planEdits(current, role, options, pass === 0 ? held : undefined);
    let next: string | null = null;
    while (plan.length) {
      const text = applyEdits(current.text, plan.flatMap((p) => p.edits));
      const { file: parsed, diagnostics } = parseYamlText(text, current.path, current.display);
      const bad = diagnostics.length ? plan : plan.filter((p) => parsed.doc.getIn(p.path) !== p.expected);
      if (!bad.length) {
        next = text;
        break;
      }
      plan = diagnostics.length && plan.length > 1 ? plan.slice(0, -1) : plan.filter((p) => !bad.includes(p));
    }
    if (next === null || next === current.text) break;
    fixed += plan.reduce((n, p) => n + p.count, 0);
    current = parseYamlText(next, current.path, current.display).file;
  }
  return { text: current.text, fixed, held };
}
