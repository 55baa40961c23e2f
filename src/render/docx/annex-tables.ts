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

export function annex2Table(model: ReportModel, section: Annex2Section): string {
  const problems = model.annex2.hasProblems;
  const months = model.months.map((m) => m.column);
  const C = model.columns;
  const previous = !!model.compare?.annexColumn;
  const labels: string[] = [C.seq, C.accountName, C.owner, ...months];
  if (previous) labels.push(C.previousResult);
  if (problems) labels.push(C.problems);
  const widths = columnWidths(
    [...months.map(() => narrowWidth(months)), ...(previous ? [narrowWidth([C.previousResult])] : [])],
    problems ? [4.2, 5.8, 5] : [4.2, 5.8],
  );
  return table({
    widths,
    header: [header(labels, widths)],
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
