// A national-scale round as YAML files (15,000 sites, 150,000 accounts), for the serve bench:
// the seed's notice.yaml without its failing_order (which names the seed's accounts), and
// generated sites.yaml / accounts.yaml of realistic shape. Seeded: every run writes the same bytes.
import { readFileSync, writeFileSync, mkdirSync } from 'fs';
import { join } from 'path';
import { rng } from './synthetic';
import type { Scale } from './synthetic';

const PLACES = ['黔东南州', '凯里市', '丹寨县', '麻江县', '黄平县', '施秉县', '镇远县', '岑巩县', '三穗县', '天柱县', '锦屏县', '黎平县', '从江县', '榕江县', '雷山县', '台江县', '剑河县'];
const UNITS = ['发展和改革委员会', '科学技术局', '文体广电旅游局', '审计局', '林业局', '水务局', '农业农村局', '住房和城乡建设局', '生态环境局', '自然资源局', '财政局', '卫生健康局', '市场监督管理局', '司法局', '统计局', '应急管理局'];
const HANDLES = ['发布', '政务', '在线', '之声', '微政务', '资讯', '服务'];
const PROBLEMS = ['动态类栏目超过2周未更新6个', '空白栏目3个', '信息发布后短时间内频繁删稿'];

/** The seed's 2023-Q4 notice moved to the next quarter (2024-Q1): round, title, months and dates. */
function nextQuarter(notice: string): string {
  const swaps: [string | RegExp, string][] = [
    [/2023年第四季度/g, '2024年第一季度'],
    ['round: 2023-Q4', 'round: 2024-Q1'],
    ['months: [2023-08, 2023-09, 2023-10]', 'months: [2023-11, 2023-12, 2024-01]'],
    ['from: 2023-11-15', 'from: 2024-02-19'],
    ['to: 2023-11-20', 'to: 2024-02-23'],
    ['issued: 2023-11-23', 'issued: 2024-02-26'],
    ['deadline: 2023-11-28', 'deadline: 2024-03-04'],
  ];
  for (const [from, to] of swaps) {
    const next = notice.replace(from, to);
    if (next === notice) throw new Error(`bench: the seed notice no longer has ${String(from)}`);
    notice = next;
  }
  return notice;
}

/**
 * Writes notice.yaml, sites.yaml and accounts.yaml into `dir`; the seed round gives the notice
 * (`quarter: 'next'`: moved to 2024-Q1, a round to compare with the 2023-Q4 one).
 */
export function writeNationalRound(dir: string, seedDir: string, scale: Scale, seed = 20231123, quarter: 'seed' | 'next' = 'seed'): void {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  // the next quarter: the same sites and accounts (names drawn from the same stream), their
  // results drawn afresh, as a real next round of the same units
  const other = rng(seed + 1);
  const draw = () => {
    const r = rand();
    return { seed: r, next: quarter === 'next' ? other() : r };
  };
  /** a problem for a failing unit: the seed's draw when the seed round has one there (keeping the stream in step) */
  const problem = (seedFailing: boolean) => (seedFailing ? pick(PROBLEMS) : null);
  const otherProblem = () => PROBLEMS[Math.floor(other() * PROBLEMS.length)];
  mkdirSync(dir, { recursive: true });
  const notice = readFileSync(join(seedDir, 'notice.yaml'), 'utf8').replace(/\nfailing_order:\n(  - .*\n)+/, '\n');
  writeFileSync(join(dir, 'notice.yaml'), quarter === 'next' ? nextQuarter(notice) : notice);

  const sites: string[] = ['# 性能测试：全国规模的政府网站'];
  const dept = Math.round(scale.sites * 0.3);
  for (const [level, n, tag] of [['department', dept, 'zz'], ['county', scale.sites - dept, 'xs']] as const) {
    sites.push(`${level}:`);
    for (let i = 0; i < n; i++) {
      const d = draw();
      const failing = d.next < 0.05;
      sites.push(`  - name: ${pick(PLACES)}${pick(UNITS)}网站${i + 1}`, `    url: http://s${i + 1}.${tag}.gov.cn`, `    result: ${failing ? '不合格' : '合格'}`);
      const p = problem(d.seed < 0.05);
      if (failing) sites.push(`    problems: [${p ?? otherProblem()}]`);
    }
  }
  writeFileSync(join(dir, 'sites.yaml'), sites.join('\n') + '\n');

  const acc: string[] = ['# 性能测试：全国规模的政务新媒体'];
  const share: Record<string, number> = { 'weibo.department': 0.2, 'weibo.county': 0.2, 'wechat.department': 0.3, 'wechat.county': 0.3 };
  for (const platform of ['weibo', 'wechat']) {
    acc.push(`${platform}:`);
    for (const level of ['department', 'county']) {
      acc.push(`  ${level}:`);
      const n = Math.round(scale.accounts * share[`${platform}.${level}`]);
      for (let i = 0; i < n; i++) {
        const place = pick(PLACES);
        const unit = pick(UNITS);
        const ds = [0, 1, 2].map(() => draw());
        const results = ds.map((d) => (d.next < 0.04 ? '不合格' : '合格'));
        acc.push(`    - name: ${place}${unit.slice(0, 4)}${pick(HANDLES)}${level === 'county' ? 'X' : 'Z'}${i + 1}`, `      owner: ${place}${unit}`, `      results: [${results.join(', ')}]`);
        const p = problem(ds.some((d) => d.seed < 0.04));
        if (results.includes('不合格')) acc.push(`      problems: [${p ?? otherProblem()}]`);
      }
    }
  }
  writeFileSync(join(dir, 'accounts.yaml'), acc.join('\n') + '\n');
}
