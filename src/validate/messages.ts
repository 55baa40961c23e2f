// Turn zod issues into Chinese diagnostics at the YAML position of the offending value.
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics';
import { locate } from '../load/yaml-file';
import type { DataPath, SourceFile } from '../load/yaml-file';
import { closest } from './suggest';

type Schema = z.ZodType;

interface Def {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  innerType?: Schema;
  in?: Schema;
  options?: Schema[];
  valueType?: Schema;
}

function def(s: Schema): Def {
  return (s as unknown as { def: Def }).def;
}

/** The object schema reached by following `path` (through arrays, optionals, pipes). */
function objectShapeAt(schema: Schema, path: DataPath): Record<string, Schema> | null {
  let s: Schema | undefined = schema;
  const unwrap = (x: Schema): Schema => {
    let cur = x;
    for (;;) {
      const d = def(cur);
      if ((d.type === 'optional' || d.type === 'nullable' || d.type === 'default') && d.innerType) cur = d.innerType;
      else if (d.type === 'pipe' && d.in) cur = d.in;
      else return cur;
    }
  };
  for (const seg of path) {
    if (!s) return null;
    const d = def(unwrap(s));
    if (d.type === 'object' && d.shape && typeof seg === 'string') s = d.shape[seg];
    else if (d.type === 'array' && d.element) s = d.element;
    else if (d.type === 'record' && d.valueType) s = d.valueType;
    else return null;
  }
  if (!s) return null;
  const d = def(unwrap(s));
  return d.type === 'object' && d.shape ? d.shape : null;
}

function valueAt(data: unknown, path: DataPath): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '列表',
  object: '键值映射',
  record: '键值映射',
  map: '键值映射',
};

function kindOf(v: unknown): string {
  if (v === null) return '空值';
  if (Array.isArray(v)) return '列表';
  if (typeof v === 'object') return '键值映射';
  if (typeof v === 'string') return `文本“${v}”`;
  if (typeof v === 'number') return `数字 ${v}`;
  if (typeof v === 'boolean') return String(v);
  return typeof v;
}

function fieldName(path: DataPath): string {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  return last === undefined ? '（文件顶层）' : String(last);
}

/** Chinese names of fields whose schema has no description (or a long one). */
const FIELD_LABELS: Record<string, string> = {
  result: '检查结果',
  coverage: '检查比例',
  from: '检查开始日期',
  to: '检查结束日期',
  phone: '联系电话',
  deadline: '整改情况报送截止日期',
};

/** How a value is written, for fields whose type alone ("文本") would not say it. */
const DATE_FORM = '日期，写作 YYYY-MM-DD，例如 2023-11-23';
const FIELD_FORMS: Record<string, string> = {
  issued: DATE_FORM,
  deadline: DATE_FORM,
  from: DATE_FORM,
  to: DATE_FORM,
  round: '轮次，写作 YYYY-Qn，例如 2023-Q4',
  months: '列表，例如 [2023-08, 2023-09, 2023-10]',
  coverage: '百分数，例如 100%',
};

/**
 * A required field that is absent: its Chinese name (with the key to type), how it is written,
 * and where it belongs — at the field that should follow it (or after the one before it).
 */
function missingField(schema: Schema, data: unknown, path: DataPath, want: string): { at: DataPath; message: string } | null {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return null;
  const parent = path.slice(0, -1);
  const shape = objectShapeAt(schema, parent);
  if (!shape) return null;
  const described = (shape[key] as unknown as { description?: string }).description?.split(/[，（,]/)[0];
  const label = FIELD_LABELS[key] ?? described;
  if (!label) return null;
  const form = FIELD_FORMS[key] ? `应为${FIELD_FORMS[key]}` : want;
  const here = valueAt(data, parent);
  const present = (k: string) => here !== null && typeof here === 'object' && !Array.isArray(here) && Object.hasOwn(here, k);
  const keys = Object.keys(shape);
  const i = keys.indexOf(key);
  const next = keys.slice(i + 1).find(present);
  if (next) return { at: [...parent, next], message: `缺少必填“${label}”（${key}）：${form}；请写在“${next}”之前` };
  const prev = keys.slice(0, i).reverse().find(present);
  if (prev) return { at: [...parent, prev], message: `缺少必填“${label}”（${key}）：${form}；请写在“${prev}”一项之后` };
  return null;
}

