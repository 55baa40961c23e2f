// A quick reader for the way the data files are written (block mappings and lists, plain or
// quoted one-line scalars, one-line [lists], comments): the same values the yaml package reads,
// at a fraction of the time and memory a national round (150,000 accounts) costs the full
// parser. Optionally it also gives where each unit's text is (import, serve) and where every
// key and value starts (error positions, the same offsets as the yaml package's node ranges).
// Anything outside that subset — anchors, tags, block scalars, multi-line values, {maps},
// duplicate keys, tabs, directives — returns null and the caller uses the full parser.
// test/load/fast-yaml.test.ts proves values and positions equal to the yaml package's.

/** A unit (list item that is a mapping) at `path`: its text from its line start to after its last line. */
export interface UnitSpan {
  path: (string | number)[];
  start: number;
  end: number;
}

export interface FastOptions {
  /** record unit spans (default true) */
  units?: boolean;
  /** record the offset of every key and value (default false) */
  positions?: boolean;
}

/**
 * Offsets, per mapping: [key0, value0, key1, value1, …] in key order (Object.keys: keys are
 * identifiers, never integer-like, so that order is insertion order); per list: [item0, …].
 * A value's offset is its node's range start in the yaml package.
 * A Map, not a WeakMap: the index holds its data (every key) anyway, and a WeakMap of a national
 * file's 300,000 nodes makes each garbage collection trace them as ephemerons (the first error
 * message in a national round: about 0.6 s of CPU more).
 */
export type Positions = Map<object, number[]>;

export interface FastParsed {
  data: unknown;
  units: UnitSpan[];
  /** with `positions`: offsets of keys and values, and of the root node */
  positions: Positions | null;
  rootOffset: number;
}

class Bail extends Error {}

/** plain values up to this many characters are shared within a file */
const SHORT = 6;
const BAIL = new Bail();

const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['true', 'True', 'TRUE']);
const FALSES = new Set(['false', 'False', 'FALSE']);
const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INF = /^[-+]?\.(inf|Inf|INF)$/;
const NAN = /^\.(nan|NaN|NAN)$/;

/** Characters a non-string plain scalar can start with (null, booleans, numbers). */
function mayResolve(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70;
}

/** A plain scalar's value under the YAML 1.2 core schema. */
function plainValue(s: string): unknown {
  if (s === '' || !mayResolve(s.charCodeAt(0))) return s;
  if (NULLS.has(s)) return null;
  if (TRUES.has(s)) return true;
  if (FALSES.has(s)) return false;
  if (INT.test(s)) return Number(s);
  if (OCT.test(s)) return parseInt(s.slice(2), 8);
  if (HEX.test(s)) return parseInt(s.slice(2), 16);
  if (FLOAT.test(s)) return Number(s);
  if (INF.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (NAN.test(s)) return NaN;
  return s;
}

const ESC: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0', a: '\x07', e: '\x1b', v: '\v', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029', ' ': ' ' };

// plain scalars may not start with these (c-indicators; quotes and [ are handled before)
const NOT_PLAIN_START = new Set([38, 42, 33, 124, 62, 37, 64, 96, 123, 125, 63, 44, 93, 35]); // & * ! | > % @ ` { } ? , ] #

/** End of an identifier key `[A-Za-z_][A-Za-z0-9_-]*` at p in `text` followed by `:` and a space or the line end; -1 if none. */
export function keyEndIn(text: string, p: number, end: number): number {
  let c = text.charCodeAt(p);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return -1;
  let q = p + 1;
  for (; q < end; q++) {
    c = text.charCodeAt(q);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45)) break;
  }
  if (q >= end || c !== 58 /* : */) return -1;
  if (q + 1 < end && text.charCodeAt(q + 1) !== 32) return -1;
  return q;
}

/**
 * Values and unit spans of a data file's text, or null when it uses YAML this reader leaves
 * to the full parser. A BOM is skipped (offsets count it).
 */
