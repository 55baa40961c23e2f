// A line chart of pass rates by quarter as one SVG document: a pure function of its input, so
// the same figures give the same bytes, and the web page can serve it as is. Nothing is loaded
// from outside (no fonts, scripts or styles by URL); text is escaped; the font list names faces
// that Windows, macOS and Linux desktops already have for Chinese.

export interface TrendSeries {
  /** legend text, e.g. 总体 or 政务微博 */
  label: string;
  /** one value per category, in tenths of a percent (909 = 90.9%); null where there is none */
  values: (number | null)[];
}

export interface TrendChart {
  title: string;
  /** the x axis: one label per quarter, each as lines (["2024年", "第一季度"]) */
  categories: string[][];
  series: TrendSeries[];
  /** printed under the y axis labels' top, e.g. 合格率 */
  axisLabel: string;
  /** shown when there is no quarter at all */
  empty: string;
}

const WIDTH = 760;
const HEIGHT = 440;
const PLOT = { left: 64, right: WIDTH - 170, top: 64, bottom: HEIGHT - 72 };
const COLORS = ['#c00000', '#1f4e9c', '#d08a00', '#2e7d32', '#6a1b9a', '#00838f'];
const FONT = "'Microsoft YaHei','PingFang SC','Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei',SimHei,sans-serif";

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Coordinates with at most one decimal, written the same way on every machine. */
function n(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

function percent(tenths: number): string {
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

function xOf(i: number, count: number): number {
  if (count <= 1) return (PLOT.left + PLOT.right) / 2;
  const pad = 28;
  return PLOT.left + pad + ((PLOT.right - PLOT.left - 2 * pad) * i) / (count - 1);
}

function yOf(tenths: number): number {
  return PLOT.bottom - ((PLOT.bottom - PLOT.top) * tenths) / 1000;
}

/** The chart as a complete SVG document (UTF-8 text, final newline). */
export function trendSvg(chart: TrendChart): string {
  const out: string[] = [];
  const count = chart.categories.length;
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${escapeXml(FONT)}" role="img" aria-label="${escapeXml(chart.title)}">`,
  );
  out.push(`<title>${escapeXml(chart.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  out.push(`<text x="${WIDTH / 2}" y="32" font-size="18" font-weight="bold" text-anchor="middle" fill="#000000">${escapeXml(chart.title)}</text>`);

  // y axis: gridlines every 20 percent
  out.push(`<text x="${PLOT.left - 8}" y="${PLOT.top - 14}" font-size="12" text-anchor="end" fill="#444444">${escapeXml(chart.axisLabel)}</text>`);
  for (let p = 0; p <= 100; p += 20) {
    const y = n(yOf(p * 10));
    out.push(`<line x1="${PLOT.left}" y1="${y}" x2="${PLOT.right}" y2="${y}" stroke="${p === 0 ? '#000000' : '#d9d9d9'}" stroke-width="1"/>`);
    out.push(`<text x="${PLOT.left - 8}" y="${n(yOf(p * 10) + 4)}" font-size="12" text-anchor="end" fill="#444444">${p}%</text>`);
  }
  out.push(`<line x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.left}" y2="${PLOT.bottom}" stroke="#000000" stroke-width="1"/>`);

  if (count === 0) {
    out.push(`<text x="${n((PLOT.left + PLOT.right) / 2)}" y="${n((PLOT.top + PLOT.bottom) / 2)}" font-size="14" text-anchor="middle" fill="#444444">${escapeXml(chart.empty)}</text>`);
  }

  // x axis: one label per quarter, each on its lines
  chart.categories.forEach((lines, i) => {
    const x = n(xOf(i, count));
    out.push(`<line x1="${x}" y1="${PLOT.bottom}" x2="${x}" y2="${PLOT.bottom + 5}" stroke="#000000" stroke-width="1"/>`);
    const tspans = lines.map((l, k) => `<tspan x="${x}" dy="${k === 0 ? 0 : 16}">${escapeXml(l)}</tspan>`).join('');
    out.push(`<text x="${x}" y="${PLOT.bottom + 22}" font-size="12" text-anchor="middle" fill="#000000">${tspans}</text>`);
  });

  // series: a line through consecutive values (broken where a quarter has none), a dot and a tooltip at each
  chart.series.forEach((s, k) => {
    const color = COLORS[k % COLORS.length];
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1) out.push(`<polyline points="${run.join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`);
      run = [];
    };
    s.values.forEach((v, i) => {
      if (v === null || i >= count) return flush();
      run.push(`${n(xOf(i, count))},${n(yOf(v))}`);
    });
    flush();
    s.values.forEach((v, i) => {
      if (v === null || i >= count) return;
      const tip = `${chart.categories[i].join('')} ${s.label} ${percent(v)}`;
      out.push(`<circle cx="${n(xOf(i, count))}" cy="${n(yOf(v))}" r="3.5" fill="${color}"><title>${escapeXml(tip)}</title></circle>`);
    });
    // the latest value goes in the legend (beside the dots, close values would overprint)
    const last = s.values.slice(0, count).reduce<number>((at, v, i) => (v === null ? at : i), -1);
    // legend
    const ly = PLOT.top + 8 + k * 22;
    out.push(`<line x1="${PLOT.right + 24}" y1="${ly}" x2="${PLOT.right + 48}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<circle cx="${PLOT.right + 36}" cy="${ly}" r="3.5" fill="${color}"/>`);
    out.push(`<text x="${PLOT.right + 56}" y="${ly + 4}" font-size="13" fill="#000000">${escapeXml(s.label)}${last >= 0 ? ` ${percent(s.values[last]!)}` : ''}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
