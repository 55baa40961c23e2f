import * as path from 'path';
import { regenerateAnnexes } from '../../handoff/annexes';
import type { AnnexesResult } from '../../handoff/annexes';
import { displayPath } from '../../load/yaml-file';
import { expectPositional, stringFlag } from '../args';
import type { Command } from '../command';
import { createProgress } from '../progress';

export const annexesCommand: Command = {
  name: 'annexes',
  summary: '数据更正后只重新生成附件1、附件2（通报内容会变时不写文件，退出状态 3）',
  usage: `用法：tongbao annexes DATA_DIR [--out OUT_DIR]

单位来电更正（网址、主办单位、问题说明等）后，按 DATA_DIR 的新数据只重新生成
两个附件表格，通报文件保持不动。OUT_DIR（默认 out/<数据文件夹名>）须已由
tongbao build 生成过。

如果更正会改变通报所写的内容（合计数、不合格名单、日期、标题、依据等，以及
通报附件页上印的附件表格），不写任何文件，逐条列出通报将有哪些不同（如“不合格
政务新媒体 23 → 22：黔东南商务（政务微信） 不再列入”“通报附件1 第 3 行：网址 … → …”），
请改用 tongbao build。附件表格印在通报里时（不超过 2,000 行），名称、网址、结果、
问题的更正都会改变通报。
否则改写两个附件和 manifest.json，上一版整套移入 OUT_DIR/history/<n>/。

退出状态：0 已更新或无变化；1 数据有错误、尚未生成过或通报文件缺失/被改动；
2 用法错误；3 通报内容会改变（未写入任何文件）。`,
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
        io.err('这次更正会改变通报正文，未写入任何文件。通报将有以下不同：');
        for (const d of r.differences) io.err(`  ${d}`);
        io.err('请运行 tongbao build 重新生成通报和附件。');
        return 3;
      case 'unchanged':
        io.out(`无变化：${out} 中的附件已按当前数据生成，未改动任何文件。`);
        return 0;
      case 'written':
        io.out(`通报正文所写内容未变（合计、名单、日期均相同），已重新生成附件：`);
        for (const n of r.written) io.out(`  ${path.join(out, n)}`);
        if (r.history) io.out(`上一版已移至 ${path.join(out, r.history)}${path.sep}`);
        io.out('通报文件未改动（它所写的内容，包括附件页，与新数据一致）。');
        return 0;
    }
  },
};
