// A quick reader for the way sites.yaml and accounts.yaml are written (block mappings and
// lists, plain or quoted one-line scalars, one-line [lists], comments): the same values the
// yaml package reads, plus where each unit's text is, at a fraction of the time and memory a
// national round (150,000 accounts) costs the full parser. Anything outside that subset —
// anchors, tags, block scalars, multi-line values, {maps}, duplicate keys, tabs — returns null
// and the caller uses the full parser.

/** A unit (list item that is a mapping) at `path`: its text from its line start to after its last line. */
export interface UnitSpan {
  path: (string | number)[];
  start: number;
  end: number;
}

class Bail extends Error {}

const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['true', 'True', 'TRUE']);
const FALSES = new Set(['false', 'False', 'FALSE']);
const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INF = /^[-+]?\.(inf|Inf|INF)$/;
const NAN = /^\.(nan|NaN|NAN)$/;

/** A plain scalar's value under the YAML 1.2 core schema. */
function plainValue(s: string): unknown {
  if (s === '' || NULLS.has(s)) return null;
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

/** A string as one piece of its own: no chain of concatenations, no view into the file's text
 *  (which would keep the whole text alive for one short name). */
function flat(x: string): string {
  return x.length ? (' ' + x).slice(1) : x;
}

/** A one-line scalar starting at `s[i]`; returns its value and where it ends. */
function scalarAt(s: string, i: number, flow: boolean): { value: unknown; end: number } {
  const c = s[i];
  if (c === '"') {
    // whole runs between escapes are sliced, not added a character at a time (which would
    // leave a national round's names as long chains of string pieces)
    let out = '';
    let j = i + 1;
    for (;;) {
      if (j >= s.length) throw new Bail();
      let k = j;
      while (k < s.length && s[k] !== '"' && s[k] !== '\\') k++;
      if (k > j) {
        out = out ? out + s.slice(j, k) : s.slice(j, k);
        j = k;
        continue;
      }
      const ch = s[j];
      if (ch === '"') return { value: flat(out), end: j + 1 };
      if (ch === '\\') {
        const e = s[j + 1];
        if (e === 'x' || e === 'u' || e === 'U') {
          const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
          const hex = s.slice(j + 2, j + 2 + n);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) throw new Bail();
          out += String.fromCodePoint(parseInt(hex, 16));
          j += 2 + n;
          continue;
        }
        if (!(e in ESC)) throw new Bail();
        out += ESC[e];
        j += 2;
        continue;
      }
      out += ch;
      j++;
    }
  }
  if (c === "'") {
    let out = '';
    let j = i + 1;
    for (;;) {
      if (j >= s.length) throw new Bail();
      const k = s.indexOf("'", j);
      if (k < 0) throw new Bail();
      out += s.slice(j, k);
      if (s[k + 1] === "'") {
        out += "'";
        j = k + 2;
        continue;
      }
      return { value: flat(out), end: k + 1 };
    }
  }
  if ('&*!|>%@`{}?'.includes(c) || (c === '-' && (s[i + 1] === ' ' || i + 1 === s.length)) || (flow && c === '[')) throw new Bail();
  // plain: up to a comment, or (in a flow list) a comma or bracket
  let j = i;
  while (j < s.length) {
    const ch = s[j];
    if (ch === '#' && (s[j - 1] === ' ' || s[j - 1] === '\t')) break;
    if (flow && (ch === ',' || ch === ']' || ch === '[' || ch === '{' || ch === '}')) break;
    if (ch === ':' && (j + 1 === s.length || s[j + 1] === ' ' || (flow && s[j + 1] === ','))) throw new Bail();
    j++;
  }
  const raw = s.slice(i, j).replace(/[ \t]+$/, '');
  return { value: plainValue(flat(raw)), end: i + raw.length };
}

