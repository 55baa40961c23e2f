// The lint output line: FILE:LINE:COL: [rule-id] message（建议：fix）
import type { LintDiagnostic } from './types';

export function formatFinding(d: LintDiagnostic): string {
  const hint = d.suggestion ? `（建议：${d.suggestion}）` : '';
  return `${d.file}:${d.line}:${d.col}: [${d.rule}] ${d.message}${hint}`;
}
