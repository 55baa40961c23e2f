// terms.yaml: the user's list of expressions to flag. A round folder may carry its own
// terms.yaml; otherwise the project's data/terms.yaml is used.
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Scalar } from 'yaml';
import type { SourceFile } from '../load/yaml-file';
import type { LintDiagnostic, TermList } from './types';

/** data/terms.yaml of the project, found from src/lint (under jest) or dist/src/lint (compiled). */
export function defaultTermsPath(): string {
  for (const up of [path.join('..', '..'), path.join('..', '..', '..')]) {
    const file = path.join(__dirname, up, 'data', 'terms.yaml');
    if (fs.existsSync(file)) return file;
  }
  throw new Error('找不到默认用词表 data/terms.yaml');
}

/**
 * Read the entries of a terms file: a list of `{wrong, right, note}`, and `{allow}` entries
 * naming words in which a doubled character is correct (for repeated-char).
 * Malformed entries are reported (rule `lint-config`) and skipped.
 */
export function readTerms(file: SourceFile): { list: TermList; diagnostics: LintDiagnostic[] } {
  const list: TermList = { terms: [], allow: [] };
  const diagnostics: LintDiagnostic[] = [];
  const at = (node: { range?: [number, number, number] | null } | null | undefined, message: string) => {
    const pos = file.lineCounter.linePos(node?.range?.[0] ?? 0);
    diagnostics.push({ severity: 'error', file: file.display, line: pos.line, col: pos.col, rule: 'lint-config', message });
  };
  const root = file.doc.contents;
  if (!isSeq(root)) {
    at(root as Scalar | null, '用词表应为列表，每项写 wrong（误）、right（正）、note（说明）');
    return { list, diagnostics };
  }
  root.items.forEach((item, i) => {
    const str = (key: string): string | undefined => {
      if (!isMap(item)) return undefined;
      const v: unknown = item.get(key, true);
      const value = isScalar(v) ? (v as Scalar).value : undefined;
      return typeof value === 'string' && value.trim() ? value : undefined;
    };
    const allow = str('allow');
    if (allow) {
      list.allow.push(allow);
      return;
    }
    const wrong = str('wrong');
    const right = str('right');
    if (!isMap(item) || !wrong || right === undefined) {
      at(item as Scalar, `用词表第 ${i + 1} 项应有 wrong 和 right（如 wrong: 帐号、right: 账号）`);
      return;
    }
    list.terms.push({ wrong, right, note: str('note') });
  });
  return { list, diagnostics };
}
