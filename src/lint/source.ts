// Where the text of a YAML scalar sits in its file: every character of the value mapped to
// the source characters it came from, so findings get exact positions and fixes can edit the
// file in place (comments and layout untouched).
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Scalar } from 'yaml';
import { quickScalar, quickValue } from '../load/yaml-file';
import type { DataPath, SourceFile } from '../load/yaml-file';
import type { FieldKind } from './types';

/** Source span [s, e) of one value character. */
export interface Span {
  s: number;
  e: number;
}

const WS = new Set([' ', '\t', '\n', '\r']);

/**
 * For each UTF-16 unit of the scalar's value, its span in file text, or null where the walk
 * lost track (an escape such as \u4e2d). Plain, quoted and block scalars, folded lines included.
 */
export function scalarSpans(text: string, node: Scalar): (Span | null)[] {
  const value = String(node.value);
  const out: (Span | null)[] = new Array(value.length).fill(null);
  const range = node.range;
  if (!range) return out;
  let p = range[0];
  let end = range[1];
  const type = node.type;
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
    p += 1;
    end -= 1;
  } else if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const nl = text.indexOf('\n', p);
    if (nl < 0) return out;
    p = nl + 1;
  }
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    let matched = false;
    const from = p;
    while (p < end) {
      const c = text[p];
      if (c === ch || (WS.has(ch) && WS.has(c))) {
        let s = p;
        let e = p + 1;
        // "\"" and '' stand for one character: the span covers both source characters.
        if (type === 'QUOTE_DOUBLE' && s > from && text[s - 1] === '\\') s -= 1;
        if (type === 'QUOTE_SINGLE' && ch === "'" && text[p + 1] === "'") e += 1;
        out[i] = { s, e };
        p = e;
        matched = true;
        break;
      }
      if (WS.has(c) || (type === 'QUOTE_DOUBLE' && c === '\\')) {
        p++;
        continue;
      }
      break;
    }
    if (!matched) return out; // lost: the rest falls back to the scalar's start
  }
  return out;
}

export type FileRole = 'notice' | 'sites' | 'accounts';

export interface ProseField {
  path: DataPath;
  kind: FieldKind;
  node: Scalar;
  value: string;
}

function child(node: unknown, key: string | number): Node | null {
  if (isMap(node)) {
    const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(key));
    return (pair?.value as Node | null | undefined) ?? null;
  }
  if (isSeq(node) && typeof key === 'number') return (node.items[key] as Node | undefined) ?? null;
  return null;
}

function mapKeys(node: unknown): string[] {
  return isMap(node) ? node.items.filter((it) => isScalar(it.key)).map((it) => String((it.key as Scalar).value)) : [];
}

function seqLength(node: unknown): number {
  return isSeq(node) ? node.items.length : 0;
}

/** A field of a quick-read file: its path and node are made only when asked for (a finding, a fix). */
class QuickField implements ProseField {
  private scalar: Scalar | undefined;
  constructor(
    private readonly file: SourceFile,
    private readonly base: DataPath,
    private readonly index: number,
    private readonly key: string,
    /** the item of a list field (problems), or -1 */
    private readonly item: number,
    readonly kind: FieldKind,
    readonly value: string,
  ) {}
  get path(): DataPath {
    return this.item < 0 ? [...this.base, this.index, this.key] : [...this.base, this.index, this.key, this.item];
  }
  get node(): Scalar {
    this.scalar ??= quickScalar(this.file, this.path)!;
    return this.scalar;
  }
}

const plainObject = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** The prose fields of one unit's plain value, in file order: (key, item of a list field or -1, kind, text). */
export function eachUnitField(unit: unknown, visit: (key: string, item: number, kind: FieldKind, value: string) => void): void {
  const item = plainObject(unit);
  if (!item) return;
  for (const key of ['name', 'owner']) {
    const v = item[key];
    if (typeof v === 'string' && v !== '') visit(key, -1, 'name', v);
  }
  const problems = item.problems;
  if (Array.isArray(problems)) {
    for (let j = 0; j < problems.length; j++) {
      const v = problems[j];
      if (typeof v === 'string' && v !== '') visit('problems', j, 'prose', v);
    }
  }
}

