// An .xlsx read as the person sees it, with its own small reader: the zip container by hand
// (./zip.ts, limits checked before and while inflating) and the XML parts with saxes (the
// parser exceljs uses), one pass each, streamed. Why not exceljs's streaming reader: it keeps
// only the last run of an inline rich-text cell, decodes inline strings' entities twice,
// names sheets by their part file when the workbook's relationships use absolute targets
// (openpyxl, pandas), skips merged ranges, and spools parts to TMPDIR where they stay after an
// error or Ctrl-C. See docs/architecture.md.
import { SaxesParser } from 'saxes';
import { QuickXml } from './quick-xml';
import type { CellRead, RowRead, SheetRead } from './workbook';
import { colName, WorkbookError } from './workbook';
import { readEntry, ZIP_LIMITS, ZipError } from './zip';
import type { Zip, ZipEntry } from './zip';

/** Excel's own bounds. */
export const MAX_COLS = 16384;
export const MAX_ROWS = 1048576;
export const CELL_MAX = 32767;

class XmlError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly why: string,
  ) {
    super(why);
  }
}

/** saxes's English, for the person: what is wrong with the XML. */
function xmlWhy(message: string): string {
  const m = message.replace(/^.*?:\d+:\d+: /, '');
  if (/undefined entity|entity not found|disallowed character in entity|invalid character entity/i.test(m)) return '含有未定义的实体（&…;）';
  if (/unexpected close tag|unmatched closing tag|closing tag/i.test(m)) return '开始和结束标签不配对';
  if (/unclosed tag|unexpected end|premature end/i.test(m)) return '文件在标签中间结束';
  if (/disallowed character|invalid character|character/i.test(m)) return '含有 XML 中不允许的字符';
  if (/attribute/i.test(m)) return '属性写法不对';
  if (/doctype|DTD/i.test(m)) return '含有 DOCTYPE 声明（工作簿不会有）';
  return 'XML 格式错误';
}

type Open = (name: string, attrs: Record<string, string>) => void;
type Close = (name: string) => void;

interface PartOptions {
  limit?: number;
  /** what the part is, for messages: 工作表“表一” */
  label?: string;
  /** the sheet being read: its problems are located there */
  sheet?: string;
  /** the cell being read, for messages */
  cell?: () => string;
  /**
   * Read with the quick reader first (./quick-xml.ts); where it gives up, `restart` is called
   * (the callbacks start over) and the part is read again from its start with saxes.
   */
  quick?: { restart(): void };
}

/**
 * The part read by the quick reader, yielding after each chunk like parseSteps; returns false
 * where it gave up (or anything went wrong: saxes, reading again, meets it and says it).
 */
async function* quickSteps(zip: Zip, entry: ZipEntry, on: { open: Open; close?: Close; text?: (t: string) => void }, limit?: number): AsyncGenerator<void, boolean> {
  const q = new QuickXml(on.open, on.close, on.text);
  const dec = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of readEntry(zip, entry, limit)) {
      if (!q.write(dec.decode(chunk, { stream: true }))) return false;
      yield;
    }
    return q.write(dec.decode()) && q.end();
  } catch {
    return false;
  }
}

/**
 * Parse one part, calling back with local names (no prefix); yields after each chunk, so a
 * caller can take what the callbacks collected before the next chunk is read.
 */
