// Bytes as buffers in order (src/write/chunks.ts) and the hash resumed from kept states
// (sha256Marked): the same answers as one buffer and a hash of the whole.
import { createHash } from 'crypto';
import { chunksLength, chunksText, compactChunks, MAX_CHUNKS, sliceChunks } from '../../src/write/chunks';
import { MARK_STEP, sha256Marked } from '../../src/write/hash';

const whole = Buffer.from('甲乙丙丁 abc 戊己庚辛\n壬癸 xyz\n', 'utf8');
/** `b` as buffers ending at each offset of `at` (empty ones included). */
function cut(b: Buffer, at: number[]): Buffer[] {
  const ends = [...at, b.length];
  return ends.map((end, i) => b.subarray(i ? ends[i - 1] : 0, end));
}

describe('chunks', () => {
  const splits = [[], [3], [1, 2, 3], [5, 5, 17, 30], [whole.length]];
  test.each(splits.map((s) => [s]))('cut at %j: every range reads as from one buffer', (at) => {
    const c = cut(whole, at);
    expect(Buffer.concat(c)).toEqual(whole);
    expect(chunksLength(c)).toBe(whole.length);
    for (let a = 0; a <= whole.length; a += 3)
      for (let b = a; b <= whole.length; b += 3) {
        expect(Buffer.concat(sliceChunks(c, a, b))).toEqual(whole.subarray(a, b));
      }
    expect(chunksText(c, 0, 12)).toBe('甲乙丙丁');
    expect(chunksText(c, 0, whole.length)).toBe(whole.toString('utf8'));
  });

  test('past MAX_CHUNKS buffers are joined into one; empty ones dropped', () => {
    const many = Array.from({ length: MAX_CHUNKS + 1 }, (_, i) => Buffer.from([i % 256]));
    expect(compactChunks(many)).toEqual([Buffer.concat(many)]);
    expect(compactChunks([Buffer.from('a'), Buffer.alloc(0), Buffer.from('b')])).toEqual([Buffer.from('a'), Buffer.from('b')]);
  });
});

describe('sha256Marked', () => {
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const big = Buffer.alloc(3 * MARK_STEP + 12345);
  for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 11)) & 255;

  test('the hash of the whole; one kept state per MARK_STEP bytes', () => {
    const r = sha256Marked(big);
    expect(r.hash).toBe(sha(big));
    expect(r.marks.marks.length).toBe(4);
    expect(sha256Marked(Buffer.alloc(0)).hash).toBe(sha(Buffer.alloc(0)));
  });

  test.each([0, 5, MARK_STEP - 1, MARK_STEP, 2 * MARK_STEP + 7, big.length - 1])('bytes changed from %i on: resumed from the kept state before, the hash of the new bytes', (from) => {
    const first = sha256Marked(big);
    // new bytes: the same up to `from`, then different (and longer), given as several buffers
    const tail = Buffer.from(`新的内容${from}`.repeat(40), 'utf8');
    const next = [big.subarray(0, Math.floor(from / 2)), big.subarray(Math.floor(from / 2), from), tail, big.subarray(from + 1)];
    const r = sha256Marked(next, { marks: first.marks, from });
    expect(r.hash).toBe(sha(Buffer.concat(next)));
    // and again from the states it kept
    const again = [...next.slice(0, 3), Buffer.from('再改'), big.subarray(from + 1)];
    expect(sha256Marked(again, { marks: r.marks, from: from + tail.length }).hash).toBe(sha(Buffer.concat(again)));
    // the first states were not used up
    expect(sha256Marked(big, { marks: first.marks, from: big.length }).hash).toBe(sha(big));
  });
});
