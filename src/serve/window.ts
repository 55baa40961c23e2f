// Editing one unit of a large data file without parsing the whole file again. The server keeps
// each file parsed (with positions); an edit inside one unit (a site or an account, an item of
// a block sequence) is applied by src/edit to that unit's lines alone, the lines are spliced
// back, and the kept document is patched: the unit's node replaced, every later position moved.
// The result is what a full parse would give (a test compares them); whenever the shape does
// not allow it (flow style, an edit of a whole unit or of anything above units) the caller
// falls back to applying the edit to the whole text.
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node, YAMLSeq } from 'yaml';
import { applyEdits } from '../edit';
import type { DataFileName, Edit } from '../edit';
import { fastParse } from '../load/fast-yaml';
import type { ParsedRoundFile } from '../load/round';
import { isQuickRead, quickSourceFile } from '../load/yaml-file';

/** How deep the units sit in each file: sites.yaml level › i, accounts.yaml platform › level › i. */
const UNIT_DEPTH: Partial<Record<DataFileName, number>> = { 'sites.yaml': 2, 'accounts.yaml': 3 };

export interface UnitWindow {
  /** the sequence holding the unit, in the kept document */
  seq: YAMLSeq;
  index: number;
  /** [start, end) in the file's text (without BOM): the unit's whole lines */
  start: number;
  end: number;
}

/** Where the unit an edit falls in sits in the text, or null when the edit is not inside one unit. */
export function unitWindow(parsed: ParsedRoundFile, file: DataFileName, edit: Edit): UnitWindow | null {
  const depth = UNIT_DEPTH[file];
  // an edit of the unit itself (delete, insert, set of the whole item) changes the sequence
  if (!depth || edit.path.length <= depth || parsed.diagnostics.length || !parsed.file) return null;
  let node: unknown = parsed.file.doc.contents;
  for (let i = 0; i < depth - 1; i++) {
    if (!isMap(node)) return null;
    const seg = edit.path[i];
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
    node = pair?.value;
  }
  const index = edit.path[depth - 1];
  if (!isSeq(node) || node.flow || typeof index !== 'number' || !Number.isInteger(index)) return null;
  const item = node.items[index] as Node | undefined;
  if (!item || !isMap(item) || item.flow || !item.range) return null;
  const text = parsed.file.text;
  const lineStart = text.lastIndexOf('\n', item.range[0] - 1) + 1;
  // the item must begin its own line as `- key: …`
  if (!/^[ ]*-[ ]+$/.test(text.slice(lineStart, item.range[0]))) return null;
  const next = node.items[index + 1] as Node | undefined;
  let end: number;
  if (next?.range) end = text.lastIndexOf('\n', next.range[0] - 1) + 1;
  else {
    // the last item: up to the end of the line where its content ends
    const last = lastContent(item);
    const nl = text.indexOf('\n', last);
    end = nl < 0 ? text.length : nl + 1;
  }
  if (end <= item.range[0]) return null;
  return { seq: node, index, start: lineStart, end };
}

function lastContent(n: Node): number {
  if (isMap(n) && !n.flow && n.items.length) {
    const last = n.items[n.items.length - 1];
    const v = last.value as Node | null;
    return v?.range ? lastContent(v) : ((last.key as Node).range?.[1] ?? n.range![1]);
  }
  if (isSeq(n) && !n.flow && n.items.length) return lastContent(n.items[n.items.length - 1] as Node);
  return n.range![1];
}

function shiftNode(node: unknown, from: number, delta: number): void {
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  if (n.range) {
    const r = n.range as [number, number, number];
    if (r[0] >= from) r[0] += delta;
    if (r[1] >= from) r[1] += delta;
    if (r[2] >= from) r[2] += delta;
  }
  if (isMap(n) || isSeq(n)) {
    for (const it of n.items as unknown[]) {
      if (isPair(it)) {
        shiftNode(it.key, from, delta);
        shiftNode(it.value, from, delta);
      } else shiftNode(it, from, delta);
    }
  }
}

export function lineCounterOf(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}

