// Changing a YAML file's text in place: each edit becomes a few splices at the source ranges
// the parser reports, so everything the edit does not touch (comments, quoting, blank lines,
// key order, flow or block style, BOM, line endings) stays byte for byte as it was.
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { blockText, flowText, inlineText, isInline, isScalarValue, scalarText } from './render';

// rectify.yaml: written by the 整改台账 import and the page's 整改 view (src/rectify)
export type DataFileName = 'notice.yaml' | 'sites.yaml' | 'accounts.yaml' | 'rectify.yaml';
export type YamlPath = readonly (string | number)[];
export type Edit =
  | {
      op: 'set';
      file: DataFileName;
      path: YamlPath;
      value: unknown;
      /** a scalar value's line comment (replaces the one there) */
      comment?: string;
      /** when the key is missing: add it after this sibling key instead of after the last */
      after?: string;
    }
  | { op: 'delete'; file: DataFileName; path: YamlPath }
  | { op: 'insert'; file: DataFileName; path: YamlPath; index?: number; value: unknown };

/** The marker comment of a value a person still has to fill in (`issued: ~  # 待填写`). */
export const TO_FILL_MARK = '待填写';

/** An edit that cannot be made (a path that does not exist, a file that is not YAML). */
export class EditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditError';
  }
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

/** A path as a reader would name it: weibo › county › 第 4 项 › results. */
export function describePath(p: YamlPath): string {
  return p.length ? p.map((s) => (typeof s === 'number' ? `第 ${s + 1} 项` : s)).join(' › ') : '（整个文件）';
}

class Text {
  readonly eol: string;
  constructor(readonly src: string) {
    this.eol = src.includes('\r\n') ? '\r\n' : '\n';
  }
  lineStart(off: number): number {
    return this.src.lastIndexOf('\n', off - 1) + 1;
  }
  /** Offset just past the line break of the line holding `off` (or the end of the text). */
  nextLine(off: number): number {
    const i = this.src.indexOf('\n', off);
    return i < 0 ? this.src.length : i + 1;
  }
  col(off: number): number {
    return off - this.lineStart(off);
  }
}

function isBlock(n: Node): boolean {
  return (isMap(n) || isSeq(n)) && !(n as YAMLMap | YAMLSeq).flow;
}

/** Where a node's own text ends: block collections' ranges run on to the next line. */
function contentEnd(n: Node): number {
  if (isMap(n) && isBlock(n) && n.items.length) {
    const last = n.items[n.items.length - 1] as Pair<Node, Node | null>;
    return contentEnd(last.value && (last.value as Node).range ? (last.value as Node) : (last.key as Node));
  }
  if (isSeq(n) && isBlock(n) && n.items.length) return contentEnd(n.items[n.items.length - 1] as Node);
  const r = n.range!;
  return r[1];
}

function jsOf(n: Node | null | undefined): unknown {
  if (!n) return null;
  return (n as Node & { toJSON: () => unknown }).toJSON();
}

function sameScalar(a: unknown, b: unknown): boolean {
  return a === b || (a === null && b === undefined) || (a === undefined && b === null);
}

