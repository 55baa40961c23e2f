// One worksheet written through exceljs's streaming writer: rows go out as they are
// added (nothing is kept), so a national round costs what one row costs.
// Everything an annex sheet needs beyond cells — print setup, frozen header,
// the 合格/不合格 drop-down and the red 不合格 — is set here, once for all sheets.
import { once } from 'events';
import type { EventEmitter } from 'events';
import type { Style, Worksheet } from 'exceljs';
import type * as ExcelJS from 'exceljs';
import { RESULTS, type Result } from '../../types';
import { heightFor, rowLines, spanningHeight, type CellValue, type ColumnSpec } from './layout';
import { FOOTER, pageSetup, SIZES, STYLES } from './styles';
import { cellXml, CELL_TYPE, isEmpty, rowXml } from './rows';
import { safeSheetName } from './text';

const FAILING: Result = '不合格';

/**
 * Bytes of sheet XML allowed to wait for compression. Each wait idles the main thread and
 * V8 fills idle time with full garbage collections; 16 MB means few waits (measured on
 * 150,000 accounts: 4 MB → 17 full GCs, 16 MB → 10, for about 25 MB more peak memory).
 */
export const BACKLOG = 16 << 20;

/** height of a one-line body row, the sheet's default row height */
const ONE_LINE = heightFor(1);

type Backlogged = EventEmitter & { _writableState?: { length: number; needDrain: boolean } };

export interface SheetOptions {
  name: string;
  columns: readonly ColumnSpec[];
  widths: readonly number[];
  orientation: 'portrait' | 'landscape';
  /** the header row: frozen with everything above it, and repeated on every printed page */
  headerRow: number;
  autoFilter?: boolean;
}

/** Column letters (A, B, …, Z, AA, …) for a 1-based index. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/**
 * exceljs's streaming sheet writer has no <printOptions>; it writes the parts of the
 * sheet in schema order, and <printOptions> belongs right before <pageMargins>.
 */
function centreHorizontally(ws: Worksheet): void {
  const w = ws as unknown as { _writePageMargins: () => void; stream: { write: (s: string) => void } };
  const original = w._writePageMargins;
  w._writePageMargins = function (this: typeof w) {
    this.stream.write('<printOptions horizontalCentered="1"/>');
    original.call(this);
  };
}

// exceljs's streaming sheet writer, as far as the rows are concerned: it writes the columns and
// <sheetData> before the first row, numbers rows from _rowZero and writes <mergeCells> from _merges
interface SheetInternals {
  startedData: boolean;
  _rowZero: number;
  _merges: unknown[];
  _writeColumns(): void;
  _writeOpenSheetData(): void;
  stream: { write(chunk: Buffer): unknown };
  _workbook: { styles: { addStyleModel(style: Partial<Style>, type?: number): number } };
}

// exceljs's merge range (what mergeCells records; its text is the <mergeCell ref>)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Range = require('exceljs/lib/doc/range') as new (cells: number[]) => unknown;

/** Characters of row XML gathered before they go to the sheet's stream: one write per many rows. */
const FLUSH = 1 << 16;
let scratch = Buffer.alloc(0);

export class SheetWriter {
  protected readonly ws: Worksheet;
  protected rowNo = 0;
  private readonly resultRanges: string[] = [];
  private readonly lists: { ref: string; values: readonly string[] }[] = [];
  protected readonly n: number;
  private readonly cellStyles: Partial<Style>[];
  private readonly resultCols: number[];
  private readonly sheet: SheetInternals;
  /** column letters A, B, … of the table */
  private readonly letters: string[];
  /** row XML not yet handed to the sheet's stream */
  private pending = '';
  /** the style id of the row itself (exceljs gives each row an empty style); null until the first row */
  private rowStyleId: number | null = null;
  /** style ids, looked up once per style object: exceljs keys its own cache by object too */
  private readonly styleIds = new Map<Partial<Style>, number>();

