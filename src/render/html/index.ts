// The notice as HTML for the web page's preview: the same blocks the Word renderer lays out
// (template → blocks), set on A4 sheets with the GB/T 9704 margins, type and 22-line grid
// (../../../../shared/spec/gbt9704.md, docs/layout.md). Page breaks are estimated from the
// grid the way Word fills it, so the sheets look like the printed notice; the words are
// exactly the docx's. Every data string is HTML-escaped here; the page inserts the result as is.
// Styles live in web/notice.css (class names prefixed tb-).
import type { Annex1Row, Annex2Row, Annex2Section, ReportModel } from '../../aggregate/model';
import type { Block } from '../blocks';
import { LINE, SEQ_WIDTH, TITLE_LINE, charWidth, columnWidths, printedWidth, textWidth } from '../docx/layout';
import { ANNEX2_WIDE_MONTHS, annex2Widths } from '../docx/annex-tables';
import { titleLines } from '../docx/title';
import { renderNoticeBlocks, type NoticeTemplateOptions } from '../template/notice';

export interface RenderHtmlOptions extends NoticeTemplateOptions {
  /** the notice's blocks when the caller has rendered them already (renderNoticeBlocks of the same model) */
  blocks?: readonly Block[];
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029\ufffe\uffff]/g;
const SPECIAL = /[&<>"'\u0000-\u001f\u007f\u2028\u2029\ufffe\uffff]/;

/** Text for HTML content or a quoted attribute; control characters become spaces as in the docx. */
export function escapeHtml(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text
    .replace(CONTROL, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** 3号 characters a line of the 版心 holds, and lines a page (GB/T 9704: 28 × 22). */
const CHARS_PER_LINE = 28;
const LINES_PER_PAGE = 22;
/** the 版心 height (225 mm) in twips: 22 grid lines of 28.95 pt (LINE) */
const PAGE_TEXT_HEIGHT = LINE * LINES_PER_PAGE;
/** annex tables: 序号 column, cell padding, 小四 character and cell line height, in twips */
const CELL_PADDING = 160;
const CELL_CHAR = 240;
const CELL_LINE = 320;
/** top and bottom cell margins (2 pt each) and the ½ pt rule between rows */
const CELL_VMARGIN = 90;

/** A piece of a sheet: its HTML (or how to make it) and the height it takes, in twips. */
interface Piece {
  html: string | (() => string);
  height: number;
  /** kept on one page with the next piece */
  keepNext?: boolean;
  /** a table row: the height of the header row repeated above it when it starts a page */
  head?: number;
  /** a paragraph that may run on to the next page: the piece cut after its first `n` lines */
  split?: (n: number) => [Piece, Piece] | null;
}

/** One page of the preview. */
interface Sheet {
  pieces: string[];
}

const kindAttr = (b: Block) => `data-kind="${b.kind}"`;

/** Lines a paragraph of `width` 3号 characters takes, after a first-line indent of `indent`. */
function lines(width: number, indent = 0): number {
  return Math.max(1, Math.ceil((indent + width) / CHARS_PER_LINE - 1e-9));
}

/** From the last paragraph of the text through the date: on one page (no page with only the seal). */
function keptWithNext(blocks: readonly Block[]): Set<number> {
  const keep = new Set<number>();
  const sign = blocks.findIndex((b) => b.kind === 'sign');
  if (sign < 0) return keep;
  let from = sign - 1;
  while (from > 0 && ['blank', 'attach', 'attach-more'].includes(blocks[from].kind)) from--;
  for (let i = Math.max(0, from); i < sign; i++) keep.add(i);
  return keep;
}

/** The notice as an HTML fragment: one <section class="tb-sheet"> per page. */
export function renderNoticeHtml(model: ReportModel, options: RenderHtmlOptions = {}): string {
  const blocks = options.blocks ?? renderNoticeBlocks(model, options);
  // the same blocks (and tables) as last time give the same HTML: `serve` renders once per edit,
  // and most edits leave the notice's words as they were
  const key = renderKey(model, blocks);
  if (last?.key === key) return last.html;
  const html = renderHtml(model, blocks);
  last = { key, html };
  return html;
}

/** The last render, by what it was made from. */
let last: { key: string; html: string } | null = null;

/** Everything the HTML is made from: the blocks and the model's parts their tables draw. */
function renderKey(model: ReportModel, blocks: readonly Block[]): string {
  const tableData = blocks
    .filter((b) => b.kind === 'table')
    .map((b) => {
      const t = b.table!;
      if (t.annex === 'annex1') return model.annex1;
      if (t.annex === 'annex3') return model.rectification?.annex ?? null;
      return { hasProblems: model.annex2.hasProblems, section: model.annex2.sections[t.section] };
    });
  const tablesUsed = tableData.length ? { tableData, columns: model.columns, months: model.months, emptyRow: model.emptyRow } : null;
  return JSON.stringify([blocks, tablesUsed]);
}

function renderHtml(model: ReportModel, blocks: readonly Block[]): string {
  tables.clear();
  const keep = keptWithNext(blocks);
  // Each annex starts a page: the blocks fall into runs, each run paginated on its own.
  const runs: Piece[][] = [[]];
  let hanging = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'annex-label' && runs[runs.length - 1].length) runs.push([]);
    const run = runs[runs.length - 1];
    const text = escapeHtml(b.text);
    // measured only for the kinds that use it: running text is measured character by character
    // by flowPiece (a national round's list of names is one paragraph of 200,000 characters)
    let width: number | undefined;
    const widthOf = () => (width ??= printedWidth(b.text));
    const para = (cls: string, height: number, style = '', body = text) =>
      run.push({
        html: `<p class="tb-${cls}" ${kindAttr(b)}${style ? ` style="${style}"` : ''}>${body}</p>`,
        height: height * LINE,
        keepNext: keep.has(i) || ['h1', 'annex-label', 'annex-title', 'table-title', 'title', 'docnum'].includes(b.kind),
      });
    // body text: may run on to the next page, as Word lets it (two lines at least on each side)
    const flowing = (cls: string, indent: number) => {
      run.push(flowPiece(b, cls, indent, keep.has(i)));
    };
    switch (b.kind) {
      case 'docnum':
        // 版头: the 发文字号 centred over the red separator line
        run.push({ html: `<div class="tb-banner"><p class="tb-docnum" ${kindAttr(b)}>${text}</p></div>`, height: 2 * LINE, keepNext: true });
        break;
      case 'title':
      case 'annex-title': {
        const ls = titleLines(b.text);
        run.push({
          html: `<p class="tb-title" ${kindAttr(b)}>${ls.map(escapeHtml).join('<br>')}</p>`,
          height: ls.length * TITLE_LINE,
          keepNext: true,
        });
        break;
      }
      case 'to':
        flowing('to', 0);
        break;
      case 'p':
      case 'note':
      case 'annex-note':
      case 'h2':
        flowing('p', 2);
        break;
      case 'blank':
        para('blank', 1, '', '');
        break;
      case 'h1':
        para('h1', lines(widthOf(), 2));
        break;
      case 'attach': {
        // 附件：1.… with 2.… under the 1.: the prefix hangs
        const colon = b.text.indexOf('：');
        hanging = textWidth(colon >= 0 ? b.text.slice(0, colon + 1) : '');
        para('attach', lines(widthOf(), 2), `padding-left:${2 + hanging}em;text-indent:-${hanging}em`);
        break;
      }
      case 'attach-more':
        para('attach', lines(widthOf() + hanging, 2), `padding-left:${2 + hanging}em`);
        break;
      case 'sign': {
        // centred over the date, which sits 4字 in from the right
        const date = blocks.slice(i + 1).find((x) => x.kind === 'date');
        const shift = date ? (printedWidth(date.text) - printedWidth(b.text)) / 2 : 0;
        para('sign', 1, `padding-right:${Math.max(0, 4 + shift)}em`);
        run[run.length - 1].keepNext = true;
        break;
      }
      case 'date':
        para('date', 1);
        break;
      case 'annex-label':
        para('annex-label', 1);
        break;
      case 'table-title':
        para('table-title', lines(widthOf()));
        break;
      case 'table': {
        const t = b.table!;
        run.push(...(t.annex === 'annex1' ? annex1Table(model) : t.annex === 'annex3' ? annex3Table(model) : annex2Table(model, model.annex2.sections[t.section])));
        break;
      }
      default: {
        const never: never = b.kind;
        throw new Error(`未知段落种类：${String(never)}`);
      }
    }
  }
  const sheets = runs.flatMap(paginate);
  return (
    `<div class="tb-notice" lang="zh-CN">\n` +
    sheets
      .map((s, n) => {
        const page = n + 1;
        const side = page % 2 ? 'odd' : 'even';
        return (
          `<section class="tb-sheet" aria-label="第${page}页">\n<div class="tb-text">\n${s.pieces.join('\n')}\n</div>\n` +
          `<div class="tb-page-number tb-${side}" aria-hidden="true">— ${page} —</div>\n</section>`
        );
      })
      .join('\n') +
    '\n</div>\n'
  );
}

/** A block's text measured once: the UTF-16 offset of each character and the width before it. */
interface Measured {
  offsets: Float64Array;
  widths: Float64Array;
}

function measure(text: string): Measured {
  // typed arrays indexed by character: one allocation each, however long the paragraph
  const offsets = new Float64Array(text.length + 1);
  const widths = new Float64Array(text.length + 1);
  let n = 0;
  let w = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    // a surrogate pair is one character (as `for…of` counts), a lone surrogate one too
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    w += charWidth(pair ? (c - 0xd800) * 0x400 + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000 : c);
    i += pair ? 2 : 1;
    n++;
    offsets[n] = i;
    widths[n] = w;
  }
  return { offsets: offsets.subarray(0, n + 1), widths: widths.subarray(0, n + 1) };
}

