// Replacing one set of outputs by the next without losing either.
//
// Order, and what a crash at each point leaves:
//   1. new files are already complete under temporary names (the caller rendered them);
//      crash → previous set untouched in place, temps removed by the next run.
//   2. the previous set (its outputs, manifest and handoff archive) is COPIED to
//      history/.tongbao-tmp-<n>/ and that folder renamed to history/<n>/;
//      crash → previous set still untouched in place.
//   3. each new file is renamed over its final name, the manifest last (the commit point);
//      crash → previous set whole in history/<n>/; the manifest in place is still the old one,
//      so `verify` reports the mixed folder and the next build does not copy it to history again.
//   4. files of the previous set that the new set does not have are removed (they are in history).
// A failure thrown in step 3 (not a kill) restores the previous set in place from history.
import * as fs from 'fs';
import * as path from 'path';
import { copyFileAtomic, ensureDir, fsyncDir, fsyncFile, readOnlyFolderError, removeTemps, renameIntoPlace, tmpPathFor, TMP_PREFIX, writeFileAtomic } from './atomic';
import { HISTORY_DIR, MANIFEST_NAME, packageFileName } from './manifest';
import type { Manifest } from './manifest';

export interface StagedFile {
  /** final name in the output folder */
  name: string;
  /** complete file under a temporary name in the same folder */
  tmp: string;
}

export interface CommitHooks {
  /** called after each file is renamed into place (tests inject failures here) */
  afterRename?(name: string): void;
}

export interface CommitPlan {
  outDir: string;
  staged: StagedFile[];
  /** names of the previous set that stay as they are (the notice, for `tongbao annexes`) */
  keep?: string[];
  manifestText: string;
  previous: { manifest: Manifest; text: string } | null;
}

export interface CommitResult {
  /** history folder the previous set went to, relative to outDir (history/3), or null */
  history: string | null;
  /** names of the previous set removed from the folder because the new set has no such file */
  removed: string[];
}

/** Files in the folder that belong to the set a manifest describes (outputs, manifest, archive). */
export function setFiles(outDir: string, m: Manifest): string[] {
  const names = [...m.outputs.map((o) => o.name), MANIFEST_NAME, packageFileName(m)];
  return names.filter((n) => fs.existsSync(path.join(outDir, n)));
}

function historyNumbers(outDir: string): number[] {
  const dir = path.join(outDir, HISTORY_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => /^[1-9][0-9]*$/.test(n))
    .map(Number)
    .sort((a, b) => a - b);
}

/** The newest history folder (relative path), or null. */
export function latestHistory(outDir: string): string | null {
  const nums = historyNumbers(outDir);
  return nums.length ? path.join(HISTORY_DIR, String(nums[nums.length - 1])) : null;
}

/** The number the next history/<n>/ folder gets. */
export function nextHistoryNumber(outDir: string): number {
  const nums = historyNumbers(outDir);
  return (nums.length ? nums[nums.length - 1] : 0) + 1;
}

/** Copy files into the next history/<n>/ folder, which appears whole or not at all. */
export function archiveToHistory(outDir: string, names: string[]): string {
  const n = nextHistoryNumber(outDir);
  const root = path.join(outDir, HISTORY_DIR);
  ensureDir(root);
  const tmp = path.join(root, `${TMP_PREFIX}${n}`);
  try {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp);
    for (const name of names) fs.copyFileSync(path.join(outDir, name), path.join(tmp, name));
    for (const name of names) fsyncFile(path.join(tmp, name));
    fs.renameSync(tmp, path.join(root, String(n)));
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw readOnlyFolderError(e, root) ?? e;
  }
  fsyncDir(root);
  return path.join(HISTORY_DIR, String(n));
}

/** Remove a history folder this run made (its files are back in place), and history/ too if that leaves it empty. */
export function dropHistory(outDir: string, history: string): void {
  fs.rmSync(path.join(outDir, history), { recursive: true, force: true });
  const root = path.join(outDir, HISTORY_DIR);
  try {
    if (fs.readdirSync(root).length === 0) fs.rmdirSync(root);
  } catch {
    // not there, or not ours to remove
  }
}

