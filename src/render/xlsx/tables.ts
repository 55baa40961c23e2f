// The two sheet shapes of an annex workbook, shared by 附件1 and 附件2:
// the printed annex (label, merged title, header, headed blocks of rows) and the
// flat 数据 table. Both measure their rows first (widths must precede the rows in
// the file), then stream them.
import type { CellValue, ColumnSpec } from './layout';
import { WidthMeter } from './layout';
import { SheetWriter } from './sheet';
import type { WorkbookWriter } from './workbook';

export interface Block {
  /** 州直部门网站 / （一）州直部门政务微博更新情况 */
  heading: string;
  /** the rows, in one array refilled for each (copy a row to keep it) */
  rows: () => Iterable<CellValue[]>;
}

export interface AnnexSheet {
  sheetName: string;
  label: string;
  title: string;
  columns: ColumnSpec[];
  /** 'shared': one header under the title (附件1); 'per-block': each block repeats it (附件2) */
  header: 'shared' | 'per-block';
  blocks: Block[];
  /** printed across a block that has no rows */
  emptyRow: string;
  /** portrait, as the seed's annexes; landscape for an 附件2 of more months than a quarter's */
  orientation: 'portrait' | 'landscape';
}

function measure(columns: readonly ColumnSpec[], sources: Iterable<() => Iterable<CellValue[]>>): number[] {
  const meter = new WidthMeter(columns);
  for (const rows of sources) for (const r of rows()) meter.add(r);
  return meter.widths();
}

/** Rows between checks that the zip writer keeps up (a few hundred kilobytes of XML). */
const BATCH = 500;

// Writer: the sheet writer class; a test passes one that writes rows through exceljs's own
// row objects, to compare bytes with SheetWriter's hand-written row XML.

/** The printed annex: 附件N / merged title / header / blocks. */
export async function writeAnnexSheet(wb: WorkbookWriter, sheet: AnnexSheet, Writer: typeof SheetWriter = SheetWriter): Promise<void> {
  const widths = measure(
    sheet.columns,
    sheet.blocks.map((b) => b.rows),
  );
  // label and title are rows 1 and 2; the first header follows the title or the first block heading
  const headerRow = sheet.header === 'shared' ? 3 : 4;
  const w = new Writer(wb, { name: sheet.sheetName, columns: sheet.columns, widths, orientation: sheet.orientation, headerRow });
  w.label(sheet.label);
  w.spanning(sheet.title, 'title');
  if (sheet.header === 'shared') w.header();
  for (const block of sheet.blocks) {
    w.spanning(block.heading, 'group');
    if (sheet.header === 'per-block') w.header();
    const first = w.lastRow + 1;
    for (const r of block.rows()) {
      w.data(r);
      if (w.lastRow % BATCH === 0) await w.throttle();
    }
    if (w.lastRow >= first) w.resultBlock(first, w.lastRow);
    else w.spanning(sheet.emptyRow, 'group');
  }
  w.commit();
}

/** The flat 数据 table: one header row, one row per record, auto-filter. */
export async function writeFlatSheet(
  wb: WorkbookWriter,
  name: string,
  columns: ColumnSpec[],
  rows: () => Iterable<CellValue[]>,
  Writer: typeof SheetWriter = SheetWriter,
): Promise<void> {
  const widths = measure(columns, [rows]);
  const w = new Writer(wb, { name, columns, widths, orientation: 'landscape', headerRow: 1, autoFilter: true });
  w.header();
  for (const r of rows()) {
    w.data(r);
    if (w.lastRow % BATCH === 0) await w.throttle();
  }
  w.resultBlock(2, w.lastRow);
  w.commit();
}
