// `tongbao annexes`: after a correction, regenerate the annexes — both workbooks and the notice's
// 附件 pages — while the notice's 正文 (what the leader signed) stays byte-for-byte the same.
// The 正文 the corrected data gives is compared with the 正文 of the notice in the folder
// (src/handoff/body.ts); when it differs, nothing is written and the caller lists the
// differences in the notice's words. Each correction is added to the 更正记录.
import * as fs from 'fs';
import * as path from 'path';
import { damagedOutputs, defaultRenderers, discard, inputEntries, planOutputs, resolveOutDir, stageOutputs } from '../build';
import type { OnStep, BuildHooks, PlannedOutput, Renderers, Staged } from '../build';
import { toolVersion } from '../paths';
import { loadValidated, modelOf } from '../pipeline';
import { checkReplaceable, removeStaleTemps, removeTemps, tmpPathFor } from '../write/atomic';
import { removeOnInterrupt } from '../write/interrupt';
import { sha256File } from '../write/hash';
import { MANIFEST_NAME, ROLE_LABEL, makeManifest, noticeDifferences, readManifest, serializeManifest } from '../write/manifest';
import type { BodyRecord, Manifest, OutputEntry } from '../write/manifest';
import { commit, setFiles } from '../write/output-set';
import { annexRowChangeCount } from '../render/annex-rows';
import type { NoticeTable } from '../render/annex-rows';
import { bodyDifferences, readNoticeBody } from './body';
import { CORRECTIONS_FILE, appendCorrections, correctionDate, readPrintedSheet, sheetCorrections } from './corrections';
import type { Correction, PrintedSheet } from './corrections';
import type { AlteredAnnex } from './correction-report';
import { noticeTablesOnDisk } from './notice-tables';

export interface AnnexesOptions {
  dataDir: string;
  cwd: string;
  outDir?: string;
  renderers?: Renderers;
  onStep?: OnStep;
  hooks?: BuildHooks;
  /** the date the correction is recorded under (default: correctionDate()) */
  date?: string;
}

export type AnnexesResult =
  | { status: 'no-manifest'; outDir: string }
  /** the notice on disk is missing or differs from the manifest: rebuild everything */
  | { status: 'notice-damaged'; outDir: string; notice: string }
  /** the 正文 would change: nothing written (exit 3); each difference in the notice's words, and
   *  how many rows of the 附件 pages' tables change too (not part of the 正文) */
  | { status: 'notice-changed'; outDir: string; differences: string[]; annexRows: number }
  | {
      status: 'unchanged' | 'written';
      outDir: string;
      written: string[];
      history: string | null;
      manifest: Manifest;
      /** the rows this run corrected (empty when the annexes read the same) */
      corrections: Correction[];
      /** annexes whose previous file had been changed by hand (or was missing) */
      altered: AlteredAnnex[];
      /** annexes the data gives as recorded but whose file in the folder had been changed by hand:
       *  written back from the data, the hand-changed file kept in history/ (said, never silent) */
      restored: { label: string; name: string }[];
    };


/** What comparing the staged annexes with the set in the folder finds. */
interface AnnexCorrections {
  corrections: Correction[];
  altered: AlteredAnnex[];
  /** annexes the data gives as recorded but whose file in the folder had been changed by hand */
  restored: { label: string; name: string }[];
}

