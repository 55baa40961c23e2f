import * as path from 'path';
import { regenerateAnnexes } from '../../handoff/annexes';
import { correctionReport } from '../../handoff/correction-report';
import type { AnnexesResult } from '../../handoff/annexes';
import { displayPath } from '../../load/yaml-file';
import { expectPositional, stringFlag } from '../args';
import type { Command } from '../command';
import { createProgress } from '../progress';
import { SUMMARIES } from '../summaries';

export const annexesCommand: Command = {
  name: 'annexes',
  summary: SUMMARIES.annexes,
  usage: `用法：tongbao annexes DATA_DIR [--out OUT_DIR]

单位来电更正（网址、主办单位、问题说明等）后，按 DATA_DIR 的新数据重新生成附件：
附件1、附件2 两个表格，以及通报里的附件页。通报正文（附件页之前的一切：标题、
主送、正文各段、合计和名单、落款、成文日期）保持原样，一个字节也不变。
OUT_DIR（默认 out/<数据文件夹名>）须已由 tongbao build 生成过。

先比较新数据生成的正文与 OUT_DIR 中通报的正文。不同时（合计数、不合格名单、日期、
任何文字），不写任何文件，按通报的说法逐段列出不同（如“正文第二段：不合格政务微信、
政务微博23个 → 24个；新增“黔东南发展改革（政务微博）””），请改用 tongbao build
并重新送签。
相同时，改写通报（只有附件页改变）、两个附件和 manifest.json，上一版整套移入
OUT_DIR/history/<n>/，并把更正的每一行（原内容 → 新内容）记入 OUT_DIR/更正记录.txt。

退出状态：0 已更新或无变化；1 数据有错误、尚未生成过或通报文件缺失/被改动；
2 用法错误；3 通报正文会改变（未写入任何文件）。`,
  valueFlags: ['out'],
  async run(args, io) {
    const [dir] = expectPositional(args, ['DATA_DIR'], 'annexes');
    const progress = createProgress(io);
    let r: AnnexesResult;
    try {
      r = await regenerateAnnexes({ dataDir: dir, cwd: io.cwd, outDir: stringFlag(args, 'out'), onStep: progress.step });
    } finally {
      progress.end();
    }
    const out = displayPath(r.outDir, io.cwd);
    switch (r.status) {
      case 'no-manifest':
        io.err(`${out} 中没有 manifest.json：还没有生成过通报。请先运行 tongbao build ${dir}${stringFlag(args, 'out') ? ` --out ${stringFlag(args, 'out')}` : ''}。`);
        return 1;
      case 'notice-damaged':
        io.err(`${path.join(out, r.notice)} 缺失或与 manifest.json 不符，无法只更新附件。请运行 tongbao build 重新生成通报和附件。`);
        return 1;
      case 'notice-changed':
        io.err('这次更正会改变通报正文，未写入任何文件。正文将有以下不同：');
        for (const d of r.differences) io.err(`  ${d}`);
        // said apart: the 附件 pages are not the 正文
        if (r.annexRows) io.err(`另外，通报附件页的表格有 ${r.annexRows} 行不同（附件页不属于正文）。`);
        io.err('通报正文是送签的文字，只更新附件时不能改动。确需改动正文，请运行 tongbao build 重新生成通报和附件，并重新送签。');
        return 3;
      case 'unchanged':
        io.out(`无变化：${out} 中的通报和附件已按当前数据生成，未改动任何文件。`);
        return 0;
      case 'written':
        for (const line of annexesReport(r, out)) io.out(line);
        return 0;
    }
  },
};

/** What a successful run says: the 正文 unchanged, each corrected row, the files written. */
export function annexesReport(r: Extract<AnnexesResult, { status: 'written' | 'unchanged' }>, out: string): string[] {
  const lines: string[] = [];
  const n = r.corrections.length + r.altered.length;
  if (n) lines.push(...correctionReport(r.corrections, r.altered, (k) => `正文未变，附件已更正 ${k} 处`));
  else if (r.restored?.length) lines.push('正文未变，按数据生成的附件与上一版生成时相同（数据中没有对附件的更正）。');
  else lines.push('正文未变，附件也与上一版相同（数据的改动不在通报和附件里，例如注释）；清单已按当前数据改写。');
  lines.push(n ? '已重新生成（通报只有附件页改变）：' : '已重新写入：');
  for (const name of r.written) lines.push(`  ${path.join(out, name)}`);
  if (r.history) lines.push(`上一版已移至 ${path.join(out, r.history)}${path.sep}`);
  // a hand edit of a generated annex is undone by writing it from the data again: said, with where it is kept
  for (const a of r.restored ?? []) {
    const kept = r.history ? `，手工改动的那份保存在 ${path.join(out, r.history, a.name)}` : '';
    lines.push(`注意：${a.label}（${a.name}）在上次生成后被手工改动过，已按数据重新写回${kept}。要保留其中的改动，请用 tongbao import 把那份文件导入数据。`);
  }
  return lines;
}
