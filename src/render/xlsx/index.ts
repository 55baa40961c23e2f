// The Excel annexes: 附件1 (websites) and 附件2 (new media), each a print-ready sheet
// laid out like the printed annex plus a flat 数据 sheet of the same records.
// Written with exceljs's streaming writer straight to a file: a national round
// (150,000 accounts) streams through in bounded memory.
import { mkdtemp, readFile, rm } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { annex1Records, annex1Sheet, annex2Records, annex2Sheet, dataColumns } from './annexes';
import type { AnnexModel } from './annexes';
import { SheetWriter } from './sheet';
import { writeAnnexSheet, writeFlatSheet } from './tables';
import { writeWorkbook } from './workbook';

export { annexFileNames } from './names';

/** Writes the complete 附件1 workbook to filePath (deterministic bytes). Writer: see tables.ts. */
export async function writeAnnex1(model: AnnexModel, filePath: string, Writer: typeof SheetWriter = SheetWriter): Promise<void> {
  await writeWorkbook(model, filePath, model.annex1.title, async (wb) => {
    await writeAnnexSheet(wb, annex1Sheet(model), Writer);
    await writeFlatSheet(wb, model.dataSheet.name, dataColumns(model), () => annex1Records(model), Writer);
  });
}

/** Writes the complete 附件2 workbook to filePath (deterministic bytes). */
export async function writeAnnex2(model: AnnexModel, filePath: string, Writer: typeof SheetWriter = SheetWriter): Promise<void> {
  await writeWorkbook(model, filePath, model.annex2.title, async (wb) => {
    await writeAnnexSheet(wb, annex2Sheet(model), Writer);
    await writeFlatSheet(wb, model.dataSheet.name, dataColumns(model), () => annex2Records(model), Writer);
  });
}

async function toBuffer(write: (path: string) => Promise<void>): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'tongbao-xlsx-'));
  try {
    const path = join(dir, 'annex.xlsx');
    await write(path);
    return await readFile(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** 附件1 as bytes (for tests and previews; the build writes files). */
export function renderAnnex1(model: AnnexModel): Promise<Buffer> {
  return toBuffer((p) => writeAnnex1(model, p));
}

export function renderAnnex2(model: AnnexModel): Promise<Buffer> {
  return toBuffer((p) => writeAnnex2(model, p));
}
