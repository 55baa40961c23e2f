// Text measurement for column widths and row heights, and names that are safe as
// sheet and file names. Widths are in "display columns": a Chinese (wide) character
// counts as two, anything else as one, as a fixed-pitch terminal would show it.
import { isWideCodePoint } from '../../text/width';

/** Display width of one line of text. */
export function displayWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x1100) {
      w += 1;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      cp = text.codePointAt(i) as number;
      i++;
    }
    w += isWideCodePoint(cp) ? 2 : 1;
  }
  return w;
}

/** Width of the widest line of a possibly multi-line text. */
export function widestLine(text: string): number {
  if (text.indexOf('\n') < 0) return displayWidth(text);
  let max = 0;
  for (const line of text.split('\n')) max = Math.max(max, displayWidth(line));
  return max;
}

/** Lines a text takes when wrapped at `columns` display columns (at least one a paragraph). */
export function wrappedLines(text: string, columns: number): number {
  const per = Math.max(1, columns);
  if (text.indexOf('\n') < 0) return Math.max(1, Math.ceil(displayWidth(text) / per));
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(displayWidth(line) / per));
  return lines;
}

/** Excel forbids []:*?/\ in sheet names and caps them at 31 characters. */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, '_').trim();
  return (cleaned || 'Sheet').slice(0, 31);
}