export function fastParse(text: string, options: FastOptions = {}): FastParsed | null {
  const wantUnits = options.units !== false;
  const positions: Positions | null = options.positions ? new Map() : null;
  // content lines (not blank, not comment-only) as columns of numbers: a national file has
  // hundreds of thousands, and objects for them would outlive the young generation
  let count = 1;
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) count++;
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  const nexts = new Int32Array(count);
  const indents = new Int32Array(count);
  let n = 0;
  const len = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < len) {
    let nl = text.indexOf('\n', pos);
    const next = nl < 0 ? len : nl + 1;
    if (nl < 0) nl = len;
    const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    let k = pos;
    while (k < end && text.charCodeAt(k) === 32) k++;
    const c = k < end ? text.charCodeAt(k) : -1;
    if (c === 9) return null; // a tab in the indentation, or a line of only a tab
    if (c !== -1 && c !== 35 /* # */) {
      starts[n] = pos;
      ends[n] = end;
      nexts[n] = next;
      indents[n] = k - pos;
      n++;
    }
    pos = next;
  }
  const lineCount = n;
  const units: UnitSpan[] = [];
  const path: (string | number)[] = [];
  const short = new Map<string, unknown>();
  let li = 0;

  function isDash(line: number, col: number): boolean {
    const p = starts[line] + col;
    return text.charCodeAt(p) === 45 && (p + 1 === ends[line] || text.charCodeAt(p + 1) === 32);
  }

  function keyEnd(p: number, end: number): number {
    return keyEndIn(text, p, end);
  }

  /** After a value ending at p: only spaces and a comment may follow on the line. */
  function restIsComment(p: number, end: number): boolean {
    if (p === end) return true;
    const c = text.charCodeAt(p);
    if (c !== 32 && c !== 9) return false;
    while (p < end && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
    return p === end || text.charCodeAt(p) === 35;
  }

  let scalarEnd = 0;
  /** A one-line scalar starting at p; its end goes to scalarEnd. */
  function scalarAt(p: number, end: number, flow: boolean): unknown {
    const c = text.charCodeAt(p);
    if (c === 34 /* " */) {
      // whole runs between escapes are sliced, not added a character at a time
      let out = '';
      let j = p + 1;
      for (;;) {
        let k = j;
        while (k < end) {
          const ch = text.charCodeAt(k);
          if (ch === 34 || ch === 92) break;
          k++;
        }
        if (k >= end) throw BAIL;
        if (k > j) out = out ? out + text.slice(j, k) : text.slice(j, k);
        j = k;
        if (text.charCodeAt(j) === 34) {
          scalarEnd = j + 1;
          return out;
        }
        const e = text[j + 1];
        if (e === 'x' || e === 'u' || e === 'U') {
          const m = e === 'x' ? 2 : e === 'u' ? 4 : 8;
          const hex = text.slice(j + 2, j + 2 + m);
          if (hex.length !== m || j + 2 + m > end || !/^[0-9a-fA-F]+$/.test(hex)) throw BAIL;
          out += String.fromCodePoint(parseInt(hex, 16));
          j += 2 + m;
          continue;
        }
        if (j + 1 >= end || !Object.hasOwn(ESC, e)) throw BAIL;
        out += ESC[e];
        j += 2;
      }
    }
    if (c === 39 /* ' */) {
      let out = '';
      let j = p + 1;
      for (;;) {
        const k = text.indexOf("'", j);
        if (k < 0 || k >= end) throw BAIL;
        out += text.slice(j, k);
        if (k + 1 < end && text.charCodeAt(k + 1) === 39) {
          out += "'";
          j = k + 2;
          continue;
        }
        scalarEnd = k + 1;
        return out;
      }
    }
    if (NOT_PLAIN_START.has(c) || (c === 45 && (p + 1 === end || text.charCodeAt(p + 1) === 32)) || c === 91 || c === 9) throw BAIL;
    // plain: up to a comment, or (in a flow list) a comma or bracket
    let j = p;
    while (j < end) {
      const ch = text.charCodeAt(j);
      if (ch === 35 && (text.charCodeAt(j - 1) === 32 || text.charCodeAt(j - 1) === 9)) break;
      if (ch === 9) throw BAIL;
      if (flow && (ch === 44 || ch === 93 || ch === 91 || ch === 123 || ch === 125)) break;
      if (ch === 58 && (j + 1 === end || text.charCodeAt(j + 1) === 32 || (flow && (text.charCodeAt(j + 1) === 44 || text.charCodeAt(j + 1) === 93)))) throw BAIL;
      j++;
    }
    while (j > p && text.charCodeAt(j - 1) === 32) j--;
    scalarEnd = j;
    if (j - p <= SHORT) {
      // short values repeat (合格, 不合格: three per account): one string each, not one per use
      const raw = text.slice(p, j);
      let v = short.get(raw);
      if (v === undefined && !short.has(raw)) {
        v = plainValue(raw);
        if (short.size < 4096) short.set(raw, v);
      }
      return v;
    }
    return plainValue(text.slice(p, j));
  }

  /** A value written on the line at p: a scalar or a one-line [list]. */
  function inlineValue(p: number, end: number): unknown {
    if (text.charCodeAt(p) === 91 /* [ */) {
      const items: unknown[] = [];
      const at: number[] | null = positions ? [] : null;
      let j = p + 1;
      while (j < end && text.charCodeAt(j) === 32) j++;
      if (text.charCodeAt(j) === 93) j++;
      else {
        for (;;) {
          while (j < end && text.charCodeAt(j) === 32) j++;
          if (j >= end) throw BAIL;
          if (at) at.push(j);
          items.push(scalarAt(j, end, true));
          j = scalarEnd;
          while (j < end && text.charCodeAt(j) === 32) j++;
          const c = text.charCodeAt(j);
          if (c === 44) {
            j++;
            while (j < end && text.charCodeAt(j) === 32) j++;
            if (text.charCodeAt(j) === 93) throw BAIL;
            continue;
          }
          if (c === 93) {
            j++;
            break;
          }
          throw BAIL;
        }
      }
      if (!restIsComment(j, end)) throw BAIL;
      if (at) positions!.set(items, at);
      return items;
    }
    const v = scalarAt(p, end, false);
    if (!restIsComment(scalarEnd, end)) throw BAIL;
    return v;
  }

  // a block collection whose first line is lines[li], at column `indent`
  function block(indent: number): unknown {
    if (li >= lineCount || indents[li] !== indent) throw BAIL;
    if (isDash(li, indent)) return seq(indent);
    return map(indent, starts[li] + indent);
  }

  let valueOffset = 0;
  /** A value after `key:` or `-` ending at p on the current line, or a nested block below it; its offset goes to valueOffset. */
  function valueAfter(p: number, ownerIndent: number, allowSameIndentSeq: boolean): unknown {
    const end = ends[li];
    while (p < end && text.charCodeAt(p) === 32) p++;
    if (p < end && text.charCodeAt(p) !== 35) {
      valueOffset = p;
      const v = inlineValue(p, end);
      li++;
      // a scalar continued on the next line (multi-line plain) is for the full parser
      if (li < lineCount && indents[li] > ownerIndent) throw BAIL;
      return v;
    }
    // nothing on the line: a block below, or null (which the yaml package places after the spaces)
    while (p < end && text.charCodeAt(p) === 9) p++;
    const empty = p;
    li++;
    if (li < lineCount && (indents[li] > ownerIndent || (allowSameIndentSeq && indents[li] === ownerIndent && isDash(li, ownerIndent)))) {
      const at = starts[li] + indents[li];
      const v = block(indents[li]);
      valueOffset = at; // after the block: its own values set valueOffset on the way
      return v;
    }
    valueOffset = empty;
    return null;
  }

  /** A mapping at column `indent`; its first key is at offset `first` (after "- " for a unit). */
  function map(indent: number, first: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const at: number[] | null = positions ? [] : null;
    let p = first;
    for (;;) {
      const end = ends[li];
      const k = keyEnd(p, end);
      if (k < 0) throw BAIL;
      const key = text.slice(p, k);
      if (key === '__proto__' || Object.hasOwn(out, key)) throw BAIL;
      if (wantUnits) path.push(key);
      const v = valueAfter(k + 1, indent, true);
      if (wantUnits) path.pop();
      out[key] = v;
      if (at) at.push(p, valueOffset);
      if (li >= lineCount || indents[li] !== indent) {
        if (li < lineCount && indents[li] > indent) throw BAIL;
        break;
      }
      if (isDash(li, indent)) break;
      p = starts[li] + indent;
    }
    if (at) positions!.set(out, at);
    return out;
  }

  function seq(indent: number): unknown[] {
    const out: unknown[] = [];
    const at: number[] | null = positions ? [] : null;
    while (li < lineCount && indents[li] === indent && isDash(li, indent)) {
      const end = ends[li];
      let p = starts[li] + indent + 1;
      while (p < end && text.charCodeAt(p) === 32) p++;
      if (p < end && keyEnd(p, end) >= 0) {
        // - key: value … : a unit
        const start = starts[li];
        if (at) at.push(p);
        if (wantUnits) path.push(out.length);
        out.push(map(p - starts[li], p));
        if (wantUnits) {
          units.push({ path: path.slice(), start, end: nexts[li - 1] });
          path.pop();
        }
      } else {
        if (wantUnits) path.push(out.length);
        out.push(valueAfter(starts[li] + indent + 1, indent, false));
        if (wantUnits) path.pop();
        if (at) at.push(valueOffset);
      }
    }
    if (li < lineCount && indents[li] > indent) throw BAIL;
    if (at) positions!.set(out, at);
    return out;
  }

  try {
    if (!lineCount || indents[0] !== 0) return null;
    const data = block(0);
    if (li !== lineCount) return null;
    return { data, units, positions, rootOffset: starts[0] };
  } catch (e) {
    if (e instanceof Bail || e instanceof RangeError) return null; // RangeError: nesting past the stack
    throw e;
  }
}

/** After the closing quote of the one-line quoted scalar at `start`; null when it is not quoted. */
export function quotedEnd(text: string, start: number): number | null {
  const q = text.charCodeAt(start);
  if (q === 34) {
    for (let j = start + 1; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 92) j++;
      else if (c === 34) return j + 1;
    }
  } else if (q === 39) {
    for (let j = start + 1; j < text.length; j++) {
      if (text.charCodeAt(j) !== 39) continue;
      if (text.charCodeAt(j + 1) === 39) j++;
      else return j + 1;
    }
  }
  return null;
}
