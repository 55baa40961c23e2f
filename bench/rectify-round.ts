// A national-scale round for the rectify bench: about 20,000 failing units, each its own
// responsible unit (every account a 主办单位 of its own), so `rectify` writes about 20,000
// notices. Seeded: every run writes the same bytes.
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { rng } from './synthetic';

const PLACES = ['黔东南州', '凯里市', '丹寨县', '麻江县', '黄平县', '施秉县', '镇远县', '岑巩县', '三穗县', '天柱县', '锦屏县', '黎平县', '从江县', '榕江县', '雷山县', '台江县', '剑河县'];
const UNITS = ['发展和改革委员会', '科学技术局', '文体广电旅游局', '审计局', '林业局', '水务局', '农业农村局', '住房和城乡建设局', '生态环境局', '自然资源局', '财政局', '卫生健康局', '市场监督管理局', '司法局', '统计局', '应急管理局'];
const HANDLES = ['发布', '政务', '在线', '之声', '微政务', '资讯', '服务'];
const PROBLEMS = ['动态类栏目超过2周未更新6个', '空白栏目3个', '信息发布后短时间内频繁删稿'];

export interface RectifyScale {
  sites: number;
  accounts: number;
  /** chance that an account fails a month */
  monthFail: number;
}

/** 15,000 sites (5 % failing) and 150,000 accounts (about 13 % failing): about 20,000 failing units. */
export const RECTIFY_NATIONAL: RectifyScale = { sites: 15000, accounts: 150000, monthFail: 0.045 };

export function writeRectifyRound(dir: string, seedDir: string, scale: RectifyScale = RECTIFY_NATIONAL, seed = 20231123): { failing: number } {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'notice.yaml'), readFileSync(join(seedDir, 'notice.yaml'), 'utf8').replace(/\nfailing_order:\n(  - .*\n)+/, '\n'));
  let failing = 0;
  const sites: string[] = ['# 性能测试：全国规模的政府网站'];
  const dept = Math.round(scale.sites * 0.3);
  for (const [level, n, tag] of [['department', dept, 'zz'], ['county', scale.sites - dept, 'xs']] as const) {
    sites.push(`${level}:`);
    for (let i = 0; i < n; i++) {
      const bad = rand() < 0.05;
      failing += bad ? 1 : 0;
      sites.push(`  - name: ${pick(PLACES)}${pick(UNITS)}网站${tag}${i + 1}`, `    url: http://s${i + 1}.${tag}.gov.cn`, `    result: ${bad ? '不合格' : '合格'}`);
      if (bad) sites.push(`    problems: [${pick(PROBLEMS)}]`);
    }
  }
  writeFileSync(join(dir, 'sites.yaml'), sites.join('\n') + '\n');
  const acc: string[] = ['# 性能测试：全国规模的政务新媒体，每个账号的主办单位各不相同'];
  const share: Record<string, number> = { 'weibo.department': 0.2, 'weibo.county': 0.2, 'wechat.department': 0.3, 'wechat.county': 0.3 };
  for (const platform of ['weibo', 'wechat']) {
    acc.push(`${platform}:`);
    for (const level of ['department', 'county']) {
      acc.push(`  ${level}:`);
      const n = Math.round(scale.accounts * share[`${platform}.${level}`]);
      for (let i = 0; i < n; i++) {
        const place = pick(PLACES);
        const unit = pick(UNITS);
        const results = [0, 1, 2].map(() => (rand() < scale.monthFail ? '不合格' : '合格'));
        failing += results.includes('不合格') ? 1 : 0;
        const tag = `${platform === 'weibo' ? 'B' : 'C'}${level === 'county' ? 'X' : 'Z'}${i + 1}`;
        acc.push(`    - name: ${place}${unit.slice(0, 4)}${pick(HANDLES)}${tag}`, `      owner: ${place}${unit}${tag}`, `      results: [${results.join(', ')}]`);
        if (results.includes('不合格')) acc.push(`      problems: [${pick(PROBLEMS)}]`);
      }
    }
  }
  writeFileSync(join(dir, 'accounts.yaml'), acc.join('\n') + '\n');
  return { failing };
}