/**
 * A paragraph of running text as a piece: characters `from` to the end of the block's text.
 * Widths come from one measurement of the block, and the HTML is made only when the piece is
 * placed, so a paragraph of any length is split page by page in linear time.
 */
function flowPiece(b: Block, cls: string, indent: number, keepNext: boolean, m: Measured = measure(b.text), from = 0): Piece {
  const end = m.widths.length - 1;
  const first = from === 0 ? indent : 0;
  const count = lines(m.widths[end] - m.widths[from], first);
  const html = (to: number, split: boolean) => () =>
    `<p class="tb-${cls}${from ? ' tb-cont' : ''}${split ? ' tb-split' : ''}" ${kindAttr(b)}${from ? ' data-cont' : ''}>` +
    `${headBody(b, m.offsets[from], m.offsets[to])}</p>`;
  return {
    html: html(end, false),
    height: count * LINE,
    keepNext,
    split: (n) => {
      if (n < 2 || count - n < 2) return null;
      // the last character that still fits on line n: the next one starts line n + 1
      const limit = m.widths[from] + n * CHARS_PER_LINE - first + 1e-9;
      let lo = from;
      let hi = end;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (m.widths[mid] <= limit) lo = mid;
        else hi = mid - 1;
      }
      if (lo <= from) return null;
      return [
        { html: html(lo, true), height: n * LINE, keepNext: false },
        flowPiece(b, cls, indent, keepNext, m, lo),
      ];
    },
  };
}

