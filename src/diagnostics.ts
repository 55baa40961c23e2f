// Problems found in a round's data, reported all at once as FILE:LINE:COL: 错误: …
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** path as the user typed it (relative to the working directory where possible) */
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  col: number;
  message: string;
  /** rule id for proofreading findings (lint) */
  rule?: string;
}

const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告' };

export function formatDiagnostic(d: Diagnostic): string {
  const rule = d.rule ? `[${d.rule}] ` : '';
  return `${d.file}:${d.line}:${d.col}: ${SEVERITY_LABEL[d.severity]}: ${rule}${d.message}`;
}

/** Stable order: by file, then position, so output does not depend on which check ran first. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) =>
    a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1,
  );
}

/** How many of `list` are errors (a list of errors may carry warnings along: a file not read). */
export function errorCount(list: readonly Diagnostic[]): number {
  return list.filter((d) => d.severity === 'error').length;
}

/**
 * Thrown by a pipeline stage when the data has errors; the CLI prints them and exits 1.
 * `diagnostics` may hold warnings beside the errors, printed with them (count: errorCount).
 */
export class DataError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`${errorCount(diagnostics)} 个数据错误`);
    this.name = 'DataError';
  }
}

/** Thrown for misuse of the command line; the CLI prints it and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** What the operating system said, for the user (the path follows); the CLI and the page say it alike. */
export const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: '文件或文件夹不存在',
  EACCES: '没有权限',
  EPERM: '不允许的操作',
  ENOSPC: '磁盘空间不足',
  EROFS: '只读文件系统，不能写入',
  EEXIST: '已有同名的文件',
  ENOTDIR: '路径中有一段是文件而不是文件夹',
  EISDIR: '这是一个文件夹，不是文件',
  EBUSY: '文件正被占用（可能在 Word 或 Excel 中打开着）',
  EMFILE: '打开的文件太多',
  EFBIG: '文件超过系统允许的大小（ulimit -f 或文件系统的上限）',
  EDQUOT: '磁盘配额已用完',
};
