// Reading a workbook as the person sees it, row by row (./xlsx.ts, on a worker thread):
// rich text as its plain text, a hyperlink as its text, a formula as its saved result, a
// date cell as a date; formula-looking text stays text. A formula without a saved result,
// an error value (#N/A), a number whose format shows it otherwise than as read (000000, 0%,
// General rounding) and a text whose format changes it ("不"@) are marked as a problem,
// reported only if the cell is used.
// The file itself is checked here first (a folder, no permission, encrypted, an old .xls).
import * as fs from 'fs';

export interface CellRead {
  /** what the cell shows, as text ('' for empty) */
  text: string;
  /** a real date cell */
  date?: Date;
  /** why the cell cannot be read (Chinese) */
  problem?: string;
  /** its column is hidden: the person does not see it */
  hidden?: boolean;
}

export interface RowRead {
  number: number;
  /** hidden (by hand or by a filter): the person does not see it */
  hidden?: boolean;
  /** by column number (1 = A); holes for empty cells */
  cells: (CellRead | undefined)[];
}

export interface SheetRead {
  name: string;
  /** a hidden tab */
  hidden?: boolean;
  rows: AsyncIterable<RowRead>;
  /** merged ranges (A1:C1), known once the rows have been read */
  merges: () => string[];
}

/** A1-style column letters. */
export function colName(n: number): string {
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function decodeRef(ref: string): { col: number; row: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return { col: 0, row: 0 };
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return { col, row: Number(m[2]) };
}

/**
 * Rows as one flat list, for sending between threads: row number (negative: a hidden row),
 * cell count, then per cell its column (negative: a hidden column), text and extra (0; a
 * date's time value; or the problem). Plain strings and
 * numbers cost much less to copy and to hold than an object for every row and cell (the rows
 * of a national workbook wait in the main thread while it checks the data).
 */
export type FlatRows = (string | number)[];

export function flattenRow(r: RowRead, out: FlatRows): void {
  const at = out.length;
  out.push(r.hidden ? -r.number : r.number, 0);
  let n = 0;
  r.cells.forEach((c, col) => {
    if (!c) return;
    out.push(c.hidden ? -col : col, c.text, c.problem !== undefined ? c.problem : c.date ? c.date.getTime() : 0);
    n++;
  });
  out[at + 1] = n;
}

export function* unflatten(flat: FlatRows): Generator<RowRead> {
  let k = 0;
  while (k < flat.length) {
    const number = flat[k++] as number;
    const n = flat[k++] as number;
    const cells: (CellRead | undefined)[] = [];
    for (let j = 0; j < n; j++) {
      const col = flat[k++] as number;
      const text = flat[k++] as string;
      const extra = flat[k++];
      const c: CellRead = typeof extra === 'string' ? { text, problem: extra } : extra ? { text, date: new Date(extra) } : { text };
      if (col < 0) c.hidden = true;
      cells[Math.abs(col)] = c;
    }
    yield number < 0 ? { number: -number, hidden: true, cells } : { number, cells };
  }
}

/** A problem with the workbook the person can fix (exit 1). */
export class WorkbookError extends Error {}

const SYSTEM: Record<string, string> = {
  EACCES: '没有权限读取',
  EPERM: '没有权限读取',
  EISDIR: '是一个文件夹，不是工作簿',
  ENOTDIR: '路径中有一段是文件而不是文件夹',
  ELOOP: '是循环的符号链接',
  EIO: '读取时出错（磁盘或网络故障）',
};

/** An operating system error while reading the workbook, in Chinese, keeping its code. */
export function systemError(file: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new WorkbookError(`找不到工作簿 ${file}`);
  if (code && SYSTEM[code]) return Object.assign(new WorkbookError(`${file} ${SYSTEM[code]}`), { code });
  return e as Error;
}

const ADVICE = '请给出附件1或附件2的 .xlsx 文件';
const SAVE_AS = '请在 Excel 或 WPS 中打开后另存为 .xlsx（Excel 工作簿），再导入';

/**
 * A zip that is not an Excel workbook, said as what it is (a Word document, …); null when it
 * may be one (or its directory cannot be read: the reader says what is wrong with it).
 */
function otherPackage(fd: number, size: number): string | null {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const z = require('./zip') as typeof import('./zip');
  let names: string[];
  try {
    names = [...z.openZip(fd, size).entries.keys()];
  } catch {
    return null;
  }
  const has = (n: string) => names.includes(n);
  if (names.some((n) => n.startsWith('xl/'))) return null;
  if (has('word/document.xml')) return `是 Word 文档（.docx），不是 Excel 工作簿：${ADVICE}`;
  if (has('ppt/presentation.xml')) return `是 PowerPoint 演示文稿（.pptx），不是 Excel 工作簿：${ADVICE}`;
  if (has('mimetype') && has('content.xml')) return `是 OpenDocument 文件（.ods 或 .odt），不是 Excel 工作簿：${SAVE_AS}`;
  if (!has('[Content_Types].xml')) return `是 zip 压缩包，不是 Excel 工作簿：请解压后${ADVICE.slice(1)}`;
  return null;
}

/** What an OLE compound file holds, by the names of its streams (UTF-16, in the directory sectors). */
function oleKind(fd: number, size: number, file: string): string {
  const want = Math.min(size, 8 * 1024 * 1024);
  const b = Buffer.alloc(want);
  fs.readSync(fd, b, 0, want, 0);
  const has = (n: string) => b.includes(Buffer.from(n, 'utf16le'));
  if (has('EncryptionInfo') || has('EncryptedPackage')) return `已加密（设置了打开密码）：请在 Excel 或 WPS 中打开，取消密码后另存为 .xlsx，再导入`;
  if (has('WordDocument')) return `是旧版 Word 文档（.doc），不是 Excel 工作簿：${ADVICE}`;
  if (has('PowerPoint Document')) return `是旧版 PowerPoint 演示文稿（.ppt），不是 Excel 工作簿：${ADVICE}`;
  // WPS 表格 saves .et in the same container as .xls: the name tells them apart
  if (/\.et$/i.test(file)) return '是 WPS 表格文件（.et），不是 .xlsx 工作簿：请在 WPS 中打开后另存为 .xlsx（Excel 工作簿），再导入';
  return '是旧版 .xls 工作簿：请在 Excel 或 WPS 中另存为 .xlsx 后再导入';
}

/** A file of text (no control bytes but tab, line breaks and form feed in its first 4 KB, BOM skipped): a web page, or CSV. */
function textKind(fd: number, size: number, file: string): string | null {
  const b = Buffer.alloc(Math.min(size, 4096));
  fs.readSync(fd, b, 0, b.length, 0);
  if (b.some((x) => x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d && x !== 0x0c)) return null;
  const text = b.toString('latin1').replace(/^\xEF\xBB\xBF/, '');
  if (/^\s*</.test(text) && /<(html|table)[\s>]/i.test(text)) return `是网页（HTML）文件，只是文件名像 Excel 工作簿（网上系统“导出 Excel”常是这样）：${SAVE_AS}`;
  if (/^\s*<\?xml/.test(text) && text.includes('urn:schemas-microsoft-com:office:spreadsheet')) return `是 XML 表格（Excel 2003 XML），不是 .xlsx 工作簿：${SAVE_AS}`;
  const lines = text.split(/\r?\n/);
  if (/\.(csv|txt|tsv)$/i.test(file) || (lines.length > 1 && /[,\t]/.test(lines[0]))) return `是文本文件（CSV），不是 Excel 工作簿：${SAVE_AS}`;
  return null;
}

/** The file as a file: there, readable, a zip (not a folder, an .xls, a password-protected workbook), and one of a workbook (not a Word document, …). */
export function checkWorkbookFile(file: string): { size: number } {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw systemError(file, e);
  }
  if (st.isDirectory()) throw Object.assign(new WorkbookError(`${file} ${SYSTEM.EISDIR}`), { code: 'EISDIR' });
  if (!st.isFile()) throw new WorkbookError(`${file} 不是普通文件，不是工作簿`);
  if (st.size === 0) throw new WorkbookError(`${file} 是空文件，不是工作簿`);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw systemError(file, e);
  }
  try {
    const head = Buffer.alloc(4);
    fs.readSync(fd, head, 0, 4, 0);
    // by what the file holds, whatever its name says (a .docx renamed .xlsx is still a Word document)
    if (head[0] === 0x50 && head[1] === 0x4b) {
      const other = otherPackage(fd, st.size);
      if (other) throw new WorkbookError(`${file} ${other}`);
      return { size: st.size };
    }
    if (st.size >= 4 && head.readUInt32LE(0) === 0xe011cfd0) throw new WorkbookError(`${file} ${oleKind(fd, st.size, file)}`);
    const text = textKind(fd, st.size, file);
    throw new WorkbookError(`${file} ${text ?? '不是 .xlsx 格式的 Excel 工作簿'}`);
  } catch (e) {
    throw e instanceof WorkbookError ? e : systemError(file, e);
  } finally {
    fs.closeSync(fd);
  }
}

