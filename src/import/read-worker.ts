// Reads a workbook on the second core while the main thread loads and checks the round:
// posts each sheet's rows in batches, in order (see readWorkbookThreaded).
import { parentPort, workerData } from 'worker_threads';
import { readWorkbook, WorkbookError } from './workbook';
import type { RowRead } from './workbook';

export type WorkerMessage =
  | { type: 'sheet'; name: string }
  | { type: 'rows'; rows: RowRead[] }
  | { type: 'end'; merges: string[] }
  | { type: 'done' }
  | { type: 'error'; message: string; user: boolean };

const BATCH = 2000;

async function main(): Promise<void> {
  const port = parentPort!;
  const post = (m: WorkerMessage) => port.postMessage(m);
  try {
    for await (const sheet of readWorkbook(workerData.file as string)) {
      post({ type: 'sheet', name: sheet.name });
      let batch: RowRead[] = [];
      for await (const r of sheet.rows) {
        batch.push(r);
        if (batch.length >= BATCH) {
          post({ type: 'rows', rows: batch });
          batch = [];
        }
      }
      if (batch.length) post({ type: 'rows', rows: batch });
      post({ type: 'end', merges: sheet.merges() });
    }
    post({ type: 'done' });
  } catch (e) {
    post({ type: 'error', message: (e as Error).message, user: e instanceof WorkbookError });
  }
}

void main();