async function* parseSteps(zip: Zip, entry: ZipEntry, on: { open: Open; close?: Close; text?: (t: string) => void }, o: PartOptions = {}): AsyncGenerator<void> {
  if (o.quick) {
    // the bytes read count once towards the workbook's total
    const produced = zip.produced;
    if (yield* quickSteps(zip, entry, on, o.limit)) return;
    zip.produced = produced;
    o.quick.restart();
  }
  const parser = new SaxesParser({ position: true });
  const local = (n: string) => {
    const i = n.indexOf(':');
    return i < 0 ? n : n.slice(i + 1);
  };
  parser.on('error', (e) => {
    throw new XmlError(parser.line, parser.column, xmlWhy(e.message));
  });
  parser.on('doctype', () => {
    throw new XmlError(parser.line, parser.column, xmlWhy('doctype'));
  });
  parser.on('opentag', (t) => on.open(local(t.name), t.attributes as Record<string, string>));
  if (on.close) {
    const close = on.close;
    parser.on('closetag', (t) => close(local(t.name)));
  }
  if (on.text) {
    const text = on.text;
    parser.on('text', text);
    parser.on('cdata', text);
  }
  const dec = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of readEntry(zip, entry, o.limit)) {
      parser.write(dec.decode(chunk, { stream: true }));
      yield;
    }
    parser.write(dec.decode());
    parser.close();
  } catch (e) {
    const label = o.label ?? `部件 ${entry.name}`;
    if (e instanceof XmlError) {
      const cell = o.cell?.();
      if (o.sheet !== undefined) throw new SheetError(o.sheet, cell ?? '', `无法读取（${entry.name} 第 ${e.line} 行第 ${e.column} 列${cell ? '附近' : ''}）：${e.why}。文件已损坏：请在 Excel 或 WPS 中打开后另存为 .xlsx，再导入`);
      throw new WorkbookError(`${label}无法读取（${entry.name} 第 ${e.line} 行第 ${e.column} 列${cell ? `，单元格 ${cell} 附近` : ''}）：${e.why}。文件已损坏：请在 Excel 或 WPS 中打开后另存为 .xlsx，再导入`);
    }
    if (e instanceof TypeError && (e as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      if (o.sheet !== undefined) throw new SheetError(o.sheet, '', `无法读取（${entry.name}）：不是 UTF-8 编码的 XML，文件已损坏`);
      throw new WorkbookError(`${label}无法读取（${entry.name}）：不是 UTF-8 编码的 XML，文件已损坏`);
    }
    throw e;
  }
}

async function parsePart(zip: Zip, entry: ZipEntry, on: { open: Open; close?: Close; text?: (t: string) => void }, o: PartOptions = {}): Promise<void> {
  for await (const _ of parseSteps(zip, entry, on, o)) void _;
}

/** Excel's _xHHHH_ escapes in strings (a literal underscore sequence is written _x005F_…). */
const unescapeX = (s: string) => (s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s);

/** The text of an <si> or <is>: every <t> of its runs, without the phonetic guide (<rPh>). */
class StringCollector {
  private depthRph = 0;
  private inT = false;
  private parts: string[] = [];
  open(name: string): void {
    if (name === 'rPh') this.depthRph++;
    else if (name === 't' && !this.depthRph) this.inT = true;
  }
  close(name: string): void {
    if (name === 'rPh') this.depthRph--;
    else if (name === 't') this.inT = false;
  }
  private length = 0;
  text(t: string): void {
    if (!this.inT) return;
    // Excel holds at most 32,767 characters in a cell (with _xHHHH_ escapes, up to 7 bytes each)
    this.length += t.length;
    if (this.length > CELL_MAX * 7) throw new WorkbookError(`有单元格的文字超过 Excel 的上限 ${CELL_MAX.toLocaleString('en')} 个字符：文件已损坏或不是 Excel/WPS 保存的`);
    this.parts.push(t);
  }
  take(): string {
    const s = unescapeX(this.parts.join(''));
    this.parts = [];
    this.length = 0;
    return s;
  }
}

