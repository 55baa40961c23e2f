// Reading written workbooks back for assertions: exceljs's in-memory reader for cells,
// styles, merges and page setup; the raw zip parts for what a reader must see as bytes.
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';

export interface Book {
  wb: ExcelJS.Workbook;
  zip: JSZip;
  part(name: string): Promise<string>;
}

export async function readBook(bytes: Buffer): Promise<Book> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer); // exceljs types predate Buffer<T>
  const zip = await JSZip.loadAsync(bytes);
  return {
    wb,
    zip,
    async part(name: string) {
      const f = zip.file(name);
      if (!f) throw new Error(`no part ${name}; have ${Object.keys(zip.files).join(', ')}`);
      return f.async('string');
    },
  };
}

export function cellText(c: ExcelJS.Cell): string {
  const v = c.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

/** Every row of a sheet as texts, columns 1..width ('' for empty cells). */
export function sheetTexts(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      // merged cells repeat their master's value in exceljs; show them empty as Excel does
      cells.push(cell.isMerged && cell.master !== cell ? '' : cellText(cell));
    }
    rows.push(cells);
  }
  return rows;
}

/** Zip entry times as stored in the central directory: DOS date/time words per entry. */
export function zipEntryTimes(buf: Buffer): { name: string; date: number; time: number; localDate: number; localTime: number }[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let n = 0; n < count; n++) {
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    out.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      time: buf.readUInt16LE(p + 12),
      date: buf.readUInt16LE(p + 14),
      localTime: buf.readUInt16LE(local + 10),
      localDate: buf.readUInt16LE(local + 12),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Normalised for comparison as the acceptance checks do: NFKC, no white space. */
export function norm(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}

/** Data validations by range (exceljs's typings omit the reader's model). */
export function validations(ws: ExcelJS.Worksheet): Record<string, ExcelJS.DataValidation> {
  return (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
}

export function conditionalFormats(ws: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
}

/** The <dataValidation> elements of a sheet part as written: sqref and formula1 (the reader expands ranges to cells). */
export function rawValidations(sheetXml: string): { sqref: string; type: string; formula1: string }[] {
  const out = [];
  for (const m of sheetXml.matchAll(/<dataValidation\b([^>]*)>([\s\S]*?)<\/dataValidation>/g)) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1])?.[1] ?? '';
    out.push({ sqref: attr('sqref'), type: attr('type'), formula1: /<formula1>([\s\S]*?)<\/formula1>/.exec(m[2])?.[1] ?? '' });
  }
  return out;
}

/** The height a row prints at: its own, or the sheet's default row height. */
export function rowHeight(ws: ExcelJS.Worksheet, r: number): number {
  return ws.getRow(r).height ?? ws.properties.defaultRowHeight;
}

/** A readable dump of a sheet for golden files: print setup, widths, then every row with its height. */
export function dumpSheet(ws: ExcelJS.Worksheet): string {
  const ps = ws.pageSetup;
  const lines = [
    `== ${ws.name}`,
    `page: paper ${ps.paperSize} ${ps.orientation} fitToWidth ${ps.fitToWidth} fitToHeight ${ps.fitToHeight} centred ${ps.horizontalCentered} titles ${ps.printTitlesRow}`,
    `frozen: ${JSON.stringify(ws.views[0])}`,
    `widths: ${ws.columns.map((c) => c.width).join(' ')}`,
    `merges: ${[...ws.model.merges].sort().join(' ')}`,
    `default row height: ${ws.properties.defaultRowHeight}`,
  ];
  sheetTexts(ws).forEach((cells, i) => {
    lines.push(`${i + 1} [${rowHeight(ws, i + 1)}] ${cells.map((c) => c.replace(/\n/g, '⏎')).join(' | ')}`);
  });
  return lines.join('\n') + '\n';
}
