// Reading cells as the person sees them, also when the XML is long enough that a character
// is split between two chunks of the zip stream (exceljs alone garbles it).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { readWorkbook } from '../../src/import/workbook';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-reader-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const texts = Array.from({ length: 6000 }, (_, i) => `第${i}个账号：黔东南州某某局政务微博发布${'测'.repeat(i % 7)}`);

async function readAll(file: string): Promise<string[]> {
  const out: string[] = [];
  for await (const s of readWorkbook(file)) for await (const r of s.rows) out.push(r.cells[1]?.text ?? '');
  return out;
}

test('shared strings (as Excel saves) and inline strings (as the annex writer saves): every character intact', async () => {
  const shared = path.join(dir, 'shared.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  for (const t of texts) ws.addRow([t]);
  await wb.xlsx.writeFile(shared);
  expect(await readAll(shared)).toEqual(texts);

  const inline = path.join(dir, 'inline.xlsx');
  const w = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: inline, useSharedStrings: false });
  const s = w.addWorksheet('表');
  for (const t of texts) s.addRow([t]).commit();
  await w.commit();
  expect(await readAll(inline)).toEqual(texts);
});

