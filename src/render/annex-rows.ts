// The annex tables as the notice prints them on its 附件 pages, as plain text: what the notice
// states there is part of the notice, so manifest.json records it and `annexes` refuses to
// leave the notice's copy behind when a correction changes it. Pure (no docx, no handlebars):
// `check` and `diff` use it too. The docx renderer (docx/annex-tables.ts) prints the same cells;
// a test reads them back from the .docx and compares.
import type { ReportModel } from '../aggregate/model';

/**
 * Above this many rows an annex is not printed inside the notice: Word and LibreOffice
 * slow to a crawl on tables of tens of thousands of rows, and nobody reads them on paper.
 * The annex page then carries a sentence pointing to the Excel workbook instead.
 */
export const ANNEX_INLINE_MAX_ROWS = 2000;

/** What the template sees besides the model: layout facts computed here. */
export interface NoticeLayout {
  annex1: { rows: number; inline: boolean };
  annex2: { rows: number; inline: boolean };
  /** 附件3 (units that did not report on the previous rectification); 0 rows when there is none */
  annex3: { rows: number; inline: boolean };
}

export function noticeLayout(model: ReportModel): NoticeLayout {
  const rows1 = model.annex1.groups.reduce((n, g) => n + g.rows.length, 0);
  const rows2 = model.annex2.sections.reduce((n, s) => n + s.rows.length, 0);
  const rows3 = annex3Of(model)?.rows.length ?? 0;
  return {
    annex1: { rows: rows1, inline: rows1 <= ANNEX_INLINE_MAX_ROWS },
    annex2: { rows: rows2, inline: rows2 <= ANNEX_INLINE_MAX_ROWS },
    annex3: { rows: rows3, inline: rows3 <= ANNEX_INLINE_MAX_ROWS },
  };
}

/** One table on the notice's 附件 pages: cells joined by a tab, lines in a cell by a line break
 *  (the notice turns both into spaces in the data, so neither can come from a value). */
export interface NoticeTable {
  /** 附件1, or 附件2 with the section title */
  title: string;
  /** the column headings, then each row as printed (a group title row is a single cell) */
  rows: string[];
}

// What the notice's tables do to text before printing it (docx/wordml.ts esc: characters XML
// forbids, line breaks included, become spaces).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\ufffe\uffff]/g;
const clean = (s: string) => s.replace(CONTROL, ' ');
const row = (cells: (string | string[])[]) => cells.map((c) => (Array.isArray(c) ? c.map(clean).join('\n') : clean(c))).join('\t');

/** 附件3 as the notice prints it: only with compare.rectification and a unit that did not report. */
function annex3Of(model: ReportModel) {
  return model.compare?.rectification ? (model.rectification?.annex ?? null) : null;
}

/** The tables the notice prints, in order; none for an annex too long to print there. */
export function noticeAnnexTables(model: ReportModel): NoticeTable[] {
  const layout = noticeLayout(model);
  const C = model.columns;
  // 上季度结果, when notice.yaml asks for it (compare.annex_column), as docx/annex-tables.ts prints it
  const prev = !!model.compare?.annexColumn;
  const out: NoticeTable[] = [];
  if (layout.annex1.inline) {
    const a = model.annex1;
    const rows = [row([C.seq, C.siteName, C.url, C.result, ...(prev ? [C.previousResult] : []), ...(a.hasProblems ? [C.problems] : [])])];
    for (const g of a.groups) {
      rows.push(row([g.title]));
      for (const r of g.rows) rows.push(row([String(r.seq), r.name, r.url, r.result, ...(prev ? [r.previous ?? ''] : []), ...(a.hasProblems ? [r.problems] : [])]));
      if (g.rows.length === 0) rows.push(row([model.emptyRow]));
    }
    out.push({ title: clean(a.label), rows });
  }
  if (layout.annex2.inline) {
    const a = model.annex2;
    const head = row([C.seq, C.accountName, C.owner, ...model.months.map((m) => m.column), ...(prev ? [C.previousResult] : []), ...(a.hasProblems ? [C.problems] : [])]);
    for (const s of a.sections) {
      const rows = [head];
      for (const r of s.rows) rows.push(row([String(r.seq), r.name, r.owner, ...r.results, ...(prev ? [r.previous ?? ''] : []), ...(a.hasProblems ? [r.problems] : [])]));
      if (s.rows.length === 0) rows.push(row([model.emptyRow]));
      out.push({ title: `${clean(a.label)}${clean(s.title)}`, rows });
    }
  }
  const a3 = annex3Of(model);
  if (a3 && layout.annex3.inline) {
    const C = a3.columns;
    out.push({ title: clean(a3.label), rows: [row([C.seq, C.unit, C.name, C.kind]), ...a3.rows.map((r) => row([String(r.seq), r.unit, r.name, r.kind]))] });
  }
  return out;
}

interface RowChange {
  /** row number (from 1, after the header): in the new table, or in the old one for a removed row */
  row: number;
  before?: string;
  after?: string;
}

/** A row without its 序号: renumbering after an added or removed unit is not a change of its own. */
const withoutSeq = (row: string) => row.replace(/^\d+\t/, '');

