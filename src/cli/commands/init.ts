import { initRound, roundLabel } from '../../init';
import { displayPath } from '../../load/yaml-file';
import { expectPositional, stringFlag } from '../args';
import type { Command } from '../command';
import { UsageError } from '../../diagnostics';
import { SUMMARIES } from '../summaries';

export const initCommand: Command = {
  name: 'init',
  summary: SUMMARIES.init,
  usage: `用法：tongbao init NEW_DIR --from PREV_DIR [--round 2024-Q1]

以上一季度的数据文件夹 PREV_DIR 为底稿，新建本季度的数据文件夹 NEW_DIR：
  · 网站和政务新媒体名单原样沿用（名称、网址、主办单位、服务号、分组和顺序）；
  · 各网站的检查结果、各账号的月度结果、问题曝光情况、发布日期清空为 ~（待填写）；
  · 轮次、检查月份（本季度的三个月）、标题中的季度按新季度填好；
  · 检查日期、成文日期、整改截止日期、发文字号标为“~  # 待填写”；
  · 注释、存在的问题、下步要求原样保留，供修改；上季度的 failing_order 删去。
然后运行 tongbao check NEW_DIR，逐项列出还需填写的内容（文件:行:列），并按类汇总。

  --from PREV_DIR  上一季度的数据文件夹（必填）
  --round YYYY-Qn  新季度，缺省为 PREV_DIR 的下一季度；须在 PREV_DIR 的季度之后

NEW_DIR 要与 PREV_DIR 并列：是 PREV_DIR、在它里面或包含它时拒绝（退出状态 2）。
NEW_DIR 已存在且不是空文件夹时不做任何事（退出状态 2），不会覆盖已有数据；
空文件夹（只有 desktop.ini、Thumbs.db、.DS_Store 也算）直接使用。

退出状态：0 已新建；1 PREV_DIR 的数据有错误或无法写入；2 用法错误或 NEW_DIR 已存在。`,
  valueFlags: ['from', 'round'],
  async run(args, io) {
    const [dir] = expectPositional(args, ['NEW_DIR'], 'init');
    const from = stringFlag(args, 'from');
    if (!from) throw new UsageError('缺少 --from PREV_DIR（上一季度的数据文件夹），例如 tongbao init data/2024-q1 --from data/2023-q4');
    const r = initRound(dir, from, stringFlag(args, 'round'), io.cwd);
    const shown = displayPath(r.dir, io.cwd);
    io.out(`已新建 ${shown}：${roundLabel(r.round)}，检查月份 ${r.months.join('、')}`);
    io.out(`  名单沿用 ${from}：政府网站 ${r.sites} 个，政务新媒体 ${r.accounts} 个${r.copied.length ? `；另复制了 ${r.copied.join('、')}` : ''}`);
    io.out(`下一步：填写各项结果和日期（~ 表示待填写），再运行 tongbao check ${shown} 查看还需填写的内容。`);
    return 0;
  },
};