/**
 * Apply edits that all fall inside units of `parsed`, patching `parsed` in place to what a
 * fresh parse of the new text gives. Returns the new text of the file (BOM kept), or null
 * (nothing changed in `parsed`) when some edit is not of that kind.
 */
export function applyInUnits(parsed: ParsedRoundFile, file: DataFileName, raw: string, edits: readonly Edit[]): string | null {
  const bom = raw.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  if (!parsed.file || raw.slice(bom.length) !== parsed.file.text) return null;
  const windows = edits.map((e) => unitWindow(parsed, file, e));
  if (windows.some((w) => !w)) return null;
  // Group edits by unit; units are patched from the end of the file so earlier offsets hold.
  const groups = new Map<number, { w: UnitWindow; edits: Edit[] }>();
  edits.forEach((e, i) => {
    const w = windows[i]!;
    const key = w.start;
    const g = groups.get(key) ?? { w, edits: [] };
    g.edits.push(e);
    groups.set(key, g);
  });
  const depth = UNIT_DEPTH[file]!;
  const patches: { w: UnitWindow; text: string; item: Node; path: Edit['path'] }[] = [];
  for (const { w, edits: es } of groups.values()) {
    const snippet = parsed.file.text.slice(w.start, w.end);
    const local = es.map((e) => ({ ...e, path: [0, ...e.path.slice(depth)] }) as Edit);
    const next = applyEdits(snippet, local, file);
    const doc = parseDocument(next, { uniqueKeys: true, strict: true, version: '1.2' });
    if (doc.errors.length || doc.warnings.length || !isSeq(doc.contents) || doc.contents.items.length !== 1) return null;
    const item = doc.contents.items[0] as Node;
    if (!isMap(item)) return null;
    patches.push({ w, text: next, item, path: es[0].path.slice(0, depth) });
  }
  patches.sort((a, b) => b.w.start - a.w.start);
  let text = parsed.file.text;
  const data = parsed.data as Record<string, unknown> | undefined;
  for (const { w, text: next, item, path } of patches) {
    const delta = next.length - (w.end - w.start);
    text = text.slice(0, w.start) + next + text.slice(w.end);
    shiftNode(parsed.file.doc.contents, w.end, delta);
    const docRange = (parsed.file.doc as unknown as { range?: [number, number, number] }).range;
    if (docRange) for (let k = 0; k < 3; k++) if (docRange[k] >= w.end) docRange[k] += delta;
    shiftNode(item, 0, w.start);
    w.seq.items[w.index] = item;
    if (data) {
      // the plain value of the unit, in the kept plain value of the file
      let holder: unknown = data;
      for (const seg of path.slice(0, -1)) holder = (holder as Record<string | number, unknown>)[seg];
      (holder as unknown[])[path[depth - 1] as number] = (item as Node & { toJS(doc: unknown): unknown }).toJS(parsed.file.doc);
    }
  }
  parsed.file.text = text;
  parsed.file.lineCounter = lineCounterOf(text);
  return bom + text;
}

/** Where each unit of a quick-read file is, for the text it was found in (built on the first edit). */
interface QuickUnits {
  text: string;
  /** the file has CRLF line ends (src/edit writes new lines with the ends of the text it edits) */
  crlf: boolean;
  /** unit path (JSON) → [start, end) of its lines, as the quick reader's UnitSpan */
  spans: Map<string, [number, number]>;
}
const QUICK_UNITS = new WeakMap<ParsedRoundFile, QuickUnits>();

function quickUnitsOf(parsed: ParsedRoundFile, depth: number): QuickUnits | null {
  const text = parsed.file!.text;
  const had = QUICK_UNITS.get(parsed);
  if (had && had.text === text) return had;
  const r = fastParse(text, { units: true });
  if (!r) return null;
  const spans = new Map<string, [number, number]>();
  for (const u of r.units) if (u.path.length === depth) spans.set(JSON.stringify(u.path), [u.start, u.end]);
  const q = { text, crlf: text.includes('\r\n'), spans };
  QUICK_UNITS.set(parsed, q);
  return q;
}