/**
 * Files of a previous set to preserve. With a manifest: what it lists (plus the archive).
 * Without one (files made by hand or by an older tool): any file the new set would overwrite.
 */
function previousFiles(plan: CommitPlan): string[] {
  if (plan.previous) return setFiles(plan.outDir, plan.previous.manifest);
  const incoming = [...plan.staged.map((s) => s.name), MANIFEST_NAME];
  return incoming.filter((n) => fs.existsSync(path.join(plan.outDir, n)));
}

/** True when history/<latest> already holds exactly this manifest: an earlier run was
 *  interrupted after preserving the set, and the files in place may be half replaced. */
function alreadyPreserved(plan: CommitPlan): string | null {
  if (!plan.previous) return null;
  const latest = latestHistory(plan.outDir);
  if (!latest) return null;
  const m = path.join(plan.outDir, latest, MANIFEST_NAME);
  return fs.existsSync(m) && fs.readFileSync(m, 'utf8') === plan.previous.text ? latest : null;
}

export function commit(plan: CommitPlan, hooks: CommitHooks = {}): CommitResult {
  const { outDir } = plan;
  const keep = new Set(plan.keep ?? []);
  const prev = previousFiles(plan);
  let history: string | null = null;
  let createdHistory = false;
  if (prev.length > 0) {
    history = alreadyPreserved(plan);
    if (!history) {
      // Kept files (the notice after `annexes`) are copied too: each history folder is a whole set.
      try {
        history = archiveToHistory(outDir, prev);
      } catch (e) {
        removeTemps(plan.staged.map((s) => s.tmp));
        const root = path.join(outDir, HISTORY_DIR);
        if (fs.existsSync(root) && fs.readdirSync(root).length === 0) fs.rmdirSync(root);
        throw e;
      }
      createdHistory = true;
    }
  }
  const placed: string[] = [];
  try {
    for (const s of plan.staged) {
      renameIntoPlace(s.tmp, path.join(outDir, s.name));
      placed.push(s.name);
      hooks.afterRename?.(s.name);
    }
    writeFileAtomic(path.join(outDir, MANIFEST_NAME), plan.manifestText);
    fsyncDir(outDir);
  } catch (e) {
    restore(plan, prev, placed, history, createdHistory);
    throw e;
  }
  const current = new Set([...plan.staged.map((s) => s.name), ...keep, MANIFEST_NAME]);
  const removed = prev.filter((n) => !current.has(n));
  for (const n of removed) {
    try {
      fs.rmSync(path.join(outDir, n), { force: true });
    } catch {
      // held open on Windows: it is in history already, and verify lists it as extra
    }
  }
  return { history, removed };
}

/**
 * Put the previous set back after a failed commit and drop what this run added. Only files
 * already replaced need restoring (the one that failed, often locked, still holds its old
 * bytes). Each step is attempted whatever the others do; the history copy is dropped only when
 * everything is back in place, as it may otherwise be the one whole copy of a file.
 */
function restore(plan: CommitPlan, prev: string[], placed: string[], history: string | null, createdHistory: boolean): void {
  const { outDir } = plan;
  const attempt = (f: () => void) => {
    try {
      f();
      return true;
    } catch {
      return false;
    }
  };
  for (const s of plan.staged) attempt(() => fs.rmSync(s.tmp, { force: true }));
  attempt(() => fs.rmSync(tmpPathFor(outDir, MANIFEST_NAME), { force: true }));
  let whole = true;
  for (const n of placed) {
    const saved = history ? path.join(outDir, history, n) : null;
    if (prev.includes(n) && saved && fs.existsSync(saved)) whole = attempt(() => copyFileAtomic(saved, path.join(outDir, n))) && whole;
    else if (!prev.includes(n)) whole = attempt(() => fs.rmSync(path.join(outDir, n), { force: true })) && whole;
  }
  // The copy in history duplicates what is back in place; keep history to real versions only.
  if (history && createdHistory && whole) attempt(() => dropHistory(outDir, history));
}
