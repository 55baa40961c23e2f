import { modelOf, loadValidated } from '../../pipeline';
import { expectPositional } from '../args';
import type { Command } from '../command';
import { printDiagnostics, summary } from '../report';

export const checkCommand: Command = {
  name: 'check',
  summary: '检查一轮数据，列出合计与不合格名单（不生成文件）',
  usage: `用法：tongbao check DATA_DIR

检查 DATA_DIR 中的 notice.yaml、sites.yaml、accounts.yaml：格式、必填字段、结果取值、
月份、日期、重复名称和网址等。全部问题一次列出，格式为 文件:行:列: 错误: 说明。
数据无误时打印网站与新媒体合计（按级别、平台）和不合格名单（含按更新日期判定的原因）。

退出状态：0 数据无误；1 数据有错误；2 用法错误。`,
  async run(args, io) {
    const [dir] = expectPositional(args, ['DATA_DIR'], 'check');
    const v = loadValidated(dir, io.cwd);
    const model = modelOf(v);
    printDiagnostics(io, v.warnings);
    io.out(`数据无误：${dir}\n`);
    io.out(summary(model));
    return 0;
  },
};
