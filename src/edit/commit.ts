// Saving edits to a round's data files: refuse when a file changed on disk since the caller
// read it, keep the previous versions in DATA_DIR/history/<n>/, write each file atomically.
import * as fs from 'fs';
import * as path from 'path';
import { ensureDir, fsyncDir, lockedFileError, readOnlyFolderError, tmpPathFor, TMP_PREFIX } from '../write/atomic';
import type { Chunks } from '../write/chunks';
import { sha256 } from '../write/hash';
import { HISTORY_DIR } from '../write/manifest';
import { nextHistoryNumber } from '../write/output-set';
import { applyEdits } from './apply';
import type { DataFileName, Edit } from './apply';

/** sha256 hex of a data file's bytes as read from disk. */
export function fileHash(bytes: Buffer | string): string {
  return sha256(bytes);
}

/** A data file changed on disk after the caller read it; nothing was written. */
export class StaleFileError extends Error {
  constructor(readonly file: DataFileName) {
    super(`${file} 在读取之后已被修改（可能在别处编辑过），为免覆盖他人的修改，这次没有保存：请重新打开后再改`);
    this.name = 'StaleFileError';
  }
}

export interface CommitResult {
  changed: DataFileName[];
  /** history folder the previous versions went to, relative to dataDir (history/3), or null */
  history: string | null;
  /** sha256 of every touched file as it is now on disk (changed or not) */
  hashes: Partial<Record<DataFileName, string>>;
}

export function commitEdits(
  dataDir: string,
  edits: readonly Edit[],
  opts: {
    expectedHashes?: Partial<Record<DataFileName, string>>;
    /** computes a file's new text (default applyEdits); a caller holding the file parsed can
     *  edit only the part concerned, with the same result */
    apply?: (text: string, edits: readonly Edit[], file: DataFileName) => string;
  } = {},
): CommitResult {
  const apply = opts.apply ?? applyEdits;
  const files = [...new Set(edits.map((e) => e.file))].sort();
  return commitTexts(
    dataDir,
    files,
    (f, before) =>
      apply(
        before,
        edits.filter((e) => e.file === f),
        f,
      ),
    opts,
  );
}

/**
 * The same, for callers that computed the new texts themselves (a bulk import edits a
 * national round's files unit by unit): `next(file, currentText)` gives each file's new text.
 */
export function commitTexts(
  dataDir: string,
  files: readonly DataFileName[],
  next: (file: DataFileName, current: string) => string,
  opts: { expectedHashes?: Partial<Record<DataFileName, string>> } = {},
): CommitResult {
  const versions: NewVersion[] = [];
  const hashes: Partial<Record<DataFileName, string>> = {};
  // Everything is read, checked and computed before anything is written.
  for (const f of [...files].sort()) {
    const { bytes, seen } = readSeen(path.join(dataDir, f));
    const hash = fileHash(bytes);
    const expected = opts.expectedHashes?.[f];
    if (expected !== undefined && expected !== hash) throw new StaleFileError(f);
    const before = bytes.toString('utf8');
    const after = next(f, before);
    hashes[f] = hash;
    if (after !== before) {
      const out = Buffer.from(after, 'utf8');
      versions.push({ file: f, bytes: out, hash: fileHash(out), seen, previousHash: hash });
    }
  }
  if (!versions.length) return { changed: [], history: null, hashes };
  const saved = saveVersions(dataDir, versions);
  for (const v of versions) hashes[v.file] = v.hash;
  return { changed: saved.changed, history: saved.history, hashes };
}

/** A file's bytes with the stat of what was read (fstat of the same open file). */
function readSeen(abs: string): { bytes: Buffer; seen: fs.Stats } {
  const fd = fs.openSync(abs, 'r');
  try {
    const seen = fs.fstatSync(fd);
    return { bytes: fs.readFileSync(fd), seen };
  } finally {
    fs.closeSync(fd);
  }
}

/** The new version of a data file, and the previous version it replaces as the caller checked it. */
export interface NewVersion {
  file: DataFileName;
  /** one buffer, or buffers in order (write/chunks.ts) */
  bytes: Buffer | Chunks;
  /** sha256 of `bytes` */
  hash: string;
  /** stat of the previous version when the caller read it or proved it unchanged: replaced only
   *  while the file on disk is still that one */
  seen: fs.Stats;
  /** sha256 of the previous version as the caller holds it: checked wherever the previous
   *  version is read anyway (copied into history where no link can be made) */
  previousHash?: string;
}

/**
 * The file on disk is still the one `seen` describes: the same inode, size and modification
 * time, and (unless the caller itself just linked it) change time, which no program can set
 * back — a copy with `cp -p` or a restore from elsewhere that keeps size and mtime still moves it.
 */
export function sameFile(now: fs.Stats, seen: fs.Stats, ctime = true): boolean {
  return now.ino === seen.ino && now.dev === seen.dev && now.size === seen.size && now.mtimeMs === seen.mtimeMs && (!ctime || now.ctimeMs === seen.ctimeMs);
}

