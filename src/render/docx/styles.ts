// Word styles for each kind of paragraph, so document.xml names a style instead of repeating
// fonts and spacing on every paragraph (smaller file, and a user can restyle in Word).
import { AlignmentType, LineRuleType, OnOffElement, StyleForParagraph, type IParagraphStyleOptions, type IStylesOptions } from 'docx';
import { CHAR, CHAR_SPACING, FACE, LINE, SIZE, TITLE_LINE, font } from './layout';
import { STYLE } from './style-ids';

// The style ids live in style-ids.ts (no docx import), so readers of a notice can use them.
export { STYLE } from './style-ids';

const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });
/** table cells: 小四 on single-ish spacing, not the 28.95 pt grid */
const CELL_SPACING = { line: 320, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

// Table cells: small type on tight lines. They must not snap to the page's 28.95 pt line grid,
// or LibreOffice stretches every table row to a whole grid line.
const CELL_STYLES: IParagraphStyleOptions[] = [
  {
    id: STYLE.cell,
    name: '通报表格文字',
    basedOn: STYLE.body,
    paragraph: { alignment: AlignmentType.LEFT, indent: { firstLine: 0 }, spacing: CELL_SPACING },
    run: { size: SIZE.小四 },
  },
  {
    id: STYLE.cellCenter,
    name: '通报表格文字居中',
    basedOn: STYLE.cell,
    paragraph: { alignment: AlignmentType.CENTER },
  },
  {
    id: STYLE.cellHead,
    name: '通报表头',
    basedOn: STYLE.cellCenter,
    run: { font: font(FACE.heiti), size: SIZE.小四 },
  },
  {
    id: STYLE.cellGroup,
    name: '通报表格分组',
    basedOn: STYLE.cell,
    run: { font: font(FACE.heiti), size: SIZE.小四 },
  },
];

/** pPr children that the schema (CT_PPrBase) puts after w:snapToGrid. */
const AFTER_SNAP_TO_GRID = new Set(['w:spacing', 'w:ind', 'w:contextualSpacing', 'w:mirrorIndents', 'w:suppressOverlap', 'w:jc', 'w:textDirection', 'w:textAlignment', 'w:textboxTightWrap', 'w:outlineLvl', 'w:divId', 'w:cnfStyle', 'w:rPr', 'w:sectPr', 'w:pPrChange']);

/**
 * docx 9 has no option for a paragraph style's w:snapToGrid, so add the element by hand,
 * in its schema place (before w:spacing, w:ind, w:jc…): Word refuses a file with it elsewhere.
 */
function withoutGridSnap(style: StyleForParagraph): StyleForParagraph {
  const ppr = (style as unknown as { paragraphProperties: { root: { rootKey?: string }[] } }).paragraphProperties;
  const at = ppr.root.findIndex((c) => c.rootKey !== undefined && AFTER_SNAP_TO_GRID.has(c.rootKey));
  ppr.root.splice(at < 0 ? ppr.root.length : at, 0, new OnOffElement('w:snapToGrid', false) as unknown as { rootKey?: string });
  return style;
}

export const styles: IStylesOptions = {
  default: {
    document: {
      run: { font: font(FACE.fangsong), size: SIZE.三号, characterSpacing: CHAR_SPACING },
      paragraph: { spacing: exact(LINE) },
    },
  },
  paragraphStyles: [
    {
      id: STYLE.body,
      name: '通报正文',
      quickFormat: true,
      paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * CHAR }, spacing: exact(LINE) },
      run: { font: font(FACE.fangsong), size: SIZE.三号 },
    },
    {
      id: STYLE.docnum,
      name: '通报发文字号',
      basedOn: STYLE.body,
      paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 } },
    },
    {
      id: STYLE.title,
      name: '通报标题',
      basedOn: STYLE.body,
      paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, spacing: exact(TITLE_LINE) },
      run: { font: font(FACE.xiaobiaosong), size: SIZE.二号 },
    },
    {
      id: STYLE.to,
      name: '通报主送机关',
      basedOn: STYLE.body,
      paragraph: { indent: { firstLine: 0 } },
    },
    {
      id: STYLE.h1,
      name: '通报一级标题',
      basedOn: STYLE.body,
      paragraph: { keepNext: true },
      run: { font: font(FACE.heiti), size: SIZE.三号 },
    },
    {
      // not based on the body style: an inherited first-line indent would fight the hanging one
      id: STYLE.attach,
      name: '通报附件说明',
      paragraph: { alignment: AlignmentType.LEFT, spacing: exact(LINE) },
      run: { font: font(FACE.fangsong), size: SIZE.三号 },
    },
    {
      id: STYLE.sign,
      name: '通报署名',
      basedOn: STYLE.body,
      paragraph: { alignment: AlignmentType.RIGHT, indent: { firstLine: 0 }, keepNext: true },
    },
    {
      id: STYLE.date,
      name: '通报成文日期',
      basedOn: STYLE.body,
      paragraph: { alignment: AlignmentType.RIGHT, indent: { firstLine: 0, right: 4 * CHAR } },
    },
    {
      id: STYLE.annexLabel,
      name: '通报附件标签',
      basedOn: STYLE.body,
      paragraph: { alignment: AlignmentType.LEFT, indent: { firstLine: 0 }, keepNext: true },
      run: { font: font(FACE.heiti), size: SIZE.三号 },
    },
    {
      id: STYLE.annexTitle,
      name: '通报附件标题',
      basedOn: STYLE.title,
      paragraph: { keepNext: true },
    },
    {
      id: STYLE.tableTitle,
      name: '通报附表标题',
      basedOn: STYLE.body,
      paragraph: { keepNext: true, alignment: AlignmentType.LEFT },
      run: { font: font(FACE.kaiti), size: SIZE.三号 },
    },
    {
      id: STYLE.footer,
      name: '通报页码',
      paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
      run: { font: font(FACE.songti, FACE.songti), size: SIZE.四号, characterSpacing: 0 },
    },
  ],
  importedStyles: CELL_STYLES.map((o) => withoutGridSnap(new StyleForParagraph(o))),
  characterStyles: [
    {
      id: STYLE.lead,
      name: '通报二级标题',
      run: { font: font(FACE.kaiti) },
    },
  ],
};