/**
 * Rows that differ, aligned on the rows both tables share (longest common subsequence, 序号
 * aside), so an inserted or removed unit is one change, not a shift of every row after it.
 * Between two shared rows, old and new rows pair up as changed rows; the rest are added or removed.
 */
export function rowChanges(rowsBefore: string[], rowsAfter: string[]): RowChange[] {
  const a = rowsBefore.map(withoutSeq);
  const b = rowsAfter.map(withoutSeq);
  // common head and tail first: a correction usually touches few rows
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const fullX = rowsBefore.slice(head, a.length - tail);
  const fullY = rowsAfter.slice(head, b.length - tail);
  const n = x.length;
  const m = y.length;
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  const out: RowChange[] = [];
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const k = Math.min(removed.length, added.length);
    for (let q = 0; q < k; q++) out.push({ row: head + added[q] + 1, before: fullX[removed[q]], after: fullY[added[q]] });
    for (const i of removed.slice(k)) out.push({ row: head + i + 1, before: fullX[i] });
    for (const j of added.slice(k)) out.push({ row: head + j + 1, after: fullY[j] });
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      flush();
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) added.push(j++);
    else removed.push(i++);
  }
  flush();
  return out;
}

/** How many rows of the notice's annex tables differ (序号 aside), over all tables. */
export function annexRowChangeCount(before: NoticeTable[], after: NoticeTable[]): number {
  const old = new Map(before.map((t) => [t.title, t]));
  let n = 0;
  for (const t of after) n += rowChanges(old.get(t.title)?.rows.slice(1) ?? [], t.rows.slice(1)).length;
  return n;
}

/** At most this many changed rows are named per table; the rest are counted. */
const MAX_NAMED = 10;

const shown = (cells: string[]) => cells.map((c) => c.replace(/\n/g, '；')).join(' ');

/**
 * A row as the reader finds it: `附件1 县（市）政府网站 序号 13（榕江县）` — the group heading
 * above it (附件1's tables have them as one-cell rows), the 序号 and the name it prints.
 */
function rowName(title: string, rows: string[], at: number): string {
  const cells = rows[at].split('\t');
  let group = '';
  for (let k = at - 1; k >= 0 && !group; k--) if (!rows[k].includes('\t')) group = rows[k];
  const seq = /^\d+$/.test(cells[0]) ? ` 序号 ${cells[0]}` : '';
  const name = cells.length > 1 ? `（${cells[1]}）` : '';
  return `通报${title}${group ? ` ${group}` : ''}${seq}${name}`;
}

/**
 * How the notice's annex tables would read differently, in Chinese, rows named as printed, e.g.
 * `通报附件2（一）州直部门政务微博更新情况 序号 2（黔东南民政）：账号名称 黔东南民政 → 黔东南州民政局`.
 * Rows are aligned on the rows both tables keep (序号 aside). `before` is undefined for a
 * manifest written before the tables were recorded.
 */
export function noticeTableDifferences(before: NoticeTable[] | undefined, after: NoticeTable[]): string[] {
  if (!before) return ['通报附件页的表格：清单中没有记录（较早版本生成），无法确认未变'];
  const out: string[] = [];
  const old = new Map(before.map((t) => [t.title, t]));
  const now = new Set(after.map((t) => t.title));
  for (const t of before) if (!now.has(t.title)) out.push(`通报${t.title}：不再在通报中列出表格（篇幅较大，改为指明电子表格）`);
  for (const t of after) {
    const o = old.get(t.title);
    if (!o) {
      out.push(`通报${t.title}：改为在通报中列出表格（${t.rows.length - 1} 行）`);
      continue;
    }
    const heads = t.rows[0].split('\t');
    // spaces aside: the notice may break a long heading over lines at a space
    if (o.rows[0].replace(/[ \u3000]/g, '') !== t.rows[0].replace(/[ \u3000]/g, '')) out.push(`通报${t.title} 表头：${shown(o.rows[0].split('\t'))} → ${shown(heads)}`);
    const changes: string[] = [];
    const [rowsBefore, rowsAfter] = [o.rows.slice(1), t.rows.slice(1)];
    for (const op of rowChanges(rowsBefore, rowsAfter)) {
      const rest = (row: string) => shown(row.split('\t').slice(/^\d+\t/.test(row) ? 1 : 0));
      if (op.before === undefined) changes.push(`${rowName(t.title, rowsAfter, op.row - 1)}：新增 ${rest(op.after!)}`);
      else if (op.after === undefined) changes.push(`${rowName(t.title, rowsBefore, op.row - 1)}：删去 ${rest(op.before)}`);
      else {
        const where = rowName(t.title, rowsAfter, op.row - 1);
        const [ca, cb] = [op.before.split('\t'), op.after.split('\t')];
        if (ca.length !== cb.length) {
          changes.push(`${where}：${shown(ca)} → ${shown(cb)}`);
          continue;
        }
        const cells = ca.map((x, k) => (x === cb[k] ? null : `${heads[k] ?? ''} ${shown([x])} → ${shown([cb[k]])}`.trim())).filter((x): x is string => x !== null);
        changes.push(`${where}：${cells.join('，')}`);
      }
    }
    out.push(...changes.slice(0, MAX_NAMED));
    if (changes.length > MAX_NAMED) out.push(`通报${t.title}：另有 ${changes.length - MAX_NAMED} 行不同`);
  }
  return out;
}
