// The annex wording (templates/annexes.yaml), compiled once. Kept out of code so that
// a prefecture can rename a group or a column without touching TypeScript.
import * as fs from 'fs';
import * as path from 'path';
import Handlebars from 'handlebars';
import { parse } from 'yaml';
import { templatesDir } from '../paths';
import type { AnnexColumns, DataSheetLabels } from './model';
import type { Level, Platform } from '../types';

export interface Wording {
  platforms: Record<Platform, string>;
  annex1: { label: string; title: string; groupTitle: Record<Level, (v: { level: string }) => string> };
  annex2: { label: string; title: string; sectionTitle: (v: { ordinal: string; level: string; platform: string }) => string };
  monthLabel: (v: { month: number }) => string;
  monthColumn: (v: { month: number }) => string;
  columns: AnnexColumns;
  dataSheet: DataSheetLabels;
  emptyRow: string;
  /** 上季度结果 of a unit the previous round did not inspect */
  previousNone: string;
}


function compile<T>(source: unknown, where: string): (v: T) => string {
  if (typeof source !== 'string') throw new Error(`templates/annexes.yaml：${where} 应为文本`);
  // strict: a misspelt {{name}} fails loudly instead of printing nothing.
  const t = Handlebars.compile(source, { strict: true, noEscape: true, knownHelpersOnly: true });
  return (v: T) => t(v);
}

function text(source: unknown, where: string): string {
  if (typeof source !== 'string' || !source) throw new Error(`templates/annexes.yaml：${where} 应为文本`);
  return source;
}

function dataSheet(d: Record<string, unknown>): DataSheetLabels {
  const c = (d.columns ?? {}) as Record<string, unknown>;
  const col = (k: string) => text(c[k], `data_sheet.columns.${k}`);
  return {
    name: text(d.name, 'data_sheet.name'),
    siteType: text(d.site_type, 'data_sheet.site_type'),
    yes: text(d.yes, 'data_sheet.yes'),
    no: text(d.no, 'data_sheet.no'),
    columns: { type: col('type'), level: col('level'), name: col('name'), owner: col('owner'), url: col('url'), failing: col('failing'), problems: col('problems') },
  };
}

export function loadWording(file: string = path.join(templatesDir(), 'annexes.yaml')): Wording {
  const w = parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  const g = (w.annex1?.group_title ?? {}) as Record<string, unknown>;
  return {
    platforms: { weibo: text(w.platforms?.weibo, 'platforms.weibo'), wechat: text(w.platforms?.wechat, 'platforms.wechat') },
    annex1: {
      label: text(w.annex1?.label, 'annex1.label'),
      title: text(w.annex1?.title, 'annex1.title'),
      groupTitle: { department: compile(g.department, 'annex1.group_title.department'), county: compile(g.county, 'annex1.group_title.county') },
    },
    annex2: {
      label: text(w.annex2?.label, 'annex2.label'),
      title: text(w.annex2?.title, 'annex2.title'),
      sectionTitle: compile(w.annex2?.section_title, 'annex2.section_title'),
    },
    columns: {
      seq: text(w.columns?.seq, 'columns.seq'),
      siteName: text(w.columns?.site_name, 'columns.site_name'),
      url: text(w.columns?.url, 'columns.url'),
      result: text(w.columns?.result, 'columns.result'),
      accountName: text(w.columns?.account_name, 'columns.account_name'),
      owner: text(w.columns?.owner, 'columns.owner'),
      problems: text(w.columns?.problems, 'columns.problems'),
      previousResult: text(w.columns?.previous_result, 'columns.previous_result'),
    },
    previousNone: text((w as Record<string, unknown>).previous_none, 'previous_none'),
    dataSheet: dataSheet(w.data_sheet ?? {}),
    emptyRow: text((w as Record<string, unknown>).empty_row, 'empty_row'),
    monthLabel: compile((w as Record<string, unknown>).month_label, 'month_label'),
    monthColumn: compile((w as Record<string, unknown>).month_column, 'month_column'),
  };
}
