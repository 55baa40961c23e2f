// Which unit (a site or an account) and which of its fields a position in a data file falls
// in, so a diagnostic at FILE:LINE:COL can be shown beside the row and field it is about.
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { quickPathAt } from '../load/yaml-file';
import type { SourceFile } from '../load/yaml-file';

export interface UnitSpan {
  id: string;
  start: number;
  end: number;
  /** the unit's fields: key and the span of key and value */
  fields: { key: string; start: number; end: number; items: [number, number][] }[];
}

export interface UnitIndex {
  spans: UnitSpan[];
  /** top-level keys of the file with their spans (notice.yaml fields) */
  top: { key: string; start: number; end: number }[];
}

/** Unit ids: sites.yaml:department:0, accounts.yaml:wechat:county:3. */
export function unitId(file: string, path: readonly (string | number)[]): string {
  return [file, ...path].join(':');
}

function end(n: Node | null | undefined, fallback: number): number {
  return n?.range ? n.range[1] : fallback;
}

export function indexUnits(file: SourceFile, name: string, depth: number): UnitIndex {
  const spans: UnitSpan[] = [];
  const top: UnitIndex['top'] = [];
  const root = file.doc.contents;
  if (isMap(root)) {
    for (const p of root.items) {
      if (!isPair(p) || !isScalar(p.key) || !(p.key as Node).range) continue;
      const k = p.key as Node;
      top.push({ key: String((p.key as { value: unknown }).value), start: k.range![0], end: end(p.value as Node, k.range![1]) });
    }
  }
  const walk = (node: unknown, path: (string | number)[]) => {
    if (path.length === depth - 1) {
      if (!isSeq(node)) return;
      node.items.forEach((item, i) => {
        const n = item as Node;
        if (!n?.range) return;
        const fields: UnitSpan['fields'] = [];
        if (isMap(n)) {
          for (const p of n.items) {
            if (!isPair(p) || !isScalar(p.key) || !(p.key as Node).range) continue;
            const v = p.value as Node | null;
            const items: [number, number][] = isSeq(v) ? v.items.map((x) => ((x as Node).range ? [(x as Node).range![0], (x as Node).range![1]] : [0, 0])) : [];
            fields.push({ key: String((p.key as { value: unknown }).value), start: (p.key as Node).range![0], end: end(v, (p.key as Node).range![1]), items });
          }
        }
        spans.push({ id: unitId(name, [...path, i]), start: n.range[0], end: n.range[1], fields });
      });
      return;
    }
    if (!isMap(node)) return;
    for (const p of node.items) if (isPair(p) && isScalar(p.key)) walk(p.value, [...path, String((p.key as { value: unknown }).value)]);
  };
  walk(root, []);
  spans.sort((a, b) => a.start - b.start);
  return { spans, top };
}

/** The unit, field (and item of a list field, such as a month of results) at an offset. */
export function unitAt(index: UnitIndex, offset: number): { unitId: string | null; field: string | null; item: number | null } {
  let lo = 0;
  let hi = index.spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = index.spans[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else {
      for (const f of s.fields) {
        if (offset >= f.start && offset <= f.end) {
          const item = f.items.findIndex(([a, b]) => offset >= a && offset <= b);
          return { unitId: s.id, field: f.key, item: item >= 0 ? item : null };
        }
      }
      return { unitId: s.id, field: null, item: null };
    }
  }
  const t = index.top.find((x) => offset >= x.start && offset <= x.end);
  return { unitId: null, field: t ? t.key : null, item: null };
}

/**
 * unitAt for a file the quick reader read, without its Document (building that costs seconds
 * and a GB for a national accounts.yaml, on every edit): the unit, field and item from the path
 * at the offset. Null when the file is not quick-read as it is.
 */
export function unitAtQuick(file: SourceFile, name: string, depth: number, offset: number): { unitId: string | null; field: string | null; item: number | null } | null {
  const p = quickPathAt(file, offset);
  if (!p) return null;
  if (p.length >= depth && typeof p[depth - 1] === 'number' && p.slice(0, depth - 1).every((x) => typeof x === 'string')) {
    const field = typeof p[depth] === 'string' ? (p[depth] as string) : null;
    const item = field !== null && typeof p[depth + 1] === 'number' ? (p[depth + 1] as number) : null;
    return { unitId: unitId(name, p.slice(0, depth)), field, item };
  }
  return { unitId: null, field: typeof p[0] === 'string' ? p[0] : null, item: null };
}

/** Offset of a 1-based line and column in a file. */
export function offsetOf(file: SourceFile, line: number, col: number): number {
  const starts = file.lineCounter.lineStarts;
  return (starts[line - 1] ?? 0) + col - 1;
}
