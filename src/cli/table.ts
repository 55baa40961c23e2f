// Plain-text tables that stay aligned with Chinese text (a CJK character is two columns).
import { displayWidth } from '../text/width';

export type Align = 'left' | 'right';

export function pad(s: string, width: number, align: Align = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'left' ? s + fill : fill + s;
}

export function table(rows: string[][], align: Align[] = []): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  return rows
    .map((r) => r.map((c, i) => pad(c, widths[i], align[i] ?? 'left')).join('  ').trimEnd())
    .join('\n');
}
