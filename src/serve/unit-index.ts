// Where each unit (a site, an account) of a large quick-read data file sits: in characters of
// its text and in bytes of the file. Found once per file by a scan of the lines that builds no
// values (tens of ms for a national accounts.yaml, where the quick reader's own unit spans
// cost a full read of 1–3 s), then moved by each saved edit's growth instead of found again.
// The spans are the quick reader's UnitSpan (src/load/fast-yaml.ts); test/serve/unit-index
// compares them.
import { fastParse, keyEndIn } from '../load/fast-yaml';

export interface UnitIndex {
  /** the text (without BOM) the offsets are for */
  text: string;
  /** the file has CRLF line ends */
  crlf: boolean;
  /** each list of units by its path (JSON of [key, …]) → unit number of each item (-1: not a unit) */
  lists: Map<string, number[]>;
  /** [start, end) of each unit's lines in the text, units in text order */
  starts: Float64Array;
  ends: Float64Array;
  /** byte offsets of each unit's [start, end) in the file (a BOM counted) */
  bytes: Float64Array;
  byteEnds: Float64Array;
  /** the text as flat strings in order: a new text is made of pieces of the old one around the
   *  new units, so that an edit does not copy (flatten) the old text */
  pieces: string[];
}

/** Where the units are, as scanned: offsets and the numbers of their first and after-last lines. */
interface Found {
  lists: Map<string, number[]>;
  starts: number[];
  ends: number[];
  startLines: number[];
  endLines: number[];
}

/**
 * The units at `depth` of a text the quick reader reads, for files shaped as the data files are:
 * mappings of keys down to one list of units per path. Lines inside a unit are passed over by
 * their indentation alone. Null for any other shape (a list above the units): the caller asks
 * the quick reader.
 */
export function scanUnits(text: string, depth: number): Found | null {
  const lists = new Map<string, number[]>();
  const starts: number[] = [];
  const ends: number[] = [];
  const startLines: number[] = [];
  const endLines: number[] = [];
  let line = -1;
  let lastLine = 0;
  // the keys above the current line, by indentation
  const fIndent: number[] = [];
  const fKey: string[] = [];
  let seqIndent = -1;
  let items: number[] = [];
  // dash column of the list item whose lines are being passed over (-1: none); whether it is a unit
  let inside = -1;
  let unit = false;
  let lastNext = 0;
  const len = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < len) {
    line++;
    let nl = text.indexOf('\n', pos);
    const next = nl < 0 ? len : nl + 1;
    if (nl < 0) nl = len;
    const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    let k = pos;
    while (k < end && text.charCodeAt(k) === 32) k++;
    // blank and comment-only lines belong to no unit's span unless content follows them in it
    if (k === end || text.charCodeAt(k) === 35) {
      pos = next;
      continue;
    }
    const indent = k - pos;
    if (inside >= 0) {
      if (indent > inside) {
        lastNext = next;
        lastLine = line;
        pos = next;
        continue;
      }
      if (unit) {
        ends.push(lastNext);
        endLines.push(lastLine + 1);
      }
      inside = -1;
    }
    if (text.charCodeAt(k) === 45 && (k + 1 === end || text.charCodeAt(k + 1) === 32)) {
      if (seqIndent !== indent) {
        if (seqIndent >= 0) return null;
        while (fIndent.length && fIndent[fIndent.length - 1] > indent) {
          fIndent.pop();
          fKey.pop();
        }
        if (fKey.length + 1 !== depth) return null;
        seqIndent = indent;
        const key = JSON.stringify(fKey);
        if (lists.has(key)) return null;
        items = [];
        lists.set(key, items);
      }
      let p = k + 1;
      while (p < end && text.charCodeAt(p) === 32) p++;
      // `- key: …` is a unit; any other item (a scalar) is passed over
      unit = p < end && keyEndIn(text, p, end) >= 0;
      items.push(unit ? starts.length : -1);
      if (unit) {
        starts.push(pos);
        startLines.push(line);
      }
      inside = indent;
      lastNext = next;
      lastLine = line;
    } else {
      const q = keyEndIn(text, k, end);
      if (q < 0) return null;
      if (seqIndent >= indent) seqIndent = -1;
      while (fIndent.length && fIndent[fIndent.length - 1] >= indent) {
        fIndent.pop();
        fKey.pop();
      }
      fIndent.push(indent);
      fKey.push(text.slice(k, q));
    }
    pos = next;
  }
  if (inside >= 0 && unit) {
    ends.push(lastNext);
    endLines.push(lastLine + 1);
  }
  return { lists, starts, ends, startLines, endLines };
}

/**
 * The index of `text` (a quick-read file's text, without BOM) and `bytes` (the file's bytes, its
 * text encoded, with a BOM if `bom`), or null when the quick reader does not read the text.
 */
