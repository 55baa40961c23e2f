import { modelOf, loadValidated } from '../../pipeline';
import { expectPositional, stringFlag } from '../args';
import { UsageError } from '../../diagnostics';
import { overdueWarnings, today } from '../../rectify/overdue';
import { isRealDate } from '../../validate/schema';
import type { Command } from '../command';
import { printDiagnostics, summary } from '../report';
import type { Comparison } from '../../compare/compare';
import { displayPath } from '../../load/yaml-file';
import { changeCell } from './compare';
import { SUMMARIES } from '../summaries';

/** Which round this one was compared with, and the headline figures (details: tongbao compare). */
function comparisonLine(c: Comparison, dir: string, current: string): string {
  const all = c.rates.all.overall;
  const pct = (t: string | null) => (t === null ? '—' : `${t}%`);
  return (
    `\n与上一轮 ${c.previous.label}（${dir}）比较：总体合格率 ${pct(all.previous.text)} → ${pct(all.current.text)}（${changeCell(all.change)}）；` +
    `${c.adjacent ? '连续两个季度' : '两轮都'}不合格 ${c.repeatFailing.length} 个，已整改合格 ${c.rectified.length} 个（详见 tongbao compare ${dir} ${current}）`
  );
}

export const checkCommand: Command = {
  name: 'check',
  summary: SUMMARIES.check,
  usage: `用法：tongbao check DATA_DIR [--as-of YYYY-MM-DD]

检查 DATA_DIR 中的 notice.yaml、sites.yaml、accounts.yaml：格式、必填字段、结果取值、
月份、日期、重复名称和网址等。全部问题一次列出，格式为 文件:行:列: 错误: 说明。
数据无误时打印网站与新媒体合计（按级别、平台）和不合格名单（含按更新日期判定的原因）。
有 rectify.yaml 时一并检查，并对过了整改时限仍未报送整改情况的单位给出警告
（按 --as-of 这一天计算，不写时按今天）。文件夹中不读取的 YAML 文件（写错名的
calendar.yml、terms.yaml.txt，副本 sites (2).yaml 等）在该文件处给出警告。

退出状态：0 数据无误；1 数据有错误；2 用法错误。`,
  valueFlags: ['as-of'],
  async run(args, io) {
    const [dir] = expectPositional(args, ['DATA_DIR'], 'check');
    const asOf = stringFlag(args, 'as-of');
    if (asOf !== undefined && !isRealDate(asOf)) throw new UsageError(`--as-of 应为 YYYY-MM-DD 形式的日期，实际是“${asOf}”`);
    const v = loadValidated(dir, io.cwd);
    // The values the quick reader read are held weakly once validated (for proofreading, which
    // check does not do), and a WeakRef keeps its value until the current task ends: end it
    // here, so that a 100 MB accounts.yaml's values (about 240 MB) can go before the model is made.
    await new Promise((resolve) => setImmediate(resolve));
    const model = modelOf(v);
    // rectify.yaml, when the round has one: checked, and overdue units warned about
    printDiagnostics(io, [...v.warnings, ...overdueWarnings(v, model, io.cwd, asOf ?? today())]);
    io.out(`数据无误：${dir}\n`);
    io.out(summary(model));
    if (model.comparison && v.previous) io.out(comparisonLine(model.comparison, displayPath(v.previous.dir, io.cwd), dir));
    return 0;
  },
};
