// The floor an annex writer is measured against: exceljs's streaming writer writing
// the same rows (both sheets, same cell values, same shared styles) through its own rows
// (addRow, a style per cell, commit) and nothing else — no width pass, row heights, merges,
// validation, formatting, print setup or pinned zip times. The annex writer writes its row
// XML itself (src/render/xlsx/rows.ts, the same bytes), so it now costs less than this floor:
// the floor is what exceljs's own row path costs for these rows, zip and styles included.
import * as ExcelJS from 'exceljs';
import type { Style } from 'exceljs';
import type { ReportModel } from '../src/aggregate/model';
import { annex1Records, annex1Sheet, annex2Records, annex2Sheet, dataColumns } from '../src/render/xlsx/annexes';
import type { CellValue, ColumnSpec } from '../src/render/xlsx/layout';
import { STYLES } from '../src/render/xlsx/styles';
import type { AnnexSheet } from '../src/render/xlsx/tables';

function value(v: CellValue): ExcelJS.CellValue {
  if (v === null || v === '') return null;
  return typeof v === 'number' ? v : { richText: [{ text: v }] };
}

function put(ws: ExcelJS.Worksheet, values: readonly CellValue[], styles: readonly Partial<Style>[]): void {
  const row = ws.addRow(values.map(value));
  for (let c = 0; c < values.length; c++) row.getCell(c + 1).style = styles[c];
  row.commit();
}

function annex(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: AnnexSheet): void {
  const ws = wb.addWorksheet(sheet.sheetName);
  const cells = sheet.columns.map((c) => STYLES.cell[c.kind]);
  const headers = sheet.columns.map((c) => c.header);
  const headerStyles = headers.map(() => STYLES.header);
  put(ws, [sheet.label], [STYLES.label]);
  put(ws, [sheet.title], [STYLES.title]);
  if (sheet.header === 'shared') put(ws, headers, headerStyles);
  for (const b of sheet.blocks) {
    put(ws, [b.heading], [STYLES.group]);
    if (sheet.header === 'per-block') put(ws, headers, headerStyles);
    for (const r of b.rows()) put(ws, r, cells);
  }
  ws.commit();
}

function flat(wb: ExcelJS.stream.xlsx.WorkbookWriter, columns: ColumnSpec[], rows: Iterable<CellValue[]>): void {
  const ws = wb.addWorksheet('数据');
  const cells = columns.map((c) => STYLES.cell[c.kind]);
  put(
    ws,
    columns.map((c) => c.header),
    columns.map(() => STYLES.header),
  );
  for (const r of rows) put(ws, r, cells);
  ws.commit();
}

export async function writeFloor(model: ReportModel, which: 1 | 2, filePath: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: filePath, useStyles: true, useSharedStrings: false });
  if (which === 1) {
    annex(wb, annex1Sheet(model));
    flat(wb, dataColumns(model), annex1Records(model));
  } else {
    annex(wb, annex2Sheet(model));
    flat(wb, dataColumns(model), annex2Records(model));
  }
  await wb.commit();
}
