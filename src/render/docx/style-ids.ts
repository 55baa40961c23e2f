// Paragraph and character style ids of the notice (styles.ts defines them). Kept apart from
// styles.ts, which loads the docx library, so that reading a notice back (src/handoff/body.ts)
// does not.
export const STYLE = {
  body: 'TbBody',
  docnum: 'TbDocNumber',
  title: 'TbTitle',
  to: 'TbTo',
  h1: 'TbHeading1',
  attach: 'TbAttach',
  sign: 'TbSign',
  date: 'TbDate',
  annexLabel: 'TbAnnexLabel',
  annexTitle: 'TbAnnexTitle',
  tableTitle: 'TbTableTitle',
  cell: 'TbCell',
  cellCenter: 'TbCellCenter',
  cellHead: 'TbCellHead',
  cellGroup: 'TbCellGroup',
  footer: 'TbFooter',
  /** character style: the 楷体 run-in heading */
  lead: 'TbLead',
} as const;
