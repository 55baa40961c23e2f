import * as fs from 'fs';
import * as path from 'path';
import { statedRound } from '../../compare/previous';
import { TREND_LABELS, trendChart, trendRows } from '../../compare/trend';
import type { TrendRow } from '../../compare/trend';
import { DataError, UsageError, formatDiagnostic } from '../../diagnostics';
import { displayPath } from '../../load/yaml-file';
import { annexWording, loadValidated } from '../../pipeline';
import { trendSvg } from '../../render/svg/trend';
import type { JudgedRound, Level } from '../../types';
import { ensureDir, writeFileAtomic } from '../../write/atomic';
import { stringFlag } from '../args';
import type { Command } from '../command';
import { table } from '../table';
import { changeCell } from './compare';
import { SUMMARIES } from '../summaries';

export const DEFAULT_SVG = path.join('out', '合格率趋势.svg');

function pct(t: string | null): string {
  return t === null ? '—' : `${t}%`;
}

export function formatTrend(rows: TrendRow[], levels: Record<Level, string>, platforms: { weibo: string; wechat: string }): string {
  const head = ['轮次', '文件夹', '总体', '政府网站', platforms.weibo, platforms.wechat, levels.department, levels.county, '总体变化', '连续不合格', '已整改'];
  const body = rows.map((r) => [
    r.label,
    r.dir,
    pct(r.rates.all.overall.text),
    pct(r.rates.sites.overall.text),
    pct(r.rates.weibo.overall.text),
    pct(r.rates.wechat.overall.text),
    pct(r.rates.all.department.text),
    pct(r.rates.all.county.text),
    r.comparison ? changeCell(r.comparison.rates.all.overall.change) : '—',
    r.comparison ? `${r.comparison.repeatFailing.length}` : '—',
    r.comparison ? `${r.comparison.rectified.length}` : '—',
  ]);
  return table([head, ...body], ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'right', 'right']);
}

export const trendCommand: Command = {
  name: 'trend',
  summary: SUMMARIES.trend,
  usage: `用法：tongbao trend DATA_ROOT [--svg FILE] [--json]

DATA_ROOT 下每个含 notice.yaml 的文件夹是一轮，按其 round（轮次）排列，打印各轮的合格率
（总体、政府网站、政务微博、政务微信、两级单位）、总体合格率比前一轮的变化、连续两轮不合格和
已整改合格的单位数；并把合格率趋势图写成 SVG 文件（可用浏览器打开，或插入 Word/WPS）。
数据有错的轮次给出警告，不计入。

  --svg FILE  趋势图的位置（缺省 ${DEFAULT_SVG}，相对当前文件夹）
  --json      以 JSON 输出各轮的数字（字段见 docs/compare.md）

退出状态：0 完成；1 没有一轮数据可用；2 用法错误（DATA_ROOT 不是文件夹等）。`,
  valueFlags: ['svg'],
  booleanFlags: ['json'],
  async run(args, io) {
    if (args.positional.length !== 1) throw new UsageError(args.positional.length ? `多余的参数：${args.positional.slice(1).join(' ')}` : '缺少参数 DATA_ROOT（用法：tongbao trend DATA_ROOT）');
    const root = path.resolve(io.cwd, args.positional[0]);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`找不到文件夹 ${args.positional[0]}`);
    const folders = fs
      .readdirSync(root)
      .sort()
      .map((n) => path.join(root, n))
      .filter((d) => fs.statSync(d, { throwIfNoEntry: false })?.isDirectory() && fs.existsSync(path.join(d, 'notice.yaml')));

    // one folder per round: a second folder stating the same round (a copy) makes that round unusable
    const byRound = new Map<string, string[]>();
    const unknown: string[] = [];
    for (const d of folders) {
      const r = statedRound(d);
      if (r === null) unknown.push(d);
      else byRound.set(r, [...(byRound.get(r) ?? []), d]);
    }
    const shown = (d: string) => displayPath(d, io.cwd);
    const rounds: { dir: string; round: JudgedRound }[] = [];
    for (const d of unknown) io.err(`警告：${shown(d)} 的 notice.yaml 没有可读的 round（轮次），未计入`);
    for (const [r, dirs] of [...byRound].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (dirs.length > 1) {
        io.err(`警告：${dirs.map(shown).join('、')} 都是 ${r}，不知道用哪个，这一轮未计入（请移走多余的副本）`);
        continue;
      }
      try {
        rounds.push({ dir: shown(dirs[0]), round: loadValidated(dirs[0], io.cwd, { previous: false }).round });
      } catch (e) {
        if (!(e instanceof DataError)) throw e;
        const errors = e.diagnostics.filter((x) => x.severity === 'error');
        io.err(`警告：${shown(dirs[0])}（${r}）的数据有 ${errors.length} 处错误，未计入；第一处：${formatDiagnostic(errors[0])}`);
      }
    }
    if (rounds.length === 0) {
      io.err(`tongbao trend：${args.positional[0]} 下没有可用的一轮数据（每轮一个文件夹，含 notice.yaml、sites.yaml、accounts.yaml）`);
      return 1;
    }

    const w = annexWording();
    const rows = trendRows(rounds, w.platforms);
    const svg = trendSvg(trendChart(rows, { ...TREND_LABELS, ...w.platforms }));
    const svgPath = path.resolve(io.cwd, stringFlag(args, 'svg') ?? DEFAULT_SVG);
    ensureDir(path.dirname(svgPath));
    writeFileAtomic(svgPath, svg);

    const last = rows[rows.length - 1];
    const levels = rounds.find((r) => r.round.notice.round === last.round)!.round.notice.levels;
    if (args.flags.json) {
      io.out(JSON.stringify({ rounds: rows, svg: shown(svgPath) }, null, 2));
    } else {
      io.out(`${formatTrend(rows, levels, w.platforms)}\n\n趋势图已写入 ${shown(svgPath)}`);
    }
    return 0;
  },
};