/** The HTML of characters [from, to) of a block's text, its run-in heading in 楷体. */
function headBody(b: Block, from: number, to: number): string {
  const lead = b.lead ?? '';
  const a = Math.min(Math.max(from, 0), lead.length);
  const c = Math.min(to, lead.length);
  const leadPart = c > a ? `<span class="tb-lead">${escapeHtml(lead.slice(a, c))}</span>` : '';
  return leadPart + escapeHtml(b.text.slice(Math.max(from, lead.length), to));
}

const htmlOf = (p: Piece): string => (typeof p.html === 'string' ? p.html : p.html());

/** Fill pages of the 版心 with pieces; a table piece that does not fit starts a page with its header again. */
function paginate(run: Piece[]): Sheet[] {
  const sheets: Sheet[] = [];
  let cur: Sheet = { pieces: [] };
  let used = 0;
  for (let i = 0; i < run.length; i++) {
    // a piece and those kept with it move to the next page together
    let group = run[i].height;
    for (let j = i; run[j]?.keepNext && j + 1 < run.length && j - i < 12; j++) {
      // running text that may split only needs its first two lines here
      const next = run[j + 1];
      if (next.split && !next.keepNext) {
        group += Math.min(next.height, 2 * LINE);
        break;
      }
      group += next.height;
    }
    const fits = used + run[i].height <= PAGE_TEXT_HEIGHT && (!run[i].keepNext || used + group <= PAGE_TEXT_HEIGHT || group > PAGE_TEXT_HEIGHT);
    if (!fits && run[i].split && !run[i].keepNext) {
      const room = Math.floor((PAGE_TEXT_HEIGHT - used) / LINE + 1e-9);
      const parts = run[i].split!(room);
      if (parts) {
        cur.pieces.push(htmlOf(parts[0]));
        sheets.push(cur);
        cur = { pieces: [] };
        used = 0;
        run.splice(i + 1, 0, parts[1]);
        continue;
      }
    }
    if (!fits && cur.pieces.length) {
      sheets.push(cur);
      cur = { pieces: [] };
      used = run[i].head ?? 0;
    }
    cur.pieces.push(htmlOf(run[i]));
    used += run[i].height;
  }
  sheets.push(cur);
  return mergeTables(sheets);
}

