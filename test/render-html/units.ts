// The notice's words as units comparable between the docx and the HTML preview: each paragraph
// outside tables, and each table row with its cells' text joined.
import JSZip from 'jszip';
import type { ReportModel } from '../../src/aggregate/model';
import { renderNotice } from '../../src/render/docx/notice';

const unescape = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The docx body as text units: each paragraph outside tables, and each table row (its cells' text joined). */
export async function docxUnits(model: ReportModel): Promise<string[]> {
  const zip = await JSZip.loadAsync(await renderNotice(model));
  const xml = await zip.file('word/document.xml')!.async('string');
  const texts = (s: string) => [...s.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1])).join('');
  const units: string[] = [];
  // one paragraph or table row per line (src/render/docx/wordml.ts)
  for (const line of xml.split('\n')) {
    const rows = [...line.matchAll(/<w:tr>(.*?)<\/w:tr>/g)];
    if (rows.length) units.push(...rows.map((r) => texts(r[1])));
    else if (line.startsWith('<w:p>')) units.push(texts(line));
  }
  return units;
}

/** The preview as the same units: paragraphs (a paragraph run on to the next sheet joined again), table rows once. */
export function htmlUnits(html: string): string[] {
  const units: string[] = [];
  const text = (s: string) => unescape(s.replace(/<br>/g, '').replace(/<[^>]+>/g, ''));
  for (const m of html.matchAll(/<p class="[^"]*" data-kind="([a-z0-9-]+)"( data-cont)?[^>]*>(.*?)<\/p>|<tr( class="tb-repeat"[^>]*)?[^>]*>(.*?)<\/tr>/g)) {
    if (m[1] !== undefined) {
      if (m[2]) units[units.length - 1] += text(m[3]);
      else units.push(text(m[3]));
    } else if (!m[4]) {
      units.push(text(m[5]));
    }
  }
  return units;
}