/** Resolve a relationship target against the folder of the part that names it. */
function resolveTarget(base: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  const parts = t.startsWith('/') ? [] : base.split('/').slice(0, -1);
  for (const seg of t.replace(/^\/+/, '').split('/')) {
    if (seg === '..') parts.pop();
    else if (seg && seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

async function relsOf(zip: Zip, part: string): Promise<Map<string, { target: string; type: string }>> {
  const i = part.lastIndexOf('/');
  const rels = `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
  const out = new Map<string, { target: string; type: string }>();
  const e = zip.entries.get(rels);
  if (!e) return out;
  await parsePart(zip, e, {
    open: (n, a) => {
      if (n === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External') out.set(a.Id, { target: resolveTarget(part, a.Target), type: a.Type ?? '' });
    },
  });
  return out;
}

/** Built-in number formats that show a date (Excel and WPS, including the CJK ones). */
const DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A format code's sections (split at the semicolons outside quotes and escapes). */
function sections(code: string): string[] {
  return code.replace(/"[^"]*"|\\./g, (m) => m.replace(/;/g, ' ')).split(';');
}

function isDateCode(code: string): boolean {
  // quoted text, escapes, [colour]/[$-locale] parts and exponents (0.00E+00) say nothing about dates
  const c = code.replace(/"[^"]*"|\\.|\[[^\]]*\]|E[+-]/gi, '');
  return /[ymdhse]/i.test(c.split(';')[0]) && !/^general$/i.test(c);
}

/** Built-in number formats that do not show a date, by id (the rest show a number some other way). */
const BUILTIN_CODES: Record<number, string> = { 0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??', 48: '##0.0E+0', 49: '@' };

/** A cell style's number format, as far as showing a value as read goes. */
interface Format {
  /** shows a date */
  date: boolean;
  /** the format's code ('General' for the default) */
  code: string;
  /** a text cell is shown otherwise than as read (the code's text section is not plain @) */
  altersText: boolean;
}

function formatOf(code: string, date: boolean): Format {
  const s = sections(code);
  // the text section: the fourth, or a single section holding @; colours change no text
  const t = s.length >= 4 ? s[3] : s.length === 1 && /@/.test(s[0].replace(/"[^"]*"|\\./g, '')) ? s[0] : null;
  // (padding _x and fill *x around @, as accounting formats have, adds only space)
  const altersText = t !== null && !/^(?:\s|_.|\*.)*(?:@|general)(?:\s|_.|\*.)*$/i.test(t.replace(/\[[^\]]*\]/g, ''));
  return { date, code, altersText };
}

const GENERAL: Format = { date: false, code: 'General', altersText: false };

/**
 * A number as Excel shows it in the cell, when that is certain: General (and @, which shows a
 * number as General does) for integers below 10^11 and short decimals (General shows at most 11
 * characters; 0.1+0.2 shows 0.3, not 0.30000000000000004), "0" for integers. Null otherwise:
 * 000000 shows 12345 as 012345, 0% shows 0.5 as 50%, 0 shows 1.0000001 as 1.
 */
export function numberShown(n: number, f: Format): string | null {
  const s = String(n);
  const general = /^(general|@)$/i.test(f.code);
  if (Number.isInteger(n)) return (general || f.code === '0') && Math.abs(n) < 1e11 ? s : null;
  return general && s.length <= 11 && !/e/i.test(s) ? s : null;
}

interface Styles {
  /** per cell style index: its number format */
  formats: Format[];
}

async function readStyles(zip: Zip, part: string | undefined): Promise<Styles> {
  const styles: Styles = { formats: [] };
  const e = part ? zip.entries.get(part) : undefined;
  if (!e) return styles;
  const custom = new Map<number, string>();
  let inXfs = false;
  await parsePart(zip, e, {
    open: (n, a) => {
      if (n === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (n === 'cellXfs') inXfs = true;
      else if (n === 'xf' && inXfs) {
        const id = Number(a.numFmtId ?? 0);
        if (custom.has(id)) styles.formats.push(formatOf(custom.get(id)!, isDateCode(custom.get(id)!)));
        else if (DATE_FORMATS.has(id)) styles.formats.push({ date: true, code: `#${id}`, altersText: false });
        else styles.formats.push(formatOf(BUILTIN_CODES[id] ?? `#${id}`, false));
      }
    },
    close: (n) => {
      if (n === 'cellXfs') inXfs = false;
    },
  });
  return styles;
}

async function readShared(zip: Zip, part: string | undefined): Promise<string[]> {
  const out: string[] = [];
  const e = part ? zip.entries.get(part) : undefined;
  if (!e) return out;
  const s = new StringCollector();
  let inSi = false;
  await parsePart(
    zip,
    e,
    {
      open: (n) => {
        if (n === 'si') inSi = true;
        else if (inSi) s.open(n);
      },
      close: (n) => {
        if (n === 'si') {
          inSi = false;
          if (out.length >= ZIP_LIMITS.sharedStringCount) throw new WorkbookError(`共享字符串表中的字符串超过 ${ZIP_LIMITS.sharedStringCount.toLocaleString('en')} 个，超过上限`);
          out.push(s.take());
        } else if (inSi) s.close(n);
      },
      text: (t) => s.text(t),
    },
    { limit: ZIP_LIMITS.sharedStrings, label: '共享字符串表' },
  );
  return out;
}