/** The sheets of a workbook in tab order, each streamed once. */
export async function* readWorkbook(file: string): AsyncGenerator<SheetRead> {
  const { size } = checkWorkbookFile(file);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const x = require('./xlsx') as typeof import('./xlsx');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const z = require('./zip') as typeof import('./zip');
  const errorFor = (e: unknown): Error => {
    if (e instanceof x.SheetError) return e;
    if (e instanceof z.ZipError || (e instanceof WorkbookError && !(e as { code?: string }).code)) return new WorkbookError(`${file} ${e.message}`);
    return e instanceof WorkbookError ? e : systemError(file, e);
  };
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw systemError(file, e);
  }
  try {
    const zip = z.openZip(fd, size);
    const parts = await x.readWorkbookParts(zip);
    for (const sheet of parts.sheets) {
      const { rows: raw, merges } = x.sheetRows(zip, parts, sheet);
      // the rows are read by the caller: their errors are said the same way
      const rows = (async function* () {
        try {
          yield* raw;
        } catch (e) {
          throw errorFor(e);
        }
      })();
      yield { name: sheet.name, hidden: sheet.hidden, rows, merges: () => merges };
      // a caller that did not read every row: the sheet is still read to its end (its errors count)
      for await (const _ of rows) void _;
    }
  } catch (e) {
    throw errorFor(e);
  } finally {
    fs.closeSync(fd);
  }
}