// Table rows are pieces of their own; on each sheet, consecutive rows of a table are put back
// into one <table>, and a table continued from the previous sheet repeats its header row
// (as Word repeats a tblHeader row).
const ROW = /^<tr data-table="(\d+)"/;

function mergeTables(sheets: Sheet[]): Sheet[] {
  return sheets.map((s) => {
    const out: string[] = [];
    let open: string | null = null;
    for (const p of s.pieces) {
      const m = ROW.exec(p);
      if (m && open === m[1]) {
        out.push(p);
        continue;
      }
      if (open !== null) out.push('</tbody></table>');
      open = null;
      if (m) {
        const t = tables.get(Number(m[1]))!;
        const first = p.includes('data-first');
        out.push(`${t.open}<thead>${first ? t.head : t.head.replace('<tr>', '<tr class="tb-repeat" aria-hidden="true">')}</thead><tbody>`, p);
        open = m[1];
      } else {
        out.push(p);
      }
    }
    if (open !== null) out.push('</tbody></table>');
    return { pieces: out };
  });
}

// The tables of the render under way, by number (reset at each render: the output is deterministic).
const tables = new Map<number, { open: string; head: string }>();

/** A narrow column (合格/不合格, a month): room for about four characters of its heading. */
function narrowWidth(labels: string[]): number {
  const widest = Math.max(3, ...labels.map((l) => Math.min(4, printedWidth(l))));
  return Math.ceil(widest * CELL_CHAR) + CELL_PADDING + 40;
}

/** Height in twips of a row whose cells hold these lines, in columns of these widths. */
function rowHeight(cells: { lines: string[]; width: number }[]): number {
  let most = 1;
  for (const c of cells) {
    const per = Math.max(1, (c.width - CELL_PADDING) / CELL_CHAR);
    const n = c.lines.reduce((k, l) => k + Math.max(1, Math.ceil(printedWidth(l) / per - 1e-9)), 0);
    most = Math.max(most, n);
  }
  return most * CELL_LINE + CELL_VMARGIN;
}

interface Cell {
  lines: string[];
  cls: 'c' | 'l' | 'g';
  span?: number;
}

function cellHtml(c: Cell, tag = 'td'): string {
  const span = c.span ? ` colspan="${c.span}"` : '';
  return `<${tag} class="tb-${c.cls}"${span}>${c.lines.map(escapeHtml).join('<br>')}</${tag}>`;
}

