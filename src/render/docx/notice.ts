// The Word notice: blocks from the template, laid out as GB/T 9704 wants, annexes attached.
import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { ReportModel } from '../../aggregate/model';
import { safeFileName } from '../../write/file-name';
import { pinZipTimes } from '../../write/zip-times';
import type { Block } from '../blocks';
import { renderNoticeBlocks, type NoticeTemplateOptions } from '../template/notice';
import { annex1Table, annex2Table, annex3Table } from './annex-tables';
import { CHAR, CHAR_ADVANCE, FACE, FOOTER_DISTANCE, LINE, MARGIN, PAGE, SIZE, TEXT_WIDTH, font, printedWidth, textWidth } from './layout';
import { STYLE, styles } from './styles';
import { titleLines } from './title';
import { replaceZipEntry } from './zip-entry';
import { documentXml, esc, headerFrame, paragraph, run, sectionProperties, type ParagraphOptions } from './wordml';

export interface RenderNoticeOptions extends NoticeTemplateOptions {
  /** the notice's blocks when the caller has them already (build proofreads the same blocks) */
  blocks?: readonly Block[];
}

/** The notice's file name: its title, made safe for Windows (src/write/file-name.ts). */
export function noticeFileName(model: ReportModel): string {
  return safeFileName(model.title, '.docx', '通报');
}

/** The notice as a .docx; the same model gives the same bytes. */
export async function renderNotice(model: ReportModel, options: RenderNoticeOptions = {}): Promise<Buffer> {
  const blocks = options.blocks ?? renderNoticeBlocks(model, options);
  const { zip, section } = await noticePackage(model);
  const document = documentXml(layoutBlocks(blocks, model), section);
  const buf = replaceZipEntry(zip, 'word/document.xml', Buffer.from(document, 'utf8'));
  return pinZipTimes(buf, model.issued.iso);
}

/**
 * The package around a body: styles, page-number footers, settings, relationships, and
 * core.xml dated by the 成文日期, with an empty body, plus the section properties a body ends
 * with. Other documents on the same GB/T 9704 page (the per-unit 整改通知, src/rectify) put
 * their own body in it, so one package serves any number of them.
 */
