// 新建一季度 from the page: the same `planInit`/`initRound` as `tongbao init`, with the new
// folder's name checked as every round name is (a plain name inside DATA_ROOT, not there yet
// or an empty folder made in Explorer first).
import * as path from 'path';
import * as fs from 'fs';
import { DataError, errorCount, UsageError } from '../diagnostics';
import { initRound, isEmptyFolder, nextQuarter, parseRound, roundText } from '../init';
import type { InitAnswer } from '../../web/src/api-types';
import { OutputLockedError } from '../write/atomic';
import { plainName } from './security';

/** The quarter after a round's `round: 2023-Q4` (what 新建一季度 proposes), or null. */
export function proposedNext(code: unknown): string | null {
  const q = typeof code === 'string' ? parseRound(code) : null;
  return q ? roundText(nextQuarter(q)) : null;
}

/** Names of prototype machinery: refused as a folder name as in every request (app.ts) */
const NOT_A_NAME = new Set(['__proto__', 'prototype', 'constructor']);

export class InitRefused extends Error {
  constructor(
    readonly status: 400 | 409 | 422,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Start the round `quarter` in DATA_ROOT/`name` from the round folder `fromDir`. Refusals
 * (a bad quarter or name, a folder already there, a source round with errors) write nothing.
 */
export function startQuarter(root: string, fromDir: string, quarter: string, name: string, cwd: string): InitAnswer {
  if (!parseRound(quarter)) throw new InitRefused(400, `季度“${quarter}”格式不对，应写作 YYYY-Qn，例如 2024-Q1`);
  if (!plainName(name) || name.startsWith('.') || NOT_A_NAME.has(name)) throw new InitRefused(400, `文件夹名“${name}”不能用：不能含有 / \\ : * ? " < > | 等字符，不能以 . 开头，也不能是 __proto__、prototype、constructor`);
  const dir = path.join(root, name);
  if ((fs.existsSync(dir) || isDangling(dir)) && !isEmptyFolder(dir)) throw new InitRefused(409, `数据目录中已经有“${name}”：新建不会覆盖已有的数据，请换一个名称`);
  try {
    const r = initRound(dir, fromDir, quarter, cwd);
    return {
      ok: true,
      name,
      message: `已新建 ${name}（${quarter}）：沿用 ${path.basename(fromDir)} 的 ${r.sites} 个网站、${r.accounts} 个账号，检查结果和日期待填写。`,
    };
  } catch (e) {
    // the data folder (or the empty folder) takes no files: init's own words, nothing left behind
    if (e instanceof UsageError || e instanceof OutputLockedError) throw new InitRefused(422, e.message);
    if (e instanceof DataError) throw new InitRefused(422, `${path.basename(fromDir)} 的数据有 ${errorCount(e.diagnostics)} 处错误，不能以它为底新建：请先改正`);
    throw e;
  }
}

function isDangling(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
