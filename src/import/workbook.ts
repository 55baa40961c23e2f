// Reading a workbook as the person sees it, row by row with exceljs's streaming reader:
// rich text as its plain text, a hyperlink as its text, a formula as its saved result, a
// date cell as a date; formula-looking text stays text. A formula without a saved result
// or an error value (#N/A) is marked as a problem, reported only if the cell is used.
import * as fs from 'fs';
import { Transform } from 'stream';
import { StringDecoder } from 'string_decoder';

export interface CellRead {
  /** what the cell shows, as text ('' for empty) */
  text: string;
  /** a real date cell */
  date?: Date;
  /** why the cell cannot be read (Chinese) */
  problem?: string;
}

export interface RowRead {
  number: number;
  /** by column number (1 = A); holes for empty cells */
  cells: (CellRead | undefined)[];
}

export interface SheetRead {
  name: string;
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
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return { col, row: Number(m[2]) };
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

type Value = unknown;

export function cellOf(v: Value): CellRead | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'number') return Number.isFinite(v) ? { text: String(v) } : { text: '', problem: '单元格是错误值' };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return { text: isoDate(v), date: v };
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return { text: (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('') };
  if ('error' in o) return { text: '', problem: `单元格是错误值 ${String(o.error)}` };
  if ('formula' in o || 'sharedFormula' in o) {
    if (!('result' in o) || o.result === undefined) return { text: '', problem: '公式没有保存计算结果：请在 Excel 或 WPS 中打开后保存一次，或把公式改成数值' };
    const r = o.result;
    if (typeof r === 'number' && !Number.isFinite(r)) return { text: '', problem: '公式的结果是错误值' };
    if (r && typeof r === 'object' && 'error' in (r as object)) return { text: '', problem: `公式的结果是错误值 ${String((r as { error: unknown }).error)}` };
    return cellOf(r);
  }
  if ('text' in o) return cellOf(o.text);
  return { text: String(v) };
}

/**
 * A sheet's XML as text, decoded across chunk boundaries (exceljs decodes each chunk on its
 * own, which garbles a character split between two chunks), watched for the
 * <mergeCell ref="A1:B2"/> entries that the streaming reader skips.
 */
function decodeAndTapMerges(source: AsyncIterable<Buffer | string>, found: string[]): AsyncIterable<Buffer | string> {
  return (async function* () {
    let carry: Buffer | null = null;
    let tail = '';
    const scan = (b: Buffer) => {
      // the merge list comes after the rows: look for it only where it can be
      const at = b.indexOf('<mergeCell');
      if (at < 0 && !(tail + b.toString('latin1', 0, Math.min(b.length, 80))).includes('<mergeCell')) {
        tail = b.toString('latin1', Math.max(0, b.length - 64));
        return;
      }
      const text = tail + b.toString('latin1');
      const re = /<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g;
      let m: RegExpExecArray | null;
      let last = 0;
      while ((m = re.exec(text))) {
        found.push(m[1]);
        last = re.lastIndex;
      }
      tail = text.slice(Math.max(last, text.length - 64));
    };
    for await (const chunk of source) {
      if (typeof chunk === 'string') {
        yield chunk;
        continue;
      }
      let b: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      carry = null;
      // end the chunk on a whole character: the rest goes with the next chunk
      let cut = b.length;
      for (let k = 1; k <= 3 && k <= b.length; k++) {
        const byte = b[b.length - k];
        if ((byte & 0xc0) === 0x80) continue; // continuation byte
        const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
        if (need > k) cut = b.length - k;
        break;
      }
      if (cut < b.length) {
        carry = Buffer.from(b.subarray(cut));
        b = b.subarray(0, cut);
      }
      scan(b);
      if (b.length) yield b;
    }
    if (carry) {
      scan(carry);
      yield carry;
    }
  })();
}

/** The same decoding for a zip entry read by exceljs itself (the shared strings). */
function decodedStream(entry: NodeJS.ReadableStream): NodeJS.ReadableStream {
  const dec = new StringDecoder('utf8');
  const t = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, cb) {
      const s = dec.write(chunk);
      cb(null, s || undefined);
    },
    flush(cb) {
      const s = dec.end();
      cb(null, s || undefined);
    },
  });
  entry.on('error', (e) => t.destroy(e));
  return entry.pipe(t);
}

