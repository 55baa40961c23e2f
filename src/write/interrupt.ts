// Ctrl-C (SIGINT) or SIGTERM in the middle of a build, an annex update or a PDF conversion:
// remove what this run made that is not finished (temporary files in the output folder,
// LibreOffice's profile folder), stop what it started (the annex thread, LibreOffice),
// then exit. Earlier outputs are never touched: nothing replaces them until the commit, which
// is synchronous, so a signal is handled before it starts or after it ends, never inside it.
import * as fs from 'fs';
import * as path from 'path';

const temps = new Set<string>();
const stoppers = new Set<() => unknown>();
let installed = false;
let exiting = false;

/** A file or folder to remove if the run is interrupted; call the returned function once it is finished or gone. */
export function removeOnInterrupt(p: string): () => void {
  temps.add(p);
  return () => {
    temps.delete(p);
  };
}

/**
 * Forget what was registered inside `dir` once a run there has ended (each temporary file renamed
 * into place or removed): a long-running process (tongbao serve) would otherwise keep every build's
 * names, and say on Ctrl+C that unfinished files were removed when nothing was running.
 */
export function forgetTempsIn(dir: string): void {
  const base = path.resolve(dir);
  for (const p of [...temps]) if (path.resolve(p).startsWith(base + path.sep)) temps.delete(p);
  emptyDirs.delete(dir);
  emptyDirs.delete(base);
}

const emptyDirs = new Set<string>();

/**
 * A folder this run created: removed on interrupt if nothing is left in it once the temporary
 * files are gone (an interrupted first build leaves no empty output folder). Never removes a
 * folder with files in it, so it needs no unregistering.
 */
export function removeIfEmptyOnInterrupt(dir: string): void {
  emptyDirs.add(dir);
}

/** Something to stop if the run is interrupted (kill a child process, end a thread). */
export function stopOnInterrupt(stop: () => unknown): () => void {
  stoppers.add(stop);
  return () => {
    stoppers.delete(stop);
  };
}

/** What an interrupt would remove now (for tests). */
export function pendingTemps(): string[] {
  return [...temps].sort();
}

const EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** Stop the annex thread and LibreOffice, remove unfinished files, and say so; returns the exit status for the signal. */
export async function cleanUpAfter(signal: NodeJS.Signals, say: (text: string) => void = () => undefined): Promise<number> {
  const busy = temps.size > 0 || stoppers.size > 0;
  const stops = [...stoppers].map((s) => Promise.resolve().then(s).catch(() => undefined));
  // anything that does not stop within a second is abandoned: the process is exiting anyway
  await Promise.race([Promise.allSettled(stops), new Promise((r) => setTimeout(r, 1000).unref())]);
  for (const p of [...temps].reverse()) {
    try {
      fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // removed by the next run (removeStaleTemps) at the latest
    }
  }
  for (const d of emptyDirs) {
    try {
      fs.rmdirSync(d);
    } catch {
      // not empty (a finished set, or someone's files): kept
    }
  }
  temps.clear();
  stoppers.clear();
  emptyDirs.clear();
  if (busy) say('已中断：未完成的临时文件已删除，原有的输出文件未改动。');
  return EXIT[signal] ?? 1;
}

let jobs = 0;
let idleStop: (() => void) | null = null;

/**
 * A job a signal would interrupt, from its request to its answer (tongbao serve's build, 只更新附件,
 * 送签包, import): call the returned function once it has ended.
 */
export function jobRunning(): () => void {
  jobs++;
  let ended = false;
  return () => {
    if (!ended) jobs--;
    ended = true;
  };
}

/** Nothing to interrupt: no job, no temporary file, nothing to stop. */
export function idleNow(): boolean {
  return jobs === 0 && temps.size === 0 && stoppers.size === 0;
}

/**
 * For a process that runs until it is stopped (tongbao serve): a signal while it is idle is its
 * normal end, so `stop` is called (the command then ends with its own status, 0) instead of the
 * interrupt cleanup and 130/143. A signal while a job runs is an interrupt as in any command.
 */
export function stopWhenIdle(stop: () => void): () => void {
  idleStop = stop;
  return () => {
    if (idleStop === stop) idleStop = null;
  };
}

/** Install the SIGINT/SIGTERM handlers once (the CLI does, for the commands that write). */
export function installInterruptCleanup(say: (text: string) => void): void {
  if (installed) return;
  installed = true;
  let stopping = false;
  const on = (signal: NodeJS.Signals) => {
    // a second signal while the idle process is closing: end now, nothing is being written
    if (stopping) process.exit(EXIT[signal] ?? 1);
    if (exiting) return;
    if (idleStop && idleNow()) {
      stopping = true;
      const stop = idleStop;
      idleStop = null;
      stop();
      return;
    }
    exiting = true;
    void cleanUpAfter(signal, say).then((code) => process.exit(code));
  };
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
}
