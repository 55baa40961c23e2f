// The 整改台账 filled in Excel back into rectify.yaml: a row's unit is found by 类型 + 名称
// (an account: name + platform) or 网址 (a site), never by row number; 报送日期, 整改情况,
// 复查结果 and 复查日期 are read, checked, and written as edits of only the values that changed
// (src/edit), the earlier file kept in DATA_DIR/history/<n>/. Every problem is reported at
// its cell (台账!H5) and nothing is written then. `tongbao import` hands a workbook with a
// 整改台账 sheet here (isLedgerWorkbook).
import * as fs from 'fs';
import * as path from 'path';
import { checkWorkbookFile, readWorkbook } from '../import/workbook';
import type { CellRead, RowRead } from '../import/workbook';
import { commitTexts, fileHash } from '../edit';
import type { CommitResult } from '../edit';
import { parseRoundFile } from '../load/round';
import { closest } from '../validate/suggest';
import { isRealDate } from '../validate/schema';
import { formatDiagnostic } from '../diagnostics';
import { rectifyText, stateOf } from './edits';
import type { ItemState } from './edits';
import { prepareRectify } from './index';
import { itemKey, keyOf } from './items';
import type { FailingItem } from './items';
import { checkRectify, RECTIFY_FILE, rectifyPath } from './load';
import { PLATFORM_NAMES, REVIEW_RESULTS } from './schema';
import type { ReviewResult } from './schema';
import { rectifyWording } from './wording';
import { columnLetter } from '../render/xlsx/sheet';

export interface LedgerProblem {
  at: string;
  message: string;
}

export interface LedgerChange {
  at: string;
  unit: string;
  field: string;
  old: string;
  new: string;
}

export interface LedgerImport {
  sheet: string;
  rows: number;
  problems: LedgerProblem[];
  changes: LedgerChange[];
  /** rectify.yaml's problems after the edits (nothing written then) */
  after: string[];
  commit: CommitResult | null;
  created: boolean;
}

/** Does the workbook have a 整改台账 sheet? Only the sheet names are read, through the import's
 *  guarded reader (zip directory checked, limits enforced while inflating). */