/**
 * Write new versions of data files, the previous versions kept in the next history/<n>/.
 * Order: each new version is written and flushed under a temporary name; the previous version
 * goes to history/.tongbao-tmp-<n>/ as a hard link to the very file being replaced (no copy of a
 * 19 MB file; a copy where links are not possible: FAT/exFAT drives, a file with other links),
 * checked to still be the file the caller saw, and that folder is renamed to history/<n>/; then
 * each file is checked once more and its new version renamed over it. A file changed behind the
 * caller's back is refused (StaleFileError) before anything is in place; a rename that fails
 * (a file held open on Windows) puts back the files already replaced. Either way no file, no
 * history entry and no temporary file is left. What remains unguarded is the instant between
 * the last check and the rename, as for any program without locks.
 */
export function saveVersions(dataDir: string, versions: readonly NewVersion[]): { changed: DataFileName[]; history: string; stats: Map<DataFileName, fs.Stats> } {
  const list = [...versions].sort((a, b) => (a.file < b.file ? -1 : 1));
  const abs = (v: NewVersion) => path.join(dataDir, v.file);
  const tmp = (v: NewVersion) => tmpPathFor(dataDir, v.file);
  const root = path.join(dataDir, HISTORY_DIR);
  let folder: string | null = null;
  let history: string | null = null;
  const placed: NewVersion[] = [];
  try {
    for (const v of list) writeFlushed(tmp(v), v.bytes);
    const n = nextHistoryNumber(dataDir);
    ensureDir(root);
    folder = path.join(root, `${TMP_PREFIX}${n}`);
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder);
    for (const v of list) keepPrevious(abs(v), path.join(folder, v.file), v);
    fs.renameSync(folder, path.join(root, String(n)));
    history = path.join(root, String(n));
    folder = null;
    fsyncDir(root);
    for (const v of list) {
      // the previous version may be linked into history: its change time moved, nothing else may have
      if (!sameFile(fs.statSync(abs(v)), v.seen, false)) throw new StaleFileError(v.file);
      try {
        fs.renameSync(tmp(v), abs(v));
      } catch (e) {
        throw lockedFileError(e, abs(v)) ?? e;
      }
      placed.push(v);
    }
  } catch (e) {
    // each step is attempted whatever the others do; the error said is the first one
    const attempt = (f: () => void): boolean => {
      try {
        f();
        return true;
      } catch {
        return false;
      }
    };
    let whole = true;
    for (const v of placed) whole = putBack(path.join(history!, v.file), abs(v), tmp(v)) && whole;
    // the history entry is dropped only when every file is back (it may otherwise be the one copy)
    if (history && whole) attempt(() => fs.rmSync(history!, { recursive: true, force: true }));
    if (folder) attempt(() => fs.rmSync(folder!, { recursive: true, force: true }));
    for (const v of list) attempt(() => fs.rmSync(tmp(v), { force: true }));
    attempt(() => {
      if (fs.readdirSync(root).length === 0) fs.rmdirSync(root);
    });
    throw e instanceof StaleFileError ? e : (readOnlyFolderError(e, dataDir) ?? e);
  }
  const stats = new Map(list.map((v) => [v.file, fs.lstatSync(abs(v))]));
  return { changed: list.map((v) => v.file), history: path.join(HISTORY_DIR, path.basename(history)), stats };
}

function writeFlushed(file: string, bytes: Buffer | Chunks): void {
  // a temporary name: anything already there (a leftover, or a planted link) is removed, never written through
  fs.rmSync(file, { force: true });
  const fd = fs.openSync(file, 'wx');
  try {
    for (const b of Buffer.isBuffer(bytes) ? [bytes] : bytes) {
      let off = 0;
      while (off < b.length) off += fs.writeSync(fd, b, off, b.length - off);
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The previous version into the history folder: a hard link where possible, else a flushed copy;
 * refused when the file is no longer the one seen. The copy is made from bytes read and hashed
 * here: where links fail (FAT and exFAT drives) timestamps are coarse (2 s, 10 ms), so the
 * bytes themselves are compared with what the caller holds.
 */
function keepPrevious(file: string, dest: string, v: NewVersion): void {
  const before = fs.statSync(file);
  if (!sameFile(before, v.seen)) throw new StaleFileError(v.file);
  // a file with other links (or a symbolic link) could change under history's feet: copied
  if (before.nlink === 1 && !fs.lstatSync(file).isSymbolicLink()) {
    try {
      fs.linkSync(file, dest);
      if (!sameFile(fs.lstatSync(dest), v.seen, false)) throw new StaleFileError(v.file);
      return;
    } catch (e) {
      if (e instanceof StaleFileError) throw e;
      fs.rmSync(dest, { force: true }); // no links on this drive: copy
    }
  }
  const bytes = fs.readFileSync(file);
  if (v.previousHash !== undefined && fileHash(bytes) !== v.previousHash) throw new StaleFileError(v.file);
  writeFlushed(dest, bytes);
  if (!sameFile(fs.statSync(file), v.seen)) throw new StaleFileError(v.file);
}

/** A replaced file's previous version back in place from history (after a later file failed). */
function putBack(saved: string, file: string, tmp: string): boolean {
  try {
    fs.rmSync(tmp, { force: true });
    try {
      fs.linkSync(saved, tmp);
    } catch {
      fs.copyFileSync(saved, tmp);
    }
    fs.renameSync(tmp, file);
    return true;
  } catch {
    return false;
  }
}
