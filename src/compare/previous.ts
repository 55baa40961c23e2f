// Which round came before this one: notice.yaml's `previous` (a folder relative to the round
// folder), or else the one sibling folder whose notice.yaml says it is the preceding quarter.
// The sibling's folder name is not trusted: a copy named 2024-q1 may hold any round.
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import { loadRound } from '../load/round';
import { displayPath, locate } from '../load/yaml-file';
import type { DataPath, SourceFile } from '../load/yaml-file';
import type { JudgedRound } from '../types';
import { validateRound } from '../validate';
import type { ValidatedRound } from '../validate';
import { precedingQuarter } from './compare';

export interface PreviousRound {
  /** absolute path of its folder */
  dir: string;
  round: JudgedRound;
}

export interface PreviousResolution {
  previous: PreviousRound | null;
  /** problems that stop the command (a `previous` that cannot be used, or a requested comparison that cannot be made) */
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

function at(file: SourceFile, p: DataPath, message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  const pos = locate(file, p, 'value');
  return { severity, file: file.display, line: pos.line, col: pos.col, message };
}

function hasNotice(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory() && fs.statSync(path.join(dir, 'notice.yaml')).isFile();
  } catch {
    return false;
  }
}

/** The `round` a folder's notice.yaml states, read leniently (a folder that is not a round gives null). */
export function statedRound(dir: string): string | null {
  try {
    const data = parse(fs.readFileSync(path.join(dir, 'notice.yaml'), 'utf8'), { logLevel: 'silent', maxAliasCount: 100 }) as unknown;
    const round = data && typeof data === 'object' ? (data as Record<string, unknown>).round : undefined;
    return typeof round === 'string' && /^\d{4}-Q[1-4]$/.test(round) ? round : null;
  } catch {
    return null;
  }
}

/** Sibling folders of `roundDir` that state the given round, sorted by name. */
export function siblingsOfRound(roundDir: string, round: string): string[] {
  const parent = path.dirname(roundDir);
  let names: string[];
  try {
    names = fs.readdirSync(parent).sort();
  } catch {
    return [];
  }
  return names
    .map((n) => path.join(parent, n))
    .filter((d) => d !== roundDir && hasNotice(d) && statedRound(d) === round);
}

/** The previous round of a validated round, or why there is none. */
export function resolvePrevious(v: ValidatedRound, cwd: string): PreviousResolution {
  const out: PreviousResolution = { previous: null, errors: [], warnings: [] };
  const file = v.files.notice;
  if (!file) return out;
  const n = v.round.notice;
  const roundDir = path.dirname(file.path);
  const requested = !!(n.compare?.paragraph || n.compare?.annex_column);
  const want = precedingQuarter(n.round);
  const shown = (d: string) => displayPath(d, cwd);

  let dir: string;
  if (n.previous !== undefined) {
    dir = path.resolve(roundDir, n.previous);
    if (dir === roundDir) {
      out.errors.push(at(file, ['previous'], 'previous 指向了本轮自己的文件夹，应指向上一轮的数据文件夹，例如 ../2023-q4'));
      return out;
    }
    if (!hasNotice(dir)) {
      out.errors.push(at(file, ['previous'], `找不到上一轮的数据文件夹“${n.previous}”（${shown(dir)}，应含 notice.yaml）；路径相对本轮文件夹，例如 ../2023-q4`));
      return out;
    }
  } else {
    const found = siblingsOfRound(roundDir, want);
    if (found.length === 0) {
      if (requested) {
        out.warnings.push(
          at(file, ['compare'], `要求与上季度比较，但同级文件夹中没有轮次为 ${want} 的数据，也没有用 previous 指明上一轮：通报只写本季度的合格率`, 'warning'),
        );
      }
      return out;
    }
    if (found.length > 1) {
      const message = `同级文件夹中有 ${found.length} 个轮次为 ${want} 的数据（${found.map(shown).join('、')}），不知道以哪个为上季度：请在 notice.yaml 中用 previous 指明，例如 previous: ../${path.basename(found[0])}`;
      if (requested) out.errors.push(at(file, ['compare'], message));
      else out.warnings.push({ ...at(file, ['round'], message, 'warning'), message: `${message}；本次不作季度比较` });
      return out;
    }
    dir = found[0];
  }

  const { value, diagnostics } = validateRound(loadRound(dir, cwd));
  const where: DataPath = n.previous !== undefined ? ['previous'] : requested ? ['compare'] : ['round'];
  if (!value) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const message = `上一轮（${shown(dir)}）的数据有 ${errors.length} 处错误，无法比较；错误如下，或运行 tongbao check ${shown(dir)}`;
    if (n.previous !== undefined || requested) out.errors.push(at(file, where, message), ...errors);
    else out.warnings.push(at(file, where, `${message.split('；')[0]}，本次不作季度比较（tongbao check ${shown(dir)} 查看）`, 'warning'));
    return out;
  }
  const prevRound = value.round.notice.round;
  if (prevRound >= n.round) {
    out.errors.push(at(file, where, `上一轮（${shown(dir)}）的轮次是 ${prevRound}，不早于本轮 ${n.round}：previous 应指向更早的一轮`));
    return out;
  }
  out.previous = { dir, round: value.round };
  return out;
}
