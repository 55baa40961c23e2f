// compare.rectification: the previous round's rectify.yaml read and checked against that
// round's failing units, turned into the next circular's figures (followup.ts). Its problems
// stop the build like the previous round's own (messages at rectify.yaml:LINE:COL).
import * as fs from 'fs';
import * as path from 'path';
import type { ReportModel } from '../aggregate/model';
import type { Diagnostic } from '../diagnostics';
import { displayPath, locate } from '../load/yaml-file';
import type { JudgedRound } from '../types';
import type { ValidatedRound } from '../validate';
import { followUp } from './followup';
import type { RectificationFollowUp } from './followup';
import { failingItems } from './items';
import { loadRectify, RECTIFY_FILE } from './load';
import { rectifyWording } from './wording';

export interface PreviousRectification {
  followUp: RectificationFollowUp | null;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export function previousRectification(v: ValidatedRound, cwd: string, aggregate: (round: JudgedRound) => ReportModel): PreviousRectification {
  const out: PreviousRectification = { followUp: null, errors: [], warnings: [] };
  const file = v.files.notice;
  const warn = (message: string) => {
    if (!file) return;
    const pos = locate(file, ['compare', 'rectification']);
    out.warnings.push({ severity: 'warning', file: file.display, line: pos.line, col: pos.col, message });
  };
  if (!v.previous) {
    warn('要求写上一轮通报问题的整改情况（compare.rectification），但没有找到上一轮的数据：通报不写整改情况');
    return out;
  }
  const dir = v.previous.dir;
  if (!fs.existsSync(path.join(dir, RECTIFY_FILE))) {
    warn(`要求写上一轮通报问题的整改情况，但上一轮文件夹 ${displayPath(dir, cwd)} 中没有 ${RECTIFY_FILE}：通报不写整改情况（整改情况记在上一轮的 ${RECTIFY_FILE} 中，见 docs/quarter-guide.md）`);
    return out;
  }
  const r = rectificationOf(dir, v.previous.round, v.round.notice.round, cwd, aggregate);
  out.errors.push(...r.errors);
  out.followUp = r.followUp;
  return out;
}

/**
 * The follow-up figures of a round folder that has a rectify.yaml, seen from a later round
 * (`compare --json` uses it with the two folders it is given). Null when its circular named no
 * failing unit; errors are rectify.yaml's own problems.
 */
export function rectificationOf(dir: string, round: JudgedRound, laterRound: string, cwd: string, aggregate: (round: JudgedRound) => ReportModel): { followUp: RectificationFollowUp | null; errors: Diagnostic[] } {
  const prevModel = aggregate(round);
  const items = failingItems(round, prevModel);
  const loaded = loadRectify(dir, cwd, round, items);
  if (!loaded.value) return { followUp: null, errors: loaded.diagnostics };
  if (items.length === 0) return { followUp: null, errors: [] };
  return { followUp: followUp({ round: { code: laterRound } as ReportModel['round'] }, prevModel, items, loaded.value, rectifyWording()), errors: [] };
}
