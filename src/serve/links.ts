// Symbolic links are never followed (docs/serve.md): a round folder or a data file that is a
// link (even to a file inside DATA_ROOT) is neither read nor written. Told with lstat, which
// looks at the entry itself.
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from '../diagnostics';

/** The message of a data file that is a symbolic link. */
export function linkDiagnostic(file: string): Diagnostic {
  return { severity: 'error', file, line: 1, col: 1, message: `${file} 是符号链接（快捷方式）：为安全起见，网页不读取也不修改它。请换成真正的文件` };
}

export function isLink(abs: string): boolean {
  try {
    return fs.lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A folder itself (not a link to one); false when absent or when a parent is a file. */
export function isFolder(abs: string): boolean {
  try {
    return fs.lstatSync(abs).isDirectory();
  } catch {
    return false;
  }
}

/** Something is there that is not a folder (a file, a link). */
export function notAFolder(abs: string): boolean {
  try {
    return !fs.lstatSync(abs).isDirectory();
  } catch {
    return false;
  }
}

/** The data files of a round folder that are symbolic links (and the folder itself, as ".") */
export function linkedEntries(dir: string, files: readonly string[]): string[] {
  const out = isLink(dir) ? ['.'] : [];
  for (const f of files) if (isLink(path.join(dir, f))) out.push(f);
  return out;
}
