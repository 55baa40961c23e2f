// The floor for the seed build: start Node, load the same document libraries and
// write a one-paragraph .docx and a one-cell .xlsx. Run as a process of its own by bench/seed.ts.
import * as fs from 'fs';
import * as path from 'path';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';

async function main(dir: string): Promise<void> {
  const doc = new Document({ sections: [{ children: [new Paragraph('通报')] }] });
  fs.writeFileSync(path.join(dir, 'floor.docx'), await Packer.toBuffer(doc));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, 'floor.xlsx') });
  const ws = wb.addWorksheet('附件');
  ws.addRow(['合格']).commit();
  await wb.commit();
}

main(process.argv[2]).catch((e) => {
  console.error(e);
  process.exit(1);
});
