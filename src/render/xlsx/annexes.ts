// What 附件1 and 附件2 contain, read off the report model: the printed table and the
// flat 数据 records. Every label, heading and value comes from the model.
import type { Annex1Row, Annex2Row, ReportModel } from '../../aggregate/model';
import type { Level } from '../../types';
import type { CellValue, ColumnSpec } from './layout';
import type { AnnexSheet } from './tables';

/** 问题曝光情况: one problem a line, as the printed annex lists them. */
export function problemsText(problems: readonly string[]): string {
  return problems.join('\n');
}

export function annex1Sheet(model: ReportModel): AnnexSheet {
  const a = model.annex1;
  return {
    sheetName: a.label,
    label: a.label,
    title: a.title,
    columns: [
      { header: '序号', kind: 'seq' },
      { header: '网站名称', kind: 'name' },
      { header: '网址', kind: 'url' },
      { header: '合格/不合格', kind: 'result' },
      { header: '问题曝光情况', kind: 'problems' },
    ],
    header: 'shared',
    blocks: a.groups.map((g) => ({
      heading: g.title,
      rows: function* () {
        for (const r of g.rows) yield [r.seq, r.name, r.url, r.result, problemsText(r.problems)];
      },
    })),
  };
}

export function annex2Sheet(model: ReportModel): AnnexSheet {
  const a = model.annex2;
  return {
    sheetName: a.label,
    label: a.label,
    title: a.title,
    columns: [
      { header: '序号', kind: 'seq' },
      { header: '名称', kind: 'name' },
      { header: '主办单位', kind: 'name' },
      ...model.months.map((m): ColumnSpec => ({ header: m.column, kind: 'result' })),
      { header: '问题曝光情况', kind: 'problems' },
    ],
    header: 'per-block',
    blocks: a.sections.map((s) => ({
      heading: s.title,
      rows: function* () {
        for (const r of s.rows) yield [r.seq, r.name, r.owner, ...r.results, problemsText(r.problems)];
      },
    })),
  };
}

// ---- the 数据 sheet: one flat table, the same columns in both workbooks ----

export const DATA_SHEET = '数据';

/** What a site is called in the 类型 column (accounts take the model's platform labels). */
export const SITE_TYPE = '政府网站';

/** 是否不合格 */
const YES = '是';
const NO = '否';

export function dataColumns(model: ReportModel): ColumnSpec[] {
  return [
    { header: '类型', kind: 'short' },
    { header: '级别', kind: 'short' },
    { header: '名称', kind: 'name' },
    { header: '主办单位', kind: 'name' },
    { header: '网址', kind: 'url' },
    ...model.months.map((m): ColumnSpec => ({ header: m.column, kind: 'result' })),
    { header: '是否不合格', kind: 'flag' },
    { header: '问题', kind: 'problems' },
  ];
}

function siteRecord(model: ReportModel, level: Level, r: Annex1Row): CellValue[] {
  // a site has one result for the round, not one a month: the month cells stay empty
  const months: CellValue[] = model.months.map(() => null);
  return [SITE_TYPE, model.levels[level], r.name, null, r.url, ...months, r.result === '不合格' ? YES : NO, problemsText(r.problems)];
}

function accountRecord(model: ReportModel, type: string, level: Level, r: Annex2Row): CellValue[] {
  const failing = r.results.includes('不合格');
  return [type, model.levels[level], r.name, r.owner, null, ...r.results, failing ? YES : NO, problemsText(r.problems)];
}

export function* annex1Records(model: ReportModel): Iterable<CellValue[]> {
  for (const g of model.annex1.groups) for (const r of g.rows) yield siteRecord(model, g.level, r);
}

export function* annex2Records(model: ReportModel): Iterable<CellValue[]> {
  for (const s of model.annex2.sections) {
    const type = model.platformLabels[s.platform];
    for (const r of s.rows) yield accountRecord(model, type, s.level, r);
  }
}
