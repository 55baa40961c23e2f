import { explainAccount } from '../../calendar';
import { UsageError } from '../../diagnostics';
import { loadValidated } from '../../pipeline';
import { LEVELS, PLATFORMS } from '../../types';
import { closest } from '../../validate/suggest';
import { expectPositional, stringFlag } from '../args';
import type { Command } from '../command';
import { SUMMARIES } from '../summaries';

export const explainCommand: Command = {
  name: 'explain',
  summary: SUMMARIES.explain,
  usage: `用法：tongbao explain DATA_DIR NAME [--platform weibo|wechat]

打印账号 NAME 每个检查月份的工作日日历（标出法定节假日“休”、调休上班日“班”和更新日期），
以及每条规则的判定和数字，让被通报单位能逐日核对。
同名账号既有微博又有微信时，用 --platform 指定一个；不指定则两个都打印。

退出状态：0 成功；1 数据有错误或找不到该账号；2 用法错误。`,
  valueFlags: ['platform'],
  async run(args, io) {
    const [dir, name] = expectPositional(args, ['DATA_DIR', 'NAME'], 'explain');
    const platformFlag = stringFlag(args, 'platform');
    if (platformFlag && !(PLATFORMS as readonly string[]).includes(platformFlag)) {
      throw new UsageError(`--platform 只能是 weibo 或 wechat，实际是“${platformFlag}”`);
    }
    const v = loadValidated(dir, io.cwd);
    const n = v.round.notice;
    const found = PLATFORMS.filter((p) => !platformFlag || p === platformFlag).flatMap((platform) =>
      LEVELS.flatMap((level) => v.round.accounts[platform][level].filter((a) => a.name === name).map((a) => ({ platform, a }))),
    );
    if (!found.length) {
      const names = PLATFORMS.flatMap((p) => LEVELS.flatMap((l) => v.round.accounts[p][l].map((a) => a.name)));
      const guess = closest(name, names);
      io.err(`${dir}：找不到名为“${name}”的政务新媒体账号${guess ? `；是不是“${guess}”？` : ''}（名称须与 accounts.yaml 中的 name 完全一致）`);
      return 1;
    }
    const { createWorkCalendar } = await import('../../calendar');
    const cal = v.calendar ?? createWorkCalendar();
    const texts = found.map(({ platform, a }) =>
      explainAccount(a.name, { owner: a.owner, platform, service: a.service, updates: a.updates, results: a.declared }, n.months, v.rules, cal),
    );
    io.out(texts.join('\n'));
    return 0;
  },
};
