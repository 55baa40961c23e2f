// The write stage: render the notice and both annexes of a round into an output folder,
// record them in manifest.json, and keep every earlier set in history/<n>/.
// Order: load+validate (bad data → DataError before any file is touched) → proofread →
// aggregate → render each file under a temporary name → compare with the set in place →
// commit (src/write/output-set.ts). See docs/handoff.md.
import * as fs from 'fs';
import * as path from 'path';
import type { ReportModel } from './aggregate/model';
import type { Diagnostic } from './diagnostics';
import { lintForBuild, noticeParagraphs } from './lint';
import type { Block } from './render/blocks';
import { renderNoticeBlocks } from './render/template/notice';
import { checkOutDir, toolVersion } from './paths';
import { loadValidated, modelOf } from './pipeline';
import type { ValidatedRound } from './validate';
import { checkReplaceable, ensureDir, readOnlyFolderError, removeStaleTemps, removeTemps, renameIntoPlace, tmpPathFor } from './write/atomic';
import { removeIfEmptyOnInterrupt, removeOnInterrupt, stopOnInterrupt } from './write/interrupt';
import { sha256File } from './write/hash';
import { MANIFEST_NAME, makeManifest, nextBodyRecord, noticeDifferences, noticeFacts, readManifest, serializeManifest } from './write/manifest';
import { ROLE_LABEL } from './write/manifest';
import type { BodyRecord, InputEntry, Manifest, OutputEntry, OutputRole } from './write/manifest';
import type { Correction } from './handoff/corrections';
import type { AlteredAnnex } from './handoff/correction-report';
import { noticeAnnexTables } from './render/annex-rows';
import { archiveToHistory, commit, dropHistory, setFiles } from './write/output-set';
import { annex3Outputs } from './rectify/annex3';
import type { CommitHooks, StagedFile } from './write/output-set';

/** The renderers, passed in so tests can use fakes; defaultRenderers() is the one lookup. */
export interface Renderers {
  noticeFileName(model: ReportModel): string;
  /** `blocks`: the notice's blocks when the caller has made them already (renderNoticeBlocks) */
  renderNotice(model: ReportModel, blocks?: readonly Block[]): Promise<Buffer>;
  annexFileNames(model: ReportModel): { annex1: string; annex2: string };
  writeAnnex1(model: ReportModel, filePath: string): Promise<void>;
  writeAnnex2(model: ReportModel, filePath: string): Promise<void>;
  /** release what the renderers hold (the annex worker thread) */
  close?(): Promise<void>;
}

export function defaultRenderers(): Renderers {
  // Loaded on first use: `tongbao check` and `diff` never pay for docx/exceljs.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const docx = require('./render/docx/notice') as typeof import('./render/docx/notice');
  const { annexFileNames } = require('./render/xlsx/names') as typeof import('./render/xlsx/names');
  const { annexWriter } = require('./render/xlsx/parallel') as typeof import('./render/xlsx/parallel');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const annexes = annexWriter();
  // Ctrl-C: end the annex thread before the temporary files it writes are removed.
  const forget = stopOnInterrupt(() => annexes.close());
  return {
    noticeFileName: docx.noticeFileName,
    renderNotice: (m, blocks) => docx.renderNotice(m, { blocks }),
    annexFileNames,
    writeAnnex1: (m, f) => annexes.writeAnnex1(m, f),
    writeAnnex2: (m, f) => annexes.writeAnnex2(m, f),
    close: () => {
      forget();
      return annexes.close();
    },
  };
}

/** Validation warnings and proofreading findings, printed as warnings (and refused with --strict). */
export function proofread(v: ValidatedRound, model: ReportModel, blocks?: readonly Block[]): Diagnostic[] {
  return [...v.warnings, ...lintForBuild(v, model, blocks ? { paragraphs: noticeParagraphs(model, blocks) } : {})];
}

/** Progress callback: a step starts (index from 1). The CLI shows it on a terminal only. */
export type OnStep = (label: string, index: number, total: number) => void;

export interface BuildHooks extends CommitHooks {
  /** called after each file is rendered under its temporary name (tests inject failures here) */
  afterStage?(name: string): void;
}

