// The annex tables inside the notice, laid out as the seed carries them: 附件1 one table with a
// row per group (州直部门网站 …), 附件2 one table per section. Header rows repeat on every page,
// rows never split, widths add up to the 版心.
import type { Annex1Row, Annex2Row, Annex2Section, ReportModel } from '../../aggregate/model';
import { SEQ_WIDTH, SIZE, TEXT_WIDTH, columnWidths, printedWidth } from './layout';
import { STYLE } from './styles';
import { balancedLines } from './title';
import { table, type CellSpec } from './wordml';

/** one 小四 character, and a cell's left and right margins together */
const CELL_CHAR = SIZE.小四 * 10;
const CELL_PADDING = 160;
const CELL_MARGIN = { top: 40, bottom: 40, left: CELL_PADDING / 2, right: CELL_PADDING / 2 };
/** ½ pt rules */
const BORDER = 4;
/** Headings of narrow columns take two lines of about this many characters ("10月更新" / "情况"). */
const NARROW_HEADING_CHARS = 4;

/** A narrow column: room for its heading on two lines, and for 不合格. */
function narrowWidth(labels: string[]): number {
  const widest = Math.max(3, ...labels.flatMap((l) => headingLines(l, NARROW_HEADING_CHARS).map(printedWidth)));
  return Math.ceil(widest * CELL_CHAR) + CELL_PADDING + 40;
}

/**
 * A column heading as lines: whole when it fits, else broken between words, or after a slash
 * (合格/ 不合格), so that Word and LibreOffice break it alike and never inside a word.
 */
export function headingLines(label: string, perLine: number): string[] {
  if (printedWidth(label) <= perLine) return [label];
  const lines = balancedLines(label, perLine);
  if (lines.length > 1) return lines;
  const slash = label.indexOf('/');
  return slash > 0 ? [label.slice(0, slash + 1), label.slice(slash + 1)] : [label];
}

function header(labels: string[], widths: number[]): CellSpec[] {
  return labels.map((l, i) => ({ lines: headingLines(l, (widths[i] - CELL_PADDING) / CELL_CHAR), style: STYLE.cellHead }));
}

const center = (text: string): CellSpec => ({ lines: [text], style: STYLE.cellCenter });
const left = (lines: string[]): CellSpec => ({ lines, style: STYLE.cell });

export function annex1Table(model: ReportModel): string {
  const a = model.annex1;
  const C = model.columns;
  const previous = !!model.compare?.annexColumn;
  const labels: string[] = [C.seq, C.siteName, C.url, C.result];
  if (previous) labels.push(C.previousResult);
  // 网站名称 and 网址 share the width with 合格/不合格, or with 问题曝光情况 when there are problems
  // (合格/不合格 then narrows to a fixed two-line column); 上季度结果, when printed, is fixed too
  let widths: number[];
  if (previous) {
    const fixed = [narrowWidth([C.result]), narrowWidth([C.previousResult])];
    if (a.hasProblems) labels.push(C.problems);
    widths = columnWidths(fixed, a.hasProblems ? [5, 6, 5] : [5, 6]);
  } else if (a.hasProblems) {
    labels.push(C.problems);
    widths = columnWidths([narrowWidth([C.result])], [5, 6, 5]);
  } else {
    widths = columnWidths([], [5, 6, 2.6]);
  }
  function* rows(): Generator<CellSpec[]> {
    for (const g of a.groups) {
      yield [{ lines: [g.title], style: STYLE.cellGroup, span: widths.length }];
      for (const r of g.rows) yield annex1Row(r, a.hasProblems, previous);
      if (g.rows.length === 0) yield [{ lines: [model.emptyRow], style: STYLE.cellCenter, span: widths.length }];
    }
  }
  return table({ widths, header: [header(labels, widths)], rows: rows(), border: BORDER, cellMargin: CELL_MARGIN });
}

function annex1Row(r: Annex1Row, problems: boolean, previous: boolean): CellSpec[] {
  const cells = [center(String(r.seq)), left([r.name]), left([r.url]), center(r.result)];
  if (previous) cells.push(center(r.previous ?? ''));
  if (problems) cells.push(left(r.problems));
  return cells;
}

/**
 * Rounds of up to three months (one quarter, the usual round) keep the widths the seed prints:
 * every month column as wide as its heading on two lines. With more months those columns would
 * leave the text columns a character or two; then each month (and 上季度结果) takes only what
 * its content needs — 不合格 on one line, the heading stacked on up to three (10月 / 更新 / 情况)
 * — 序号 what 序号 needs, and the text columns share the rest, none below ANNEX2_TEXT_MIN.
 */
export const ANNEX2_WIDE_MONTHS = 3;
/** A text column of 附件2 with many months: 3 characters of 小四 a line, and the cell's margins. */
export const ANNEX2_TEXT_MIN = 3 * CELL_CHAR + CELL_PADDING;
/** The compact 序号 column: its two-character heading and three-digit numbers. */
const COMPACT_SEQ_WIDTH = 2 * CELL_CHAR + CELL_PADDING + 40;
/** Lines of a compact column's heading: about as wide as 不合格. */
const COMPACT_HEADING_CHARS = 3;

