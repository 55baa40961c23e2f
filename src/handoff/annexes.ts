// `tongbao annexes`: after a correction, regenerate only the two workbooks — but only when the
// notice still says exactly the same (same totals, failing lists, dates…). Otherwise nothing is
// written and the caller lists what the notice would now say differently.
import * as fs from 'fs';
import * as path from 'path';
import { damagedOutputs, defaultRenderers, discard, inputEntries, planOutputs, resolveOutDir, stageOutputs } from '../build';
import type { OnStep, BuildHooks, Renderers } from '../build';
import { toolVersion } from '../paths';
import { loadValidated, modelOf } from '../pipeline';
import { checkReplaceable, removeStaleTemps } from '../write/atomic';
import { MANIFEST_NAME, makeManifest, noticeDifferences, readManifest, serializeManifest } from '../write/manifest';
import type { Manifest } from '../write/manifest';
import { commit, setFiles } from '../write/output-set';
import { noticeTablesOnDisk } from './notice-tables';

export interface AnnexesOptions {
  dataDir: string;
  cwd: string;
  outDir?: string;
  renderers?: Renderers;
  onStep?: OnStep;
  hooks?: BuildHooks;
}

export type AnnexesResult =
  | { status: 'no-manifest'; outDir: string }
  /** the notice on disk is missing or differs from the manifest: rebuild everything */
  | { status: 'notice-damaged'; outDir: string; notice: string }
  /** the notice would change: nothing written (exit 3) */
  | { status: 'notice-changed'; outDir: string; differences: string[] }
  | { status: 'unchanged' | 'written'; outDir: string; written: string[]; history: string | null; manifest: Manifest };

export async function regenerateAnnexes(opts: AnnexesOptions): Promise<AnnexesResult> {
  const outDir = resolveOutDir(opts.dataDir, opts.cwd, opts.outDir);
  let index = 0;
  const step = (label: string) => opts.onStep?.(label, ++index, 4);
  step('读取并检查数据');
  const v = loadValidated(opts.dataDir, opts.cwd);
  const model = modelOf(v);
  const previous = fs.existsSync(outDir) ? readManifest(outDir) : null;
  if (!previous) return { status: 'no-manifest', outDir };

  const next = makeManifest({ version: toolVersion(), model, inputs: await inputEntries(v), outputs: [] });
  // The notice's 附件 pages print the annex tables: they are part of what must not change.
  // A manifest from before they were recorded: read them from the notice itself.
  let recorded = previous.manifest.notice;
  const noticeEntry = previous.manifest.outputs.find((o) => o.role === 'notice');
  if (!recorded.annexTables && noticeEntry && (await damagedOutputs(outDir, { ...previous.manifest, outputs: [noticeEntry] })).length === 0) {
    recorded = { ...recorded, annexTables: await noticeTablesOnDisk(fs.readFileSync(path.join(outDir, noticeEntry.name)), next.notice.annexTables ?? []) };
  }
  const differences = noticeDifferences(recorded, next.notice);
  if (differences.length > 0) return { status: 'notice-changed', outDir, differences };

  const notice = previous.manifest.outputs.find((o) => o.role === 'notice');
  if (!notice || (await damagedOutputs(outDir, { ...previous.manifest, outputs: [notice] })).length > 0) {
    return { status: 'notice-damaged', outDir, notice: notice?.name ?? '通报' };
  }

  removeStaleTemps(outDir);
  // A workbook open in Excel, or a read-only folder: say so before anything is written.
  checkReplaceable(outDir, setFiles(outDir, previous.manifest));
  const renderers = opts.renderers ?? defaultRenderers();
  let staged;
  try {
    staged = await stageOutputs(outDir, planOutputs(model, renderers, ['annex1', 'annex2', 'annex3']), next.data.fingerprint, step, opts.hooks);
  } finally {
    await renderers.close?.();
  }
  // The notice stays as it is, recorded with the data it was rendered from.
  const manifest = makeManifest({ version: toolVersion(), model, inputs: next.data.files, outputs: [notice, ...staged.map((s) => s.entry)] });
  const manifestText = serializeManifest(manifest);
  step('写入文件');
  if (manifestText === previous.text && (await damagedOutputs(outDir, manifest)).length === 0) {
    discard(staged);
    return { status: 'unchanged', outDir, written: [], history: null, manifest };
  }
  const result = commit({ outDir, staged, keep: [notice.name], manifestText, previous }, opts.hooks);
  return { status: 'written', outDir, written: [...staged.map((s) => s.name), MANIFEST_NAME], history: result.history, manifest };
}

/** Whether a manifest's notice was rendered from older data than the set's (after `annexes`). */
export function noticeFromEarlierData(m: Manifest): boolean {
  const n = m.outputs.find((o) => o.role === 'notice');
  return !!n && n.data !== m.data.fingerprint;
}
