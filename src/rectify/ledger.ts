// The 整改台账 workbook: one row per failing item, print-ready like the annexes (same sheet
// writer, styles, widths, A4 landscape, header repeated, page numbers), drop-downs for 逾期
// and 复查结果, and the 附件3 workbook of the next circular. Loaded only when written (exceljs).
import type { ReportModel } from '../aggregate/model';
import { columnLetter, SheetWriter } from '../render/xlsx/sheet';
import type { CellValue, ColumnSpec } from '../render/xlsx/layout';
import { WidthMeter } from '../render/xlsx/layout';
import { writeWorkbook } from '../render/xlsx/workbook';
import type { RectificationFollowUp } from './followup';
import type { RectifyItem, RectifyModel } from './model';
import { REVIEW_RESULTS } from './schema';

/** 问题 as the ledger prints it: the failing months with the rule's figures, then each problem, a line each. */
export function problemLines(it: Pick<RectifyItem, 'monthsText' | 'reasonsText' | 'problems'>): string {
  const head = it.monthsText ? `${it.monthsText}不合格${it.reasonsText ? `：${it.reasonsText}` : ''}` : '不合格';
  return [head, ...it.problems].join('\n');
}

export function ledgerColumns(m: RectifyModel): ColumnSpec[] {
  const c = m.ledger.columns;
  return [
    { header: c.seq, kind: 'seq' },
    { header: c.unit, kind: 'name' },
    { header: c.kind, kind: 'short' },
    { header: c.name, kind: 'name' },
    { header: c.url, kind: 'url' },
    { header: c.problems, kind: 'problems' },
    { header: c.deadline, kind: 'short' },
    { header: c.reported, kind: 'short' },
    { header: c.overdue, kind: 'flag' },
    { header: c.summary, kind: 'problems' },
    { header: c.review, kind: 'flag' },
    { header: c.reviewed, kind: 'short' },
  ];
}

/** The ledger's cells, one reused array per row (the writer copies them). */
export function* ledgerRows(m: RectifyModel): Iterable<CellValue[]> {
  const row: CellValue[] = new Array(12).fill(null);
  for (const it of m.items) {
    row[0] = it.seq;
    row[1] = it.unit;
    row[2] = it.kindLabel;
    row[3] = it.name;
    row[4] = it.url;
    row[5] = problemLines(it);
    row[6] = m.deadline.iso;
    row[7] = it.reported ? it.reported.iso : m.ledger.notReported;
    row[8] = it.overdue === null ? null : it.overdue ? m.ledger.yes : m.ledger.no;
    row[9] = it.summary;
    row[10] = it.review;
    row[11] = it.reviewed ? it.reviewed.iso : null;
    yield row;
  }
}

/** Header row of the ledger (the title is row 1). */
export const LEDGER_HEADER_ROW = 2;
const BATCH = 500;

export async function writeLedger(report: ReportModel, m: RectifyModel, file: string): Promise<void> {
  const columns = ledgerColumns(m);
  const meter = new WidthMeter(columns);
  for (const r of ledgerRows(m)) meter.add(r);
  const widths = meter.widths();
  await writeWorkbook(report, file, m.ledger.title, async (wb) => {
    const w = new SheetWriter(wb, { name: m.ledger.sheet, columns, widths, orientation: 'landscape', headerRow: LEDGER_HEADER_ROW, autoFilter: true });
    w.spanning(m.ledger.title, 'title');
    w.header();
    for (const r of ledgerRows(m)) {
      w.data(r);
      if (w.lastRow % BATCH === 0) await w.throttle();
    }
    // room for the clerk's later rows too: the drop-downs cover the table as printed
    const last = Math.max(w.lastRow, LEDGER_HEADER_ROW + 1);
    w.list(`${columnLetter(9)}${LEDGER_HEADER_ROW + 1}:${columnLetter(9)}${last}`, [m.ledger.yes, m.ledger.no]);
    w.list(`${columnLetter(11)}${LEDGER_HEADER_ROW + 1}:${columnLetter(11)}${last}`, REVIEW_RESULTS);
    w.commit();
  });
}

/** 附件3 of the next circular: the units that did not report, as a workbook like 附件1/附件2. */
export async function writeAnnex3(report: ReportModel, f: RectificationFollowUp, file: string): Promise<void> {
  const a = f.annex!;
  const columns: ColumnSpec[] = [
    { header: a.columns.seq, kind: 'seq' },
    { header: a.columns.unit, kind: 'name' },
    { header: a.columns.name, kind: 'name' },
    { header: a.columns.kind, kind: 'short' },
  ];
  const rows = a.rows.map((r): CellValue[] => [r.seq, r.unit, r.name, r.kind]);
  const meter = new WidthMeter(columns);
  for (const r of rows) meter.add(r);
  await writeWorkbook(report, file, a.title, async (wb) => {
    const w = new SheetWriter(wb, { name: a.label, columns, widths: meter.widths(), orientation: 'portrait', headerRow: 3 });
    w.label(a.label);
    w.spanning(a.title, 'title');
    w.header();
    for (const r of rows) w.data(r);
    w.commit();
  });
}