/** After a value: only spaces and a comment may follow on the line. */
function restIsComment(s: string, i: number): boolean {
  const rest = s.slice(i);
  return /^[ \t]*(#.*)?$/.test(rest) && (!rest.trimStart().startsWith('#') || /^[ \t]/.test(rest) || rest === '');
}

function inlineValue(s: string, i: number): unknown {
  if (s[i] === '[') {
    const items: unknown[] = [];
    let j = i + 1;
    const skip = () => {
      while (s[j] === ' ') j++;
    };
    skip();
    if (s[j] === ']') j++;
    else {
      for (;;) {
        skip();
        const v = scalarAt(s, j, true);
        items.push(v.value);
        j = v.end;
        skip();
        if (s[j] === ',') {
          j++;
          skip();
          if (s[j] === ']') throw new Bail();
          continue;
        }
        if (s[j] === ']') {
          j++;
          break;
        }
        throw new Bail();
      }
    }
    if (!restIsComment(s, j)) throw new Bail();
    return items;
  }
  const v = scalarAt(s, i, false);
  if (!restIsComment(s, v.end)) throw new Bail();
  return v.value;
}

/**
 * Values and unit spans of a data file's text, or null when it uses YAML this reader leaves
 * to the full parser. A BOM is skipped (offsets count it).
 */
export function fastParse(text: string): { data: unknown; units: UnitSpan[] } | null {
  // content lines (not blank, not comment-only) as columns of numbers: a national file has
  // hundreds of thousands, and objects for them would outlive the young generation
  let count = 0;
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) count++;
  count++;
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  const nexts = new Int32Array(count);
  const indents = new Int32Array(count);
  let n = 0;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    const next = nl < 0 ? text.length : nl + 1;
    if (nl < 0) nl = text.length;
    const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    let k = pos;
    while (k < end && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    if (k < end && text.charCodeAt(k) !== 35 /* # */) {
      for (let q = pos; q < k; q++) if (text.charCodeAt(q) === 9) return null;
      starts[n] = pos;
      ends[n] = end;
      nexts[n] = next;
      indents[n] = k - pos;
      n++;
    } else if (k < end && text.charCodeAt(pos) === 9) return null;
    pos = next;
  }
  const lineCount = n;
  const lineText = (i: number) => text.slice(starts[i], ends[i]);
  const units: UnitSpan[] = [];
  let li = 0;

  // a block collection whose first line is lines[li], at column `indent`
  function block(indent: number, path: (string | number)[]): unknown {
    if (li >= lineCount || indents[li] !== indent) throw new Bail();
    if (isDash(lineText(li), indent)) return seq(indent, path);
    return map(indent, path, indent);
  }

  function isDash(s: string, col: number): boolean {
    return s[col] === '-' && (s.length === col + 1 || s[col + 1] === ' ');
  }

  /** A value after `key:` or `- ` at `col` of the current line, or a nested block below it. */
  function valueAfter(l: string, col: number, ownerIndent: number, path: (string | number)[], allowSameIndentSeq: boolean): unknown {
    while (l[col] === ' ') col++;
    if (col < l.length && l[col] !== '#') {
      const v = inlineValue(l, col);
      li++;
      // a scalar continued on the next line (multi-line plain) is for the full parser
      if (li < lineCount && indents[li] > ownerIndent) throw new Bail();
      return v;
    }
    li++;
    if (li < lineCount && (indents[li] > ownerIndent || (allowSameIndentSeq && indents[li] === ownerIndent && isDash(lineText(li), ownerIndent)))) return block(indents[li], path);
    return null;
  }

  function map(indent: number, path: (string | number)[], firstCol: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let col = firstCol;
    let first = true;
    for (;;) {
      if (li >= lineCount) break;
      if (!first && indents[li] !== indent) break;
      first = false;
      const l = lineText(li);
      const m = /^([A-Za-z_][A-Za-z0-9_-]*):(?= |$)/.exec(l.slice(col));
      if (!m) throw new Bail();
      const key = m[1];
      if (Object.hasOwn(out, key)) throw new Bail();
      out[key] = valueAfter(l, col + m[0].length, indent, [...path, key], true);
      col = indent;
      if (li < lineCount && indents[li] > indent) throw new Bail();
      if (li >= lineCount || indents[li] < indent || isDash(lineText(li), indent)) break;
    }
    return out;
  }

  function seq(indent: number, path: (string | number)[]): unknown[] {
    const out: unknown[] = [];
    while (li < lineCount && indents[li] === indent && isDash(lineText(li), indent)) {
      const l = lineText(li);
      let col = indent + 1;
      while (l[col] === ' ') col++;
      const p = [...path, out.length];
      if (col < l.length && l[col] !== '#' && /^[A-Za-z_][A-Za-z0-9_-]*:(?= |$)/.test(l.slice(col))) {
        // - key: value … : a unit
        const start = starts[li];
        out.push(map(col, p, col));
        units.push({ path: p, start, end: nexts[li - 1] });
      } else {
        out.push(valueAfter(l, col, indent, p, false));
      }
    }
    if (li < lineCount && indents[li] > indent) throw new Bail();
    return out;
  }

  try {
    if (!lineCount) return null;
    const data = block(0, []);
    if (li !== lineCount) return null;
    return { data, units };
  } catch (e) {
    if (e instanceof Bail) return null;
    throw e;
  }
}
