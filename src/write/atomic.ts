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
