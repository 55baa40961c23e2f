// Shared by the rectify tests: the seed copy with the fixture's rectify.yaml, and readers of
// the files it produces.
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { roundCopy } from '../support/round-fixture';

export const RECTIFY_FIXTURE = path.join(__dirname, '..', 'fixtures', 'rectify', 'rectify.yaml');

/** A copy of the seed round with the fixture's rectify.yaml. */
export function rectifyRound(): { cwd: string; dir: string } {
  const r = roundCopy();
  fs.copyFileSync(RECTIFY_FIXTURE, path.join(r.dir, 'rectify.yaml'));
  return r;
}

/** Paragraph texts of a .docx body, one a line. */
export async function docxParagraphs(buf: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((p) => [...p[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

export async function sheetRows(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value as unknown;
      const text = v === null || v === undefined ? '' : typeof v === 'object' && v && 'richText' in v ? (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('') : String(v);
      cells.push(text);
    }
    rows.push(cells);
  });
  return rows;
}