/** A table as pieces, one per row; the header row is counted with the first. */
function tablePieces(kind: string, widths: number[], labels: string[], rows: Cell[][]): Piece[] {
  const n = tables.size;
  const total = widths.reduce((a, b) => a + b, 0);
  const cols = widths.map((w) => `<col style="width:${((100 * w) / total).toFixed(2)}%">`).join('');
  const head = `<tr>${labels.map((l) => `<th>${escapeHtml(l)}</th>`).join('')}</tr>`;
  tables.set(n, { open: `<table class="tb-table" data-kind="table" data-annex="${kind}"><colgroup>${cols}</colgroup>`, head });
  const headHeight = rowHeight(labels.map((l, i) => ({ lines: [l], width: widths[i] })));
  return rows.map((cells, r) => {
    let col = 0;
    const measured = cells.map((c) => {
      const span = c.span ?? 1;
      const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      col += span;
      return { lines: c.lines, width };
    });
    const first = r === 0 ? ' data-first' : '';
    return {
      html: `<tr data-table="${n}"${first}>${cells.map((c) => cellHtml(c)).join('')}</tr>`,
      // the first row carries the header with it; a row starting a later page repeats it
      height: rowHeight(measured) + (r === 0 ? headHeight : 0),
      head: r === 0 ? undefined : headHeight,
    };
  });
}

function annex1Table(model: ReportModel): Piece[] {
  const a = model.annex1;
  const C = model.columns;
  const labels = [C.seq, C.siteName, C.url, C.result];
  let widths: number[];
  if (a.hasProblems) {
    labels.push(C.problems);
    widths = columnWidths([narrowWidth([C.result])], [5, 6, 5]);
  } else {
    widths = columnWidths([], [5, 6, 2.6]);
  }
  const rows: Cell[][] = [];
  for (const g of a.groups) {
    rows.push([{ lines: [g.title], cls: 'g', span: widths.length }]);
    for (const r of g.rows) rows.push(annex1Row(r, a.hasProblems));
    if (g.rows.length === 0) rows.push([{ lines: [model.emptyRow], cls: 'c', span: widths.length }]);
  }
  return tablePieces('annex1', widths, labels, rows);
}

function annex1Row(r: Annex1Row, problems: boolean): Cell[] {
  const cells: Cell[] = [
    { lines: [String(r.seq)], cls: 'c' },
    { lines: [r.name], cls: 'l' },
    { lines: [r.url], cls: 'l' },
    { lines: [r.result], cls: 'c' },
  ];
  if (problems) cells.push({ lines: r.problems, cls: 'l' });
  return cells;
}

function annex2Table(model: ReportModel, section: Annex2Section): Piece[] {
  const problems = model.annex2.hasProblems;
  const months = model.months.map((m) => m.column);
  const C = model.columns;
  const labels = [C.seq, C.accountName, C.owner, ...months];
  if (problems) labels.push(C.problems);
  // more months than a quarter's: the notice's compact widths (render/docx/annex-tables.ts)
  const widths =
    months.length > ANNEX2_WIDE_MONTHS
      ? annex2Widths(months, null, problems)
      : columnWidths(
          months.map(() => narrowWidth(months)),
          problems ? [4.2, 5.8, 5] : [4.2, 5.8],
        );
  const rows = section.rows.length
    ? section.rows.map((r) => annex2Row(r, problems))
    : [[{ lines: [model.emptyRow], cls: 'c' as const, span: widths.length }]];
  return tablePieces(`annex2-${section.platform}-${section.level}`, widths, labels, rows);
}

/** 附件3 of the next circular (units that did not report on the previous rectification). */
function annex3Table(model: ReportModel): Piece[] {
  const a = model.rectification!.annex!;
  const C = a.columns;
  const widths = columnWidths([narrowWidth([C.kind, '政务微博'])], [6, 6]);
  const rows = a.rows.map((r): Cell[] => [
    { lines: [String(r.seq)], cls: 'c' },
    { lines: [r.unit], cls: 'l' },
    { lines: [r.name], cls: 'l' },
    { lines: [r.kind], cls: 'c' },
  ]);
  return tablePieces('annex3', widths, [C.seq, C.unit, C.name, C.kind], rows);
}

function annex2Row(r: Annex2Row, problems: boolean): Cell[] {
  const cells: Cell[] = [
    { lines: [String(r.seq)], cls: 'c' },
    { lines: [r.name], cls: 'l' },
    { lines: [r.owner], cls: 'l' },
    ...r.results.map((x): Cell => ({ lines: [x], cls: 'c' })),
  ];
  if (problems) cells.push({ lines: r.problems, cls: 'l' });
  return cells;
}
