// The notice as a list of paragraphs ("blocks"): what the template says, before any layout.
// The docx renderer turns blocks into Word paragraphs; the proofreading pass reads their text.

/** What a paragraph is; the template marks each line with one of these as `@kind`. */
export const BLOCK_KINDS = [
  'docnum', // 发文字号
  'title', // 标题
  'to', // 主送机关
  'p', // 正文段落
  'h1', // 一、… heading (黑体)
  'h2', // run-in （一）… heading: `lead` in 楷体, then the text in 仿宋
  'blank', // an empty line
  'attach', // 附件说明, first line: 附件：1.…
  'attach-more', // 附件说明, further lines: 2.… under 1.…
  'sign', // 发文机关署名
  'date', // 成文日期
  'note', // 附注
  'annex-label', // 附件1, on a new page
  'annex-title', // the annex's title
  'annex-note', // sentence in place of a table too large to print
  'table-title', // （一）… title above one of annex 2's tables
  'table', // an annex table, drawn from the model
] as const;

export type BlockKind = (typeof BLOCK_KINDS)[number];

/** Which annex table a `table` block stands for. */
export type TableRef = { annex: 'annex1' } | { annex: 'annex2'; section: number } | { annex: 'annex3' };

export interface Block {
  kind: BlockKind;
  /** the paragraph's plain text as printed ('' for blank lines and tables) */
  text: string;
  /** h2 only: the run-in heading at the start of `text`, e.g. （一）信息更新不及时。 */
  lead?: string;
  /** table only */
  table?: TableRef;
}

/** Plain text of the notice, one paragraph a line (tables left out). */
export function blocksText(blocks: readonly Block[]): string {
  return blocks
    .filter((b) => b.kind !== 'table')
    .map((b) => b.text)
    .join('\n');
}