/** The prose fields of one unit (item `index` of the list at `base`) of a quick-read file, in file order. */
export function quickFieldsOfUnit(file: SourceFile, base: DataPath, index: number, unit: unknown, out: ProseField[] = []): ProseField[] {
  eachUnitField(unit, (key, item, kind, value) => out.push(new QuickField(file, base, index, key, item, kind, value)));
  return out;
}

/** Each list of units of sites.yaml or accounts.yaml's plain value, with its path: [department], [weibo, county] … */
export function unitLists(root: Record<string, unknown>, role: 'sites' | 'accounts'): { base: DataPath; list: unknown[] }[] {
  const out: { base: DataPath; list: unknown[] }[] = [];
  if (role === 'sites') {
    for (const level of Object.keys(root)) if (Array.isArray(root[level])) out.push({ base: [level], list: root[level] as unknown[] });
  } else {
    for (const platform of Object.keys(root)) {
      const p = plainObject(root[platform]);
      if (p) for (const level of Object.keys(p)) if (Array.isArray(p[level])) out.push({ base: [platform, level], list: p[level] as unknown[] });
    }
  }
  return out;
}

/** proseFields of sites.yaml or accounts.yaml over the quick reader's values (the same fields, in the same order, as the walk over the Document). */
function quickUnitFields(file: SourceFile, root: Record<string, unknown>, role: 'sites' | 'accounts'): ProseField[] {
  const out: ProseField[] = [];
  for (const { base, list } of unitLists(root, role)) for (let i = 0; i < list.length; i++) quickFieldsOfUnit(file, base, i, list[i], out);
  return out;
}

/**
 * The fields of a round's file that hold text people type, with the kind of text each is.
 * Walks the document as written (not the validated data), so it works on data that does not
 * validate yet. Fields not listed (URLs, results, dates, phone) are never linted.
 */
export function proseFields(file: SourceFile, role: FileRole): ProseField[] {
  if (role !== 'notice') {
    const quick = quickValue(file);
    if (quick !== null && typeof quick === 'object') return Array.isArray(quick) ? [] : quickUnitFields(file, quick as Record<string, unknown>, role);
  }
  const out: ProseField[] = [];
  const root = file.doc.contents;
  const add = (path: DataPath, kind: FieldKind) => {
    let node: unknown = root;
    for (const k of path) node = child(node, k);
    if (isScalar(node) && typeof node.value === 'string' && node.value !== '') out.push({ path, kind, node, value: node.value });
  };
  if (role === 'notice') {
    add(['title'], 'prose');
    add(['doc_number'], 'docNumber');
    add(['issuer'], 'name');
    add(['scope'], 'name');
    for (const k of mapKeys(child(root, 'levels'))) add(['levels', k], 'name');
    add(['recipients'], 'prose');
    const basis = child(root, 'basis');
    for (let i = 0; i < seqLength(basis); i++) {
      add(['basis', i, 'title'], 'prose');
      add(['basis', i, 'number'], 'docNumber');
    }
    add(['contact', 'name'], 'name');
    const order = child(root, 'failing_order');
    for (let i = 0; i < seqLength(order); i++) add(['failing_order', i], 'name');
    for (const section of ['problems', 'requirements']) {
      const list = child(root, section);
      for (let i = 0; i < seqLength(list); i++) {
        add([section, i, 'heading'], 'heading');
        add([section, i, 'text'], 'prose');
      }
    }
  } else {
    // Units are walked from their list, not from the root (a national round has 300,000 fields).
    const addIn = (node: unknown, path: DataPath, kind: FieldKind) => {
      if (isScalar(node) && typeof node.value === 'string' && node.value !== '') out.push({ path, kind, node, value: node.value });
    };
    const entries = (base: DataPath, list: unknown) => {
      for (let i = 0; i < seqLength(list); i++) {
        const item = child(list, i);
        addIn(child(item, 'name'), [...base, i, 'name'], 'name');
        addIn(child(item, 'owner'), [...base, i, 'owner'], 'name');
        const problems = child(item, 'problems');
        for (let j = 0; j < seqLength(problems); j++) addIn(child(problems, j), [...base, i, 'problems', j], 'prose');
      }
    };
    if (role === 'sites') {
      for (const level of mapKeys(root)) entries([level], child(root, level));
    } else {
      for (const platform of mapKeys(root)) {
        const p = child(root, platform);
        for (const level of mapKeys(p)) entries([platform, level], child(p, level));
      }
    }
  }
  return out;
}