  constructor(
    wb: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly opts: SheetOptions,
  ) {
    this.n = opts.columns.length;
    this.cellStyles = opts.columns.map((c) => STYLES.cell[c.kind]);
    this.resultCols = opts.columns.flatMap((c, i) => (c.kind === 'result' ? [i + 1] : []));
    // sheet views and page properties are written when the sheet opens, so all of it goes in now
    this.ws = wb.addWorksheet(safeSheetName(opts.name), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: opts.headerRow, topLeftCell: `A${opts.headerRow + 1}`, activeCell: `A${opts.headerRow + 1}` }],
      pageSetup: pageSetup(opts.orientation, [opts.headerRow, opts.headerRow]),
      // one-line rows take the sheet default instead of a height each: less XML for a big sheet
      properties: { defaultRowHeight: ONE_LINE },
      headerFooter: { oddFooter: FOOTER },
    } as Partial<ExcelJS.AddWorksheetOptions>);
    centreHorizontally(this.ws);
    this.sheet = this.ws as unknown as SheetInternals;
    this.letters = opts.columns.map((_, i) => columnLetter(i + 1));
    this.ws.columns = opts.widths.map((width) => ({ width })) as ExcelJS.Column[];
  }

  /**
   * Waits while the zip writer is behind. exceljs hands each sheet's XML to the zip
   * through a PassThrough but ignores its backpressure, so without this the rows of a
   * whole sheet pile up in memory before anything is compressed. Waiting only when the
   * backlog is large (not yielding after every batch) costs least: the compressor
   * handles one chunk per turn of the event loop, so frequent small yields only add turns.
   */
  async throttle(): Promise<void> {
    this.flush();
    const pipe = this.pipe();
    const state = pipe?._writableState;
    if (pipe && state && state.needDrain && state.length > BACKLOG) await once(pipe, 'drain');
  }

  /** Bytes of this sheet's XML waiting for the compressor; null if exceljs's internals moved. */
  get backlog(): number | null {
    return this.pipe()?._writableState?.length ?? null;
  }

  // archiver's PassThrough is readable-stream 2.x: no writableLength, only _writableState
  private pipe(): Backlogged | undefined {
    return (this.ws as unknown as { stream: { pipes?: Backlogged[] } }).stream.pipes?.[0];
  }

  get lastRow(): number {
    return this.rowNo;
  }

  private flush(): void {
    if (this.pending === '') return;
    // encoded into one reused buffer: exceljs's stream copies what it is given into its own
    // 64 KB buffers before write returns (batch mode), so nothing keeps this one
    const most = this.pending.length * 3;
    if (scratch.length < most) scratch = Buffer.allocUnsafe(Math.max(most, FLUSH * 3));
    const n = scratch.write(this.pending, 0, 'utf8');
    this.sheet.stream.write(scratch.subarray(0, n));
    this.pending = '';
  }

  // a row has at most a value per column; the fallback only guards against one that has more
  private letter(c: number): string {
    return this.letters[c] ?? columnLetter(c + 1);
  }

  // exceljs's styles manager assigns ids in the order styles are first seen (that order is
  // styles.xml): asking it at a style's first cell, as exceljs's row writer did, keeps both
  private styleId(style: Partial<Style>, type: number): number {
    let id = this.styleIds.get(style);
    if (id === undefined) {
      id = this.sheet._workbook.styles.addStyleModel(style, type);
      this.styleIds.set(style, id);
    }
    return id;
  }

  /**
   * One row, as exceljs's addRow + cell styles + mergeCells + commit wrote it: a value per
   * cell from A (empty cells too, for their borders); a merged row's cells after the first
   * are merge cells of the first's style. A row with no value and the default height is
   * not written at all (exceljs skips it), though it keeps its number.
   */
  protected put(values: readonly CellValue[], styles: readonly Partial<Style>[], height: number, merge: boolean): void {
    const sheet = this.sheet;
    if (!sheet.startedData) {
      sheet._writeColumns();
      sheet._writeOpenSheetData();
      sheet.startedData = true;
    }
    const r = ++this.rowNo;
    sheet._rowZero = r + 1;
    const merged = merge && this.n > 1;
    const count = merge ? Math.max(this.n, values.length) : values.length;
    if (merged) sheet._merges.push(new Range([r, 1, r, this.n]));
    const custom = height !== ONE_LINE ? height : 0;
    if (!custom && !merged && values.every(isEmpty)) return;
    if (this.rowStyleId === null) this.rowStyleId = sheet._workbook.styles.addStyleModel({});
    let body = '';
    for (let c = 0; c < count; c++) {
      const style = styles[merge ? 0 : c];
      if (merged && c > 0) {
        body += cellXml(this.letter(c) + r, this.styleId(style, CELL_TYPE.Merge), null, true);
        continue;
      }
      const v = values[c];
      const type = isEmpty(v) ? CELL_TYPE.Null : typeof v === 'number' ? CELL_TYPE.Number : CELL_TYPE.RichText;
      body += cellXml(this.letter(c) + r, this.styleId(style, type), v, false);
    }
    this.pending += rowXml(r, custom, count, this.rowStyleId, body);
    if (this.pending.length >= FLUSH) this.flush();
  }

  /** 附件1: the label at the top left, as on the printed page. */
  label(text: string): void {
    this.put([text], [STYLES.label], spanningHeight(text, this.opts.widths, SIZES.label), false);
  }

  /** A row spanning the table: the annex title, a group (州直部门网站) or a section (（一）…). */
  spanning(text: string, kind: 'title' | 'group'): void {
    const size = kind === 'title' ? SIZES.title : SIZES.heading;
    this.put([text], [STYLES[kind]], spanningHeight(text, this.opts.widths, size), true);
  }

  header(): void {
    const labels = this.opts.columns.map((c) => c.header);
    const styles = labels.map(() => STYLES.header);
    this.put(labels, styles, heightFor(rowLines(labels, this.opts.widths, SIZES.heading), SIZES.heading), false);
  }

  data(values: readonly CellValue[]): void {
    this.put(values, this.cellStyles, heightFor(rowLines(values, this.opts.widths)), false);
  }

  /** Marks data rows first..last (inclusive) as a block whose result columns get the drop-down. */
  resultBlock(first: number, last: number): void {
    if (last < first || this.resultCols.length === 0) return;
    // result columns are adjacent in every layout; one rectangle per block
    const l = columnLetter(this.resultCols[0]);
    const r = columnLetter(this.resultCols[this.resultCols.length - 1]);
    this.resultRanges.push(`${l}${first}:${r}${last}`);
  }

  /** A drop-down of other values over a range (the 整改台账's 逾期 and 复查结果 columns). */
  list(ref: string, values: readonly string[]): void {
    this.lists.push({ ref, values });
  }

  /** Writes the sheet's closing parts (validation, formatting, filter) and ends it. */
  commit(): void {
    for (const { ref, values } of this.lists) {
      const validations = (this.ws as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } }).dataValidations;
      validations.add(ref, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${values.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '只能填写' + values.join('、'),
        error: `请从下拉列表中选择“${values.join('”“')}”。`,
      });
    }
    if (this.resultRanges.length) {
      // keyed by range, not by cell: one entry per block however many rows it has
      const validations = (this.ws as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } }).dataValidations;
      for (const ref of this.resultRanges) {
        validations.add(ref, {
          type: 'list',
          allowBlank: true,
          formulae: [`"${RESULTS.join(',')}"`],
          showErrorMessage: true,
          errorStyle: 'stop',
          errorTitle: '结果只能填写' + RESULTS.join('或'),
          error: `请从下拉列表中选择“${RESULTS.join('”或“')}”。`,
        });
      }
      this.ws.addConditionalFormatting({
        ref: this.resultRanges.join(' '),
        rules: [{ type: 'cellIs', operator: 'equal', formulae: [`"${FAILING}"`], style: STYLES.failing, priority: 1 }],
      });
    }
    if (this.opts.autoFilter) {
      this.ws.autoFilter = `A${this.opts.headerRow}:${columnLetter(this.n)}${Math.max(this.rowNo, this.opts.headerRow)}`;
    }
    this.flush();
    this.ws.commit();
  }
}
