// The page's buttons: 生成 (build), 只更新附件 (annexes), 送签包 (package). Each calls the same
// function its command does and says the outcome in Chinese, the annexes guard included (a
// message and the differences, not an exit code).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { build } from '../build';
import type { BuildResult } from '../build';
import { DataError, errorCount, SYSTEM_ERRORS } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import { regenerateAnnexes } from '../handoff/annexes';
import { packageRound } from '../handoff/package';
import { WorkbookError, importWorkbook } from '../import';
import type { ImportResult } from '../import';
import { PdfUnavailable, findSoffice } from '../handoff/pdf';
import { OutputLockedError, OutputPathError, TMP_PREFIX } from '../write/atomic';
import { removeOnInterrupt } from '../write/interrupt';

export interface ActionResult {
  ok: boolean;
  message: string;
  /** files written, relative to the output folder */
  files: string[];
  diagnostics: Diagnostic[];
  /** for the annexes guard: what the notice would say differently */
  changes?: string[];
  /** an import's changes that wait for the clerk's confirmation (renames, other non-exact matches) */
  renames?: string[];
  /** an import's changes written (for the history label; not sent) */
  taken?: number;
}

export interface ActionTarget {
  dataDir: string;
  outDir: string;
  /** folder names are shown relative to it */
  cwd: string;
}

const shown = (t: ActionTarget) => path.relative(t.cwd, t.outDir) || t.outDir;

function buildMessage(r: BuildResult, t: ActionTarget): string {
  const dir = shown(t);
  if (r.status === 'unchanged') return `无变化：${dir} 中的文件已按当前数据生成，未改动任何文件。`;
  if (r.status === 'repaired') return `已恢复 ${dir} 中缺失或被改动的文件（数据无变化）${r.history ? `，被改动的文件已先存入 ${r.history}` : ''}。`;
  return `已生成到 ${dir}${r.history ? `；上一版已移至 ${r.history}` : ''}。${r.findings.length ? `有 ${r.findings.length} 条校对意见，见下方。` : ''}`;
}

/** The command line's advice, as the page says it (there is no --out or --pdf on the page). */
const PAGE_WORDS: [string, string][] = [
  ['：请用 --out 指定一个可写的文件夹', '：请检查它的写入权限'],
  ['：请用 --out 指定一个文件夹', '：请把它移走或改名后再试'],
  ['，或用 --out 指定其他文件夹', ''],
  ['；或不加 --pdf。', '；或不勾选“附 PDF”。'],
  ['（tongbao check 可列出）', '（错误的位置列在本页）'],
];

/**
 * A message for the page: paths inside the folder the server was started in are written
 * relative to it (out/2023-q4, as the page names the output folder), never as the server's
 * absolute paths, and the command line's advice becomes the page's.
 */
export function forPage(message: string, cwd: string): string {
  let m = message;
  for (const base of new Set([path.resolve(cwd), safeRealpath(cwd)])) {
    m = m.split(base + path.sep).join('');
  }
  for (const [cli, page] of PAGE_WORDS) m = m.split(cli).join(page);
  return m;
}

function safeRealpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** A temporary file's folder (the clerk knows the folder, not the tool's .tongbao-tmp-* names); any other path as it is. */
export function notTemporary(p: string): string {
  return path.basename(p).startsWith(TMP_PREFIX) ? path.dirname(p) : p;
}

