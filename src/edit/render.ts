// Writing a value as YAML text that reads back as exactly that value, in the style the data
// files use (plain where safe, short lists of scalars in [flow], units as block mappings).
import { parse } from 'yaml';

export type Context = 'block' | 'flow';

// Strings that spreadsheets and other tools could take for a formula are always quoted, so a
// reader sees at once that the = or + is part of the text.
const FORMULA_START = /^[=+\-@]/;
// Words older YAML readers (1.1) take for booleans, and spellings of numbers they accept.
const YAML11_WORDS = /^(y|n|yes|no|on|off|true|false|null)$/i;
const NUMBERISH = /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?)$|^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$|^0[bxo]/i;

function plainSafe(s: string, ctx: Context): boolean {
  if (s === '' || s !== s.trim()) return false;
  if (/[\u0000-\u001f\u007f\u2028\u2029\ufeff]/.test(s)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) || FORMULA_START.test(s)) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (ctx === 'flow' && /[,[\]{}]/.test(s)) return false;
  if (YAML11_WORDS.test(s) || NUMBERISH.test(s)) return false;
  try {
    return parse(s, { version: '1.2' }) === s;
  } catch {
    return false;
  }
}

/** A string in double quotes (JSON's escapes are valid YAML; CJK is kept as typed). */
export function doubleQuoted(s: string): string {
  return JSON.stringify(s).replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\L' : '\\P'));
}

function singleQuoted(s: string): string | null {
  return /[\n\r\u0000-\u001f]/.test(s) ? null : `'${s.replace(/'/g, "''")}'`;
}

/** The previous scalar's quoting, kept when the new value is a string too. */
export type QuoteStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | string | undefined;

export function scalarText(v: unknown, ctx: Context, style?: QuoteStyle): string {
  if (v === null || v === undefined) return '~';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return Number.isNaN(v) ? '.nan' : v > 0 ? '.inf' : '-.inf';
    return String(v);
  }
  if (v instanceof Date) return doubleQuoted(v.toISOString().slice(0, 10));
  if (typeof v !== 'string') throw new TypeError(`不能写入 YAML 的值类型：${typeof v}`);
  if (style === 'QUOTE_DOUBLE') return doubleQuoted(v);
  if (style === 'QUOTE_SINGLE') return singleQuoted(v) ?? doubleQuoted(v);
  return plainSafe(v, ctx) ? v : doubleQuoted(v);
}

export function isScalarValue(v: unknown): boolean {
  return v === null || v === undefined || typeof v !== 'object' || v instanceof Date;
}

function keyText(k: string): string {
  return plainSafe(k, 'block') ? k : doubleQuoted(k);
}

/** Short lists of scalars read best on one line: results: [合格, 不合格, 合格]. */
function wantsFlow(a: unknown[]): boolean {
  if (a.length === 0) return true;
  if (!a.every(isScalarValue)) return false;
  if (a.some((x) => typeof x === 'string' && x.length > 12)) return false;
  return a.map((x) => scalarText(x, 'flow')).join(', ').length <= 60;
}

export function flowText(v: unknown): string {
  if (isScalarValue(v)) return scalarText(v, 'flow');
  if (Array.isArray(v)) return `[${v.map(flowText).join(', ')}]`;
  const entries = Object.entries(v as Record<string, unknown>);
  return entries.length ? `{ ${entries.map(([k, x]) => `${keyText(k)}: ${flowText(x)}`).join(', ')} }` : '{}';
}

/** Lists of sentences, one a line however short: 问题曝光情况, the notice's lists. */
const BLOCK_LIST_KEYS = new Set(['problems', 'basis', 'failing_order', 'requirements']);

/** True when the value is written on the same line as its key or dash. */
export function isInline(v: unknown, key?: string | number): boolean {
  if (isScalarValue(v)) return true;
  if (Array.isArray(v)) return v.length === 0 || (!(typeof key === 'string' && BLOCK_LIST_KEYS.has(key)) && wantsFlow(v));
  return Object.keys(v as object).length === 0;
}

export function inlineText(v: unknown, style?: QuoteStyle): string {
  return isScalarValue(v) ? scalarText(v, 'block', style) : flowText(v);
}

/**
 * A collection as block lines, the first line without indentation (it follows a dash or
 * is placed by the caller), the rest indented by `indent` spaces; lines joined by `eol`.
 */
export function blockText(v: unknown, indent: number, eol: string): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      lines.push(`- ${isInline(item) ? inlineText(item) : blockText(item, indent + 2, eol)}`);
    }
  } else {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined) continue;
      if (isInline(x, k)) lines.push(`${keyText(k)}: ${inlineText(x)}`);
      else if (Array.isArray(x)) lines.push(`${keyText(k)}:${eol}${pad}  ${blockText(x, indent + 2, eol)}`);
      else lines.push(`${keyText(k)}:${eol}${pad}  ${blockText(x, indent + 2, eol)}`);
    }
  }
  return lines.join(eol + pad);
}
