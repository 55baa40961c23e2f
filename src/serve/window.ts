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
import { chunksText, compactChunks, sliceChunks } from '../write/chunks';
import type { Chunks } from '../write/chunks';
import { buildUnitIndex, moveUnits, spliceText, unitAt } from './unit-index';
import type { UnitIndex } from './unit-index';

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

/** A saved edit's new file, computed without changing the kept parse; `apply` then patches it. */
export interface UnitPlan {
  /** the file's new text (BOM kept) */
  raw: string;
  /** false when every edited unit's text stayed the same (nothing to save) */
  changed: boolean;
  /** the file's new bytes spliced from its previous bytes, or null (the caller encodes `raw`) */
  bytes: Chunks | null;
  /** with `bytes`: the first byte that differs from the previous bytes (those before are the same) */
  from: number;
  /** patch the kept parse to what a fresh read of `raw` gives (once the file is saved) */
  apply(): void;
}

/**
 * Apply edits that all fall inside units of `parsed`, patching `parsed` in place to what a
 * fresh parse of the new text gives. Returns the new text of the file (BOM kept), or null
 * (nothing changed in `parsed`) when some edit is not of that kind.
 */
export function applyInUnits(parsed: ParsedRoundFile, file: DataFileName, raw: string, edits: readonly Edit[]): string | null {
  const plan = planInUnits(parsed, file, raw, edits);
  plan?.apply();
  return plan ? plan.raw : null;
}

/** The same as a plan: nothing in `parsed` changes before `apply`. */
export function planInUnits(parsed: ParsedRoundFile, file: DataFileName, raw: string, edits: readonly Edit[]): UnitPlan | null {
  const bom = raw.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const src = parsed.file;
  if (!src || raw.slice(bom.length) !== src.text) return null;
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
  let changed = false;
  for (const { w, edits: es } of groups.values()) {
    const snippet = src.text.slice(w.start, w.end);
    const local = es.map((e) => ({ ...e, path: [0, ...e.path.slice(depth)] }) as Edit);
    const next = applyEdits(snippet, local, file);
    if (next !== snippet) changed = true;
    const doc = parseDocument(next, { uniqueKeys: true, strict: true, version: '1.2' });
    if (doc.errors.length || doc.warnings.length || !isSeq(doc.contents) || doc.contents.items.length !== 1) return null;
    const item = doc.contents.items[0] as Node;
    if (!isMap(item)) return null;
    patches.push({ w, text: next, item, path: es[0].path.slice(0, depth) });
  }
  patches.sort((a, b) => b.w.start - a.w.start);
  let text = src.text;
  for (const { w, text: next } of patches) text = text.slice(0, w.start) + next + text.slice(w.end);
  const apply = (): void => {
    const data = parsed.data as Record<string, unknown> | undefined;
    for (const { w, text: next, item, path } of patches) {
      const delta = next.length - (w.end - w.start);
      shiftNode(src.doc.contents, w.end, delta);
      const docRange = (src.doc as unknown as { range?: [number, number, number] }).range;
      if (docRange) for (let k = 0; k < 3; k++) if (docRange[k] >= w.end) docRange[k] += delta;
      shiftNode(item, 0, w.start);
      w.seq.items[w.index] = item;
      if (data) {
        // the plain value of the unit, in the kept plain value of the file
        let holder: unknown = data;
        for (const seg of path.slice(0, -1)) holder = (holder as Record<string | number, unknown>)[seg];
        (holder as unknown[])[path[depth - 1] as number] = (item as Node & { toJS(doc: unknown): unknown }).toJS(src.doc);
      }
    }
    src.text = text;
    src.lineCounter = lineCounterOf(text);
  };
  return { raw: bom + text, changed, bytes: null, from: 0, apply };
}

const UNIT_INDEX = new WeakMap<ParsedRoundFile, UnitIndex>();

/** The unit index of a quick-read file's current text (built on the first edit, then kept moving). */
function unitIndexOf(parsed: ParsedRoundFile, depth: number, bom: boolean, bytes?: Chunks): UnitIndex | null {
  const text = parsed.file!.text;
  const had = UNIT_INDEX.get(parsed);
  if (had && had.text === text) return had;
  const ix = buildUnitIndex(text, depth, bom, bytes && (bytes.length === 1 ? bytes[0] : Buffer.concat(bytes)));
  if (ix) UNIT_INDEX.set(parsed, ix);
  return ix;
}

