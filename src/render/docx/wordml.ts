// The notice's body written as WordprocessingML text. The docx package builds the rest of the
// package (styles, footers, settings, relationships); its object model is too slow for the body
// (about 150 ms for the seed's 125 table rows, against a few ms as strings), and the body is
// where the rows are. One paragraph, table row or section per line keeps golden files readable.

// Characters XML 1.0 forbids (and line breaks, which Word would show as spaces anyway).
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u001f\u007f\ufffe\uffff]/g;

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001f\u007f\ufffe\uffff&<>"]/;

/** Text for a w:t element or an attribute: XML special characters escaped, control characters dropped. */
export function esc(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(INVALID, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export interface RunOptions {
  /** a character style id */
  style?: string;
  /** a line break before the text (a title's second line) */
  breakBefore?: boolean;
}

export function run(text: string, o: RunOptions = {}): string {
  const rpr = o.style ? `<w:rPr><w:rStyle w:val="${o.style}"/></w:rPr>` : '';
  const br = o.breakBefore ? '<w:br/>' : '';
  return `<w:r>${rpr}${br}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

export interface Indent {
  left?: number;
  right?: number;
  hanging?: number;
  firstLine?: number;
}

export interface ParagraphOptions {
  style: string;
  keepNext?: boolean;
  pageBreakBefore?: boolean;
  indent?: Indent;
  /** left | center | right | both */
  align?: string;
}

/** A paragraph; `runs` are from run(). pPr children in schema order. */
export function paragraph(o: ParagraphOptions, runs = ''): string {
  let ppr = `<w:pStyle w:val="${o.style}"/>`;
  if (o.keepNext) ppr += '<w:keepNext/>';
  if (o.pageBreakBefore) ppr += '<w:pageBreakBefore/>';
  if (o.indent) {
    const i = o.indent;
    const attrs = (['left', 'right', 'hanging', 'firstLine'] as const)
      .filter((k) => i[k] !== undefined)
      .map((k) => ` w:${k}="${Math.round(i[k]!)}"`)
      .join('');
    ppr += `<w:ind${attrs}/>`;
  }
  if (o.align) ppr += `<w:jc w:val="${o.align}"/>`;
  return `<w:p><w:pPr>${ppr}</w:pPr>${runs}</w:p>`;
}

export interface CellSpec {
  /** one paragraph per line */
  lines: string[];
  style: string;
  /** columns spanned */
  span?: number;
}

export interface TableSpec {
  widths: number[];
  /** rows repeated at the top of every page */
  header: CellSpec[][];
  rows: Iterable<CellSpec[]>;
  /** border width in eighths of a point */
  border: number;
  cellMargin: { top: number; bottom: number; left: number; right: number };
}

/** A fixed-layout table: header rows repeat on every page; no row splits across pages. */
export function table(t: TableSpec): string {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const line = `w:val="single" w:sz="${t.border}" w:space="0" w:color="000000"`;
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((s) => `<w:${s} ${line}/>`).join('');
  const m = t.cellMargin;
  const out: string[] = [
    '<w:tbl><w:tblPr>' +
      `<w:tblW w:w="${total}" w:type="dxa"/><w:tblBorders>${borders}</w:tblBorders><w:tblLayout w:type="fixed"/>` +
      `<w:tblCellMar><w:top w:w="${m.top}" w:type="dxa"/><w:left w:w="${m.left}" w:type="dxa"/>` +
      `<w:bottom w:w="${m.bottom}" w:type="dxa"/><w:right w:w="${m.right}" w:type="dxa"/></w:tblCellMar>` +
      '</w:tblPr><w:tblGrid>' +
      t.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('') +
      '</w:tblGrid>',
  ];
  for (const r of t.header) out.push(row(r, t.widths, true));
  for (const r of t.rows) out.push(row(r, t.widths, false));
  out.push('</w:tbl>');
  return out.join('\n');
}

function row(cells: CellSpec[], widths: number[], header: boolean): string {
  let col = 0;
  let xml = `<w:tr><w:trPr><w:cantSplit/>${header ? '<w:tblHeader/>' : ''}</w:trPr>`;
  for (const c of cells) {
    const span = c.span ?? 1;
    const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
    col += span;
    const grid = span > 1 ? `<w:gridSpan w:val="${span}"/>` : '';
    const open = `<w:p><w:pPr><w:pStyle w:val="${c.style}"/></w:pPr>`;
    const paras = (c.lines.length ? c.lines : ['']).map((l) => `${open}${l ? run(l) : ''}</w:p>`).join('');
    xml += `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${grid}<w:vAlign w:val="center"/></w:tcPr>${paras}</w:tc>`;
  }
  if (col !== widths.length) throw new Error(`表格行有 ${col} 列，应为 ${widths.length} 列`);
  return xml + '</w:tr>';
}

export interface SectionSpec {
  page: { width: number; height: number };
  margin: { top: number; right: number; bottom: number; left: number; header: number; footer: number };
  /** relationship ids of the odd-page (default) and even-page footers */
  footers: { default: string; even: string };
  linePitch: number;
}

export function sectionProperties(s: SectionSpec): string {
  const m = s.margin;
  return (
    '<w:sectPr>' +
    `<w:footerReference w:type="default" r:id="${s.footers.default}"/>` +
    `<w:footerReference w:type="even" r:id="${s.footers.even}"/>` +
    `<w:pgSz w:w="${s.page.width}" w:h="${s.page.height}"/>` +
    `<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}" w:header="${m.header}" w:footer="${m.footer}" w:gutter="0"/>` +
    `<w:docGrid w:type="lines" w:linePitch="${s.linePitch}"/>` +
    '</w:sectPr>'
  );
}

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** word/document.xml: the body's blocks, one a line, then the section properties. */
export function documentXml(body: string[], section: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<w:document ${NS}><w:body>\n` +
    body.join('\n') +
    `\n${section}\n</w:body></w:document>\n`
  );
}

/**
 * The 版头 (GB/T 9704 7.2): the 发文字号 centred, with the red separator line (分隔线) under it
 * as the bottom border of a one-cell table the width of the 版心. Keeping the 版头 in its own
 * frame leaves the title as the first paragraph of the 主体, as in the standard's layout.
 */
export function headerFrame(width: number, style: string, text: string): string {
  const none = (sides: string[]) => sides.map((s) => `<w:${s} w:val="nil"/>`).join('');
  // 分隔线: red, about 1 pt, 4 mm below the 发文字号 (cell bottom margin 227 twips).
  // Borders in schema order (top, left, bottom, right, insideH, insideV).
  const rule = none(['top', 'left']) + '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="FF0000"/>' + none(['right', 'insideH', 'insideV']);
  return (
    '<w:tbl><w:tblPr>' +
    `<w:tblW w:w="${width}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${rule}</w:tblBorders><w:tblLayout w:type="fixed"/>` +
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="227" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>' +
    `</w:tblPr><w:tblGrid><w:gridCol w:w="${width}"/></w:tblGrid>` +
    `<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>` +
    `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${run(text)}</w:p></w:tc></w:tr></w:tbl>`
  );
}
