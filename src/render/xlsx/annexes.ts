// What 附件1 and 附件2 contain, read off the report model: the printed table and the
// flat 数据 records. Every label, heading and value comes from the model.
// Each producer yields ONE reused array, refilled for every row: nothing downstream keeps
// a row (the writer copies values into exceljs cells), and a national round would
// otherwise make a million short-lived arrays over the measuring and writing passes.
import type { ReportModel } from '../../aggregate/model';
import type { Result } from '../../types';
import type { CellValue, ColumnSpec } from './layout';
import type { AnnexSheet } from './tables';

/** The fields of the report model a workbook reads (and all the annex thread is sent). */
export type AnnexModel = Pick<
  ReportModel,
  'issued' | 'issuer' | 'levels' | 'platformLabels' | 'months' | 'columns' | 'dataSheet' | 'emptyRow' | 'compare' | 'annex1' | 'annex2'
>;

/** 问题曝光情况: one problem a line, as the printed annex lists them. */
export function problemsText(problems: readonly string[]): string {
  return problems.join('\n');
}

/** 上季度结果: printed when notice.yaml asks for it and there is a previous round. A plain
 *  column, not a result column: it is history, so it gets no 合格/不合格 drop-down. */
function previousColumn(model: AnnexModel): ColumnSpec[] {
  return model.compare?.annexColumn ? [{ header: model.columns.previousResult, kind: 'short' }] : [];
}

export function annex1Sheet(model: AnnexModel): AnnexSheet {
  const a = model.annex1;
  const prev = previousColumn(model).length;
  return {
    sheetName: a.label,
    label: a.label,
    title: a.title,
    columns: [
      { header: model.columns.seq, kind: 'seq' },
      { header: model.columns.siteName, kind: 'name' },
      { header: model.columns.url, kind: 'url' },
      { header: model.columns.result, kind: 'result' },
      ...previousColumn(model),
      { header: model.columns.problems, kind: 'problems' },
    ],
    header: 'shared',
    emptyRow: model.emptyRow,
    orientation: 'portrait',
    blocks: a.groups.map((g) => ({
      heading: g.title,
      rows: function* () {
        const row: CellValue[] = new Array(5 + prev).fill(null);
        for (const r of g.rows) {
          row[0] = r.seq;
          row[1] = r.name;
          row[2] = r.url;
          row[3] = r.result;
          if (prev) row[4] = r.previous ?? null;
          row[4 + prev] = problemsText(r.problems);
          yield row;
        }
      },
    })),
  };
}

/** 附件2 of up to this many months prints portrait, of more landscape. */
export const PORTRAIT_MONTHS = 3;

export function annex2Sheet(model: AnnexModel): AnnexSheet {
  const a = model.annex2;
  const prev = previousColumn(model).length;
  return {
    sheetName: a.label,
    label: a.label,
    title: a.title,
    columns: [
      { header: model.columns.seq, kind: 'seq' },
      { header: model.columns.accountName, kind: 'name' },
      { header: model.columns.owner, kind: 'name' },
      ...model.months.map((m): ColumnSpec => ({ header: m.column, kind: 'result' })),
      ...previousColumn(model),
      { header: model.columns.problems, kind: 'problems' },
    ],
    header: 'per-block',
    emptyRow: model.emptyRow,
    // a quarter's 3 months fit a portrait page (the text at about 80 %); each month more is a
    // column of about 15 more units, and portrait would print 6 months at under 60 %
    orientation: model.months.length > PORTRAIT_MONTHS ? 'landscape' : 'portrait',
    blocks: a.sections.map((s) => ({
      heading: s.title,
      rows: function* () {
        const n = model.months.length;
        const row: CellValue[] = new Array(n + 4 + prev).fill(null);
        for (const r of s.rows) {
          row[0] = r.seq;
          row[1] = r.name;
          row[2] = r.owner;
          for (let k = 0; k < n; k++) row[3 + k] = r.results[k];
          if (prev) row[3 + n] = r.previous ?? null;
          row[3 + n + prev] = problemsText(r.problems);
          yield row;
        }
      },
    })),
  };
}

// ---- the 数据 sheet: one flat table, the same columns in both workbooks ----

const FAILING: Result = '不合格';

export function dataColumns(model: AnnexModel): ColumnSpec[] {
  const c = model.dataSheet.columns;
  return [
    { header: c.type, kind: 'short' },
    { header: c.level, kind: 'short' },
    { header: c.name, kind: 'name' },
    { header: c.owner, kind: 'name' },
    { header: c.url, kind: 'url' },
    ...model.months.map((m): ColumnSpec => ({ header: m.column, kind: 'result' })),
    { header: c.failing, kind: 'flag' },
    { header: c.problems, kind: 'problems' },
  ];
}

// 类型 级别 名称 主办单位 网址 [months] 是否不合格 问题
function record(model: AnnexModel, row: CellValue[], type: string, level: string, name: string, owner: string | null, url: string | null, failing: boolean, problems: readonly string[]): void {
  row[0] = type;
  row[1] = level;
  row[2] = name;
  row[3] = owner;
  row[4] = url;
  row[row.length - 2] = failing ? model.dataSheet.yes : model.dataSheet.no;
  row[row.length - 1] = problemsText(problems);
}

export function* annex1Records(model: AnnexModel): Iterable<CellValue[]> {
  // a site has one result for the round, not one a month: the month cells stay empty
  const row: CellValue[] = new Array(model.months.length + 7).fill(null);
  for (const g of model.annex1.groups) {
    for (const r of g.rows) {
      record(model, row, model.dataSheet.siteType, model.levels[g.level], r.name, null, r.url, r.result === FAILING, r.problems);
      yield row;
    }
  }
}

export function* annex2Records(model: AnnexModel): Iterable<CellValue[]> {
  const n = model.months.length;
  const row: CellValue[] = new Array(n + 7).fill(null);
  for (const s of model.annex2.sections) {
    const type = model.platformLabels[s.platform];
    for (const r of s.rows) {
      record(model, row, type, model.levels[s.level], r.name, r.owner, null, r.results.includes(FAILING), r.problems);
      for (let k = 0; k < n; k++) row[5 + k] = r.results[k];
      yield row;
    }
  }
}