/** An error from the reading thread, as it was thrown there (class, sheet and cell, system code). */
export interface ErrorData {
  message: string;
  kind: 'sheet' | 'user' | 'other';
  sheet?: string;
  ref?: string;
  code?: string;
}

export function errorData(e: unknown): ErrorData {
  const err = e as Error & { code?: string; sheet?: string; ref?: string };
  const kind = err instanceof WorkbookError ? (typeof err.sheet === 'string' ? 'sheet' : 'user') : 'other';
  return { message: err?.message ?? String(e), kind, sheet: err.sheet, ref: err.ref, code: err.code };
}

function errorOf(d: ErrorData): Error {
  const e = d.kind === 'other' ? new Error(d.message) : new WorkbookError(d.message);
  if (d.kind === 'sheet') Object.assign(e, { sheet: d.sheet, ref: d.ref ?? '' });
  if (d.code) Object.assign(e, { code: d.code });
  return e;
}

/**
 * readWorkbook on a worker thread when the compiled worker is there (not under jest's .ts sources, not
 * with TONGBAO_NO_WORKER): reading starts at once, and the rows wait, in order, until the
 * caller takes them. The file itself is checked here first, so that its problems (a folder,
 * no permission) are said before a thread is started.
 */
export function readWorkbookThreaded(file: string): AsyncGenerator<SheetRead> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require('path') as typeof import('path');
  const script = path.join(__dirname, 'read-worker.js');
  if (process.env.TONGBAO_NO_WORKER || !fs.existsSync(script)) return readWorkbook(file);
  try {
    checkWorkbookFile(file);
  } catch (e) {
    return (async function* (): AsyncGenerator<SheetRead> {
      throw e;
    })();
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('worker_threads') as typeof import('worker_threads');
  type Msg = import('./read-worker').WorkerMessage;
  const worker = new Worker(script, { workerData: { file } });
  const queue: Msg[] = [];
  let wake: (() => void) | null = null;
  let failed: Error | null = null;
  worker.on('message', (m: Msg) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (e) => {
    failed = e;
    wake?.();
  });
  const next = async (): Promise<Msg> => {
    while (!queue.length) {
      if (failed) throw failed;
      await new Promise<void>((r) => (wake = r));
      wake = null;
    }
    return queue.shift()!;
  };
  return (async function* () {
    try {
      for (;;) {
        const m = await next();
        if (m.type === 'done') return;
        if (m.type === 'error') throw errorOf(m.error);
        if (m.type !== 'sheet') continue;
        const merges: string[] = [];
        let ended = false;
        const rows = (async function* () {
          for (;;) {
            const r = await next();
            if (r.type === 'rows') yield* unflatten(r.rows);
            else if (r.type === 'end') {
              merges.push(...r.merges);
              ended = true;
              return;
            } else if (r.type === 'error') throw errorOf(r.error);
          }
        })();
        yield { name: m.name, hidden: m.hidden, rows, merges: () => merges };
        // a caller that did not read every row: skip to the sheet's end
        if (!ended) for await (const _ of rows) void _;
      }
    } finally {
      await worker.terminate();
    }
  })();
}