/** An Excel serial date as a date (1900 system with its 29 February 1900, or 1904). */
function serialDate(v: number, date1904: boolean): Date {
  const days = date1904 ? v + 1462 : v < 60 ? v + 1 : v;
  return new Date(Math.round((days - 25569) * 86400000));
}

/** A cell reference's column and row; null when it is not one Excel could have. */
function refOf(r: string): { col: number; row: number } | null {
  // by hand: this runs for every cell
  let col = 0;
  let i = 0;
  for (; i < r.length && i < 4; i++) {
    const c = r.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + c - 96;
  }
  if (i === 0 || i > 3 || i === r.length || r.length - i > 7) return null;
  let row = 0;
  for (let j = i; j < r.length; j++) {
    const d = r.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return null;
    row = row * 10 + d;
  }
  if (col > MAX_COLS || row < 1 || row > MAX_ROWS) return null;
  return { col, row };
}

export interface SheetPart {
  name: string;
  part: string;
  /** the tab is hidden (state hidden or veryHidden) */
  hidden?: boolean;
}

export interface WorkbookParts {
  sheets: SheetPart[];
  shared: string[];
  styles: Styles;
  date1904: boolean;
  /**
   * Excel recalculates every formula on opening (calcPr fullCalcOnLoad, as XlsxWriter and
   * other writers set it, with 0 or nothing as the saved results): a saved result is then not
   * what Excel shows. Excel clears it when it saves the workbook.
   */
  recalc: boolean;
}

