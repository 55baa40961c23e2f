// The notice's wording: templates/notice.hbs rendered with the report model, then read back
// as blocks (one paragraph per `@kind text` line).
import * as fs from 'fs';
import * as path from 'path';
import type { ReportModel } from '../../aggregate/model';
import { templatesDir } from '../../paths';
import { BLOCK_KINDS, type Block, type BlockKind } from '../blocks';
import { noticeLayout, type NoticeLayout } from '../annex-rows';
import { compileTemplate, LEAD_CLOSE, LEAD_OPEN } from './env';

export { ANNEX_INLINE_MAX_ROWS, noticeLayout, type NoticeLayout } from '../annex-rows';

export type NoticeContext = Omit<ReportModel, 'passRates'> & { passRates: ReportModel['passRates'] | null; layout: NoticeLayout };

export interface NoticeTemplateOptions {
  /** a template file to use instead of templates/notice.hbs */
  templatePath?: string;
}

const KINDS = new Set<string>(BLOCK_KINDS);

export function defaultNoticeTemplate(): string {
  return path.join(templatesDir(), 'notice.hbs');
}

// Control characters (line breaks above all) would let a data value start a paragraph of its
// own kind, or fake a run-in heading; in a printed notice they are never wanted anyway.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g;
const HAS_CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

/**
 * The value with every string's control characters turned into spaces. Copy on write: an
 * array or object is copied only when something inside it changed, so a national round's
 * model (hundreds of thousands of rows, almost never a control character) is not copied
 * on every render. The template only reads its context.
 */
export function sanitize<T>(value: T): T {
  if (typeof value === 'string') return (HAS_CONTROL.test(value) ? value.replace(CONTROL, ' ') : value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const s = sanitize(v);
      if (s !== v) (out ??= value.slice())[i] = s;
    }
    return (out ?? value) as T;
  }
  if (value && typeof value === 'object') {
    let out: Record<string, unknown> | null = null;
    for (const k of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[k];
      const s = sanitize(v);
      if (s !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = s;
    }
    return (out ?? value) as T;
  }
  return value;
}

/**
 * The value as `sanitize` would give it, made as it is read. A deep object or array (the model,
 * the annex's sections) is wrapped so that each value read from it is sanitized in turn; a
 * shallow one (a list of names, a row) is sanitized at once, which reads faster than through a
 * wrapper. The template reads a few hundred values of a model that holds millions (a national
 * round's annex rows, which only the table renderers read); sanitizing all of them on every
 * render cost more than the template itself. A frozen object cannot be wrapped (a proxy must give
 * its values back unchanged): it is sanitized whole.
 */
export function sanitizedView<T>(value: T): T {
  return viewer()(value);
}

/**
 * One render's sanitizing reader. Its memo (one view per object, so a list read twice is copied
 * once) lives as long as the render: a model changed in place between renders is read afresh.
 */
function viewer(): <T>(value: T) => T {
  const views = new WeakMap<object, object>();
  const wrappers = new WeakSet<object>();
  const handler: ProxyHandler<object> = {
    get: (target, key) => {
      const v: unknown = Reflect.get(target, key);
      return typeof key === 'symbol' ? v : view(v);
    },
    getOwnPropertyDescriptor: (target, key) => {
      const d = Reflect.getOwnPropertyDescriptor(target, key);
      return d && 'value' in d && d.configurable && typeof key !== 'symbol' ? { ...d, value: view(d.value) } : d;
    },
  };
  const view = <T>(value: T): T => {
    if (typeof value === 'string') return sanitize(value);
    if (!value || typeof value !== 'object') return value;
    let v = views.get(value);
    // (a wrapper made before the object was frozen cannot serve it any more)
    if (!v || (wrappers.has(v) && Object.isFrozen(value))) {
      if (Object.isFrozen(value) || shallow(value, 3)) v = sanitize(value);
      else wrappers.add((v = new Proxy(value, handler)));
      views.set(value, v);
    }
    return v as T;
  };
  return view;
}

