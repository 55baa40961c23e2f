// A file's bytes as buffers in order: an edit of one part of a large file makes its new bytes
// from views of the old ones around the new part, without copying (and allocating) the whole
// file again. Written with one write per buffer, hashed buffer by buffer.
export type Chunks = readonly Buffer[];

/** More buffers than this are joined into one (a copy of the file, once in so many edits). */
export const MAX_CHUNKS = 256;

export function chunksLength(c: Chunks): number {
  let n = 0;
  for (const b of c) n += b.length;
  return n;
}

/** Views of bytes [a, b) (no copy). */
export function sliceChunks(c: Chunks, a: number, b: number): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  for (const buf of c) {
    const end = at + buf.length;
    if (end > a && at < b) out.push(buf.subarray(Math.max(a, at) - at, Math.min(b, end) - at));
    if (end >= b) break;
    at = end;
  }
  return out;
}

/** Bytes [a, b) decoded as UTF-8. */
export function chunksText(c: Chunks, a: number, b: number): string {
  const parts = sliceChunks(c, a, b);
  return parts.length === 1 ? parts[0].toString('utf8') : Buffer.concat(parts).toString('utf8');
}

/** One buffer when there are too many. */
export function compactChunks(c: Buffer[]): Buffer[] {
  return c.length > MAX_CHUNKS ? [Buffer.concat(c)] : c.filter((b) => b.length > 0);
}
