// The Handlebars environment for the project's templates: isolated instances with a few
// helpers, compiled strictly so that a misspelt path or helper is an error, not an empty string.
import type Handlebars = require('handlebars');
import { chineseNumber } from '../../aggregate/chinese';

/** Marks the run-in heading of an `@h2` line (see parseBlocks); data can never contain these. */
export const LEAD_OPEN = '\u001e';
export const LEAD_CLOSE = '\u001f';

/** 一 … 九十九: the Chinese numeral of n (1 ≤ n ≤ 99), as 公文 headings count. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`中文序号超出范围：${n}`);
  return chineseNumber(n);
}

type Options = Handlebars.HelperOptions & { name?: string; loc?: { start: { line: number } } };

/** Helper arguments without the trailing options object; throws unless there are exactly `count`. */
function args(name: string, count: number, raw: unknown[]): unknown[] {
  const list = raw.slice(0, -1);
  if (list.length !== count || list.some((a) => a === undefined)) {
    throw new Error(`模板辅助函数 ${name} 需要 ${count} 个参数，实际 ${list.filter((a) => a !== undefined).length} 个`);
  }
  return list;
}

/** The helpers a template may use; all others are a compile error (knownHelpersOnly). */
export const HELPERS: Record<string, (...raw: unknown[]) => unknown> = {
  /** {{#if (eq a b)}}: strict equality */
  eq: (...raw) => {
    const [a, b] = args('eq', 2, raw);
    return a === b;
  },
  /** {{#if (or a b)}}: either is truthy (0, '' and [] are not) */
  or: (...raw) => {
    const [a, b] = args('or', 2, raw);
    return isTruthy(a) || isTruthy(b);
  },
  /** {{cn @index}}: 一 for the first item of an #each, 二 for the second … */
  cn: (...raw) => {
    const [i] = args('cn', 1, raw);
    if (typeof i !== 'number') throw new Error(`模板辅助函数 cn 需要数字参数，实际为 ${typeof i}`);
    return chineseNumeral(i + 1);
  },
  /** {{ge levels.department}}: 州直部门 → 州直各部门 (各 before a closing 部门/单位, else in front) */
  ge: (...raw) => {
    const [name] = args('ge', 1, raw);
    const s = String(name);
    const m = /^(.*?)(部门|单位)$/.exec(s);
    return m && m[1] ? `${m[1]}各${m[2]}` : `各${s}`;
  },
  /** {{stem levels.county}}: 县（市） → 县, the name without its bracketed addition */
  stem: (...raw) => {
    const [name] = args('stem', 1, raw);
    return String(name).replace(/[（(][^（）()]*[）)]$/, '');
  },
  /** {{#lead}}（一）…。{{/lead}}: the run-in heading of an @h2 paragraph */
  lead: function (this: unknown, ...raw) {
    args('lead', 0, raw);
    const options = raw[raw.length - 1] as Options;
    if (typeof options.fn !== 'function') throw new Error('模板辅助函数 lead 只能用作块：{{#lead}}…{{/lead}}');
    return LEAD_OPEN + options.fn(this) + LEAD_CLOSE;
  },
};

function isTruthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : Boolean(v);
}

export const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  noEscape: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true])),
};

type Env = typeof Handlebars;

function withHelpers(env: Env): Env {
  for (const [name, fn] of Object.entries(HELPERS)) env.registerHelper(name, fn as Handlebars.HelperDelegate);
  return env;
}

let compilerEnv: Env | null = null;

/** An isolated Handlebars instance with the compiler (the global one stays untouched); prototype access stays off. */
export function handlebarsEnv(): Env {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  compilerEnv ??= withHelpers((require('handlebars') as Env).create());
  return compilerEnv;
}

export type Compiled = (context: unknown) => string;

/** Errors name the template they came from. */
function named(fn: (context: unknown) => string, name: string): Compiled {
  return (context) => {
    try {
      return fn(context);
    } catch (e) {
      throw new Error(`模板 ${name}：${(e as Error).message}`);
    }
  };
}

const compiledBySource = new Map<string, Compiled>();

/**
 * Compile a template source once per process. The source is always a file the user or the
 * project wrote, never text built from data.
 */
export function compileTemplate(source: string, name: string): Compiled {
  let compiled = compiledBySource.get(source);
  if (!compiled) {
    compiled = named(handlebarsEnv().compile(source, COMPILE_OPTIONS), name);
    compiledBySource.set(source, compiled);
  }
  return compiled;
}