export async function noticePackage(model: ReportModel): Promise<{ zip: Buffer; section: string }> {
  // The package (styles, page-number footers, settings, relationships) comes from docx; the
  // body is written as text (wordml.ts) and replaces docx's empty one.
  const doc = new Document({
    styles,
    evenAndOddHeaderAndFooters: true,
    sections: [{ footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') }, children: [] }],
  });
  const [odd, even] = doc.Footers.map((f) => `rId${f.View.ReferenceId}`);
  if (!odd || !even) throw new Error('docx 未生成页脚关系');
  const section = sectionProperties({
    page: PAGE,
    margin: { ...MARGIN, header: 851, footer: FOOTER_DISTANCE },
    footers: { default: odd, even },
    linePitch: LINE,
  });
  // docx stamps core.xml with the current time; the 成文日期 stands in for it. The body goes
  // in after packing (zlib deflates it far faster than JSZip would).
  const zip = await Packer.toBuffer(doc, undefined, [{ path: 'docProps/core.xml', data: coreXml(model) }]);
  return { zip, section };
}

/**
 * Blocks kept on one page with the next: from the last paragraph of the text through the
 * date, so the page that carries the seal also carries text (GB/T 9704 7.3.5.4: no page with
 * only the signature and date).
 */
export function keptWithNext(blocks: readonly Block[]): Set<number> {
  const keep = new Set<number>();
  const sign = blocks.findIndex((b) => b.kind === 'sign');
  if (sign < 0) return keep;
  let from = sign - 1;
  while (from > 0 && ['blank', 'attach', 'attach-more'].includes(blocks[from].kind)) from--;
  for (let i = Math.max(0, from); i <= sign; i++) keep.add(i);
  if (blocks[sign + 1]?.kind === 'date') keep.add(sign + 1);
  return keep;
}

/** The body as WordprocessingML: one paragraph or table per element. */
export function layoutBlocks(blocks: readonly Block[], model: ReportModel): string[] {
  const keep = keptWithNext(blocks);
  const out: string[] = [];
  let hanging = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const keepNext = keep.has(i);
    const para = (style: string, extra: Partial<ParagraphOptions> = {}, runs = b.text ? run(b.text) : '') =>
      paragraph({ style, keepNext, ...extra }, runs);
    switch (b.kind) {
      case 'docnum':
        out.push(headerFrame(TEXT_WIDTH, STYLE.docnum, b.text));
        break;
      case 'title':
        out.push(para(STYLE.title, {}, titleRuns(b.text)));
        break;
      case 'annex-title':
        out.push(para(STYLE.annexTitle, {}, titleRuns(b.text)));
        break;
      case 'to':
        out.push(para(STYLE.to));
        break;
      case 'p':
      case 'note':
      case 'annex-note':
      case 'blank':
        out.push(para(STYLE.body));
        break;
      case 'h1':
        out.push(para(STYLE.h1));
        break;
      case 'h2': {
        // run-in heading: the lead in 楷体 (a character style), the rest in the body's 仿宋
        const lead = b.lead ?? '';
        out.push(para(STYLE.body, {}, run(lead, { style: STYLE.lead }) + run(b.text.slice(lead.length))));
        break;
      }
      case 'attach': {
        // 附件：1.… with every further line's 2.… under the 1.: hang the prefix "附件：".
        const colon = b.text.indexOf('：');
        hanging = Math.round(textWidth(colon >= 0 ? b.text.slice(0, colon + 1) : '') * CHAR_ADVANCE);
        out.push(para(STYLE.attach, { indent: { left: 2 * CHAR + hanging, hanging } }));
        break;
      }
      case 'attach-more':
        out.push(para(STYLE.attach, { indent: { left: 2 * CHAR + hanging } }));
        break;
      case 'sign': {
        // Centred over the date (sealed form): shift by half the difference of their widths.
        const date = blocks.slice(i + 1).find((x) => x.kind === 'date');
        const shift = date ? ((printedWidth(date.text) - printedWidth(b.text)) / 2) * CHAR_ADVANCE : 0;
        out.push(para(STYLE.sign, { indent: { right: Math.max(0, Math.round(4 * CHAR + shift)) } }));
        break;
      }
      case 'date':
        out.push(para(STYLE.date));
        break;
      case 'annex-label':
        // each annex starts a page of its own
        out.push(para(STYLE.annexLabel, { pageBreakBefore: true }));
        break;
      case 'table-title':
        out.push(para(STYLE.tableTitle));
        break;
      case 'table': {
        const t = b.table!;
        out.push(t.annex === 'annex1' ? annex1Table(model) : t.annex === 'annex3' ? annex3Table(model) : annex2Table(model, model.annex2.sections[t.section]));
        break;
      }
      default: {
        const never: never = b.kind;
        throw new Error(`未知段落种类：${String(never)}`);
      }
    }
  }
  return out;
}

/** A 2号 title as runs, broken between words into balanced lines. */
function titleRuns(text: string): string {
  return titleLines(text)
    .map((line, i) => run(line, { breakBefore: i > 0 }))
    .join('');
}

/** — 1 — in 4号 half-width 宋体: odd pages at the right, even pages at the left, one character in. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const odd = side === 'odd';
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: SIZE.四号 * 10 } : { left: SIZE.四号 * 10 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font(FACE.songti, FACE.songti),
            size: SIZE.四号,
          }),
        ],
      }),
    ],
  });
}

/** docProps/core.xml dated by the 成文日期 (midnight UTC: a calendar date, not an instant). */
export function coreXml(model: Pick<ReportModel, 'issued' | 'title' | 'issuer'>, title: string = model.title): string {
  const when = `${model.issued.iso}T00:00:00Z`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${esc(title)}</dc:title>` +
    `<dc:creator>${esc(model.issuer)}</dc:creator>` +
    `<cp:lastModifiedBy>${esc(model.issuer)}</cp:lastModifiedBy>` +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}
