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

/** Rename a finished temporary file over its final name (atomic replace). */
export function renameIntoPlace(tmp: string, final: string): void {
  fsyncFile(tmp);
  fs.renameSync(tmp, final);
}

/** Write bytes under a temporary name, then rename into place. */
export function writeFileAtomic(file: string, data: Buffer | string): void {
  const tmp = tmpPathFor(path.dirname(file), path.basename(file));
  fs.writeFileSync(tmp, data);
  renameIntoPlace(tmp, file);
}

/** Copy a file so that the copy is whole or absent. */
export function copyFileAtomic(from: string, to: string): void {
  const tmp = tmpPathFor(path.dirname(to), path.basename(to));
  fs.copyFileSync(from, tmp);
  renameIntoPlace(tmp, to);
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
      fs.rmSync(path.join(d, name), { recursive: true, force: true });
      removed.push(path.relative(dir, path.join(d, name)));
    }
  }
  return removed.sort();
}
