import { displayPath } from '../../load/yaml-file';
import { UsageError } from '../../diagnostics';
import { isRealDate } from '../../validate/schema';
import { expectPositional, stringFlag } from '../args';
import type { Command } from '../command';
import { createProgress } from '../progress';
import { SUMMARIES } from '../summaries';

export const rectifyCommand: Command = {
  name: 'rectify',
  summary: SUMMARIES.rectify,
  usage: `用法：tongbao rectify DATA_DIR [--out OUT_DIR] [--as-of YYYY-MM-DD]

按 DATA_DIR 的数据，给本轮通报列为不合格的每个单位（网站按网站名称，政务新媒体按
主办单位）生成一份整改通知 .docx，列出它的不合格网站和账号、问题、不合格月份和
判定理由、整改时限和联系人；另生成整改台账 .xlsx（每个不合格网站或账号一行），
连同 manifest.json 写入 OUT_DIR/整改/（OUT_DIR 是本轮的输出文件夹，与 tongbao build
的 --out 相同，默认 out/<数据文件夹名>）；OUT_DIR 中的通报、附件等其他文件不动。

DATA_DIR 中可有 rectify.yaml，记录各单位报回的整改报告日期、整改情况和复查结果
（格式见 docs/rectify.md）；没有时台账中各单位均为“未报送”“未复查”。

  --out OUT_DIR        本轮的输出文件夹（整改文件写在其中的 整改/）
  --as-of YYYY-MM-DD   按这一天计算未报送单位是否逾期（台账“逾期”一列）；
                       不写时只按已报送的日期判断，未报送的单位“逾期”一栏留空，
                       同样的数据总是生成同样的文件

数据有错误时不写任何文件；整改/ 中已有按其他数据生成的整改文件时，先整套移入
整改/history/<n>/。rectify 只替换、移走自己生成过的文件（以 整改/manifest.json 为准）：
整改/ 中有别的命令或手工放入的同名文件时不写任何文件，说明是哪些文件。

退出状态：0 成功；1 数据有错误；2 用法错误或输出文件夹不能写。`,
  valueFlags: ['out', 'as-of'],
  async run(args, io) {
    const [dir] = expectPositional(args, ['DATA_DIR'], 'rectify');
    const asOf = stringFlag(args, 'as-of') ?? null;
    if (asOf !== null && !isRealDate(asOf)) throw new UsageError(`--as-of 应为 YYYY-MM-DD 形式的日期，实际是“${asOf}”`);
    const { rectify } = await import('../../rectify');
    const progress = createProgress(io);
    let r;
    try {
      r = await rectify({ dataDir: dir, cwd: io.cwd, outDir: stringFlag(args, 'out'), asOf, onStep: progress.step });
    } finally {
      progress.end();
    }
    const where = displayPath(r.outDir, io.cwd);
    const c = r.rectify.counts;
    const lines =
      r.status === 'unchanged'
        ? [`无变化：${where} 中的文件已按当前数据生成，未改动任何文件。`]
        : [`已生成 ${where}：整改通知 ${r.rectify.units.length} 份，整改台账 ${r.rectify.ledger.fileName}`];
    lines.push(`不合格网站和账号 ${c.items} 个（${c.units} 个单位）：按期报送 ${c.onTime}，逾期报送 ${c.late}，未报送 ${c.missing}；复查合格 ${c.passed}，不合格 ${c.failed}，未复查 ${c.notReviewed}`);
    if (r.history) lines.push(`上一版已移至 ${displayPath(r.outDir, io.cwd)}/${r.history}/`);
    io.out(lines.join('\n'));
    return 0;
  },
};