/** Data errors and folder problems are answers, not failures of the server. */
async function guarded(t: ActionTarget, run: () => Promise<ActionResult>): Promise<ActionResult> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof DataError) return { ok: false, message: `数据有 ${errorCount(e.diagnostics)} 处错误，未生成任何文件。请先改正。`, files: [], diagnostics: e.diagnostics };
    if (e instanceof OutputPathError || e instanceof OutputLockedError || e instanceof PdfUnavailable) return { ok: false, message: forPage(e.message, t.cwd), files: [], diagnostics: [] };
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EBUSY' || err.code === 'EPERM' || err.code === 'EACCES') {
      return { ok: false, message: forPage(`无法写入 ${err.path ?? ''}：文件可能正在 Word、WPS 或 Excel 中打开，关闭后再试。`, t.cwd), files: [], diagnostics: [] };
    }
    // the disk or the file system refused (full, quota, too large, read-only): an answer as above, not a 500
    if (err.code === 'ENOSPC' || err.code === 'EDQUOT' || err.code === 'EFBIG' || err.code === 'EROFS') {
      return { ok: false, message: forPage(`无法写入 ${notTemporary(err.path ?? '')}：${SYSTEM_ERRORS[err.code]}。`, t.cwd), files: [], diagnostics: [] };
    }
    throw e;
  }
}

export function runBuild(t: ActionTarget): Promise<ActionResult> {
  return guarded(t, async () => {
    const r = await build({ dataDir: t.dataDir, cwd: t.dataDir, outDir: t.outDir });
    return { ok: true, message: buildMessage(r, t), files: r.written, diagnostics: r.findings };
  });
}

export function runAnnexes(t: ActionTarget): Promise<ActionResult> {
  return guarded(t, async () => {
    const r = await regenerateAnnexes({ dataDir: t.dataDir, cwd: t.dataDir, outDir: t.outDir });
    switch (r.status) {
      case 'no-manifest':
        return { ok: false, message: '还没有生成过通报：请先点“生成”。', files: [], diagnostics: [] };
      case 'notice-damaged':
        return { ok: false, message: `${r.notice} 缺失或被改动过，无法只更新附件：请点“生成”重新生成通报和附件。`, files: [], diagnostics: [] };
      case 'notice-changed':
        return {
          ok: false,
          message: '这次更正会改变通报正文，未写入任何文件。通报正文是送签的文字，只更新附件时不能改动；确需改动正文，请点“生成”重新生成通报和附件，并重新送签。',
          files: [],
          diagnostics: [],
          changes: r.differences,
        };
      case 'unchanged':
        return { ok: true, message: '无变化：通报和附件已按当前数据生成，未改动任何文件。', files: [], diagnostics: [] };
      case 'written':
        // the same words as the annexes command: the 正文 unchanged, each corrected row
        return {
          ok: true,
          message: `${r.corrections.length ? `正文未变，附件已更正 ${r.corrections.length} 处（已记入更正记录）` : '正文未变，附件的内容与上一版相同'}；已重新生成附件和通报的附件页${r.history ? `，上一版已移至 ${r.history}` : ''}。`,
          files: r.written,
          diagnostics: [],
          changes: r.corrections.map((c) => `${c.where}：${c.change}`),
        };
    }
  });
}

export function pdfAvailable(): boolean {
  return findSoffice() !== null;
}

export function runPackage(t: ActionTarget, pdf: boolean): Promise<ActionResult> {
  return guarded(t, async () => {
    const r = await packageRound({ dataDir: t.dataDir, cwd: t.dataDir, outDir: t.outDir, pdf });
    if (r.status === 'refused') return { ok: false, message: '有校对意见，未生成送签包。', files: [], diagnostics: r.build.findings };
    if (r.status === 'unverified') {
      return { ok: false, message: `核对未通过，未写送签包：${r.findings.map((f) => f.message).join('；')}`, files: r.build.written, diagnostics: r.build.findings };
    }
    const name = path.basename(r.archive);
    return {
      ok: true,
      message: r.status === 'unchanged' ? `送签包无变化：${name}` : `已写送签包：${name}${pdf ? '（附 PDF 阅读稿）' : ''}`,
      files: [...r.build.written, name],
      diagnostics: r.build.findings,
    };
  });
}

