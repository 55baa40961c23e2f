// Reads a workbook on the second core while the main thread loads and checks the round:
// posts each sheet's rows in batches, in order (see readWorkbookThreaded).
import { parentPort, workerData } from 'worker_threads';
import { errorData, flattenRow, readWorkbook } from './workbook';
import type { ErrorData, FlatRows } from './workbook';

export type WorkerMessage =
  | { type: 'sheet'; name: string; hidden?: boolean }
  | { type: 'rows'; rows: FlatRows }
  | { type: 'end'; merges: string[] }
  | { type: 'done' }
  | { type: 'error'; error: ErrorData };

// small batches: a large one is allocated straight in the main thread's old generation and
// stays there as garbage until a full collection (measured: +100 MB of heap while reading)
const BATCH = 250;

async function main(): Promise<void> {
  const port = parentPort!;
  const post = (m: WorkerMessage) => port.postMessage(m);
  try {
    for await (const sheet of readWorkbook(workerData.file as string)) {
      post({ type: 'sheet', name: sheet.name, hidden: sheet.hidden });
      let batch: FlatRows = [];
      let n = 0;
      for await (const r of sheet.rows) {
        flattenRow(r, batch);
        if (++n >= BATCH) {
          post({ type: 'rows', rows: batch });
          batch = [];
          n = 0;
        }
      }
      if (n) post({ type: 'rows', rows: batch });
      post({ type: 'end', merges: sheet.merges() });
    }
    post({ type: 'done' });
  } catch (e) {
    post({ type: 'error', error: errorData(e) });
  }
}

void main();
