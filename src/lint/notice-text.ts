// The rendered notice as the proofreader reads it: its paragraphs of text, numbered from 1.
import type { ReportModel } from '../aggregate/model';
import type { Block } from '../render/blocks';
import { renderNoticeBlocks } from '../render/template/notice';

/**
 * The notice's paragraphs of text in order: blank lines and annex tables are left out, so
 * paragraph N is the N-th line of text a reader sees (title, 主送机关, body, …, 附件 titles).
 */
export function noticeParagraphs(model: ReportModel, blocks: readonly Block[] = renderNoticeBlocks(model)): string[] {
  return blocks
    .filter((b) => b.kind !== 'table' && b.kind !== 'blank' && b.text !== '')
    .map((b) => b.text);
}

/** The name findings in the notice are reported under: the .docx file name build writes. */
export function noticeDisplayName(model: ReportModel): string {
  // Loaded on use: the Word renderer (and the docx library) is only needed for this name.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const docx = require('../render/docx/notice') as { noticeFileName(m: ReportModel): string };
  return docx.noticeFileName(model);
}
