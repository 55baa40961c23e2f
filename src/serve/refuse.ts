// A value the schema refuses is not saved (422, with the reason); a problem between fields or
// files (a duplicate name, a result count that does not match the months) is saved and shown.
// The schema is run on the edited unit alone (or notice.yaml), before and after the edit: a
// problem the edit brings in is a refusal, one that was there already is not.
import { isDeepStrictEqual } from 'util';
import { stringify } from 'yaml';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics';
import type { Edit } from '../edit';
import { parseYamlText } from '../load/yaml-file';
import { issuesToDiagnostics } from '../validate/messages';
import { SCHEMAS, UNIT_SCHEMAS } from '../validate/schema';
import { fieldWords, listWords, placeWords } from './progress';
import type { Computed, RoundState } from './state';

type Json = Record<string | number, unknown>;
const UNIT_DEPTH: Record<string, number> = { 'sites.yaml': 2, 'accounts.yaml': 3, 'notice.yaml': 0 };

/** The plain value after one edit (on a copy). */
export function applyToValue(root: unknown, e: Edit): unknown {
  const copy = structuredClone(root) as Json;
  if (e.path.length === 0) return e.op === 'set' ? e.value : copy;
  let holder: unknown = copy;
  // own properties only: a path never walks into a prototype (the API refuses such names too)
  for (const seg of e.path.slice(0, -1)) {
    if (!holder || typeof holder !== 'object' || !Object.hasOwn(holder, seg)) return copy;
    holder = (holder as Json)[seg];
  }
  const last = e.path[e.path.length - 1];
  if (!holder || typeof holder !== 'object' || last === '__proto__' || last === 'constructor' || last === 'prototype') return copy;
  if (e.op === 'set') (holder as Json)[last] = e.value;
  else if (e.op === 'delete') {
    if (Array.isArray(holder) && typeof last === 'number') holder.splice(last, 1);
    else delete (holder as Json)[last];
  } else {
    const list = (holder as Json)[last];
    if (Array.isArray(list)) list.splice(e.index ?? list.length, 0, e.value);
  }
  return copy;
}

/** What the page calls the fields clerks edit (the schema's messages name the YAML key). */
const FIELD_LABEL: Record<string, string> = {
  name: '名称',
  url: '网址',
  owner: '主办单位',
  result: '结果',
  results: '各月结果',
  problems: '问题曝光情况',
  service: '服务号',
  updates: '更新日期',
};

function plainWords(message: string): string {
  return message.replace(/字段“([a-z_]+)”/g, (m, k: string) => (FIELD_LABEL[k] ? `“${FIELD_LABEL[k]}”` : m));
}

/** Schema messages of a value, each with the path inside it. */
function problems(schema: z.ZodType, value: unknown, name: string): { key: string; d: Diagnostic }[] {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return [];
  // positions come from the value written out as YAML; the page shows the message and the unit
  const { file } = parseYamlText(stringify(value ?? null), name, name);
  return issuesToDiagnostics(parsed.error.issues, schema as never, file, value).map((d) => ({ key: d.message, d: { ...d, message: plainWords(d.message) } }));
}

function get(root: unknown, p: readonly (string | number)[]): unknown {
  let v = root;
  for (const s of p) v = v && typeof v === 'object' && Object.hasOwn(v, s) ? (v as Json)[s] : undefined;
  return v;
}

/**
 * Where a group of edits is, as the page says it (州直部门政务微博“黔东南发布” · 8月结果): the unit,
 * and the field and month when the edits are all at the same one.
 */
function placeOf(c: Computed, file: Edit['file'], base: readonly (string | number)[], edits: readonly Edit[]): string {
  const depth = UNIT_DEPTH[file];
  const inside = edits.map((e) => e.path.slice(base.length));
  const same = (i: number) => (inside.every((p) => p.length > i && p[i] === inside[0][i]) ? inside[0][i] : undefined);
  const field = same(0);
  const month = field === 'results' ? same(1) : undefined;
  const at = { field: typeof field === 'string' ? field : null, month: typeof month === 'number' ? month : null };
  if (depth === 0 || base.length < depth) return placeWords(c, { unitId: null, ...at }, file);
  // a unit added: the position it would take in its list
  const unit = base[depth - 1] === -1 ? [...base.slice(0, -1), (edits[0] as { index?: number }).index ?? listLength(c, file, base.slice(0, -1))] : base;
  const where = placeWords(c, { unitId: [file, ...unit].join(':'), ...at }, file);
  return base[depth - 1] === -1 ? `${where}（新增）` : where;
}