/** The bytes begin with a UTF-8 BOM. */
export function hasBom(bytes: Chunks): boolean {
  return chunksText(bytes, 0, 3) === '\ufeff';
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
 * built: the units are found by the unit index (unit-index.ts), each edited unit's lines are
 * edited by src/edit and read again by the quick reader, and the file's plain value and
 * SourceFile are replaced by what a fresh read of the new text gives — without building the
 * Document (seconds and a GB at national scale). Null (nothing changed) when an edit is not
 * inside a unit or a result falls outside the quick reader's subset.
 */
export function applyInUnitsQuick(parsed: ParsedRoundFile, file: DataFileName, raw: string, edits: readonly Edit[]): string | null {
  const bom = raw.charCodeAt(0) === 0xfeff;
  if (!parsed.file || raw.slice(bom ? 1 : 0) !== parsed.file.text) return null;
  const plan = planInUnitsQuick(parsed, file, bom, edits);
  plan?.apply();
  return plan ? plan.raw : null;
}

/**
 * The same as a plan, for a caller that keeps the file's text as `parsed` has it (with a BOM
 * when `bom`) and, in `before`, its bytes: the new bytes are then the previous ones with the
 * edited units' bytes replaced — no encoding of the whole text. Nothing changes before `apply`.
 */
export function planInUnitsQuick(parsed: ParsedRoundFile, file: DataFileName, bom: boolean, edits: readonly Edit[], before?: Chunks): UnitPlan | null {
  const depth = UNIT_DEPTH[file];
  const src = parsed.file;
  if (!depth || !src || parsed.diagnostics.length || parsed.data === undefined || !isQuickRead(src)) return null;
  if (edits.some((e) => e.path.length <= depth)) return null;
  const ix = unitIndexOf(parsed, depth, bom, before);
  if (!ix) return null;
  const groups = new Map<number, { path: Edit['path']; edits: Edit[] }>();
  for (const e of edits) {
    const unit = unitAt(ix, e.path.slice(0, depth));
    if (unit === undefined) return null;
    const g = groups.get(unit) ?? { path: e.path.slice(0, depth), edits: [] };
    g.edits.push({ ...e, path: [0, ...e.path.slice(depth)] } as Edit);
    groups.set(unit, g);
  }
  const patches: { unit: number; start: number; end: number; snippet: string; text: string; value: unknown; path: Edit['path'] }[] = [];
  for (const [unit, g] of groups) {
    const start = ix.starts[unit];
    const end = ix.ends[unit];
    // from the bytes when there are (the text may be a rope that reading would copy whole)
    const snippet = before ? chunksText(before, ix.bytes[unit], ix.byteEnds[unit]) : src.text.slice(start, end);
    if (snippet.length !== end - start || snippet.includes('\r\n') !== ix.crlf) return null;
    const next = applyEdits(snippet, g.edits, file);
    const plain = dedent(next);
    const read = plain === null ? null : fastParse(plain, { units: false });
    const item = read && Array.isArray(read.data) && read.data.length === 1 ? read.data[0] : undefined;
    if (!item || typeof item !== 'object' || Array.isArray(item)) return null;
    patches.push({ unit, start, end, snippet, text: next, value: item, path: g.path });
  }
  patches.sort((a, b) => a.start - b.start);
  const changed = patches.some((p) => p.text !== p.snippet);
  const { text, pieces } = spliceText(ix, patches);
  const moved = patches.map((p) => {
    const next = Buffer.from(p.text, 'utf8');
    return { unit: p.unit, chars: p.text.length - p.snippet.length, bytes: next.length - (ix.byteEnds[p.unit] - ix.bytes[p.unit]), next };
  });
  // the new bytes: the old bytes around the new units' bytes
  let bytes: Chunks | null = null;
  if (before && changed) {
    const list: Buffer[] = [];
    let at = 0;
    patches.forEach((p, i) => {
      list.push(...sliceChunks(before, at, ix.bytes[p.unit]), moved[i].next);
      at = ix.byteEnds[p.unit];
    });
    list.push(...sliceChunks(before, at, Infinity));
    bytes = compactChunks(list);
  }
  const apply = (): void => {
    for (const p of patches) {
      let holder: unknown = parsed.data;
      for (const seg of p.path.slice(0, -1)) holder = (holder as Record<string | number, unknown>)[seg];
      (holder as unknown[])[p.path[depth - 1] as number] = p.value;
    }
    moveUnits(ix, moved, text, pieces);
    parsed.file = quickSourceFile(src.path, src.display, text, parsed.data);
  };
  return { raw: (bom ? '\ufeff' : '') + text, changed, bytes, from: patches.length ? ix.bytes[patches[0].unit] : 0, apply };
}
