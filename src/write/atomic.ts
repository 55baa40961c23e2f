// Files appear whole or not at all: each is written under a temporary name in the same
// folder (so the rename stays on one file system) and renamed into place.
import * as fs from 'fs';
import * as path from 'path';

/** Prefix of every temporary file or folder the tool makes inside an output folder. */
export const TMP_PREFIX = '.tongbao-tmp-';

export function tmpPathFor(dir: string, name: string): string {
  return path.join(dir, TMP_PREFIX + name);
}

export function isTmpName(name: string): boolean {
  return name.startsWith(TMP_PREFIX);
}

/**
 * Remove temporary files after a failure: each removal is attempted whatever the others do (a
 * name the file system refuses, a locked file), and nothing is thrown, so the error that
 * caused the cleanup is the one reported.
 */
export function removeTemps(files: Iterable<string>): void {
  for (const f of files) {
    try {
      fs.rmSync(f, { force: true });
    } catch {
      // removed by the next run (removeStaleTemps) at the latest
    }
  }
}

/** Flush a file's bytes to disk, so that after the rename a crash cannot leave it empty. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Best effort: make renames in a folder durable (not supported on every platform). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open folders; the renames are still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A folder problem the user can fix (a file in the way, no permission), said in Chinese. */
export class OutputPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputPathError';
  }
}

/**
 * Create a folder and its missing parents, one level at a time: Node's recursive mkdir can
 * spin forever on file systems that refuse it (procfs), and a file in the way deserves a
 * message that names it.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  let cur = path.resolve(dir);
  while (!fs.existsSync(cur)) {
    missing.unshift(cur);
    const up = path.dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  if (fs.existsSync(cur) && !fs.statSync(cur).isDirectory()) {
    throw new OutputPathError(`输出位置 ${cur} 是一个文件，不是文件夹：请用 --out 指定一个文件夹`);
  }
  for (const d of missing) {
    try {
      fs.mkdirSync(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && fs.statSync(d, { throwIfNoEntry: false })?.isDirectory()) continue;
      const why = code === 'EACCES' || code === 'EPERM' ? '没有写入权限' : code === 'EEXIST' ? '已有同名的文件或失效的链接' : (code ?? '未知原因');
      throw new OutputPathError(`无法创建输出文件夹 ${d}（${why}）：请用 --out 指定一个可写的文件夹`);
    }
  }
}

/**
 * An output file that cannot be replaced (open in Word, WPS or Excel on Windows; read-only;
 * a folder of that name in the way), or a folder that takes no new files. Said with the real
 * file's name, never the temporary one; the CLI exits 1.
 */
export class OutputLockedError extends Error {
  constructor(
    message: string,
    /** the real file or folder concerned */
    readonly file: string,
  ) {
    super(message);
    this.name = 'OutputLockedError';
  }
}

/** What Windows says for a file another program holds open or that is read-only; Linux says EACCES/EPERM/EROFS. */
const REFUSED = new Set(['EBUSY', 'EPERM', 'EACCES', 'EROFS', 'ETXTBSY']);

/** The user's words for a file that could not be replaced, or null when the error is something else. */
export function lockedFileError(e: unknown, file: string): OutputLockedError | null {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EISDIR' || (code && ['ENOTEMPTY', 'EEXIST'].includes(code) && isDir(file))) {
    return new OutputLockedError(`无法写入 ${file}：同名的文件夹挡住了这个文件。请把该文件夹移走或改名后重试。`, file);
  }
  if (!code || !REFUSED.has(code)) return null;
  return new OutputLockedError(
    `无法替换 ${file}：文件正被占用或是只读的，可能正在 Word、WPS 或 Excel 中打开着。请关闭该文件（或去掉只读属性）后重试；原有文件都未改动。`,
    file,
  );
}

/** The user's words for a folder that takes no new files. */
export function readOnlyFolderError(e: unknown, dir: string): OutputLockedError | null {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (!code || !REFUSED.has(code)) return null;
  return new OutputLockedError(`无法在 ${dir} 中写入文件：文件夹是只读的或没有写入权限。请检查文件夹属性，或用 --out 指定其他文件夹；原有文件都未改动。`, dir);
}

function isDir(p: string): boolean {
  return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/**
 * Before anything is written: the folder takes new files, and each named file already there can
 * be replaced (not a folder, not held open by another program, not read-only). Windows refuses
 * to open a file for writing while Word or Excel has it open, so trying is the test.
 */
export function checkReplaceable(dir: string, names: string[]): void {
  const probe = tmpPathFor(dir, 'check');
  try {
    writeFresh(probe, '');
  } catch (e) {
    throw readOnlyFolderError(e, dir) ?? e;
  } finally {
    fs.rmSync(probe, { force: true });
  }
  for (const name of names) {
    const file = path.join(dir, name);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) throw lockedFileError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), file)!;
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, 'r+');
    } catch (e) {
      throw lockedFileError(e, file) ?? e;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
}

/**
 * Create a temporary file that is surely new: whatever has its name (a killed run's leftover, or a
 * link planted there to redirect the write) is removed first, not written through, and the file is
 * opened exclusively.
 */
export function writeFresh(tmp: string, data: Buffer | string): void {
  fs.rmSync(tmp, { force: true });
  fs.writeFileSync(tmp, data, { flag: 'wx' });
}

/** Rename a finished temporary file over its final name (atomic replace). */
export function renameIntoPlace(tmp: string, final: string): void {
  fsyncFile(tmp);
  try {
    fs.renameSync(tmp, final);
  } catch (e) {
    throw lockedFileError(e, final) ?? e;
  }
}

/** Write bytes under a temporary name, then rename into place. */
export function writeFileAtomic(file: string, data: Buffer | string): void {
  const tmp = tmpPathFor(path.dirname(file), path.basename(file));
  try {
    writeFresh(tmp, data);
    renameIntoPlace(tmp, file);
  } catch (e) {
    removeTemps([tmp]);
    throw readOnlyFolderError(e, path.dirname(file)) ?? e;
  }
}

/** Copy a file so that the copy is whole or absent. */
export function copyFileAtomic(from: string, to: string): void {
  const tmp = tmpPathFor(path.dirname(to), path.basename(to));
  try {
    fs.copyFileSync(from, tmp);
    renameIntoPlace(tmp, to);
  } catch (e) {
    removeTemps([tmp]);
    throw e;
  }
}

/**
 * Remove what a killed run left behind: temporary files in `dir` and in `dir/history`.
 * Only names with our prefix are touched. Returns the names removed.
 */
export function removeStaleTemps(dir: string): string[] {
  const removed: string[] = [];
  for (const d of [dir, path.join(dir, 'history')]) {
    if (!fs.existsSync(d)) continue;
    for (const name of fs.readdirSync(d)) {
      if (!isTmpName(name)) continue;
      try {
        fs.rmSync(path.join(d, name), { recursive: true, force: true });
      } catch {
        continue; // a read-only folder: said when the run tries to write there
      }
      removed.push(path.relative(dir, path.join(d, name)));
    }
  }
  return removed.sort();
}