export function issuesToDiagnostics(issues: z.core.$ZodIssue[], schema: Schema, file: SourceFile, data: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: DataPath, message: string, part: 'key' | 'value' = 'value') => {
    const pos = locate(file, path, part);
    out.push({ severity: 'error', file: file.display, line: pos.line, col: pos.col, message });
  };
  // A missing field next to an unknown one that is close to its name is one mistake (a typo):
  // report it once, as the unknown field with the suggestion.
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = Object.keys(objectShapeAt(schema, issue.path as DataPath) ?? {});
    for (const key of issue.keys) {
      const guess = closest(key, known);
      if (guess) suggested.add(JSON.stringify([...issue.path, guess]));
    }
  }
  for (const issue of issues) {
    const path = issue.path as DataPath;
    const value = valueAt(data, path);
    if (value === undefined && path.length > 0 && issue.code !== 'unrecognized_keys') {
      // A required field that is absent, whatever kind of value it wants; once, and not when
      // an unknown field next to it looks like its misspelling.
      const hint =
        issue.code === 'invalid_type'
          ? `（应为${TYPE_NAMES[issue.expected] ?? issue.expected}）`
          : issue.code === 'invalid_value'
            ? `（只能是${issue.values.map((v) => `“${String(v)}”`).join('或')}）`
            : '';
      if (!suggested.has(JSON.stringify(path))) {
        const m = missingField(schema, data, path, issue.code === 'invalid_value' ? hint.slice(1, -1) : `应为${issue.code === 'invalid_type' ? (TYPE_NAMES[issue.expected] ?? issue.expected) : '文本'}`);
        if (m) at(m.at, m.message, 'key');
        else at(path.slice(0, -1), `缺少必填字段“${fieldName(path)}”${hint}`);
      }
      suggested.add(JSON.stringify(path));
      continue;
    }
    switch (issue.code) {
      case 'invalid_key': {
        // a record key (a year in calendar.yaml) of the wrong form: reported at the key
        const inner = (issue as { issues?: { message: string }[] }).issues?.find((i) => /[\u4e00-\u9fff]/.test(i.message));
        at(path, inner ? `${inner.message}，实际是“${String(path[path.length - 1])}”` : `键“${String(path[path.length - 1])}”无效`, 'key');
        break;
      }
      case 'unrecognized_keys': {
        const shape = objectShapeAt(schema, path) ?? {};
        const known = Object.keys(shape);
        for (const key of issue.keys) {
          const guess = closest(key, known);
          const hint = guess ? `；是不是“${guess}”？` : '；';
          at([...path, key], `未知字段“${key}”${hint}此处可用的字段：${known.map((k) => `“${k}”`).join('、')}`, 'key');
        }
        break;
      }
      case 'invalid_type': {
        const v = valueAt(data, path);
        const want = TYPE_NAMES[issue.expected] ?? issue.expected;
        if (v === undefined) {
          at(path.slice(0, -1), `缺少必填字段“${fieldName(path)}”（应为${want}）`);
        } else if (path.length === 0) {
          at(path, `文件顶层应为${want}，实际是${kindOf(v)}`);
        } else if (/[\u4e00-\u9fff]/.test(issue.message)) {
          at(path, `字段“${fieldName(path)}”：${issue.message}`); // the schema's own wording
        } else {
          at(path, `字段“${fieldName(path)}”应为${want}，实际是${kindOf(v)}`);
        }
        break;
      }
      case 'too_small':
      case 'too_big':
      case 'invalid_value':
      case 'invalid_format':
      case 'custom':
      default: {
        const v = valueAt(data, path);
        // Our schema gives Chinese messages for these; zod's English defaults are replaced.
        const msg = /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : `字段“${fieldName(path)}”的值${kindOf(v)}无效`;
        const full = msg === '不能为空' ? `字段“${fieldName(path)}”不能为空` : msg;
        at(path, full);
      }
    }
  }
  return out;
}