export interface BuildOptions {
  dataDir: string;
  cwd: string;
  /** default: out/<data folder name> under cwd */
  outDir?: string;
  strict?: boolean;
  renderers?: Renderers;
  onStep?: OnStep;
  hooks?: BuildHooks;
}

export type BuildStatus = 'written' | 'unchanged' | 'repaired' | 'refused';

export interface BuildResult {
  status: BuildStatus;
  outDir: string;
  /** data warnings (validation's) and proofreading findings (lint's, with a rule id): refused with --strict */
  findings: Diagnostic[];
  model?: ReportModel;
  manifest?: Manifest;
  manifestText?: string;
  /** files renamed into place, in manifest order (manifest.json last) */
  written: string[];
  /** history/<n> the previous set went to */
  history: string | null;
  /** files of the previous set removed because the new set has none of that name */
  removed: string[];
  /** annex rows corrected under an unchanged 正文, added to the 更正记录 */
  corrections?: Correction[];
  /** annexes whose previous workbook had been changed by hand (see handoff/annexes.ts) */
  altered?: AlteredAnnex[];
  /** the 正文 differs from the previous set's in the folder (a new 送签稿, to be signed again):
   *  what differs, in the notice's words (as `annexes` lists it when it refuses) */
  newBody?: string[];
}

/** The output folder (`--out`, else out/<data folder name> under cwd), without checks. */
export function outDirPath(dataDir: string, cwd: string, outDir?: string): string {
  return outDir ? path.resolve(cwd, outDir) : path.resolve(cwd, 'out', path.basename(path.resolve(cwd, dataDir)));
}

/** The output folder a command writes, refused (OutputPathError, exit 2) when it is the data
 *  folder, inside it or its parent (checkOutDir, src/paths.ts). */
export function resolveOutDir(dataDir: string, cwd: string, outDir?: string): string {
  const out = outDirPath(dataDir, cwd, outDir);
  checkOutDir(path.resolve(cwd, dataDir), out, cwd);
  return out;
}

/** Size and SHA-256 of every input file of a validated round, read from disk. */
export async function inputEntries(v: ValidatedRound): Promise<InputEntry[]> {
  const out: InputEntry[] = [];
  for (const f of Object.values(v.files)) {
    if (!f) continue;
    const h = await sha256File(f.path);
    out.push({ name: path.basename(f.path), size: h.size, sha256: h.sha256 });
  }
  return out;
}

export interface PlannedOutput {
  role: OutputRole;
  name: string;
  /** writes the complete file at the given path */
  write(file: string): Promise<void>;
}

/** Which files a round produces and how each is written. Each renderer makes its own bytes
 *  deterministic (dates are the 成文日期, zip times pinned); its tests hold it to that. */
export function planOutputs(
  model: ReportModel,
  r: Renderers,
  roles: readonly OutputRole[] = ['notice', 'annex1', 'annex2', 'annex3'],
  blocks?: readonly Block[],
): PlannedOutput[] {
  const annex = r.annexFileNames(model);
  const all: PlannedOutput[] = [
    { role: 'notice', name: r.noticeFileName(model), write: async (f) => fs.writeFileSync(f, await r.renderNotice(model, blocks)) },
    { role: 'annex1', name: annex.annex1, write: (f) => r.writeAnnex1(model, f) },
    { role: 'annex2', name: annex.annex2, write: (f) => r.writeAnnex2(model, f) },
  ];
  // 附件3 (compare.rectification, when a unit did not report on the previous round's rectification)
  all.push(...annex3Outputs(model));
  const names = all.map((o) => o.name);
  if (new Set([...names, 'manifest.json']).size !== names.length + 1) throw new Error(`输出文件重名：${names.join('、')}`);
  return all.filter((o) => roles.includes(o.role));
}

export interface Staged extends StagedFile {
  entry: OutputEntry;
}

