// `tongbao import`: take corrections from a workbook into the round's YAML. The workbook
// is read once (streaming); the edits are checked by validating the data as it would be,
// and shown with their effect on the notice (src/handoff/diff) before anything is written.
import * as fs from 'fs';
import * as path from 'path';
import { loadWording } from '../aggregate/wording';
import type { Diagnostic } from '../diagnostics';
import { DataError } from '../diagnostics';
import { applyEdits, commitEdits, fileHash } from '../edit';
import type { CommitResult, DataFileName } from '../edit';
import { diffRounds } from '../handoff/diff';
import type { RoundDiff } from '../handoff/diff';
import { loadRound, OPTIONAL_FILES, ROUND_FILES } from '../load/round';
import type { LoadedRound } from '../load/round';
import { displayPath, parseYamlText } from '../load/yaml-file';
import type { Level } from '../types';
import { validateRound } from '../validate';
import type { ValidatedRound } from '../validate';
import { loadAliases } from './headers';
import { Planner } from './plan';
import type { ImportChange, ImportProblem, RoundInfo } from './plan';
import { readWorkbook } from './workbook';

export { WorkbookError } from './workbook';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});

export interface ImportResult {
  problems: ImportProblem[];
  changes: ImportChange[];
  sheets: { name: string; rows: number }[];
  untouched: number;
  /** problems of the data as it would be after the import (nothing written when errors) */
  after: Diagnostic[];
  /** effect on the notice, when the data validates before and after */
  diff: RoundDiff | null;
  /** set when written */
  commit: CommitResult | null;
}

/** A round from texts in memory, as loadRound would read them from disk. */
function loadFromTexts(dir: string, texts: Record<DataFileName, string>, cwd: string, before: LoadedRound): LoadedRound {
  const out: LoadedRound = { dir, files: {}, data: {}, diagnostics: [] };
  for (const kind of ROUND_FILES) {
    const abs = path.join(dir, `${kind}.yaml`);
    const { file, diagnostics } = parseYamlText(texts[`${kind}.yaml`], abs, displayPath(abs, cwd));
    out.files[kind] = file;
    out.diagnostics.push(...diagnostics);
    if (!diagnostics.length) out.data[kind] = file.doc.toJS({ maxAliasCount: 100 });
  }
  for (const kind of OPTIONAL_FILES) {
    if (before.files[kind]) out.files[kind] = before.files[kind];
    if (kind in before.data) out.data[kind] = before.data[kind];
  }
  return out;
}

export async function importWorkbook(dataDir: string, workbook: string, opts: { apply: boolean; cwd: string }): Promise<ImportResult> {
  const cwd = opts.cwd;
  const dir = path.resolve(cwd, dataDir);
  const files: DataFileName[] = ['notice.yaml', 'sites.yaml', 'accounts.yaml'];
  // the bytes the plan is made from: --apply refuses if any changes on disk meanwhile
  const texts = {} as Record<DataFileName, string>;
  const hashes: Partial<Record<DataFileName, string>> = {};
  const loaded = loadRound(dataDir, cwd);
  if (loaded.diagnostics.length) throw new DataError(loaded.diagnostics);
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(dir, f));
    hashes[f] = fileHash(bytes);
    texts[f] = bytes.toString('utf8');
  }

  const notice = obj(loaded.data.notice);
  const wording = loadWording();
  const levelNames = { department: '州直部门', county: '县（市）', ...obj(notice.levels) } as Record<Level, string>;
  const round: RoundInfo = {
    notice,
    sites: obj(loaded.data.sites),
    accounts: obj(loaded.data.accounts),
    levelNames,
    platformNames: wording.platforms,
    months: (Array.isArray(notice.months) ? notice.months : []).filter((m): m is string => typeof m === 'string' && /^\d{4}-\d{2}$/.test(m)),
    monthColumn: (month) => wording.monthColumn({ month }),
  };
  const planner = new Planner(round, loadAliases(wording, levelNames));
  for await (const sheet of readWorkbook(path.resolve(cwd, workbook))) await planner.sheet(sheet);
  const plan = planner.finish();
  const result: ImportResult = { problems: plan.problems, changes: plan.changes, sheets: plan.sheets, untouched: plan.untouched, after: [], diff: null, commit: null };
  if (plan.problems.length || !plan.edits.length) return result;

  const next = { ...texts };
  for (const f of files) {
    const mine = plan.edits.filter((e) => e.file === f);
    if (mine.length) next[f] = applyEdits(texts[f], mine, f);
  }
  const afterLoaded = loadFromTexts(dir, next, cwd, loaded);
  const after = validateRound(afterLoaded);
  result.after = after.diagnostics.filter((d) => d.severity === 'error');
  const before = validateRound(loaded);
  if (before.value && after.value) result.diff = diffRounds(before.value as ValidatedRound, after.value);
  // Values still to fill are progress, not a reason to refuse; anything else is.
  const blocking = result.after.filter((d) => !('fill' in d));
  if (opts.apply && !blocking.length) {
    result.commit = commitEdits(dir, plan.edits, { expectedHashes: hashes });
  }
  return result;
}
