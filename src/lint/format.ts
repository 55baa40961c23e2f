// The lint output line: FILE:LINE:COL: [rule-id] message（建议：fix）
import type { LintDiagnostic } from './types';

export interface FormatOptions {
  /** prefix the severity (警告/错误) after the position, as build prints warnings */
  label?: boolean;
}

export function formatFinding(d: LintDiagnostic, options: FormatOptions = {}): string {
  const label = options.label ? `${d.severity === 'error' ? '错误' : '警告'}: ` : '';
  const hint = d.suggestion ? `（建议：${d.suggestion}）` : '';
  return `${d.file}:${d.line}:${d.col}: ${label}[${d.rule}] ${d.message}${hint}`;
}
