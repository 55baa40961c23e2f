// The annex file names, kept apart from the writers so naming them does not load exceljs.
import type { ReportModel } from '../../aggregate/model';
import { safeFileName } from '../../write/file-name';

/** File names as the notice cites the annexes: "附件1 抽查网站名单及问题曝光情况.xlsx". */
export function annexFileNames(model: ReportModel): { annex1: string; annex2: string } {
  const name = (a: { label: string; title: string }) => safeFileName(`${a.label} ${a.title}`, '.xlsx', a.label || '附件');
  return { annex1: name(model.annex1), annex2: name(model.annex2) };
}
