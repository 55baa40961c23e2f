// `tongbao rectify`: the rectification part of the pipeline — the round loaded and validated as
// for build, its failing units with rectify.yaml (load.ts), the rectification model
// (aggregate.ts), one 整改通知 per unit (render.ts) and the 整改台账 (ledger.ts), written as one
// set with its own manifest.json into OUT/整改/ (OUT the round's output folder, default
// out/<round>) by the write stage's commit: temporary names, history/<n>/ for the earlier set,
// the manifest last. Only files an earlier rectify wrote there are ever replaced or moved.
import * as fs from 'fs';
import * as path from 'path';
import type { ReportModel } from '../aggregate/model';
import { inputEntries, resolveOutDir } from '../build';
import { DataError } from '../diagnostics';
import { displayPath } from '../load/yaml-file';
import { toolVersion } from '../paths';
import { loadValidated, modelOf } from '../pipeline';
import type { ValidatedRound } from '../validate';
import { checkReplaceable, ensureDir, OutputPathError, readOnlyFolderError, removeStaleTemps, removeTemps, tmpPathFor } from '../write/atomic';
import { sha256, sha256File } from '../write/hash';
import { removeOnInterrupt } from '../write/interrupt';
import { MANIFEST_NAME, makeManifest, ManifestError, readManifest, serializeManifest } from '../write/manifest';
import type { InputEntry, Manifest, OutputEntry } from '../write/manifest';
import { commit, setFiles } from '../write/output-set';
import { rectifyModel } from './aggregate';
import { failingItems } from './items';
import { loadRectify, RECTIFY_FILE, rectifyPath } from './load';
import type { RectifyData } from './load';
import type { RectifyModel } from './model';
import { rectifyWording } from './wording';

/** The 整改 folder inside a round's output folder. */
export const RECTIFY_DIR = '整改';

export interface PreparedRectify {
  v: ValidatedRound;
  model: ReportModel;
  data: RectifyData;
  rectify: RectifyModel;
}

/** Load, validate and aggregate; throws DataError with every problem (round files and rectify.yaml). */
export function prepareRectify(dataDir: string, cwd: string, asOf: string | null = null): PreparedRectify {
  // the previous round plays no part in a round's own rectification
  const v = loadValidated(dataDir, cwd, { previous: false });
  const model = modelOf(v);
  const items = failingItems(v.round, model);
  const loaded = loadRectify(path.dirname(v.files.notice!.path), cwd, v.round, items);
  if (!loaded.value) throw new DataError(loaded.diagnostics);
  return { v, model, data: loaded.value, rectify: rectifyModel(model, items, loaded.value, rectifyWording(), asOf) };
}

/** The round's input files and rectify.yaml, as the manifest records them. */
export async function rectifyInputs(v: ValidatedRound): Promise<InputEntry[]> {
  const inputs = await inputEntries(v);
  const file = rectifyPath(path.dirname(v.files.notice!.path));
  if (fs.existsSync(file)) {
    const h = await sha256File(file);
    inputs.push({ name: RECTIFY_FILE, size: h.size, sha256: h.sha256 });
  }
  return inputs;
}

export function isRectifyManifest(m: Pick<Manifest, 'outputs'>): boolean {
  return m.outputs.some((o) => o.role === 'rectify-notice' || o.role === 'ledger');
}

export interface RectifyOptions {
  dataDir: string;
  cwd: string;
  /** the round's output folder (as for build; default out/<data folder name> under cwd):
   *  rectify writes into its 整改/ subfolder only */
  outDir?: string;
  /** YYYY-MM-DD the ledger reckons overdue on for units that have not reported */
  asOf?: string | null;
  onStep?: (label: string, index: number, total: number) => void;
}

export interface RectifyResult {
  status: 'written' | 'unchanged';
  outDir: string;
  rectify: RectifyModel;
  manifest: Manifest;
  written: string[];
  history: string | null;
  removed: string[];
}

/** OUT/整改, OUT being the round's output folder (`--out`, as for build) or out/<data folder name>. */
export function rectifyOutDir(dataDir: string, cwd: string, outDir?: string): string {
  return path.join(resolveOutDir(dataDir, cwd, outDir), RECTIFY_DIR);
}

/**
 * Before anything is written: rectify replaces, moves to history/ and removes only files that
 * an earlier `rectify` wrote into this 整改 folder (its manifest lists them). A folder whose
 * manifest another command wrote, or a file of the new set's name that no rectify manifest
 * lists, is refused, naming the files; nothing is changed.
 */