export function buildUnitIndex(text: string, depth: number, bom: boolean, bytes?: Buffer): UnitIndex | null {
  const found = scanUnits(text, depth) ?? fromQuickReader(text, depth);
  if (!found) return null;
  const buf = bytes ?? Buffer.from((bom ? '\ufeff' : '') + text, 'utf8');
  // byte offsets by line: the n-th line starts after the n-th \n in the bytes as in the text
  // (a \n byte is never inside a UTF-8 sequence)
  const n = found.starts.length;
  const starts = new Float64Array(n);
  const byteEnds = new Float64Array(n);
  let line = 0;
  let at = bom ? 3 : 0;
  const byteOfLine = (l: number): number => {
    while (line < l) {
      const nl = buf.indexOf(10, at);
      at = nl < 0 ? buf.length : nl + 1;
      line++;
    }
    return at;
  };
  for (let i = 0; i < n; i++) {
    starts[i] = byteOfLine(found.startLines[i]);
    byteEnds[i] = byteOfLine(found.endLines[i]);
  }
  return { text, crlf: text.includes('\r\n'), lists: found.lists, starts: Float64Array.from(found.starts), ends: Float64Array.from(found.ends), bytes: starts, byteEnds, pieces: [text] };
}

/** The unit number of the unit at `path` (its list's path, then its index), or undefined. */
export function unitAt(ix: UnitIndex, path: readonly (string | number)[]): number | undefined {
  const i = path[path.length - 1];
  const items = ix.lists.get(JSON.stringify(path.slice(0, -1)));
  if (!items || typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= items.length || items[i] < 0) return undefined;
  return items[i];
}

/** The same from the quick reader's unit spans (a shape the scan leaves to it). */
function fromQuickReader(text: string, depth: number): Found | null {
  const r = fastParse(text, { units: true });
  if (!r) return null;
  const us = r.units.filter((u) => u.path.length === depth).sort((a, b) => a.start - b.start);
  const lists = new Map<string, number[]>();
  us.forEach((u, k) => {
    const key = JSON.stringify(u.path.slice(0, -1));
    const items = lists.get(key) ?? [];
    const i = u.path[depth - 1] as number;
    while (items.length <= i) items.push(-1);
    items[i] = k;
    lists.set(key, items);
  });
  // line numbers of ascending offsets, in one pass
  let l = 0;
  let p = text.indexOf('\n');
  const lineOf = (off: number): number => {
    while (p >= 0 && p < off) {
      l++;
      p = text.indexOf('\n', p + 1);
    }
    return l;
  };
  const lines = us.map((u) => [lineOf(u.start), lineOf(u.end)]);
  return { lists, starts: us.map((u) => u.start), ends: us.map((u) => u.end), startLines: lines.map((x) => x[0]), endLines: lines.map((x) => x[1]) };
}

/** Pieces of more than this many strings are joined into one (a copy of the text, once in so many edits). */
const MAX_PIECES = 256;

/**
 * The text with [start, end) ranges (ascending, apart) replaced: its pieces, and the string they
 * make (a rope V8 flattens only when something reads it).
 */
export function spliceText(ix: UnitIndex, patches: readonly { start: number; end: number; text: string }[]): { text: string; pieces: string[] } {
  let pieces: string[] = [];
  let pi = 0;
  let pStart = 0; // offset of ix.pieces[pi] in the old text
  // the old text's [a, b) as pieces (a is never before the previous call's b)
  const old = (a: number, b: number): void => {
    while (a < b) {
      while (pStart + ix.pieces[pi].length <= a) pStart += ix.pieces[pi++].length;
      const piece = ix.pieces[pi];
      const to = Math.min(b, pStart + piece.length);
      pieces.push(a === pStart && to === pStart + piece.length ? piece : piece.slice(a - pStart, to - pStart));
      a = to;
    }
  };
  let cut = 0;
  for (const p of patches) {
    old(cut, p.start);
    if (p.text) pieces.push(p.text);
    cut = p.end;
  }
  old(cut, ix.text.length);
  let text = '';
  for (const s of pieces) text += s;
  if (pieces.length > MAX_PIECES) {
    text.charCodeAt(0); // flattens the rope
    pieces = [text];
  }
  return { text, pieces };
}

/** After units `moved[i].unit` grew by `chars`/`bytes`: every later unit moves by what the earlier ones grew. */
export function moveUnits(ix: UnitIndex, moved: { unit: number; chars: number; bytes: number }[], text: string, pieces: string[]): void {
  const list = [...moved].sort((a, b) => a.unit - b.unit);
  let dc = 0;
  let db = 0;
  let j = 0;
  for (let u = list.length ? list[0].unit : ix.starts.length; u < ix.starts.length; u++) {
    ix.starts[u] += dc;
    ix.bytes[u] += db;
    if (j < list.length && list[j].unit === u) {
      dc += list[j].chars;
      db += list[j].bytes;
      j++;
    }
    ix.ends[u] += dc;
    ix.byteEnds[u] += db;
  }
  ix.text = text;
  ix.pieces = pieces;
}