export async function regenerateAnnexes(opts: AnnexesOptions): Promise<AnnexesResult> {
  const outDir = resolveOutDir(opts.dataDir, opts.cwd, opts.outDir);
  let index = 0;
  const step = (label: string) => opts.onStep?.(label, ++index, 6); // read, three files, compare, write
  step('读取并检查数据');
  const v = loadValidated(opts.dataDir, opts.cwd);
  const model = modelOf(v);
  const previous = fs.existsSync(outDir) ? readManifest(outDir) : null;
  if (!previous) return { status: 'no-manifest', outDir };
  const notice = previous.manifest.outputs.find((o) => o.role === 'notice');
  if (!notice || (await damagedOutputs(outDir, { ...previous.manifest, outputs: [notice] })).length > 0) {
    return { status: 'notice-damaged', outDir, notice: notice?.name ?? '通报' };
  }

  const inputs = await inputEntries(v);
  const next = makeManifest({ version: toolVersion(), model, inputs, outputs: [] });
  const renderers = opts.renderers ?? defaultRenderers();
  try {
    // The whole notice from the corrected data: its 正文 must be the signed one, byte for byte.
    const rendered = await renderers.renderNotice(model);
    const [was, now] = await Promise.all([readNoticeBody(fs.readFileSync(path.join(outDir, notice.name))), readNoticeBody(rendered)]);
    // Also what the 正文 states, as facts: a renderer that did not print one (the tests' fakes
    // print only the totals, names and date) must not let it change unseen.
    const facts = noticeDifferences(previous.manifest.notice, next.notice);
    if (was.sha256 !== now.sha256 || facts.length > 0) {
      let differences = bodyDifferences(was, now);
      if (differences.length === 0) differences = facts;
      if (differences.length === 0) differences = ['正文的文字或格式不同'];
      const recorded = previous.manifest.notice.annexTables;
      const annexRows = recorded ? annexRowChangeCount(recorded, next.notice.annexTables ?? []) : 0;
      return { status: 'notice-changed', outDir, differences, annexRows };
    }

    removeStaleTemps(outDir);
    // A workbook open in Excel, or a read-only folder: say so before anything is written.
    checkReplaceable(outDir, [...setFiles(outDir, previous.manifest), CORRECTIONS_FILE]);
    const plan: PlannedOutput[] = [
      { role: 'notice', name: notice.name, write: async (f) => fs.writeFileSync(f, rendered) },
      ...planOutputs(model, renderers, ['annex1', 'annex2', 'annex3']),
    ];
    const staged = await stageOutputs(outDir, plan, next.data.fingerprint, step, opts.hooks);
    let record: Staged | null = null;
    try {
      step('比较更正前后的附件');
      const body = previous.manifest.body ?? { sha256: was.sha256, since: notice.data, corrections: 0 };
      const logged = await recordCorrections(outDir, previous.manifest, staged, {
        title: model.title,
        since: body.since,
        date: opts.date,
        fingerprint: next.data.fingerprint,
        annexTables: next.notice.annexTables ?? [],
      });
      record = logged.record;
      const { corrections, altered, restored } = logged;
      const outputs: OutputEntry[] = [...staged.map((s) => s.entry), ...(logged.entry ? [logged.entry] : [])];
      const kept = previous.manifest.outputs.find((o) => o.role === 'corrections');
      const all = record ? [...staged, record] : staged;
      const manifest = makeManifest({
        version: toolVersion(),
        model,
        inputs,
        body: { ...body, sha256: was.sha256, ...countCorrections(body, logged) },
        outputs,
      });
      const manifestText = serializeManifest(manifest);
      step('写入文件');
      if (manifestText === previous.text && (await damagedOutputs(outDir, manifest)).length === 0) {
        discard(all);
        return { status: 'unchanged', outDir, written: [], history: null, manifest, corrections, altered, restored };
      }
      const result = commit({ outDir, staged: all, keep: !record && kept ? [kept.name] : [], manifestText, previous });
      return { status: 'written', outDir, written: [...all.map((s) => s.name), MANIFEST_NAME], history: result.history, manifest, corrections, altered, restored };
    } catch (e) {
      discard(record ? [...staged, record] : staged);
      throw e;
    }
  } finally {
    await renderers.close?.();
  }
}

/** The 正文 record's counts after a run that corrected `logged`. */
export function countCorrections(body: BodyRecord, logged: { corrections: Correction[]; altered: AlteredAnnex[] }): Pick<BodyRecord, 'corrections' | 'unitemized'> {
  const unitemized = [...(body.unitemized ?? []), ...logged.altered.filter((a) => !a.itemized).map((a) => a.label)];
  return { corrections: body.corrections + logged.corrections.length, ...(unitemized.length ? { unitemized } : {}) };
}

/**
 * The annex rows the staged workbooks correct against the set in the folder, and the 更正记录
 * with one more entry for them, staged beside the other files (null when nothing was corrected:
 * then the previous 更正记录, if any, is the entry to keep). Shared by `annexes` and by `build`
 * when it writes the same 正文 (a correction made with build is recorded all the same).
 * `annexTables`: the tables the new notice prints, for an annex whose previous file was altered.
 */
export async function recordCorrections(
  outDir: string,
  m: Manifest,
  staged: Staged[],
  o: { title: string; since: string; fingerprint: string; date?: string; annexTables: NoticeTable[] },
): Promise<AnnexCorrections & { record: Staged | null; entry?: OutputEntry }> {
  const kept = m.outputs.find((x) => x.role === 'corrections');
  const found = await annexCorrections(outDir, m, staged, o.annexTables);
  const { corrections, altered } = found;
  if (!corrections.length && !altered.length) return { ...found, record: null, entry: kept ? { ...kept } : undefined };
  // one more entry in the 更正记录, after the ones already there
  const name = kept?.name ?? CORRECTIONS_FILE;
  const file = path.join(outDir, name);
  const existing = kept && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  const text = appendCorrections(existing, { title: o.title, since: o.since }, {
    date: o.date ?? correctionDate(),
    number: (existing?.match(/第 \d+ 次更正/g)?.length ?? 0) + 1,
    corrections,
    unknown: altered.filter((a) => !a.itemized).map((a) => a.label),
    fromNotice: altered.filter((a) => a.itemized).map((a) => a.label),
  });
  const record: Staged = { name, tmp: tmpPathFor(outDir, name), entry: { role: 'corrections', name, size: 0, sha256: '', data: o.fingerprint } };
  removeOnInterrupt(record.tmp);
  try {
    fs.writeFileSync(record.tmp, text);
    Object.assign(record.entry, await sha256File(record.tmp));
  } catch (e) {
    removeTemps([record.tmp]);
    throw e;
  }
  return { ...found, record, entry: record.entry };
}

