// SHA-256 of bytes and files, as lowercase hex (what sha256sum and certutil print).
import { createHash } from 'crypto';
import type { Hash } from 'crypto';
import { chunksLength, sliceChunks } from './chunks';
import type { Chunks } from './chunks';
import { createReadStream } from 'fs';

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Streams the file, so a large workbook is never held in memory just to be hashed. */
export function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    let size = 0;
    createReadStream(file)
      .on('data', (chunk) => {
        size += chunk.length;
        h.update(chunk);
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: h.digest('hex'), size }));
  });
}

/**
 * sha256 of bytes, keeping the hash's state every `STEP` bytes: bytes that differ from a
 * previous version only from `from` on are hashed again from the last kept state before
 * `from` (an edit near the end of a 19 MB file hashes a few MB, not 19).
 */
export interface HashMarks {
  /** marks[k]: the state after the first k × MARK_STEP bytes (never updated: copied first) */
  marks: Hash[];
}
export const MARK_STEP = 1 << 20;

export function sha256Marked(data: Buffer | Chunks, previous?: { marks: HashMarks; from: number }): { hash: string; marks: HashMarks } {
  const chunks: Chunks = Buffer.isBuffer(data) ? [data] : data;
  const length = chunksLength(chunks);
  let marks: Hash[];
  let pos: number;
  if (previous && previous.marks.marks.length) {
    const k = Math.min(Math.floor(previous.from / MARK_STEP), previous.marks.marks.length - 1);
    marks = previous.marks.marks.slice(0, k + 1);
    pos = k * MARK_STEP;
  } else {
    marks = [createHash('sha256')];
    pos = 0;
  }
  const h = marks[marks.length - 1].copy();
  while (pos + MARK_STEP <= length) {
    for (const b of sliceChunks(chunks, pos, pos + MARK_STEP)) h.update(b);
    pos += MARK_STEP;
    marks.push(h.copy());
  }
  for (const b of sliceChunks(chunks, pos, length)) h.update(b);
  return { hash: h.digest('hex'), marks: { marks } };
}