export function checkRectifyFolder(outDir: string, names: string[], cwd: string): void {
  const shown = (p: string) => displayPath(p, cwd);
  const round = path.dirname(outDir);
  const above = readManifestQuiet(round);
  if (above && isRectifyManifest(above)) {
    throw new OutputPathError(
      `${shown(round)} 是整改文件夹（其中的 manifest.json 是 tongbao rectify 写的）：--out 应指本轮的输出文件夹（与 tongbao build 的 --out 相同），整改通知和台账写在其中的 ${RECTIFY_DIR}/ 子文件夹。请改用 --out ${shown(path.dirname(round))}；未改动任何文件。`,
    );
  }
  if (!fs.statSync(outDir, { throwIfNoEntry: false })?.isDirectory()) return; // absent, or a file: ensureDir says so
  const previous = readManifestQuiet(outDir);
  if (previous && !isRectifyManifest(previous)) {
    throw new OutputPathError(
      `${shown(outDir)} 中的 manifest.json 不是 tongbao rectify 写的（是通报等其他文件的清单）：rectify 只替换自己生成的文件，不能写在这里。请把这些文件移走，或用 --out 指定其他文件夹；未改动任何文件。`,
    );
  }
  const ours = new Set(previous ? [...previous.outputs.map((o) => o.name), MANIFEST_NAME] : []);
  const foreign = [...names, MANIFEST_NAME].filter((n) => !ours.has(n) && fs.lstatSync(path.join(outDir, n), { throwIfNoEntry: false }));
  if (foreign.length) {
    throw new OutputPathError(
      `${shown(outDir)} 中已有 ${foreign.map((n) => `“${n}”`).join('、')}，不是 tongbao rectify 生成的（manifest.json 中没有记录）：rectify 只替换自己生成的文件。请把这些文件移走或改名后重试；未改动任何文件。`,
    );
  }
}

function readManifestQuiet(dir: string): Manifest | null {
  try {
    return readManifest(dir)?.manifest ?? null;
  } catch (e) {
    if (e instanceof ManifestError) throw new OutputPathError(`${e.message}：rectify 不替换不认识的文件；请把它移走后重试，未改动任何文件。`);
    throw e;
  }
}

export async function rectify(opts: RectifyOptions): Promise<RectifyResult> {
  const outDir = rectifyOutDir(opts.dataDir, opts.cwd, opts.outDir);
  const step = (label: string, i: number) => opts.onStep?.(label, i, 3);
  step('读取并检查数据', 1);
  const p = prepareRectify(opts.dataDir, opts.cwd, opts.asOf ?? null); // DataError here: nothing written
  const { model, rectify: r } = p;
  const inputs = await rectifyInputs(p.v);
  const fingerprint = makeManifest({ version: toolVersion(), model, inputs, outputs: [] }).data.fingerprint;

  const names = [...r.units.map((u) => u.fileName), r.ledger.fileName];
  checkRectifyFolder(outDir, names, opts.cwd);
  ensureDir(outDir);
  removeStaleTemps(outDir);
  const previous = readManifest(outDir);
  checkReplaceable(outDir, [...names, MANIFEST_NAME, ...(previous ? setFiles(outDir, previous.manifest) : [])]);

  step(`生成整改通知 ${r.units.length} 份和整改台账`, 2);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { unitNoticeRenderer } = require('./render') as typeof import('./render');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { writeLedger } = require('./ledger') as typeof import('./ledger');
  const staged: { name: string; tmp: string; entry: OutputEntry }[] = [];
  const stage = (name: string, role: OutputEntry['role']) => {
    const s = { name, tmp: tmpPathFor(outDir, name), entry: { role, name, size: 0, sha256: '', data: fingerprint } };
    removeOnInterrupt(s.tmp);
    staged.push(s);
    return s;
  };
  try {
    const render = await unitNoticeRenderer(model);
    for (const u of r.units) {
      const s = stage(u.fileName, 'rectify-notice');
      const buf = render(r, u);
      fs.writeFileSync(s.tmp, buf);
      Object.assign(s.entry, { size: buf.length, sha256: sha256(buf) });
    }
    const l = stage(r.ledger.fileName, 'ledger');
    await writeLedger(model, r, l.tmp);
    Object.assign(l.entry, await sha256File(l.tmp));
  } catch (e) {
    removeTemps(staged.map((s) => s.tmp));
    throw readOnlyFolderError(e, outDir) ?? e;
  }
  const manifest = makeManifest({ version: toolVersion(), model, inputs, outputs: staged.map((s) => s.entry) });
  const manifestText = serializeManifest(manifest);
  step('写入文件', 3);
  if (previous && previous.text === manifestText && names.every((n) => fs.existsSync(path.join(outDir, n)))) {
    removeTemps(staged.map((s) => s.tmp));
    return { status: 'unchanged', outDir, rectify: r, manifest, written: [], history: null, removed: [] };
  }
  const result = commit({ outDir, staged, manifestText, previous });
  return { status: 'written', outDir, rectify: r, manifest, written: [...names, MANIFEST_NAME], ...result };
}
