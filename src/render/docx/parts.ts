// The two parts of the notice's word/document.xml: the 正文 (everything before the first 附件
// page: 版头, title, 主送, text, 附件说明, 落款, 附注) and the 附件 pages (from the first
// 附件N label, which starts a page of its own, to the end of the body), then the section
// properties. layoutBlocks writes one body element per line and nothing in the 正文 depends on
// the annex rows, so a correction of the annexes changes the second part only; `annexes` checks
// that the 正文 part is byte-for-byte the one already signed (src/handoff/body.ts).
import { STYLE } from './style-ids';

/** How the first 附件 page's first paragraph starts, at the start of its line. */
export const ANNEX_PAGES_START = `\n<w:p><w:pPr><w:pStyle w:val="${STYLE.annexLabel}"/>`;
const SECTION_START = '\n<w:sectPr>';

export interface DocumentParts {
  /** from the XML declaration through the 正文's last element (no final line break) */
  body: string;
  /** the 附件 pages: a line break, then their elements ('' when the notice has none) */
  annex: string;
  /** the line break before the section properties, and the rest of the file */
  tail: string;
}

/** document.xml = body + annex + tail. Undefined when the text is not a notice's document.xml. */
export function splitDocumentXml(xml: string): DocumentParts | undefined {
  const section = xml.lastIndexOf(SECTION_START);
  if (section < 0) return undefined;
  const at = xml.indexOf(ANNEX_PAGES_START);
  const cut = at >= 0 && at < section ? at : section;
  return { body: xml.slice(0, cut), annex: xml.slice(cut, section), tail: xml.slice(section) };
}
