// Where a long title breaks. GB/T 9704 wants a multi-line title balanced (梯形 or 菱形) and
// broken between words, never inside one (not 政务新 / 媒体): we pick the break ourselves.
import { CHAR_SPACING, SIZE, TEXT_WIDTH, textWidth } from './layout';

/** Full-width characters of 2号 that fit on one line of the 版心. */
export const TITLE_CHARS_PER_LINE = Math.floor(TEXT_WIDTH / (SIZE.二号 * 10 + CHAR_SPACING));

/** Words a line may start with although they are one character long. */
const CONJUNCTIONS = new Set(['和', '及', '与', '暨', '并']);

let segmenter: Intl.Segmenter | null = null;

function words(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

function breakable(left: string, right: string): boolean {
  // A one-character word is usually half of a compound the dictionary split (新|媒体, 全|州);
  // only a conjunction may start a line on its own.
  const leftOk = [...left].length >= 2;
  const rightOk = [...right].length >= 2 || CONJUNCTIONS.has(right);
  return leftOk && rightOk && /^[\p{L}\p{N}]/u.test(right) && /[\p{L}\p{N}]$/u.test(left);
}

/** A 2号 title as lines for the 版心. */
export function titleLines(title: string): string[] {
  return balancedLines(title, TITLE_CHARS_PER_LINE);
}

/**
 * The text split into lines of at most `perLine` full-width characters, as even as the word
 * breaks allow (a break before a conjunction preferred). One line when it fits; the text
 * unsplit when no word break works, leaving the wrapping to the word processor.
 */
export function balancedLines(title: string, perLine: number): string[] {
  const total = textWidth(title);
  if (total <= perLine) return [title];
  const ws = words(title);
  // candidate break positions: index into ws after which a line may end
  const ends: number[] = [];
  for (let i = 0; i < ws.length - 1; i++) if (breakable(ws[i], ws[i + 1])) ends.push(i + 1);
  const widths = [0];
  for (const w of ws) widths.push(widths[widths.length - 1] + textWidth(w));
  const count = Math.ceil(total / perLine);
  const target = total / count;

  // best[k][j]: cheapest way to set words 0..ends[j] as k+1 lines
  const points = [0, ...ends, ws.length];
  type Cell = { cost: number; prev: number };
  let best: (Cell | null)[] = points.map((p, j) => (j === 0 ? { cost: 0, prev: -1 } : null));
  const trail: (Cell | null)[][] = [best];
  for (let line = 0; line < count; line++) {
    const next: (Cell | null)[] = points.map(() => null);
    for (let a = 0; a < points.length; a++) {
      const from = best[a];
      if (!from) continue;
      for (let b = a + 1; b < points.length; b++) {
        const len = widths[points[b]] - widths[points[a]];
        if (len > perLine) break;
        const bonus = b < points.length - 1 && CONJUNCTIONS.has(ws[points[b]]) ? 1.5 : 0;
        const cost = from.cost + (len - target) ** 2 - bonus;
        if (!next[b] || cost < next[b]!.cost) next[b] = { cost, prev: a };
      }
    }
    best = next;
    trail.push(best);
  }
  const last = points.length - 1;
  if (!best[last]) return [title];
  const cuts: number[] = [];
  for (let line = count, j = last; line > 0; line--) {
    cuts.unshift(points[j]);
    j = trail[line][j]!.prev;
  }
  const lines: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    lines.push(ws.slice(start, cut).join(''));
    start = cut;
  }
  return lines;
}