/** Render each planned file under its temporary name; on any failure remove them all. */
export async function stageOutputs(
  outDir: string,
  plan: PlannedOutput[],
  fingerprint: string,
  step: (label: string) => void,
  hooks: BuildHooks = {},
): Promise<Staged[]> {
  // Every file is rendered at once (the annexes may be on a worker thread while the notice is
  // rendered here), then hashed and reported in plan order, so hooks and steps stay in order.
  const staged: Staged[] = plan.map((o) => ({
    name: o.name,
    tmp: tmpPathFor(outDir, o.name),
    entry: { role: o.role, name: o.name, size: 0, sha256: '', data: fingerprint },
  }));
  for (const s of staged) removeOnInterrupt(s.tmp);
  // Started last to first: the annexes (planned after the notice) can go to the worker thread
  // before the notice's rendering takes this thread.
  const writes: Promise<void>[] = [];
  for (let i = plan.length - 1; i >= 0; i--) {
    writes[i] = plan[i].write(staged[i].tmp);
    // awaited in plan order below; until then a failure must not count as unhandled
    writes[i].catch(() => undefined);
  }
  try {
    for (const [i, o] of plan.entries()) {
      step(`生成${ROLE_LABEL[o.role]}：${o.name}`);
      await writes[i];
      Object.assign(staged[i].entry, await sha256File(staged[i].tmp));
      hooks.afterStage?.(o.name);
    }
  } catch (e) {
    // Let every write settle before removing the temporaries, or a late one would leave its file.
    await Promise.allSettled(writes);
    discard(staged);
    throw readOnlyFolderError(e, outDir) ?? e;
  }
  return staged;
}

export function discard(staged: StagedFile[]): void {
  removeTemps(staged.map((s) => s.tmp));
}

/** Files listed in a manifest that are missing in the folder or differ from it. */
export async function damagedOutputs(outDir: string, m: Manifest): Promise<string[]> {
  const bad: string[] = [];
  for (const o of m.outputs) {
    const file = path.join(outDir, o.name);
    if (!fs.existsSync(file)) {
      bad.push(o.name);
      continue;
    }
    const h = await sha256File(file);
    if (h.sha256 !== o.sha256 || h.size !== o.size) bad.push(o.name);
  }
  return bad;
}

/**
 * The staged notice's 正文 record. When the 正文 is byte-identical to the previous set's, its
 * record is carried over, and any annex rows the new workbooks correct are added to the
 * 更正记录 as `annexes` would (a correction made with build is recorded all the same).
 */
export async function bodyOf(
  outDir: string,
  staged: Staged[],
  previous: Manifest | undefined,
  fingerprint: string,
  model: ReportModel,
): Promise<{ body?: BodyRecord; corrections?: OutputEntry; record: Staged | null; corrected: Correction[]; altered: AlteredAnnex[]; newBody?: string[] }> {
  const notice = staged.find((s) => s.entry.role === 'notice');
  if (!notice) return { record: null, corrected: [], altered: [] };
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { bodyDifferences, readNoticeBody } = require('./handoff/body') as typeof import('./handoff/body');
  const { countCorrections, recordCorrections } = require('./handoff/annexes') as typeof import('./handoff/annexes');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const now = await readNoticeBody(fs.readFileSync(notice.tmp));
  const { sha256 } = now;
  const body = nextBodyRecord(previous, sha256, fingerprint);
  if (!previous) return { body, record: null, corrected: [], altered: [] };
  if (previous.body?.sha256 !== sha256) {
    // A new 正文 over a previous set: what differs, from the notice in the folder, else from the
    // facts the manifests record (a missing notice; the tests' fake renderers).
    const old = previous.outputs.find((o) => o.role === 'notice');
    const file = old && path.join(outDir, old.name);
    const was = file && fs.existsSync(file) ? await readNoticeBody(fs.readFileSync(file)) : undefined;
    if (!previous.body && (!was || was.sha256 === sha256)) return { body, record: null, corrected: [], altered: [] };
    let newBody = was ? bodyDifferences(was, now) : [];
    if (!newBody.length) newBody = noticeDifferences(previous.notice, noticeFacts(model));
    if (!newBody.length) newBody = ['正文的文字或格式不同'];
    return { body, record: null, corrected: [], altered: [], newBody };
  }
  const logged = await recordCorrections(outDir, previous, staged, { title: model.title, since: body.since, fingerprint, annexTables: noticeAnnexTables(model) });
  return { body: { ...body, ...countCorrections(body, logged) }, corrections: logged.entry, record: logged.record, corrected: logged.corrections, altered: logged.altered };
}

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const renderers = opts.renderers ?? defaultRenderers();
  try {
    return await buildWith(renderers, opts);
  } finally {
    await renderers.close?.();
  }
}

