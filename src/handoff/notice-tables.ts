// The annex tables as a notice .docx on disk actually prints them, read back in the form
// manifest.json records (src/render/annex-rows.ts): so `verify --data` and `annexes` compare
// what the notice really says, also for folders whose manifest predates that record.
import JSZip from 'jszip';
import type { NoticeTable } from '../render/annex-rows';

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function paragraphText(p: string): string {
  let out = '';
  for (const m of p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:t\/>/g)) out += unescape(m[1] ?? '');
  return out;
}

/**
 * Each annex table of a notice (tables with repeated header rows; the 版头 frame has none) as
 * rows of tab-joined cells, a cell's paragraphs joined by line breaks — except in the header,
 * where the renderer breaks a heading over lines only to fit the column. Undefined when the
 * file is not a Word document.
 */
export async function readNoticeTables(docx: Buffer): Promise<string[][] | undefined> {
  let xml: string | undefined;
  try {
    xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string');
  } catch {
    return undefined; // not a zip: nothing to read (verify reports the file by its hash)
  }
  if (!xml) return undefined;
  const tables: string[][] = [];
  for (const t of xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)) {
    const rows: string[] = [];
    let annex = false;
    for (const r of t[1].matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)) {
      const header = r[1].includes('<w:tblHeader/>');
      if (header) annex = true;
      const cells = [...r[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) =>
        [...c[1].matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p\/>/g)].map((p) => paragraphText(p[1] ?? '')).join(header ? '' : '\n'),
      );
      rows.push(cells.join('\t'));
    }
    if (annex) tables.push(rows);
  }
  return tables;
}

/** The notice's tables, titled by position after the tables the data would print. */
export async function noticeTablesOnDisk(docx: Buffer, expected: NoticeTable[]): Promise<NoticeTable[] | undefined> {
  const tables = await readNoticeTables(docx);
  return tables?.map((rows, i) => ({ title: expected[i]?.title ?? `附件表格${i + 1}`, rows }));
}
