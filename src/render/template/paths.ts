// Static check of a template: every data path it uses, resolved through #each/#with scopes,
// so a path the model lacks is caught before any data is rendered.
import Handlebars = require('handlebars');
import { HELPERS } from './env';

type Node = hbs.AST.Node;
type Program = hbs.AST.Program;
type PathExpr = hbs.AST.PathExpression;
type Expr = hbs.AST.Expression;

/** Scope-changing and plain block helpers Handlebars knows, plus ours. */
const BUILTIN_BLOCKS = new Set(['if', 'unless', 'each', 'with']);
const DATA_VARS = new Set(['index', 'first', 'last', 'key']);

export interface PathUse {
  /** from the root of the context: "failingAccounts.[].name" */
  path: string;
  line: number;
}

/** Every data path the template reads, in order of appearance (helper names excluded). */
export function templatePaths(source: string): PathUse[] {
  const ast = Handlebars.parse(source);
  const uses: PathUse[] = [];
  walkProgram(ast, [[]], uses);
  return uses;
}

function walkProgram(program: Program | undefined, scopes: string[][], uses: PathUse[]): void {
  if (!program) return;
  for (const st of program.body) walk(st, scopes, uses);
}

function walk(node: Node, scopes: string[][], uses: PathUse[]): void {
  switch (node.type) {
    case 'ContentStatement':
    case 'CommentStatement':
      return;
    case 'MustacheStatement': {
      const m = node as hbs.AST.MustacheStatement;
      callOrPath(m.path, m.params, m.hash, scopes, uses);
      return;
    }
    case 'BlockStatement': {
      const b = node as hbs.AST.BlockStatement;
      const name = b.path.type === 'PathExpression' ? (b.path as PathExpr).original : '';
      if (!BUILTIN_BLOCKS.has(name) && !(name in HELPERS)) {
        throw new Error(`第 ${b.loc.start.line} 行：未知的块辅助函数 #${name}`);
      }
      for (const p of b.params) expr(p, scopes, uses);
      for (const pair of b.hash?.pairs ?? []) expr(pair.value, scopes, uses);
      let inner = scopes;
      if ((name === 'each' || name === 'with') && b.params[0]?.type === 'PathExpression') {
        const base = resolve(b.params[0] as PathExpr, scopes);
        if (base) inner = [...scopes, name === 'each' ? [...base, '[]'] : base];
      }
      walkProgram(b.program, inner, uses);
      walkProgram(b.inverse, scopes, uses);
      return;
    }
    default:
      throw new Error(`第 ${node.loc?.start.line ?? '?'} 行：模板中不支持 ${node.type}（例如局部模板）`);
  }
}

function callOrPath(callee: Expr, params: Expr[], hash: hbs.AST.Hash | undefined, scopes: string[][], uses: PathUse[]): void {
  const name = callee.type === 'PathExpression' ? (callee as PathExpr).original : '';
  if (name in HELPERS) {
    for (const p of params) expr(p, scopes, uses);
    for (const pair of hash?.pairs ?? []) expr(pair.value, scopes, uses);
    return;
  }
  if (params.length || hash) throw new Error(`第 ${callee.loc.start.line} 行：未知的辅助函数 ${name}`);
  expr(callee, scopes, uses);
}

function expr(e: Expr, scopes: string[][], uses: PathUse[]): void {
  if (e.type === 'SubExpression') {
    const s = e as hbs.AST.SubExpression;
    callOrPath(s.path, s.params, s.hash, scopes, uses);
    return;
  }
  if (e.type !== 'PathExpression') return; // literals
  const p = resolve(e as PathExpr, scopes);
  if (p) uses.push({ path: p.join('.'), line: e.loc.start.line });
}

/** Path from the context root, or null for data variables such as @index. */
function resolve(p: PathExpr, scopes: string[][]): string[] | null {
  if (p.data) {
    if (p.parts[0] === 'root') return p.parts.slice(1);
    if (p.parts.length === 1 && DATA_VARS.has(p.parts[0])) return null;
    throw new Error(`第 ${p.loc.start.line} 行：不支持的数据变量 @${p.parts.join('.')}`);
  }
  const base = scopes[scopes.length - 1 - p.depth];
  if (!base) throw new Error(`第 ${p.loc.start.line} 行：${p.original} 超出了最外层`);
  return [...base, ...p.parts];
}

/**
 * The paths of `uses` that `sample` (a complete context, every list non-empty) does not have.
 * "[]" steps into the first element of a list.
 */
export function missingPaths(uses: PathUse[], sample: unknown): PathUse[] {
  return uses.filter((u) => !has(sample, u.path ? u.path.split('.') : []));
}

function has(value: unknown, parts: string[]): boolean {
  let v = value;
  for (const part of parts) {
    if (part === '[]') {
      if (!Array.isArray(v) || v.length === 0) return false;
      v = v[0];
    } else {
      if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, part)) return false;
      v = (v as Record<string, unknown>)[part];
    }
  }
  return true;
}