async function buildWith(renderers: Renderers, opts: BuildOptions): Promise<BuildResult> {
  const outDir = resolveOutDir(opts.dataDir, opts.cwd, opts.outDir);
  const total = 5; // read, three files, write
  let index = 0;
  const step = (label: string) => opts.onStep?.(label, ++index, total);

  step('读取并检查数据');
  const v = loadValidated(opts.dataDir, opts.cwd); // DataError here: nothing written yet
  const model = modelOf(v);
  // the notice's blocks once, for proofreading and the notice (a national notice's failing list
  // is one paragraph of ~385,000 characters: about 0.3 s a rendering)
  const blocks = renderNoticeBlocks(model);
  const findings = proofread(v, model, blocks);
  const base = { outDir, findings, model, written: [] as string[], history: null, removed: [] as string[] };
  if (opts.strict && findings.length > 0) return { ...base, status: 'refused' };

  const inputs = await inputEntries(v);
  const plan = planOutputs(model, renderers, undefined, blocks);
  // the folders this run creates (out/2023-q4 and out/): not left behind empty by an interrupt
  const fresh: string[] = [];
  for (let d = path.resolve(outDir); !fs.existsSync(d) && path.dirname(d) !== d; d = path.dirname(d)) fresh.push(d);
  ensureDir(outDir);
  for (const d of fresh) removeIfEmptyOnInterrupt(d);
  removeStaleTemps(outDir);
  const previous = readManifest(outDir);
  // A file open in Word or Excel, or a read-only folder: say so before anything is written.
  checkReplaceable(outDir, [...plan.map((o) => o.name), MANIFEST_NAME, ...(previous ? setFiles(outDir, previous.manifest) : [])]);

  const fingerprint = makeManifest({ version: toolVersion(), model, inputs, outputs: [] }).data.fingerprint;
  const staged = await stageOutputs(outDir, plan, fingerprint, step, opts.hooks);
  // A 正文 that is the same bytes as the previous set's keeps its record (when it was first
  // built, how many annex rows were corrected since) and its 更正记录; a new 正文 starts afresh.
  let logged: Awaited<ReturnType<typeof bodyOf>>;
  try {
    logged = await bodyOf(outDir, staged, previous?.manifest, fingerprint, model);
  } catch (e) {
    discard(staged);
    throw e;
  }
  const { body, corrections, record } = logged;
  const manifest = makeManifest({ version: toolVersion(), model, inputs, body, outputs: [...staged.map((s) => s.entry), ...(corrections ? [corrections] : [])] });
  const manifestText = serializeManifest(manifest);
  const done = { ...base, manifest, manifestText, corrections: logged.corrected, altered: logged.altered, newBody: logged.newBody };

  step('写入文件');
  if (previous && previous.text === manifestText) {
    // Same data, same bytes: leave the folder alone, except to restore a missing or altered file.
    const damaged = new Set(await damagedOutputs(outDir, previous.manifest));
    const repair = staged.filter((s) => damaged.has(s.name));
    discard([...staged.filter((s) => !damaged.has(s.name)), ...(record ? [record] : [])]);
    if (repair.length === 0) return { ...done, status: 'unchanged' };
    // An altered file may be someone's hand edit: keep it in history before restoring.
    const altered = repair.map((s) => s.name).filter((n) => fs.existsSync(path.join(outDir, n)));
    let history: string | null = null;
    try {
      history = altered.length ? archiveToHistory(outDir, [...altered, MANIFEST_NAME]) : null;
      for (const s of repair) renameIntoPlace(s.tmp, path.join(outDir, s.name));
    } catch (e) {
      // e.g. the altered file is open in Word: leave it and the folder as they were
      const placed = repair.filter((s) => !fs.existsSync(s.tmp)).length;
      discard(repair);
      if (history && placed === 0) dropHistory(outDir, history);
      throw e;
    }
    return { ...done, status: 'repaired', written: repair.map((s) => s.name), history };
  }
  const all = record ? [...staged, record] : staged;
  const result = commit({ outDir, staged: all, keep: corrections && !record ? [corrections.name] : [], manifestText, previous }, opts.hooks);
  return { ...done, status: 'written', written: [...all.map((s) => s.name), MANIFEST_NAME], ...result };
}
