import * as path from 'path';
import { build } from '../../build';
import { correctionReport, newBodyReport } from '../../handoff/correction-report';
import type { BuildResult } from '../../build';
import { displayPath } from '../../load/yaml-file';
import { expectPositional, stringFlag } from '../args';
import type { Command, Io } from '../command';
import { createProgress } from '../progress';
import { printDiagnostics, strictRefusal } from '../report';
import { SUMMARIES } from '../summaries';

/** What a build did, for stdout: the folder, the files written, where the previous set went. */
export function buildSummary(r: BuildResult, io: Io): string {
  const dir = displayPath(r.outDir, io.cwd);
  const lines: string[] = [];
  if (r.status === 'unchanged') lines.push(`无变化：${dir} 中的文件已按当前数据生成，未改动任何文件。`);
  else if (r.status === 'repaired') lines.push(`已恢复 ${dir} 中缺失或被改动的文件（数据无变化）：`);
  else lines.push(`已生成 ${dir}：`);
  for (const n of r.written) lines.push(`  ${n}`);
  if (r.history) {
    const where = `${path.join(dir, r.history)}${path.sep}`;
    lines.push(r.status === 'repaired' ? `被改动的文件已先存入 ${where}` : `上一版已移至 ${where}`);
  }
  const kept = r.history ? `${path.join(dir, r.history)}${path.sep}` : '历史版本';
  for (const n of r.removed) lines.push(`  （上一版的 ${n} 已从 ${dir} 移走，保存在 ${kept}）`);
  if (r.newBody) lines.push(...newBodyReport(r.newBody, r.history ? kept : null));
  // the same 正文 with corrected annexes: said and recorded as tongbao annexes would
  lines.push(...correctionReport(r.corrections ?? [], r.altered ?? [], (n) => `正文未变，附件已更正 ${n} 处（已记入更正记录）`));
  return lines.join('\n');
}

export const buildCommand: Command = {
  name: 'build',
  summary: SUMMARIES.build,
  usage: `用法：tongbao build DATA_DIR [--out OUT_DIR] [--strict]

按 DATA_DIR 的数据生成通报 .docx、附件1和附件2 .xlsx，以及记录数据和文件
SHA-256 的 manifest.json，写入 OUT_DIR（默认 out/<数据文件夹名>）。

  --out OUT_DIR  输出文件夹
  --strict       有数据警告或校对意见时不生成文件（默认只作为警告列出）

数据有错误时不写任何文件。每个文件先写入临时文件，再改名就位，中断不会留下
残缺的一套文件。OUT_DIR 中已有按其他数据生成的文件时，先整套移入
OUT_DIR/history/<n>/；数据未变时不改动任何文件。

退出状态：0 成功；1 数据有错误或 --strict 下有警告；2 用法错误。`,
  valueFlags: ['out'],
  booleanFlags: ['strict'],
  async run(args, io) {
    const [dir] = expectPositional(args, ['DATA_DIR'], 'build');
    const progress = createProgress(io);
    let r: BuildResult;
    try {
      r = await build({ dataDir: dir, cwd: io.cwd, outDir: stringFlag(args, 'out'), strict: !!args.flags.strict, onStep: progress.step });
    } finally {
      progress.end();
    }
    printDiagnostics(io, r.findings);
    if (r.status === 'refused') {
      io.err(strictRefusal(r.findings));
      return 1;
    }
    io.out(buildSummary(r, io));
    return 0;
  },
};