/**
 * 从 Excel 导入: the workbook sent by the page is written to a temporary folder, read by the
 * same function `tongbao import` uses, and removed. Without `apply` nothing is written: the
 * answer lists each change and what it does to the notice; with `apply` the changes are saved
 * (src/edit, previous files in history).
 */
export async function runImport(t: ActionTarget, filename: string, bytes: Buffer, apply: boolean, rename = false): Promise<ActionResult> {
  const base = path.basename(filename.replace(/\\/g, '/'));
  if (!/\.xlsx$/i.test(base)) return { ok: false, message: '只能导入 .xlsx 工作簿（WPS、Excel 另存为 .xlsx）', files: [], diagnostics: [] };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-import-'));
  // removed when the import ends, and by the interrupt cleanup if Ctrl+C or SIGTERM stops the server meanwhile
  const forget = removeOnInterrupt(tmp);
  const file = path.join(tmp, 'workbook.xlsx');
  try {
    fs.writeFileSync(file, bytes);
    let r: ImportResult;
    try {
      r = await importWorkbook(t.dataDir, file, { apply, rename, cwd: t.dataDir });
    } catch (e) {
      if (e instanceof WorkbookError) return { ok: false, message: e.message.split(file).join(base), files: [], diagnostics: [] };
      if (e instanceof DataError) return { ok: false, message: '数据文件有错误，先改正后再导入。', files: [], diagnostics: e.diagnostics };
      throw e;
    }
    if (r.problems.length) {
      return { ok: false, message: `工作簿有 ${r.problems.length} 个问题，未改动任何文件：`, files: [], diagnostics: [], changes: r.problems.map((p) => `${base}${p.at ? ` ${p.at}` : ''}：${p.message}`) };
    }
    if (!r.changes.length) return { ok: true, message: '工作簿与数据一致，没有需要导入的改动。', files: [], diagnostics: [], changes: [] };
    const line = (c: (typeof r.changes)[number]) => `${c.at}　${c.area}　${c.unit}　${c.field}：${c.old} → ${c.new}`;
    // rows not matched by exact identity (a new name or address, matched by 主办单位): apart,
    // written only when the clerk ticks the confirmation (as `tongbao import --rename`)
    const plain = r.changes.filter((c) => !c.confirm);
    const held = r.changes.filter((c) => c.confirm);
    const lines = plain.map(line);
    const renames = held.map((c) => `${line(c)}（按${c.matchedBy}对应）`);
    if (r.diff) lines.push(...(r.diff.notice.length ? r.diff.notice.map((n) => `通报将有不同：${n}`) : ['通报正文所写内容不变']));
    const heldNote = held.length ? (rename ? `；其中改名或改网址 ${held.length} 处已确认` : `；另有改名或改网址 ${held.length} 处须确认（见下，勾选“确认改名”后才写入）`) : '';
    const blocking = r.after.filter((d) => !('fill' in d));
    if (blocking.length) return { ok: false, message: `按工作簿改动后数据会有 ${blocking.length} 个错误，未改动任何文件：`, files: [], diagnostics: blocking, changes: lines, renames };
    const taken = rename ? r.changes.length : plain.length;
    if (!apply) return { ok: true, message: `将改动 ${taken} 处${heldNote}（预览，未改动任何文件）。确认无误后点“确认导入”。`, files: [], diagnostics: [], changes: lines, renames };
    const c = r.commit;
    if (!c) return { ok: true, message: `未写入：${held.length} 处改名或改网址须确认，其余没有改动。勾选“确认改名”后再导入。`, files: [], diagnostics: [], changes: lines, renames };
    return {
      ok: true,
      taken,
      message: `已导入 ${taken} 处${heldNote}，写入 ${c.changed.join('、')}${c.history ? `；原文件存入 ${c.history}` : ''}。${r.diff?.notice.length ? '通报内容有变化，请点“生成”。' : ''}`,
      files: c.changed,
      diagnostics: [],
      changes: lines,
      renames,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    forget();
  }
}
