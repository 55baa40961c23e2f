// Worker thread that writes the Excel annexes. Loading exceljs is the largest single cost of a
// build's start-up; on a second core it overlaps with validating the data and rendering the notice.
import { parentPort } from 'worker_threads';
import type { AnnexModel } from './annexes';
import { writeAnnex1, writeAnnex2 } from './index';

export interface AnnexJob {
  id: number;
  which: 1 | 2;
  model: AnnexModel;
  file: string;
}

export type AnnexReply = { id: number; ok: true } | { id: number; ok: false; message: string };

parentPort?.on('message', (job: AnnexJob) => {
  const write = job.which === 1 ? writeAnnex1 : writeAnnex2;
  write(job.model, job.file).then(
    () => parentPort!.postMessage({ id: job.id, ok: true } satisfies AnnexReply),
    (e: unknown) => parentPort!.postMessage({ id: job.id, ok: false, message: e instanceof Error ? e.message : String(e) } satisfies AnnexReply),
  );
});
