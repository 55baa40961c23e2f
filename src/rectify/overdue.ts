// `check` on a round with rectify.yaml: rectify.yaml is checked like the other files, and each
// failing unit still without a report once the deadline has passed is a warning. The day is
// --as-of, or today (the one place the clock is read: a warning, never a file).
import * as fs from 'fs';
import * as path from 'path';
import type { ReportModel } from '../aggregate/model';
import type { Diagnostic } from '../diagnostics';
import { DataError } from '../diagnostics';
import { locate } from '../load/yaml-file';
import type { ValidatedRound } from '../validate';
import { rectifyModel } from './aggregate';
import { failingItems, keyOf } from './items';
import { loadRectify, rectifyPath } from './load';
import { rectifyWording } from './wording';

/** Today as YYYY-MM-DD in the machine's time zone (the clerk's calendar day). */
export function today(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Warnings for overdue units; [] when the round has no rectify.yaml (nobody is tracking it yet). */
export function overdueWarnings(v: ValidatedRound, model: ReportModel, cwd: string, asOf: string): Diagnostic[] {
  const dir = path.dirname(v.files.notice!.path);
  if (!fs.existsSync(rectifyPath(dir))) return [];
  const items = failingItems(v.round, model);
  const loaded = loadRectify(dir, cwd, v.round, items);
  if (!loaded.value) throw new DataError(loaded.diagnostics);
  const r = rectifyModel(model, items, loaded.value, rectifyWording(), asOf);
  const out: Diagnostic[] = [];
  const file = loaded.value.file!;
  const notice = v.files.notice!;
  for (const it of r.items) {
    if (it.status !== 'missing' || !it.overdue) continue;
    const entry = loaded.value.entries.get(keyOf(it));
    // at the unit's entry when rectify.yaml has one, else at the deadline it has passed
    const [f, pos] = entry ? [file, locate(file, entry.path)] : [notice, locate(notice, ['deadline'])];
    out.push({
      severity: 'warning',
      file: f.display,
      line: pos.line,
      col: pos.col,
      message: `逾期未报送整改情况：${it.unit}（${it.name}，${it.kindLabel}），整改时限 ${r.deadline.iso}，截至 ${asOf} 未收到整改报告`,
    });
  }
  return out;
}