/** The workbook's tabs, in order, with their real names and their parts. */
export async function readWorkbookParts(zip: Zip): Promise<WorkbookParts> {
  const rootRels = await relsOf(zip, '');
  let wbPart = 'xl/workbook.xml';
  for (const r of rootRels.values()) if (/\/officeDocument$/.test(r.type)) wbPart = r.target;
  const wbEntry = zip.entries.get(wbPart);
  if (!wbEntry) throw new WorkbookError('找不到其中的 workbook.xml：不是 Excel 或 WPS 保存的 .xlsx');
  const rels = await relsOf(zip, wbPart);
  const listed: { name: string; rid: string; hidden: boolean }[] = [];
  let date1904 = false;
  let recalc = false;
  await parsePart(zip, wbEntry, {
    open: (n, a) => {
      if (n === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (n === 'calcPr') recalc = a.fullCalcOnLoad === '1' || a.fullCalcOnLoad === 'true';
      if (n !== 'sheet') return;
      // r:id, whatever the relationships namespace's prefix is
      const rid = Object.keys(a).find((k) => k.endsWith(':id')) ?? 'id';
      listed.push({ name: a.name ?? '', rid: a[rid] ?? '', hidden: a.state === 'hidden' || a.state === 'veryHidden' });
    },
  });
  let sharedPart: string | undefined;
  let stylesPart: string | undefined;
  for (const r of rels.values()) {
    if (/\/sharedStrings$/.test(r.type)) sharedPart = r.target;
    else if (/\/styles$/.test(r.type)) stylesPart = r.target;
  }
  const sheets: SheetPart[] = [];
  for (const s of listed) {
    const r = rels.get(s.rid);
    // chart sheets and dialogs have no cells
    if (!r || !/\/worksheet$/.test(r.type)) continue;
    if (!zip.entries.has(r.target)) throw new WorkbookError(`工作表“${s.name}”的内容（${r.target}）不在文件中：文件已损坏`);
    sheets.push({ name: s.name, part: r.target, hidden: s.hidden });
  }
  const styles = await readStyles(zip, stylesPart);
  const shared = await readShared(zip, sharedPart);
  return { sheets, shared, styles, date1904, recalc };
}

/** The sheet being read, for messages: 表一!B5 (ref empty for the sheet as a whole). */
export class SheetError extends WorkbookError {
  constructor(
    readonly sheet: string,
    readonly ref: string,
    message: string,
  ) {
    super(message);
  }
}

/** One reading's place in a sheet: the row and the cell being read. */
class SheetPass {
  row: RowRead | null = null;
  rowNo = 0;
  col = 0;
  ref = '';
  // the cell being read
  type = '';
  style = 0;
  hasF = false;
  v: string[] | null = null;
  isText: string | null = null;
  inV = false;
  inIs = false;
  inSheetData = false;
  /** hidden columns, as ranges [min, max] (<cols> comes before the rows) */
  hiddenCols: [number, number][] = [];
  s = new StringCollector();
}

/**
 * One sheet's rows, as they are parsed (a chunk of XML at a time, when the caller asks for
 * more); `merges` holds the merged ranges once the rows have been read.
 */
export function sheetRows(zip: Zip, wb: WorkbookParts, sheet: SheetPart): { rows: AsyncGenerator<RowRead>; merges: string[] } {
  const e = zip.entries.get(sheet.part)!;
  const merges: string[] = [];
  let ready: RowRead[] = [];
  // where this reading of the sheet is (a fresh one where saxes reads it again)
  let pass = new SheetPass();
  // rows the caller has had, and how many of them a second reading (by saxes, where the quick
  // reader gave up) passes over
  let delivered = 0;
  let skip = 0;
  const restart = () => {
    merges.length = 0;
    ready = [];
    pass = new SheetPass();
    skip = delivered;
  };

  const fail = (at: string, msg: string): never => {
    throw new SheetError(sheet.name, at, msg);
  };
  const finishCell = () => {
    const raw = pass.v ? pass.v.join('') : '';
    let cell: CellRead | undefined;
    const format = wb.styles.formats[pass.style] ?? GENERAL;
    if (pass.isText !== null && pass.type === 'inlineStr') cell = { text: pass.isText };
    else if (pass.type === 'e') cell = { text: '', problem: pass.hasF ? `公式的结果是错误值 ${raw}` : `单元格是错误值 ${raw}` };
    else if (pass.v === null) {
      if (pass.hasF) cell = { text: '', problem: '公式没有保存计算结果：请在 Excel 或 WPS 中打开后保存一次，或把公式改成数值' };
      else if (pass.isText !== null) cell = { text: pass.isText };
    } else if (pass.type === 's') {
      const i = Number(raw);
      if (!Number.isInteger(i) || i < 0 || i >= wb.shared.length) fail(pass.ref, `单元格引用的共享字符串（第 ${raw.slice(0, 20)} 个）不存在：文件已损坏`);
      cell = { text: wb.shared[i] };
    } else if (pass.type === 'str' || pass.type === 'inlineStr') cell = { text: unescapeX(raw) };
    else if (pass.type === 'b') cell = { text: raw === '1' || raw === 'true' ? 'TRUE' : 'FALSE' };
    else if (pass.type === 'd') {
      const d = new Date(raw.length <= 10 ? `${raw}T00:00:00Z` : /Z|[+-]\d\d:\d\d$/.test(raw) ? raw : `${raw}Z`);
      cell = Number.isNaN(d.getTime()) ? { text: raw } : { text: d.toISOString().slice(0, 10), date: d };
    } else {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) cell = { text: raw };
      else if (format.date) {
        const d = serialDate(n, wb.date1904);
        cell = { text: d.toISOString().slice(0, 10), date: d };
      } else if (numberShown(n, format) === null) {
        const how = /^(general|@)$/i.test(format.code) ? '显示时会四舍五入或写成科学记数法' : `按单元格格式“${/^#\d+$/.test(format.code) ? `内置格式 ${format.code.slice(1)}` : format.code}”显示`;
        cell = { text: String(n), problem: `这一格是数字 ${String(n)}，Excel ${how}，看到的与读到的不一定相同，不能导入：请把这一格设为“文本”格式，再照看到的内容重新输入` };
      } else cell = { text: String(n) };
    }
    if (cell && !cell.problem && pass.hasF && wb.recalc) cell = { text: cell.text, problem: '工作簿设置为打开时重新计算公式，公式保存的结果不一定是 Excel 显示的值：请在 Excel 或 WPS 中打开后保存一次，或把公式改成数值' };
    // a text cell whose format shows it otherwise ("不"@ shows 合格 as 不合格; ;;; hides it)
    if (cell && !cell.problem && !cell.date && cell.text !== '' && format.altersText && pass.type !== 'n' && pass.type !== 'b' && pass.type !== 'e') {
      cell = { text: cell.text, problem: `单元格格式“${format.code}”改变了文字的显示，Excel 中看到的不是读到的“${cell.text.slice(0, 20)}”，不能导入：请把这一格设为“常规”或“文本”格式` };
    }
    if (cell && pass.hiddenCols.length && pass.hiddenCols.some(([a, b]) => pass.col >= a && pass.col <= b)) cell.hidden = true;
    if (cell && pass.row) pass.row.cells[pass.col] = cell;
  };
  const steps = parseSteps(
    zip,
    e,
    {
      open: (n, a) => {
        if (pass.inIs) {
          pass.s.open(n);
          return;
        }
        switch (n) {
          case 'sheetData':
            pass.inSheetData = true;
            return;
          case 'row': {
            if (!pass.inSheetData) return;
            const r = a.r !== undefined ? Number(a.r) : pass.rowNo + 1;
            if (!Number.isInteger(r) || r < 1 || r > MAX_ROWS || r <= pass.rowNo) fail('', `第 ${String(a.r ?? pass.rowNo + 1).slice(0, 20)} 行的行号无效或顺序不对（Excel 最多 ${MAX_ROWS} 行）：文件已损坏`);
            pass.rowNo = r;
            pass.row = { number: r, cells: [] };
            // hidden by hand, by a filter or by a collapsed outline: the person does not see it
            if (a.hidden === '1' || a.hidden === 'true') pass.row.hidden = true;
            pass.col = 0;
            return;
          }
          case 'c': {
            if (!pass.row) return;
            if (a.r !== undefined) {
              const p = refOf(a.r);
              if (!p) fail('', `单元格位置“${a.r.slice(0, 20)}”超出 Excel 的范围（最多 ${colName(MAX_COLS)} 列、${MAX_ROWS} 行）：文件已损坏`);
              if (p!.row !== pass.rowNo) fail(a.r, `单元格不在它所属的第 ${pass.rowNo} 行：文件已损坏`);
              pass.col = p!.col;
            } else if (++pass.col > MAX_COLS) fail('', `第 ${pass.rowNo} 行的单元格超过 ${MAX_COLS} 列：文件已损坏`);
            pass.ref = `${colName(pass.col)}${pass.rowNo}`;
            pass.type = a.t ?? 'n';
            pass.style = a.s ? Number(a.s) : 0;
            pass.hasF = false;
            pass.v = null;
            pass.isText = null;
            return;
          }
          case 'v':
            if (pass.row) {
              pass.inV = true;
              pass.v = [];
            }
            return;
          case 'f':
            pass.hasF = true;
            return;
          case 'is':
            pass.inIs = true;
            return;
          case 'col':
            if (!pass.inSheetData && (a.hidden === '1' || a.hidden === 'true')) pass.hiddenCols.push([Number(a.min), Number(a.max ?? a.min)]);
            return;
          case 'mergeCell':
            if (a.ref) merges.push(a.ref.toUpperCase());
            return;
        }
      },
      close: (n) => {
        if (pass.inIs) {
          if (n === 'is') {
            pass.inIs = false;
            pass.isText = pass.s.take();
          } else pass.s.close(n);
          return;
        }
        switch (n) {
          case 'v':
            pass.inV = false;
            return;
          case 'c':
            if (pass.row) finishCell();
            return;
          case 'row':
            if (pass.row && pass.row.cells.length) {
              if (skip) skip--;
              else ready.push(pass.row);
            }
            pass.row = null;
            return;
          case 'sheetData':
            pass.inSheetData = false;
            return;
        }
      },
      text: (t) => {
        if (pass.inV) {
          pass.v!.push(t);
          if (pass.v!.length > 64 && pass.v!.join('').length > CELL_MAX * 7) fail(pass.ref, `单元格的值超过 Excel 的上限 ${CELL_MAX.toLocaleString('en')} 个字符：文件已损坏`);
        }
        else if (pass.inIs) pass.s.text(t);
      },
    },
    { label: `工作表“${sheet.name}”`, sheet: sheet.name, cell: () => pass.ref, quick: { restart } },
  );
  const rows = (async function* () {
    for await (const _ of steps) {
      void _;
      if (!ready.length) continue;
      const out = ready;
      ready = [];
      delivered += out.length;
      yield* out;
    }
    yield* ready;
    ready = [];
  })();
  return { rows, merges };
}
