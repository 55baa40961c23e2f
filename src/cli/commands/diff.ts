import { diffRounds } from '../../handoff/diff';
import type { DataChange, RoundDiff } from '../../handoff/diff';
import { loadValidated } from '../../pipeline';
import { expectPositional } from '../args';
import type { Command } from '../command';
import { fitTable, table } from '../table';
import { SUMMARIES } from '../summaries';

/** The widest a line of the readable output may be (an 80–100 column terminal, a printed page). */
export const DIFF_WIDTH = 100;

const KIND: Record<DataChange['change'], string> = { added: '新增', removed: '删除', changed: '修改' };

/** The readable form: data changes, totals before and after, what the notice would say differently. */
export function formatDiff(d: RoundDiff, oldDir: string, newDir: string): string {
  const lines: string[] = [`比较 ${oldDir}（旧）→ ${newDir}（新）`, ''];
  if (d.changes.length === 0) lines.push('数据没有变化。');
  else {
    lines.push(`数据变化（${d.changes.length} 处）：`);
    const rows = [['位置', '名称', '变化', '项目', '原值', '新值']];
    // a new 名称 for the same unit (same 网址, or same 主办单位) is a rename, not 删除 + 新增
    for (const c of d.changes) rows.push([c.area, c.unit, c.field === '名称' ? '改名' : KIND[c.change], c.change === 'changed' && c.field !== '名称' ? c.field ?? '' : '', c.old ?? '', c.new ?? '']);
    // long names and values wrap within their column, so that every line fits DIFF_WIDTH
    lines.push(fitTable(rows, { width: DIFF_WIDTH - 2, shrink: [1, 4, 5] }).replace(/^/gm, '  '));
  }
  lines.push('', '合计：');
  const rows = [['类别', '原', '新', '']];
  for (const t of d.totals) rows.push([t.label, `${t.old}`, `${t.new}`, t.new === t.old ? '' : t.new > t.old ? `+${t.new - t.old}` : `${t.new - t.old}`]);
  lines.push(table(rows, ['left', 'right', 'right', 'left']).replace(/^/gm, '  '));
  lines.push('');
  if (d.notice.length === 0) lines.push('通报正文所写内容不变：数据更正后用 tongbao annexes 更正附件（附件表格和通报的附件页）即可。');
  else {
    lines.push('通报正文将有以下不同（需运行 tongbao build 并重新送签）：');
    for (const n of d.notice) lines.push(`  ${n}`);
  }
  return lines.join('\n');
}

export const diffCommand: Command = {
  name: 'diff',
  summary: SUMMARIES.diff,
  usage: `用法：tongbao diff OLD_DATA_DIR NEW_DATA_DIR [--json]

列出两个数据文件夹之间的变化：新增、删除的单位；每个改动的字段（网址、结果、
主办单位、问题曝光情况等）和每个月的更新情况；notice.yaml 中改动的字段；
以及由此引起的合计数变化和通报正文将有的不同（不合格名单新列入、不再列入、名单中的单位改名等）。

  --json  以 JSON 输出（字段：old、new、changes、totals、notice）

每行不超过 100 列（汉字占 2 列）：过长的名称、原值、新值在本栏内折行。

退出状态：0 比较完成（有无变化都是 0）；1 任一文件夹的数据有错误；2 用法错误。`,
  booleanFlags: ['json'],
  async run(args, io) {
    const [a, b] = expectPositional(args, ['OLD_DATA_DIR', 'NEW_DATA_DIR'], 'diff');
    const d = diffRounds(loadValidated(a, io.cwd), loadValidated(b, io.cwd));
    io.out(args.flags.json ? JSON.stringify(d, null, 2) : formatDiff(d, a, b));
    return 0;
  },
};