/**
 * An annex's tables as the notice's 附件 pages print them, in the shape of its printed sheet
 * (附件1's group headings are one-cell rows; 附件2 has one table per group, titled after the
 * label), so an annex whose workbook was altered is compared row by row all the same.
 */
export function noticeSheet(tables: NoticeTable[], label: string): PrintedSheet | undefined {
  const mine = tables.filter((t) => t.title.startsWith(label) && !/^[0-9]/.test(t.title.slice(label.length)));
  if (!mine.length) return undefined;
  const sheet: PrintedSheet = { label, header: mine[0].rows[0]?.split('\t') ?? [], groups: [] };
  for (const t of mine) {
    const section = t.title.slice(label.length);
    let g: PrintedSheet['groups'][number] | undefined;
    if (section) sheet.groups.push((g = { title: section, rows: [] }));
    for (const r of t.rows.slice(1)) {
      const cells = r.split('\t');
      if (cells.length === 1) {
        // a group heading, or the 无 row of a group without rows (right after its heading)
        if (g && g.rows.length === 0) g.rows.push(cells);
        else sheet.groups.push((g = { title: cells[0], rows: [] }));
        continue;
      }
      if (!g) sheet.groups.push((g = { title: '', rows: [] }));
      g.rows.push(cells);
    }
  }
  return sheet;
}

/**
 * The annex rows this correction changes: the printed sheet of each workbook in the folder
 * (when it is still the one the manifest records) against the new one. A workbook changed by
 * hand (or missing) is not what was signed: then the table the notice printed (manifest.json's
 * record of it, or the notice itself) against the new notice's.
 */
async function annexCorrections(outDir: string, m: Manifest, staged: Staged[], annexTables: NoticeTable[]): Promise<AnnexCorrections> {
  const corrections: Correction[] = [];
  const altered: AlteredAnnex[] = [];
  const restored: { label: string; name: string }[] = [];
  let printed: NoticeTable[] | undefined | null = null; // the previous notice's tables, read once
  const previousTables = async (): Promise<NoticeTable[] | undefined> => {
    if (printed !== null) return printed;
    printed = m.notice.annexTables;
    const notice = m.outputs.find((x) => x.role === 'notice');
    if (!printed && notice && (await damagedOutputs(outDir, { ...m, outputs: [notice] })).length === 0) {
      printed = await noticeTablesOnDisk(fs.readFileSync(path.join(outDir, notice.name)), annexTables);
    }
    return printed;
  };
  for (const s of staged) {
    if (s.entry.role !== 'annex1' && s.entry.role !== 'annex2' && s.entry.role !== 'annex3') continue;
    const old = m.outputs.find((o) => o.role === s.entry.role);
    const intact = old && (await damagedOutputs(outDir, { ...m, outputs: [old] })).length === 0;
    if (old && old.sha256 === s.entry.sha256) {
      // the same bytes: nothing corrected; a file changed by hand since is written back from the data
      if (!intact && fs.existsSync(path.join(outDir, old.name))) restored.push({ label: ROLE_LABEL[s.entry.role], name: old.name });
      continue;
    }
    if (!intact) {
      const label = ROLE_LABEL[s.entry.role];
      const tables = await previousTables();
      const before = tables && noticeSheet(tables, label);
      const after = noticeSheet(annexTables, label);
      const found = before && after ? sheetCorrections(before, after) : [];
      corrections.push(...found);
      // nothing to tell apart on the 附件 pages: the change is in what they do not print
      altered.push({ label, name: old?.name ?? s.name, itemized: found.length > 0 });
      continue;
    }
    const before = await readPrintedSheet(fs.readFileSync(path.join(outDir, old.name)));
    const after = await readPrintedSheet(fs.readFileSync(s.tmp));
    if (!before || !after) continue; // not a workbook tongbao wrote (the tests' fakes)
    corrections.push(...sheetCorrections(before, after));
  }
  return { corrections, altered, restored };
}