export async function isLedgerWorkbook(file: string): Promise<boolean> {
  let fd: number | undefined;
  try {
    const { size } = checkWorkbookFile(file);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const z = require('../import/zip') as typeof import('../import/zip');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const x = require('../import/xlsx') as typeof import('../import/xlsx');
    fd = fs.openSync(file, 'r');
    const parts = await x.readWorkbookParts(z.openZip(fd, size));
    return parts.sheets.some((sh) => sh.name === rectifyWording().ledger.sheet);
  } catch {
    return false; // not a workbook, or a broken one: the annex importer says so, located
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The ledger sheet as rows, read by the import's own reader (cells as shown, dates as dates). */
async function readLedgerSheet(file: string, name: string): Promise<{ name: string; rowCount: number; getRow: (r: number) => { eachCell: (f: (cell: { value: unknown }, c: number) => void) => void; getCell: (c: number) => { value: unknown } } }> {
  const rows = new Map<number, RowRead>();
  let rowCount = 0;
  for await (const sheet of readWorkbook(file)) {
    if (sheet.name !== name) continue;
    for await (const r of sheet.rows) {
      rows.set(r.number, r);
      rowCount = Math.max(rowCount, r.number);
    }
  }
  // a cell as the value cellText reads: a date, an unreadable cell, or its text
  const value = (c: CellRead | undefined): unknown => (!c ? null : c.date ? c.date : c.problem ? { error: c.problem } : c.text);
  return {
    name,
    rowCount,
    getRow: (r) => {
      const cells = rows.get(r)?.cells ?? [];
      return {
        eachCell: (f) => cells.forEach((c, i) => c && c.text !== '' && f({ value: value(c) }, i)),
        getCell: (c) => ({ value: value(cells[c]) }),
      };
    },
  };
}

/** A cell as text: rich text joined, a date as YYYY-MM-DD, a formula by its cached result. */
function cellText(v: unknown): { text: string; formula?: boolean } {
  if (v === null || v === undefined) return { text: '' };
  if (v instanceof Date) return { text: `${v.getUTCFullYear()}-${String(v.getUTCMonth() + 1).padStart(2, '0')}-${String(v.getUTCDate()).padStart(2, '0')}` };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return { text: (o.richText as { text: string }[]).map((t) => t.text).join('').trim() };
    if ('formula' in o || 'sharedFormula' in o) return o.result === undefined ? { text: '', formula: true } : cellText(o.result);
    if ('text' in o) return { text: String(o.text).trim() };
    if ('error' in o) return { text: '', formula: true };
  }
  return { text: String(v).trim() };
}

export async function importLedger(dataDir: string, workbook: string, opts: { apply: boolean; cwd: string }): Promise<LedgerImport> {
  const p = prepareRectify(dataDir, opts.cwd); // DataError: the round or rectify.yaml has errors
  const w = rectifyWording();
  const C = w.ledger.columns;
  const ws = await readLedgerSheet(path.resolve(opts.cwd, workbook), w.ledger.sheet);
  const out: LedgerImport = { sheet: ws.name, rows: 0, problems: [], changes: [], after: [], commit: null, created: false };
  const at = (col: number, row: number) => `${ws.name}!${columnLetter(col)}${row}`;

  // the header row: the first of the first ten rows with 类型 and 名称
  let header = 0;
  const cols: Partial<Record<keyof typeof C, number>> = {};
  for (let r = 1; r <= Math.min(10, ws.rowCount) && !header; r++) {
    const row = ws.getRow(r);
    const found: Partial<Record<keyof typeof C, number>> = {};
    row.eachCell((cell, c) => {
      const t = cellText(cell.value).text;
      for (const k of Object.keys(C) as (keyof typeof C)[]) if (t === C[k] && found[k] === undefined) found[k] = c;
    });
    if (found.kind && found.name) {
      header = r;
      Object.assign(cols, found);
    }
  }
  if (!header) {
    out.problems.push({ at: `${ws.name}!A1`, message: `找不到表头：整改台账应有“${C.kind}”“${C.name}”两列（以及“${C.reported}”“${C.summary}”“${C.review}”“${C.reviewed}”中要导入的列）` });
    return out;
  }

  const items = new Map(p.rectify.items.map((i) => [keyOf(i), i as FailingItem]));
  const labels = [...items.values()].map((i) => `${i.name}（${i.kindLabel}）`);
  const kinds = new Map<string, FailingItem['kind']>([['政府网站', 'site'], [PLATFORM_NAMES[0], 'weibo'], [PLATFORM_NAMES[1], 'wechat']]);
  const wanted = new Map<string, ItemState>();
  const rowOf = new Map<string, number>();
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const get = (k: keyof typeof C) => (cols[k] ? cellText(row.getCell(cols[k]!).value) : { text: '' });
    const kind = get('kind').text;
    const name = get('name').text;
    if (!kind && !name) continue; // an empty row
    out.rows++;
    const k = kinds.get(kind);
    if (!k) {
      out.problems.push({ at: at(cols.kind!, r), message: `类型“${kind}”无效，只能是“政府网站”“政务微博”或“政务微信”` });
      continue;
    }
    const url = get('url').text;
    if (k === 'site' && !url) {
      out.problems.push({ at: at(cols.url ?? cols.name!, r), message: `网站按网址认定：这一行的“${C.url}”是空的` });
      continue;
    }
    const key = k === 'site' ? itemKey('site', url) : itemKey(k, name);
    const item = items.get(key);
    if (!item) {
      const guess = closest(`${name}（${kind}）`, labels);
      const what = k === 'site' ? `网址“${url}”` : `“${name}”（${kind}）`;
      out.problems.push({ at: at(k === 'site' ? (cols.url ?? cols.name!) : cols.name!, r), message: `本轮不合格的网站和账号中没有${what}${guess ? `；是不是“${guess}”？` : ''}` });
      continue;
    }
    if (rowOf.has(key)) {
      out.problems.push({ at: at(cols.name!, r), message: `同一网站或账号重复（第 ${rowOf.get(key)} 行已有）` });
      continue;
    }
    rowOf.set(key, r);
    const have = stateOf(p.data.entries.get(key));
    const state: ItemState = { ...have };
    const date = (f: 'reported' | 'reviewed', col: keyof typeof C) => {
      if (!cols[col]) return;
      const c = get(col);
      // a date typed into the text-formatted column can arrive as Excel's day number (45261)
      if (/^\d{5}$/.test(c.text)) {
        const d = new Date(Date.UTC(1899, 11, 30) + Number(c.text) * 86400000);
        c.text = cellText(d).text;
      }
      if (c.formula) out.problems.push({ at: at(cols[col]!, r), message: '公式没有结果：请填写日期本身' });
      else if (!c.text || (f === 'reported' && c.text === w.ledger.notReported)) state[f] = null;
      else {
        const t = c.text.replace(/^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?$/, (_, y, m, d) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
        if (isRealDate(t)) state[f] = t;
        else out.problems.push({ at: at(cols[col]!, r), message: `日期“${c.text}”无效，应写作 YYYY-MM-DD，例如 2023-11-27${f === 'reported' ? `；未收到整改报告写“${w.ledger.notReported}”或留空` : ''}` });
      }
    };
    date('reported', 'reported');
    date('reviewed', 'reviewed');
    if (cols.summary) state.summary = get('summary').text || null;
    if (cols.review) {
      const t = get('review').text;
      if (!t) state.review = '未复查';
      else if ((REVIEW_RESULTS as readonly string[]).includes(t)) state.review = t as ReviewResult;
      else out.problems.push({ at: at(cols.review, r), message: `复查结果“${t}”无效，只能是“合格”“不合格”或“未复查”` });
    }
    wanted.set(key, state);
    const show = (v: string | null) => v ?? '（空）';
    const label = `${item.name}（${item.kindLabel}）`;
    const fields: [keyof ItemState, keyof typeof C][] = [['reported', 'reported'], ['summary', 'summary'], ['review', 'review'], ['reviewed', 'reviewed']];
    for (const [f, col] of fields) {
      if ((state[f] ?? null) !== (have[f] ?? null)) out.changes.push({ at: at(cols[col]!, r), unit: label, field: C[col], old: show(have[f]), new: show(state[f]) });
    }
  }
  if (out.problems.length || !out.changes.length) return out;

  // the new text, checked as rectify.yaml is checked before anything is written
  const dir = path.dirname(p.v.files.notice!.path);
  const file = rectifyPath(dir);
  const exists = fs.existsSync(file);
  const before = exists ? fs.readFileSync(file, 'utf8') : null;
  const { text } = rectifyText(before, [...items.values()], p.data, wanted);
  const parsed = parseRoundFile(file, text, opts.cwd);
  const check = parsed.file && !parsed.diagnostics.length ? checkRectify(parsed.file, parsed.data, p.v.round, [...items.values()]).diagnostics : parsed.diagnostics;
  out.after = check.map(formatDiagnostic);
  if (out.after.length || !opts.apply) return out;
  if (exists) out.commit = commitTexts(dir, [RECTIFY_FILE], () => text, { expectedHashes: { 'rectify.yaml': fileHash(Buffer.from(before!, 'utf8')) } });
  else {
    // a new file: nothing to keep in history
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { writeFileAtomic } = require('../write/atomic') as typeof import('../write/atomic');
    writeFileAtomic(file, text);
    out.commit = { changed: ['rectify.yaml'], history: null, hashes: { 'rectify.yaml': fileHash(Buffer.from(text, 'utf8')) } };
    out.created = true;
  }
  return out;
}
