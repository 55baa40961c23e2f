// Saving edits to a round's data files: refuse when a file changed on disk since the caller
// read it, keep the previous versions in DATA_DIR/history/<n>/, write each file atomically.
import * as fs from 'fs';
import * as path from 'path';
import { sha256 } from '../write/hash';
import { writeFileAtomic } from '../write/atomic';
import { archiveToHistory } from '../write/output-set';
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
  const texts = new Map<DataFileName, string>();
  const hashes: Partial<Record<DataFileName, string>> = {};
  // Everything is read, checked and computed before anything is written.
  for (const f of [...files].sort()) {
    const bytes = fs.readFileSync(path.join(dataDir, f));
    const hash = fileHash(bytes);
    const expected = opts.expectedHashes?.[f];
    if (expected !== undefined && expected !== hash) throw new StaleFileError(f);
    const before = bytes.toString('utf8');
    const after = next(f, before);
    hashes[f] = hash;
    if (after !== before) texts.set(f, after);
  }
  const changed = [...texts.keys()];
  if (!changed.length) return { changed, history: null, hashes };
  const history = archiveToHistory(dataDir, changed);
  for (const [f, text] of texts) {
    const bytes = Buffer.from(text, 'utf8');
    writeFileAtomic(path.join(dataDir, f), bytes);
    hashes[f] = fileHash(bytes);
  }
  return { changed, history, hashes };
}