/** No object or array deeper than `depth` levels inside (a row: 2; a list of rows: 3). */
function shallow(value: unknown, depth: number): boolean {
  if (!value || typeof value !== 'object') return true;
  if (depth === 0) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (v && typeof v === 'object' && !shallow(v, depth - 1)) return false;
    return true;
  }
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k];
    if (v && typeof v === 'object' && !shallow(v, depth - 1)) return false;
  }
  return true;
}

/** The template's context: the model (control characters removed as read) plus layout facts. */
export function noticeContext(model: ReportModel): NoticeContext {
  // the comparison fields are optional in the model; the template (strict) always sees them
  const compare = { paragraph: false, annexColumn: false, rectification: false, ...model.compare };
  return { passRates: null, comparison: null, rectification: null, ...sanitizedView(model), compare, layout: noticeLayout(model) };
}

/** Read a template's output back as blocks; a line that is not `@kind text` is a template error. */
export function parseBlocks(output: string, source = '模板'): Block[] {
  const blocks: Block[] = [];
  const lines = output.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const where = `${source} 输出第 ${i + 1} 行`;
    const m = /^@([a-z0-9-]+)(?:[ \t]+(.*))?$/s.exec(line);
    if (!m || !KINDS.has(m[1])) {
      throw new Error(`${where}：段落应以 @种类 开头（${BLOCK_KINDS.join(' ')}），实际为「${line.slice(0, 40)}」`);
    }
    const kind = m[1] as BlockKind;
    let text = (m[2] ?? '').trim();
    if (kind === 'blank' && text) throw new Error(`${where}：@blank 后面不能有文字`);
    if (kind === 'table') {
      blocks.push({ kind, text: '', table: tableRef(text, where) });
      continue;
    }
    if (kind !== 'blank' && !text) throw new Error(`${where}：@${kind} 段落没有文字`);
    const open = text.indexOf(LEAD_OPEN);
    if (open >= 0 || text.includes(LEAD_CLOSE)) {
      const close = text.indexOf(LEAD_CLOSE);
      if (kind !== 'h2' || open !== 0 || close < 0) {
        throw new Error(`${where}：{{#lead}}…{{/lead}} 只能放在 @h2 段落的开头`);
      }
      const lead = text.slice(1, close);
      text = lead + text.slice(close + 1);
      if (text.includes(LEAD_OPEN) || text.includes(LEAD_CLOSE)) throw new Error(`${where}：一个段落只能有一个 {{#lead}}`);
      blocks.push({ kind, text, lead });
      continue;
    }
    if (kind === 'h2') throw new Error(`${where}：@h2 段落应以 {{#lead}}（一）…{{/lead}} 开头`);
    blocks.push({ kind, text });
  }
  return blocks;
}

function tableRef(spec: string, where: string): Block['table'] {
  if (spec === 'annex1') return { annex: 'annex1' };
  if (spec === 'annex3') return { annex: 'annex3' };
  const m = /^annex2\s+(\d+)$/.exec(spec);
  if (m) return { annex: 'annex2', section: Number(m[1]) };
  throw new Error(`${where}：@table 后应为 annex1、annex2 N 或 annex3，实际为「${spec}」`);
}

function readTemplate(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`无法读取模板 ${file}：${(e as Error).message}`);
  }
}

const sources = new Map<string, string>();

/** The notice as paragraphs, worded by the template. */
export function renderNoticeBlocks(model: ReportModel, options: NoticeTemplateOptions = {}): Block[] {
  const file = path.resolve(options.templatePath ?? defaultNoticeTemplate());
  let source = sources.get(file);
  if (source === undefined) {
    source = readTemplate(file);
    sources.set(file, source);
  }
  const output = compileTemplate(source, path.basename(file))(noticeContext(model));
  const blocks = parseBlocks(output, path.basename(file));
  checkTables(blocks, model, path.basename(file));
  return blocks;
}

function checkTables(blocks: Block[], model: ReportModel, source: string): void {
  for (const b of blocks) {
    if (b.table?.annex === 'annex2' && !model.annex2.sections[b.table.section]) {
      throw new Error(`${source}：@table annex2 ${b.table.section} 超出附件2的表格数（${model.annex2.sections.length}）`);
    }
    if (b.table?.annex === 'annex3' && !model.rectification?.annex) throw new Error(`${source}：@table annex3 只能在有附件3（未按要求报送整改情况的单位）时使用`);
  }
}
