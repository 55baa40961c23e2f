// What the console says about the annex corrections of a run (`annexes`, or `build`/`package`
// under the same 正文). Apart from annexes.ts so `build`'s summary loads nothing heavy.
import type { Correction } from './corrections';

/**
 * An annex whose previous workbook no longer matched manifest.json (edited in place, or
 * missing), so the correction could not be compared with it: compared instead with the table
 * the notice's 附件 pages printed (`itemized`), or, when the notice prints none (too long, or an
 * old manifest with the notice changed too), recorded as one correction not listed row by row.
 */
export interface AlteredAnnex {
  /** 附件2 */
  label: string;
  /** the file name in the folder */
  name: string;
  itemized: boolean;
}

/**
 * What the console says about the corrections of a run (`annexes`, or `build`/`package` under
 * the same 正文): the count, each corrected row, and — plainly — an annex whose previous file had
 * been changed by hand, so that it was compared with the notice's 附件 page, or not row by row.
 */
export function correctionReport(corrections: Correction[], altered: AlteredAnnex[], head: (n: number) => string): string[] {
  const lines: string[] = [];
  for (const a of altered) {
    const why = `上一版的${a.label}（${a.name}）已被手工改动或缺失（与 manifest.json 所记的校验值不符），这次更正无法与它逐行比较`;
    lines.push(
      a.itemized
        ? `注意：${why}；已改为与通报附件页上印的上一版${a.label}表格逐行比较。`
        : `注意：${why}，通报附件页上也没有可比较的不同；这次更正已记入更正记录，但未能逐行列出。`,
    );
  }
  const unknown = altered.filter((a) => !a.itemized).map((a) => a.label);
  if (corrections.length) lines.push(head(corrections.length) + (unknown.length ? `（另有${unknown.join('、')}的更正未能逐行列出）` : '') + '：');
  else if (unknown.length) lines.push(`正文未变，${unknown.join('、')}已更正，未能逐行列出（已记入更正记录）。`);
  for (const c of corrections) lines.push(`  ${c.where}：${c.change}`);
  return lines;
}

/**
 * What `build` (and `package`, which builds first) says when the new 正文 differs from the
 * previous set's: plainly a new 送签稿, what differs (as `annexes` lists it when it refuses), and
 * where the previous one is kept. `where`: history/<n>/ as shown, or null when nothing was kept.
 */
export function newBodyReport(differences: string[], where: string | null): string[] {
  return [
    '注意：通报正文与上一版不同，这是一份新的送签稿，须重新送签。正文有以下不同：',
    ...differences.map((d) => `  ${d}`),
    ...(where ? [`上一版（原来的正文，连同它的更正记录和送签包）完整保存在 ${where}`] : []),
  ];
}
