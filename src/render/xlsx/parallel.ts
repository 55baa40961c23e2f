// The annex writers, run on a worker thread: the worker is started before the pipeline's own
// modules load (see cli/main.ts), so exceljs loads on the other core meanwhile, and the
// workbooks are written there while this thread proofreads and renders the notice.
// Output bytes are the same either way; only where the work runs differs.
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { Worker } from 'worker_threads';
import type { ReportModel } from '../../aggregate/model';
import type { AnnexJob, AnnexReply } from './worker';
import type { AnnexModel } from './annexes';

/**
 * Above this many rows in all, 附件1 is written on this thread while the worker writes 附件2
 * (at national scale 附件2 is most of the work, and this thread is idle once the notice is
 * done); below it both go to the worker, and this thread never loads exceljs.
 */
export const SPLIT_MIN_ROWS = 20_000;

export interface AnnexWriter {
  writeAnnex1(model: ReportModel, filePath: string): Promise<void>;
  writeAnnex2(model: ReportModel, filePath: string): Promise<void>;
  close(): Promise<void>;
}

function rows(model: ReportModel): number {
  return model.totals.sites.total + model.totals.accounts.total;
}

/** What annex `which` reads of the model (see AnnexModel): the other annex's rows are left out. */
export function annexPart(model: ReportModel, which: 1 | 2): AnnexModel {
  return {
    issued: model.issued,
    issuer: model.issuer,
    levels: model.levels,
    platformLabels: model.platformLabels,
    months: model.months,
    columns: model.columns,
    dataSheet: model.dataSheet,
    emptyRow: model.emptyRow,
    compare: model.compare,
    annex1: which === 1 ? model.annex1 : { ...model.annex1, groups: [] },
    annex2: which === 2 ? model.annex2 : { ...model.annex2, sections: [] },
  };
}

/**
 * One full garbage collection on this thread. Before a national round's 附件2 goes to the annex
 * thread, most of this thread's heap is what loading and checking left behind; no later
 * allocation here asks V8 to collect it, so it would stay while the annex thread fills its own
 * heap, and the process's peak would be both together (about 80 MB more at 150,000 accounts).
 * gc is exposed the way jest's leak detector does it (the CLI is not started with --expose-gc).
 */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  v8.setFlagsFromString('--no-expose-gc');
}

function inProcess(): Pick<AnnexWriter, 'writeAnnex1' | 'writeAnnex2'> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./index') as typeof import('./index');
}

class ThreadWriter implements AnnexWriter {
  private next = 1;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private failed: Error | null = null;
  private collected = false;

  constructor(private readonly worker: Worker) {
    // Never keep the process alive for an idle worker.
    worker.unref();
    worker.on('message', (r: AnnexReply) => {
      const p = this.pending.get(r.id);
      this.pending.delete(r.id);
      if (r.ok) p?.resolve();
      else p?.reject(new Error(r.message));
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => this.fail(new Error(`生成附件的线程意外退出（${code}）`)));
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private run(which: 1 | 2, model: ReportModel, file: string): Promise<void> {
    if (this.failed || (which === 1 && rows(model) > SPLIT_MIN_ROWS)) {
      return which === 1 ? inProcess().writeAnnex1(model, file) : inProcess().writeAnnex2(model, file);
    }
    if (rows(model) > SPLIT_MIN_ROWS && !this.collected) {
      this.collected = true;
      collectGarbage();
    }
    const id = this.next++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref(); // busy: the process waits for the answer
      // only the part of the model the workbook reads is copied (structured clone) to the thread
      this.worker.postMessage({ id, which, model: annexPart(model, which), file } satisfies AnnexJob);
    }).finally(() => {
      if (this.pending.size === 0) this.worker.unref();
    });
  }

  writeAnnex1(model: ReportModel, file: string): Promise<void> {
    return this.run(1, model, file);
  }

  writeAnnex2(model: ReportModel, file: string): Promise<void> {
    return this.run(2, model, file);
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

let prestarted: AnnexWriter | null = null;

/**
 * Start the worker now (from the compiled CLI only: under jest (the .ts sources) there is no worker.js to
 * run, and the writers run in process). The next annexWriter() call takes it.
 */
export function prestartAnnexWriter(): void {
  const file = path.join(__dirname, 'worker.js');
  if (prestarted || process.env.TONGBAO_NO_WORKER || !fs.existsSync(file)) return;
  prestarted = new ThreadWriter(new Worker(file));
}

/** Stop a prestarted worker that no command took (the command failed or never wrote annexes). */
export async function disposePrestarted(): Promise<void> {
  const w = prestarted;
  prestarted = null;
  await w?.close();
}

/** The prestarted worker if there is one, else in-process writers. */
export function annexWriter(): AnnexWriter {
  const w = prestarted;
  prestarted = null;
  if (w) return w;
  const local = inProcess();
  return { writeAnnex1: local.writeAnnex1, writeAnnex2: local.writeAnnex2, close: async () => undefined };
}
