// `tongbao rectify`: the rectification part of the pipeline — the round loaded and validated as
// for build, its failing units with rectify.yaml (load.ts), the rectification model
// (aggregate.ts), one 整改通知 per unit (render.ts) and the 整改台账 (ledger.ts), written as one
// set with its own manifest.json into OUT (default out/<round>/整改/) by the write stage's
// commit: temporary names, history/<n>/ for the earlier set, the manifest last.
import * as fs from 'fs';
import * as path from 'path';
import type { ReportModel } from '../aggregate/model';
import { inputEntries, resolveOutDir } from '../build';
import { DataError } from '../diagnostics';
import { toolVersion } from '../paths';
import { loadValidated, modelOf } from '../pipeline';
import type { ValidatedRound } from '../validate';
import { checkReplaceable, ensureDir, readOnlyFolderError, removeStaleTemps, tmpPathFor } from '../write/atomic';
import { sha256, sha256File } from '../write/hash';
import { removeOnInterrupt } from '../write/interrupt';
import { MANIFEST_NAME, makeManifest, readManifest, serializeManifest } from '../write/manifest';
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
  /** default: out/<data folder name>/整改 under cwd */
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

export function rectifyOutDir(dataDir: string, cwd: string, outDir?: string): string {
  return outDir ? path.resolve(cwd, outDir) : path.join(resolveOutDir(dataDir, cwd), RECTIFY_DIR);
}

export async function rectify(opts: RectifyOptions): Promise<RectifyResult> {
  const outDir = rectifyOutDir(opts.dataDir, opts.cwd, opts.outDir);
  const step = (label: string, i: number) => opts.onStep?.(label, i, 3);
  step('读取并检查数据', 1);
  const p = prepareRectify(opts.dataDir, opts.cwd, opts.asOf ?? null); // DataError here: nothing written
  const { model, rectify: r } = p;
  const inputs = await rectifyInputs(p.v);
  const fingerprint = makeManifest({ version: toolVersion(), model, inputs, outputs: [] }).data.fingerprint;

  ensureDir(outDir);
  removeStaleTemps(outDir);
  const previous = readManifest(outDir);
  const names = [...r.units.map((u) => u.fileName), r.ledger.fileName];
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
    for (const s of staged) fs.rmSync(s.tmp, { force: true });
    throw readOnlyFolderError(e, outDir) ?? e;
  }
  const manifest = makeManifest({ version: toolVersion(), model, inputs, outputs: staged.map((s) => s.entry) });
  const manifestText = serializeManifest(manifest);
  step('写入文件', 3);
  if (previous && previous.text === manifestText && names.every((n) => fs.existsSync(path.join(outDir, n)))) {
    for (const s of staged) fs.rmSync(s.tmp, { force: true });
    return { status: 'unchanged', outDir, rectify: r, manifest, written: [], history: null, removed: [] };
  }
  const result = commit({ outDir, staged, manifestText, previous });
  return { status: 'written', outDir, rectify: r, manifest, written: [...names, MANIFEST_NAME], ...result };
}