/** A unit's lines without their common indentation (the quick reader wants its root at column 0), or null. */
function dedent(snippet: string): string | null {
  const ind = snippet.length - snippet.trimStart().length;
  if (ind === 0) return snippet;
  const pad = ' '.repeat(ind);
  const lines = snippet.split('\n');
  const out: string[] = [];
  for (const l of lines) {
    if (l.startsWith(pad)) out.push(l.slice(ind));
    else if (/^[ ]*\r?$/.test(l)) out.push(l.trimStart());
    else return null;
  }
  return out.join('\n');
}

/**
 * The same as applyInUnits for a file the quick reader read and whose Document was never
 * built: the units are found by the quick reader's spans, each edited unit's lines are edited
 * by src/edit and read again by the quick reader, and the file's plain value and SourceFile
 * are replaced by what a fresh read of the new text gives — without building the Document
 * (seconds and a GB at national scale). Null (nothing changed) when an edit is not inside a
 * unit or a result falls outside the quick reader's subset.
 */
export function applyInUnitsQuick(parsed: ParsedRoundFile, file: DataFileName, raw: string, edits: readonly Edit[]): string | null {
  const depth = UNIT_DEPTH[file];
  const src = parsed.file;
  if (!depth || !src || parsed.diagnostics.length || parsed.data === undefined || !isQuickRead(src)) return null;
  const bom = raw.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  if (raw.slice(bom.length) !== src.text) return null;
  if (edits.some((e) => e.path.length <= depth)) return null;
  const q = quickUnitsOf(parsed, depth);
  if (!q) return null;
  const groups = new Map<string, { span: [number, number]; path: Edit['path']; edits: Edit[] }>();
  for (const e of edits) {
    const key = JSON.stringify(e.path.slice(0, depth));
    const span = q.spans.get(key);
    if (!span) return null;
    const g = groups.get(key) ?? { span, path: e.path.slice(0, depth), edits: [] };
    g.edits.push({ ...e, path: [0, ...e.path.slice(depth)] } as Edit);
    groups.set(key, g);
  }
  const patches: { key: string; start: number; end: number; text: string; value: unknown; path: Edit['path'] }[] = [];
  for (const [key, g] of groups) {
    const [start, end] = g.span;
    const snippet = src.text.slice(start, end);
    if (snippet.includes('\r\n') !== q.crlf) return null;
    const next = applyEdits(snippet, g.edits, file);
    const plain = dedent(next);
    const read = plain === null ? null : fastParse(plain, { units: false });
    const item = read && Array.isArray(read.data) && read.data.length === 1 ? read.data[0] : undefined;
    if (!item || typeof item !== 'object' || Array.isArray(item)) return null;
    patches.push({ key, start, end, text: next, value: item, path: g.path });
  }
  // nothing is changed before every unit is known to be readable
  patches.sort((a, b) => b.start - a.start);
  const parts: string[] = [];
  let text = src.text;
  let cut = text.length;
  for (const p of patches) {
    parts.push(text.slice(p.end, cut), p.text);
    cut = p.start;
  }
  parts.push(text.slice(0, cut));
  text = parts.reverse().join('');
  for (const p of patches) {
    let holder: unknown = parsed.data;
    for (const seg of p.path.slice(0, -1)) holder = (holder as Record<string | number, unknown>)[seg];
    (holder as unknown[])[p.path[depth - 1] as number] = p.value;
  }
  // later units move by what the earlier edited ones grew or shrank
  const moves = patches.map((p) => ({ end: p.end, delta: p.text.length - (p.end - p.start), key: p.key })).reverse();
  for (const span of q.spans.values()) {
    let shift = 0;
    for (const m of moves) if (span[0] >= m.end) shift += m.delta;
    if (shift) {
      span[0] += shift;
      span[1] += shift;
    }
  }
  for (const m of moves) q.spans.get(m.key)![1] += m.delta;
  q.text = text;
  parsed.file = quickSourceFile(src.path, src.display, text, parsed.data);
  return bom + text;
}