function listLength(c: Computed, file: Edit['file'], p: readonly (string | number)[]): number {
  const list = get(c.loaded.data[file.replace('.yaml', '') as 'sites' | 'accounts'], p);
  return Array.isArray(list) ? list.length : 0;
}

/** The problems the edits would bring in that the schema refuses (empty: save), each with its place in words. */
export function refusedValues(state: RoundState, edits: readonly Edit[]): (Diagnostic & { place: string })[] {
  const c = state.compute();
  const out: (Diagnostic & { place: string })[] = [];
  const byTarget = new Map<string, { file: Edit['file']; base: (string | number)[]; edits: Edit[] }>();
  for (const e of edits) {
    const depth = UNIT_DEPTH[e.file];
    // a unit inserted as a whole is checked as a unit; an edit inside a unit checks that unit
    const unitLevel = depth > 0 && (e.path.length >= depth || (e.op === 'insert' && e.path.length === depth - 1));
    const base = unitLevel ? (e.path.length >= depth ? e.path.slice(0, depth) : [...e.path, -1]) : [];
    if (e.op === 'delete' && depth > 0 && e.path.length === depth) continue; // removing a unit
    const key = `${e.file}:${base.join(':')}`;
    const t = byTarget.get(key) ?? { file: e.file, base: [...base], edits: [] };
    t.edits.push(e);
    byTarget.set(key, t);
  }
  for (const t of byTarget.values()) {
    const kind = t.file.replace('.yaml', '') as 'notice' | 'sites' | 'accounts';
    const data = c.loaded.data[kind];
    if (data === undefined) continue; // the file does not parse: the edit is checked by the full validation
    const depth = UNIT_DEPTH[t.file];
    if (t.base.length === depth && t.base[depth - 1] === -1) {
      // a new unit: its value alone
      for (const e of t.edits) {
        if (e.op === 'insert') out.push(...problems(UNIT_SCHEMAS[kind as 'sites' | 'accounts'], e.value, t.file).map((p) => ({ ...p.d, place: placeOf(c, t.file, t.base, [e]) })));
      }
      continue;
    }
    const schema: z.ZodType = t.base.length ? UNIT_SCHEMAS[kind as 'sites' | 'accounts'] : SCHEMAS[kind];
    const before = t.base.length ? get(data, t.base) : data;
    let after: unknown = before;
    for (const e of t.edits) after = applyToValue(after, { ...e, path: e.path.slice(t.base.length) } as Edit);
    if (isDeepStrictEqual(before, after)) continue;
    const had = new Set(problems(schema, before, t.file).map((p) => p.key));
    const place = placeOf(c, t.file, t.base, t.edits);
    out.push(...problems(schema, after, t.file).filter((p) => !had.has(p.key)).map((p) => ({ ...p.d, place })));
  }
  return out;
}

/**
 * An edit of a unit, field or month that is not there, said as the page names it (州直部门政务微博
 * 只有 43 个，没有第 1000 个), or null. Only units and what is inside them: anything else missing
 * (a level or platform that does not exist) is said by src/edit.
 */
export function missingTarget(state: RoundState, edits: readonly Edit[]): string | null {
  const c = state.compute();
  for (const e of edits) {
    const depth = UNIT_DEPTH[e.file];
    const data = c.loaded.data[e.file.replace('.yaml', '') as 'notice' | 'sites' | 'accounts'];
    if (data === undefined) continue; // the file does not parse: src/edit says so
    // what must be there: the whole path to delete or to insert into, the holder of a value set
    const must = e.op === 'set' ? e.path.length - 1 : e.path.length;
    let holder: unknown = data;
    for (let i = 0; i < must; i++) {
      const seg = e.path[i];
      if (holder && typeof holder === 'object' && Object.hasOwn(holder, seg)) {
        holder = (holder as Json)[seg];
        continue;
      }
      const above = e.path.slice(0, i);
      if (depth > 0 && i === depth - 1 && Array.isArray(holder) && typeof seg === 'number') {
        return `${listWords(c, e.file, above)}只有 ${holder.length} 个，没有第 ${seg + 1} 个`;
      }
      if (i < depth) return null;
      const unit = depth ? placeWords(c, { unitId: [e.file, ...e.path.slice(0, depth)].join(':'), field: null, month: null }, e.file) : '通报信息';
      const field = typeof e.path[depth] === 'string' ? fieldWords(e.file, e.path[depth] as string) : null;
      if (i === depth) return `${unit}没有“${field ?? seg}”这一项`;
      if (Array.isArray(holder) && typeof seg === 'number') return `${unit}${field ? ` · ${field}` : ''}只有 ${holder.length} 项，没有第 ${seg + 1} 项`;
      return null;
    }
  }
  return null;
}