/** The widths of a 附件2 table (序号, 名称, 主办单位, months, [上季度结果], [问题曝光情况]), in twips. */
export function annex2Widths(months: string[], previous: string | null, problems: boolean): number[] {
  const weights = problems ? [4.2, 5.8, 5] : [4.2, 5.8];
  if (months.length <= ANNEX2_WIDE_MONTHS) {
    return columnWidths([...months.map(() => narrowWidth(months)), ...(previous ? [narrowWidth([previous])] : [])], weights);
  }
  const narrow = [...months, ...(previous ? [previous] : [])].map((l) => compactWidth(l));
  const rest = TEXT_WIDTH - COMPACT_SEQ_WIDTH - narrow.reduce((a, b) => a + b, 0);
  const sum = weights.reduce((a, b) => a + b, 0);
  // each text column its minimum, what is left by the weights; when even the minimums do not
  // fit (6 months, 上季度结果 and 问题曝光情况) the text columns share the rest evenly
  const floor = Math.min(ANNEX2_TEXT_MIN, Math.floor(rest / weights.length));
  const spare = rest - floor * weights.length;
  const shared = weights.map((w) => floor + Math.floor((spare * w) / sum));
  shared[shared.length - 1] += rest - shared.reduce((a, b) => a + b, 0);
  return [COMPACT_SEQ_WIDTH, ...shared.slice(0, 2), ...narrow, ...shared.slice(2)];
}

/** A compact column: room for 不合格 and for its heading stacked in lines of about three characters. */
function compactWidth(label: string): number {
  const widest = Math.max(3, ...stackedLines(label, COMPACT_HEADING_CHARS).map(printedWidth));
  return Math.ceil(widest * CELL_CHAR) + CELL_PADDING + 40;
}

let segmenter: Intl.Segmenter | null = null;

/**
 * A heading as lines of at most `perLine` characters, filled word by word (10月 / 更新 / 情况),
 * a word wider than a line broken where the line ends; so that Word and LibreOffice break it alike.
 */
export function stackedLines(label: string, perLine: number): string[] {
  if (printedWidth(label) <= perLine) return [label];
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const lines: string[] = [];
  let line = '';
  for (const { segment } of segmenter.segment(label)) {
    // a word wider than a line breaks into even pieces (主办单位 in three characters: 主办 / 单位)
    for (const piece of printedWidth(segment) > perLine ? evenPieces(segment, perLine) : [segment]) {
      if (line && printedWidth(line + piece) > perLine) {
        lines.push(line);
        line = '';
      }
      line += piece;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function evenPieces(word: string, perLine: number): string[] {
  const chars = [...word];
  const size = Math.ceil(chars.length / Math.ceil(printedWidth(word) / perLine));
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

export function annex2Table(model: ReportModel, section: Annex2Section): string {
  const problems = model.annex2.hasProblems;
  const months = model.months.map((m) => m.column);
  const C = model.columns;
  const previous = !!model.compare?.annexColumn;
  const labels: string[] = [C.seq, C.accountName, C.owner, ...months];
  if (previous) labels.push(C.previousResult);
  if (problems) labels.push(C.problems);
  const widths = annex2Widths(months, previous ? C.previousResult : null, problems);
  const head =
    months.length <= ANNEX2_WIDE_MONTHS
      ? header(labels, widths)
      : labels.map((l, i) => ({ lines: stackedLines(l, Math.max(1, (widths[i] - CELL_PADDING) / CELL_CHAR)), style: STYLE.cellHead }));
  return table({
    widths,
    header: [head],
    rows: section.rows.length
      ? section.rows.map((r) => annex2Row(r, problems, previous))
      : [[{ lines: [model.emptyRow], style: STYLE.cellCenter, span: widths.length }]],
    border: BORDER,
    cellMargin: CELL_MARGIN,
  });
}

function annex2Row(r: Annex2Row, problems: boolean, previous: boolean): CellSpec[] {
  const cells = [center(String(r.seq)), left([r.name]), left([r.owner]), ...r.results.map(center)];
  if (previous) cells.push(center(r.previous ?? ''));
  if (problems) cells.push(left(r.problems));
  return cells;
}

/** 附件3 of the next circular: the units that did not report on the previous rectification. */
export function annex3Table(model: ReportModel): string {
  const a = model.rectification?.annex;
  if (!a) throw new Error('没有附件3');
  const C = a.columns;
  const labels = [C.seq, C.unit, C.name, C.kind];
  const widths = columnWidths([narrowWidth([C.kind, '政务微博'])], [6, 6]);
  return table({
    widths,
    header: [header(labels, widths)],
    rows: a.rows.map((r) => [center(String(r.seq)), left([r.unit]), left([r.name]), center(r.kind)]),
    border: BORDER,
    cellMargin: CELL_MARGIN,
  });
}