/** The line comment after a scalar on its line, e.g. "待填写" in `~  # 待填写`. */
function trailingComment(t: Text, n: Node): { start: number; end: number; text: string } | null {
  const r = n.range!;
  const lineEnd = t.nextLine(r[1]);
  const rest = t.src.slice(r[1], lineEnd).replace(/\r?\n$/, '');
  const m = rest.match(/^(\s+)#\s?(.*)$/);
  return m ? { start: r[1], end: r[1] + rest.length, text: m[2].trim() } : null;
}

class Editor {
  readonly splices: Splice[] = [];
  /** the current set edit's options; they apply to its own value only, not to values below */
  opts: { comment?: string; after?: string } = {};
  constructor(
    readonly t: Text,
    readonly file: string,
  ) {}

  fail(p: YamlPath, why: string): never {
    throw new EditError(`无法修改 ${this.file}：${describePath(p)} ${why}`);
  }

  private add(start: number, end: number, text: string): void {
    this.splices.push({ start, end, text });
  }

  /** Replace a node that sits after a mapping key's colon (or as a sequence item) by `v`. */
  replaceNode(n: Node, v: unknown, owner: 'pair' | 'item' | 'flow', keyCol: number, colonEnd: number, key?: string): void {
    const t = this.t;
    if (isScalar(n) && isScalarValue(v)) {
      const s = n as Scalar;
      const comment = owner === 'flow' ? undefined : this.opts.comment;
      const c = trailingComment(t, s);
      const same = sameScalar(s.value, v) && typeof s.value === typeof v;
      const start = s.range![0];
      if (same && (comment === undefined || c?.text === comment)) {
        // Nothing to change, but the place is claimed: a later edit of the same value in
        // this batch must see this one's order (see applyEdits).
        this.add(start, s.range![1], t.src.slice(start, s.range![1]));
        return;
      }
      let text = same ? t.src.slice(start, s.range![1]) : scalarText(v, owner === 'flow' ? 'flow' : 'block', typeof v === 'string' ? s.type : undefined);
      if (s.range![0] === s.range![1] && owner === 'pair' && t.src[start - 1] !== ' ') text = ' ' + text;
      if (comment !== undefined) {
        const gap = c ? t.src.slice(s.range![1], c.start + (t.src.slice(c.start, c.end).indexOf('#'))) : '  ';
        this.add(start, c ? c.end : s.range![1], `${text}${gap}# ${comment}`);
      } else if (c && s.value === null && c.text.startsWith(TO_FILL_MARK) && v !== null) {
        // Filling a value marked as still to fill: the marker has done its job.
        this.add(start, c.end, text);
      } else {
        this.add(start, s.range![1], text);
      }
      return;
    }
    if (isMap(n) && v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) return this.mergeMap(n, v as Record<string, unknown>, []);
    if (isSeq(n) && Array.isArray(v)) return this.mergeSeq(n, v, []);
    // A different kind of value: write it whole in place of the old one.
    if (owner === 'flow' || (!isBlock(n) && isInline(v, key))) {
      this.add(n.range![0], contentEnd(n), owner === 'flow' ? flowText(v) : inlineText(v));
      return;
    }
    if (owner === 'item') {
      const col = t.col(n.range![0]);
      this.add(n.range![0], contentEnd(n), isInline(v) ? inlineText(v) : blockText(v, col, t.eol));
      return;
    }
    // A mapping value: the text after `key:` changes between inline and block forms.
    const pad = keyCol + 2;
    const body = isInline(v, key) ? ' ' + inlineText(v) : t.eol + ' '.repeat(pad) + blockText(v, pad, t.eol);
    this.add(colonEnd, contentEnd(n), body);
  }

  /** Bring a mapping to `v` key by key, so unchanged keys keep their text. */
  mergeMap(m: YAMLMap, v: Record<string, unknown>, p: YamlPath): void {
    this.opts = {};
    const present = new Set<string>();
    for (const it of m.items) {
      const k = String((it.key as Scalar).value);
      present.add(k);
      if (!Object.hasOwn(v, k) || v[k] === undefined) this.deleteKey(m, k, p);
      else this.setIn(m, k, v[k], p);
    }
    for (const [k, x] of Object.entries(v)) if (x !== undefined && !present.has(k)) this.addKey(m, k, x, p);
  }

  /** Bring a sequence to `v` item by item, so unchanged items keep their text. */
  mergeSeq(s: YAMLSeq, v: unknown[], p: YamlPath): void {
    this.opts = {};
    const n = Math.min(s.items.length, v.length);
    for (let i = 0; i < n; i++) this.setItem(s, i, v[i]);
    if (v.length > s.items.length) this.insertItems(s, s.items.length, v.slice(s.items.length), p);
    else if (v.length < s.items.length) this.deleteItems(s, v.length, s.items.length);
  }

  setIn(m: YAMLMap, key: string, v: unknown, p: YamlPath): void {
    const pair = findPair(m, key);
    if (!pair) return this.addKey(m, key, v, p);
    const t = this.t;
    const keyNode = pair.key as Node;
    const colonEnd = t.src.indexOf(':', keyNode.range![1]) + 1;
    const val = pair.value as Node | null;
    if (!val) {
      this.add(colonEnd, colonEnd, isInline(v, key) ? ' ' + inlineText(v) : t.eol + ' '.repeat(t.col(keyNode.range![0]) + 2) + blockText(v, t.col(keyNode.range![0]) + 2, t.eol));
      return;
    }
    this.replaceNode(val, v, m.flow ? 'flow' : 'pair', t.col(keyNode.range![0]), colonEnd, key);
  }

  setItem(s: YAMLSeq, i: number, v: unknown): void {
    const item = s.items[i] as Node;
    this.replaceNode(item, v, s.flow ? 'flow' : 'item', 0, 0);
  }

  addKey(m: YAMLMap, key: string, v: unknown, p: YamlPath): void {
    const t = this.t;
    const keyText = scalarText(key, m.flow ? 'flow' : 'block');
    if (m.flow) {
      const close = m.range![1] - 1;
      const sep = m.items.length ? ', ' : ' ';
      const at = m.items.length ? contentEnd(lastNode(m)) : close;
      this.add(at, at, `${sep}${keyText}: ${flowText(v)}${m.items.length ? '' : ' '}`);
      return;
    }
    if (!m.items.length) this.fail(p, '是空的映射，无法添加键');
    const col = t.col((m.items[0].key as Node).range![0]);
    const after = this.opts.after !== undefined ? findPair(m, this.opts.after) : undefined;
    const at = t.nextLine(contentEnd(after ? ((after.value as Node | null) ?? (after.key as Node)) : lastNode(m)));
    const lead = at === t.src.length && !t.src.endsWith('\n') ? t.eol : '';
    const note = this.opts.comment !== undefined && isScalarValue(v) ? `  # ${this.opts.comment}` : '';
    const body = isInline(v, key) ? ` ${inlineText(v)}${note}` : t.eol + ' '.repeat(col + 2) + blockText(v, col + 2, t.eol);
    this.add(at, at, `${lead}${' '.repeat(col)}${keyText}:${body}${lead ? '' : t.eol}`);
  }

  deleteKey(m: YAMLMap, key: string, p: YamlPath): void {
    const t = this.t;
    const idx = m.items.findIndex((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === key);
    if (idx < 0) this.fail([...p, key], '不存在');
    const pair = m.items[idx];
    const keyNode = pair.key as Node;
    const end = contentEnd((pair.value as Node | null) ?? keyNode);
    if (m.flow) {
      this.removeFlowEntry(m.items.map((it) => [(it.key as Node).range![0], contentEnd((it.value as Node | null) ?? (it.key as Node))]), idx, m);
      return;
    }
    if (m.items.length === 1) {
      this.fail([...p, key], '是这一层唯一的键，不能删除');
    }
    this.add(t.lineStart(keyNode.range![0]), t.nextLine(end), '');
  }

  private removeFlowEntry(ranges: number[][], idx: number, coll: YAMLMap | YAMLSeq): void {
    const [s, e] = ranges[idx];
    if (ranges.length === 1) {
      // [a] → []; {a: 1} → {}
      this.add(coll.range![0] + 1, contentEnd(coll) - 1, '');
      return;
    }
    if (idx < ranges.length - 1) this.add(s, ranges[idx + 1][0], '');
    else this.add(ranges[idx - 1][1], e, '');
  }

  insertItems(s: YAMLSeq, index: number, values: unknown[], p: YamlPath): void {
    if (!values.length) return;
    const t = this.t;
    if (s.flow) {
      const texts = values.map(flowText);
      if (!s.items.length) {
        const inner = s.range![0] + 1;
        if (values.every(isInline) && texts.join(', ').length <= 60) {
          this.add(inner, inner, texts.join(', '));
          return;
        }
        // An empty [] receiving units becomes a block list under its key.
        const keyCol = this.keyColOf(s, p);
        const col = keyCol + 2;
        const colonEnd = t.src.lastIndexOf(':', s.range![0]) + 1;
        const body = values.map((v) => `- ${isInline(v) ? inlineText(v) : blockText(v, col + 2, t.eol)}`).join(t.eol + ' '.repeat(col));
        this.add(colonEnd, contentEnd(s), t.eol + ' '.repeat(col) + body);
        return;
      }
      if (index < s.items.length) {
        const at = (s.items[index] as Node).range![0];
        this.add(at, at, texts.map((x) => x + ', ').join(''));
      } else {
        const at = contentEnd(s.items[s.items.length - 1] as Node);
        this.add(at, at, texts.map((x) => ', ' + x).join(''));
      }
      return;
    }
    const first = s.items[0] as Node;
    const dash = t.src.lastIndexOf('-', first.range![0]);
    const col = t.col(dash);
    const lines = values.map((v) => `${' '.repeat(col)}- ${isInline(v) ? inlineText(v) : blockText(v, col + 2, t.eol)}${t.eol}`).join('');
    if (index < s.items.length) {
      const it = s.items[index] as Node;
      const at = t.lineStart(t.src.lastIndexOf('-', it.range![0]));
      this.add(at, at, lines);
    } else {
      const at = t.nextLine(contentEnd(s.items[s.items.length - 1] as Node));
      const lead = at === t.src.length && !t.src.endsWith('\n') ? t.eol : '';
      this.add(at, at, lead + (lead ? lines.slice(0, -t.eol.length) : lines));
    }
  }

  /** Column of the key that holds a sequence (for turning [] into a block list). */
  private keyColOf(s: YAMLSeq, p: YamlPath): number {
    const t = this.t;
    const ls = t.lineStart(s.range![0]);
    const line = t.src.slice(ls, s.range![0]);
    if (!line.includes(':')) this.fail(p, '的位置无法添加项');
    return line.length - line.trimStart().length + (line.trimStart().startsWith('- ') ? 2 : 0);
  }

  deleteItems(s: YAMLSeq, from: number, to: number): void {
    const t = this.t;
    if (s.flow) {
      const ranges = s.items.map((it) => [(it as Node).range![0], contentEnd(it as Node)]);
      if (from === 0 && to === s.items.length) {
        this.add(s.range![0] + 1, contentEnd(s) - 1, '');
        return;
      }
      if (to < ranges.length) this.add(ranges[from][0], ranges[to][0], '');
      else this.add(ranges[from - 1][1], ranges[to - 1][1], '');
      return;
    }
    const startOf = (i: number) => t.lineStart(t.src.lastIndexOf('-', (s.items[i] as Node).range![0]));
    if (from === 0 && to === s.items.length) {
      // The last unit of a list goes: the key keeps an explicit empty list.
      const colonEnd = t.src.lastIndexOf(':', startOf(0)) + 1;
      this.add(colonEnd, t.nextLine(contentEnd(s.items[to - 1] as Node)) - lineBreakLen(t, contentEnd(s.items[to - 1] as Node)), ' []');
      return;
    }
    this.add(startOf(from), t.nextLine(contentEnd(s.items[to - 1] as Node)), '');
  }
}

function lineBreakLen(t: Text, off: number): number {
  const next = t.nextLine(off);
  if (next === t.src.length && !t.src.endsWith('\n')) return 0;
  return t.src[next - 2] === '\r' ? 2 : 1;
}

function lastNode(m: YAMLMap): Node {
  const last = m.items[m.items.length - 1];
  return ((last.value as Node | null) ?? (last.key as Node)) as Node;
}

function findPair(m: YAMLMap, key: string): Pair | undefined {
  return m.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === key) as Pair | undefined;
}

/** Walk to the node at `p`; returns it with its parent (for set/delete of the last step). */
function walk(ed: Editor, root: Node | null, p: YamlPath, upto: number): Node {
  let node = root;
  for (let i = 0; i < upto; i++) {
    const seg = p[i];
    if (isMap(node)) {
      const pair = findPair(node, String(seg));
      node = (pair?.value as Node | null) ?? null;
      if (!pair) ed.fail(p.slice(0, i + 1), '不存在');
    } else if (isSeq(node) && typeof seg === 'number' && Number.isInteger(seg) && seg >= 0 && seg < node.items.length) {
      node = node.items[seg] as Node;
    } else {
      ed.fail(p.slice(0, i + 1), '不存在');
    }
    if (!node) ed.fail(p.slice(0, i + 1), '是空值，其下没有内容');
  }
  if (!node) ed.fail(p.slice(0, upto), '不存在');
  return node;
}

interface Parsed {
  t: Text;
  root: Node | null;
}

function parseFor(text: string, file: string): Parsed {
  const doc = parseDocument(text, { version: '1.2' });
  if (doc.errors.length) throw new EditError(`无法修改 ${file}：文件有 YAML 语法错误，请先改正（tongbao check 可列出）`);
  return { t: new Text(text), root: doc.contents as Node | null };
}

function splicesOf(parsed: Parsed, file: string, e: Edit): Splice[] {
  const ed: Editor = new Editor(parsed.t, file);
  const root = parsed.root;
  const p = e.path;
  if (e.op === 'insert') {
    const seq = walk(ed, root, p, p.length);
    if (!isSeq(seq)) ed.fail(p, '不是列表，不能添加项');
    const index = e.index ?? seq.items.length;
    if (!Number.isInteger(index) || index < 0 || index > seq.items.length) ed.fail(p, `没有第 ${index + 1} 个位置`);
    ed.insertItems(seq, index, [e.value], p);
    return ed.splices;
  }
  if (p.length === 0) {
    if (e.op === 'delete') ed.fail(p, '不能删除');
    if (!root) ed.fail(p, '是空的');
    ed.replaceNode(root, e.value, 'item', 0, 0);
    return ed.splices;
  }
  const parent = walk(ed, root, p, p.length - 1);
  const last = p[p.length - 1];
  if (e.op === 'set') ed.opts = { comment: e.comment, after: e.after };
  if (isMap(parent)) {
    if (e.op === 'delete') ed.deleteKey(parent, String(last), p.slice(0, -1));
    else ed.setIn(parent, String(last), e.value, p.slice(0, -1));
  } else if (isSeq(parent)) {
    if (typeof last !== 'number' || !Number.isInteger(last) || last < 0 || last >= parent.items.length) ed.fail(p, '不存在');
    if (e.op === 'delete') ed.deleteItems(parent, last, last + 1);
    else ed.setItem(parent, last, e.value);
  } else {
    ed.fail(p.slice(0, -1), '不是映射或列表');
  }
  return ed.splices;
}

function applySplices(text: string, splices: Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const s of sorted) {
    parts.push(text.slice(at, s.start), s.text);
    at = s.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Whether splices computed against one parse can be applied together unambiguously. */
function disjoint(splices: Splice[]): boolean {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (b.start < a.end) return false;
    // An insertion where another change starts or ends may belong inside it (a key added to a
    // unit that a later edit deletes) or before it: only the edits' order can say.
    if (b.start === a.end && (a.start === a.end || b.start === b.end)) return false;
  }
  return true;
}

/**
 * The text with the edits applied in order, as if one after another. Edits that leave every
 * sequence index in place (set, delete of a key) are computed against one parse and applied
 * together; an insert or delete of a sequence item ends such a batch. When a batch's edits
 * touch the same place, or one needs what an earlier one adds, they are redone one by one.
 * `file` names the file in messages (default: each edit's own file).
 */
export function applyEdits(text: string, edits: readonly Edit[], file?: string): string {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  let body = bom ? text.slice(1) : text;
  let parsed: Parsed | null = null;
  let batch: { e: Edit; sp: Splice[] }[] = [];
  const oneByOne = (list: Edit[]) => {
    for (const e of list) body = applySplices(body, splicesOf(parseFor(body, file ?? e.file), file ?? e.file, e));
  };
  const flush = () => {
    if (batch.length) {
      const all = batch.flatMap((b) => b.sp);
      if (disjoint(all)) body = applySplices(body, all);
      else oneByOne(batch.map((b) => b.e));
    }
    batch = [];
    parsed = null;
  };
  for (const e of edits) {
    const name = file ?? e.file;
    parsed ??= parseFor(body, name);
    let sp: Splice[];
    try {
      sp = splicesOf(parsed, name, e);
    } catch (err) {
      if (!(err instanceof EditError) || !batch.length) throw err;
      flush();
      parsed = parseFor(body, name);
      sp = splicesOf(parsed, name, e);
    }
    batch.push({ e, sp });
    const shifts = e.op === 'insert' || (e.op === 'delete' && typeof e.path[e.path.length - 1] === 'number');
    if (shifts) flush();
  }
  flush();
  return bom + body;
}
