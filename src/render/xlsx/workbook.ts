// Opening and finishing a streamed workbook so that the same data always gives the
// same bytes: document dates are the 成文日期, zip entry times are pinned afterwards.
import { createWriteStream } from 'fs';
import { readFile, writeFile } from 'fs/promises';
import type * as ExcelJS from 'exceljs';
import type { AnnexModel } from './annexes';
import { pinZipTimes } from '../../write/zip-times';

export type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter;

// Only the streaming writer: exceljs's entry point also loads its readers (unzipper, fast-csv
// and their polyfills), more than half of its load time, which writing never uses. The path is
// internal to exceljs 4.4.0 (pinned); the workbook tests fail if it moves.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const StreamWorkbookWriter = require('exceljs/lib/stream/xlsx/workbook-writer') as typeof ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * Streams a workbook to filePath: `fill` adds and commits its sheets one after the
 * other (a sheet's rows reach the file while it is written, so sheets must not interleave).
 */
export async function writeWorkbook(
  model: Pick<AnnexModel, 'issued' | 'issuer'>,
  filePath: string,
  title: string,
  fill: (wb: WorkbookWriter) => Promise<void> | void,
): Promise<void> {
  // our own stream, so an unwritable path rejects instead of throwing from an event
  const out = createWriteStream(filePath);
  const broken = new Promise<never>((_, reject) => out.once('error', reject));
  broken.catch(() => undefined); // observed through the races below
  const closed = new Promise<void>((resolve) => out.once('close', resolve));
  const wb = new StreamWorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const issued = new Date(`${model.issued.iso}T00:00:00Z`);
  wb.created = issued;
  wb.modified = issued;
  wb.creator = model.issuer;
  wb.lastModifiedBy = model.issuer;
  wb.title = title;
  const writing = (async () => {
    await fill(wb);
    await wb.commit();
  })();
  writing.catch(() => undefined); // when the stream broke first, a later failure here says nothing new
  try {
    await Promise.race([writing, broken]);
    await Promise.race([closed, broken]);
  } catch (e) {
    out.destroy();
    throw e;
  }
  // the zip writer stamps entries with the current time: patch those few bytes per entry
  // (reading and rewriting a 17 MB national workbook takes about 20 ms)
  const bytes = await readFile(filePath);
  await writeFile(filePath, pinZipTimes(bytes, model.issued.iso));
}
