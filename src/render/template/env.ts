// The Handlebars environment for the project's templates: isolated instances with a few
// helpers, compiled strictly so that a misspelt path or helper is an error, not an empty string.
// The default notice template comes precompiled (notice.compiled.ts): running it needs only the
// Handlebars runtime; the compiler is loaded when a template has to be compiled.
import type Handlebars = require('handlebars');

/** Marks the run-in heading of an `@h2` line (see parseBlocks); data can never contain these. */
export const LEAD_OPEN = '\u001e';
export const LEAD_CLOSE = '\u001f';

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 一 … 九十九: the Chinese numeral of n (1 ≤ n ≤ 99), as 公文 headings count. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`中文序号超出范围：${n}`);
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ''}`;
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
let runtimeEnv: Env | null = null;

/** An isolated Handlebars instance with the compiler (the global one stays untouched); prototype access stays off. */
export function handlebarsEnv(): Env {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  compilerEnv ??= withHelpers((require('handlebars') as Env).create());
  return compilerEnv;
}

function runtime(): Env {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  runtimeEnv ??= withHelpers((require('handlebars/runtime') as Env).create());
  return runtimeEnv;
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
const precompiledByName = new Map<string, Compiled>();

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

/** A template precompiled with COMPILE_OPTIONS (Handlebars.precompile output, as an object). */
export function precompiledTemplate(spec: unknown, name: string): Compiled {
  let compiled = precompiledByName.get(name);
  if (!compiled) {
    compiled = named(runtime().template(spec as Parameters<Env["template"]>[0]), name);
    precompiledByName.set(name, compiled);
  }
  return compiled;
}

/** TypeScript source of a module holding `source` precompiled (see notice.compiled.ts). */
export function precompiledModule(source: string): string {
  const spec = handlebarsEnv().precompile(source, COMPILE_OPTIONS);
  return (
    '// @ts-nocheck -- generated from templates/notice.hbs by test/render-docx (UPDATE_GOLDEN=1); do not edit.\n' +
    '// The notice template precompiled, so that a build need not compile it. Used only while\n' +
    '// SOURCE equals the template file; an edited template is compiled when it is used.\n' +
    '/* eslint-disable */\n' +
    `export const SOURCE = ${JSON.stringify(source)};\n` +
    `export const SPEC = ${spec};\n`
  );
}