/**
 * Rows as one flat list, for sending between threads: row number, cell count, then per cell
 * its column, text and extra (0; a date's time value; or the problem). Plain strings and
 * numbers cost much less to copy and to hold than an object for every row and cell (the rows
 * of a national workbook wait in the main thread while it checks the data).
 */
export type FlatRows = (string | number)[];

export function flattenRow(r: RowRead, out: FlatRows): void {
  const at = out.length;
  out.push(r.number, 0);
  let n = 0;
  r.cells.forEach((c, col) => {
    if (!c) return;
    out.push(col, c.text, c.problem !== undefined ? c.problem : c.date ? c.date.getTime() : 0);
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
      cells[col] = typeof extra === 'string' ? { text, problem: extra } : extra ? { text, date: new Date(extra) } : { text };
    }
    yield { number, cells };
  }
}

export class WorkbookError extends Error {}

/** The sheets of a workbook in file order, each streamed once. */
export async function* readWorkbook(file: string): AsyncGenerator<SheetRead> {
  if (!fs.existsSync(file)) throw new WorkbookError(`找不到工作簿 ${file}`);
  const head = Buffer.alloc(4);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 4, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head[0] !== 0x50 || head[1] !== 0x4b) {
    const old = head[0] === 0xd0 && head[1] === 0xcf;
    throw new WorkbookError(old ? `${file} 是旧版 .xls 工作簿：请在 Excel 或 WPS 中另存为 .xlsx 后再导入` : `${file} 不是 .xlsx 格式的 Excel 工作簿`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ExcelJS = require('exceljs') as typeof import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore' });
  const r = reader as unknown as { _parseSharedStrings: (entry: NodeJS.ReadableStream) => unknown };
  const parseSharedStrings = Object.getPrototypeOf(reader)._parseSharedStrings as (entry: NodeJS.ReadableStream) => unknown;
  r._parseSharedStrings = function (entry) {
    return parseSharedStrings.call(this, decodedStream(entry));
  };
  try {
    for await (const wsAny of reader as unknown as AsyncIterable<unknown>) {
      const ws = wsAny as { name: string; iterator: AsyncIterable<Buffer>; [Symbol.asyncIterator](): AsyncIterator<unknown> };
      const merges: string[] = [];
      ws.iterator = decodeAndTapMerges(ws.iterator, merges) as AsyncIterable<Buffer>;
      const rows = (async function* () {
        for await (const rowAny of ws as AsyncIterable<unknown>) {
          const row = rowAny as { number: number; eachCell: (o: { includeEmpty: boolean }, f: (c: { value: unknown }, col: number) => void) => void };
          const cells: (CellRead | undefined)[] = [];
          row.eachCell({ includeEmpty: false }, (c, col) => {
            cells[col] = cellOf(c.value);
          });
          yield { number: row.number, cells };
        }
      })();
      yield { name: ws.name, rows, merges: () => merges };
    }
  } catch (e) {
    if (e instanceof WorkbookError) throw e;
    if (process.env.TONGBAO_DEBUG) console.error(e);
    throw new WorkbookError(`无法读取工作簿 ${file}：文件可能已损坏，或不是 Excel/WPS 保存的 .xlsx`);
  }
}

/**
 * readWorkbook on a worker thread when the compiled worker is there (not under ts-jest, not
 * with TONGBAO_NO_WORKER): reading starts at once, and the rows wait, in order, until the
 * caller takes them.
 */
export function readWorkbookThreaded(file: string): AsyncGenerator<SheetRead> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require('path') as typeof import('path');
  const script = path.join(__dirname, 'read-worker.js');
  if (process.env.TONGBAO_NO_WORKER || !fs.existsSync(script)) return readWorkbook(file);
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
        if (m.type === 'error') throw m.user ? new WorkbookError(m.message) : new Error(m.message);
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
            } else if (r.type === 'error') throw r.user ? new WorkbookError(r.message) : new Error(r.message);
          }
        })();
        yield { name: m.name, rows, merges: () => merges };
        // a caller that did not read every row: skip to the sheet's end
        if (!ended) for await (const _ of rows) void _;
      }
    } finally {
      await worker.terminate();
    }
  })();
}
