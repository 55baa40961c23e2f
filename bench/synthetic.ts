// A synthetic national-scale round, built directly as a ReportModel (no YAML): names
// of realistic length, about one account in eight failing with problems, seeded so
// every run writes the same workbook.
import type { Annex1Group, Annex2Section, DateText, ReportModel } from '../src/aggregate/model';
import type { Level, Platform, Result } from '../src/types';
import { loadWording } from '../src/aggregate/wording';

const WORDING = loadWording();

/** mulberry32: a small seeded generator, so every run makes the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = ['黔东南州', '凯里市', '丹寨县', '麻江县', '黄平县', '施秉县', '镇远县', '岑巩县', '三穗县', '天柱县', '锦屏县', '黎平县', '从江县', '榕江县', '雷山县', '台江县', '剑河县'];
const UNITS = ['发展和改革委员会', '科学技术局', '文体广电旅游局', '审计局', '民族宗教事务委员会', '林业局', '水务局', '农业农村局', '住房和城乡建设局', '生态环境局', '自然资源局', '人力资源和社会保障局', '财政局', '工业和信息化局', '公共资源交易中心', '卫生健康局', '市场监督管理局', '司法局', '统计局', '应急管理局'];
const HANDLES = ['发布', '政务', '在线', '之声', '微政务', '资讯', '服务'];
const PROBLEMS = ['动态类栏目超过2周未更新6个', '空白栏目3个', '信息发布后短时间内频繁删稿', '更新天数少于每月不少于8天的要求', '连续5个工作日更新不足2天'];

function date(iso: string): DateText {
  const [year, month, day] = iso.split('-').map(Number);
  return { iso, year, month, day, text: `${year}年${month}月${day}日`, monthDay: `${month}月${day}日` };
}

export interface Scale {
  sites: number;
  accounts: number;
}

export const NATIONAL: Scale = { sites: 15000, accounts: 150000 };

export function syntheticModel(scale: Scale, seed = 20231123): ReportModel {
  const rand = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const months = [8, 9, 10].map((m) => ({ key: `2023-${String(m).padStart(2, '0')}`, month: m, label: `${m}月`, column: `${m}月更新情况` }));
  const levels: Record<Level, string> = { department: '州直部门', county: '县（市）' };
  const platformLabels: Record<Platform, string> = { weibo: '政务微博', wechat: '政务微信' };

  const someProblems = (): string[] => (rand() < 0.5 ? [pick(PROBLEMS)] : [pick(PROBLEMS), pick(PROBLEMS)]);

  const siteCounts: Record<Level, number> = { department: Math.round(scale.sites * 0.3), county: 0 };
  siteCounts.county = scale.sites - siteCounts.department;
  const groups: Annex1Group[] = (['department', 'county'] as Level[]).map((level) => ({
    level,
    title: level === 'department' ? '州直部门网站' : '县（市）政府网站',
    rows: Array.from({ length: siteCounts[level] }, (_, i) => {
      const failing = rand() < 0.05;
      return {
        seq: i + 1,
        name: `${pick(PLACES)}${pick(UNITS)}${i + 1}`,
        url: `http://site${i + 1}.${level === 'department' ? 'zz' : 'xs'}${Math.floor(rand() * 900 + 100)}.gov.cn`,
        result: (failing ? '不合格' : '合格') as Result,
        problems: failing ? someProblems() : [],
      };
    }),
  }));

  const order: [Level, Platform, string][] = [
    ['department', 'weibo', '（一）'],
    ['department', 'wechat', '（二）'],
    ['county', 'weibo', '（三）'],
    ['county', 'wechat', '（四）'],
  ];
  const share = [0.2, 0.3, 0.2, 0.3];
  let left = scale.accounts;
  const sections: Annex2Section[] = order.map(([level, platform, ordinal], k) => {
    const n = k === order.length - 1 ? left : Math.round(scale.accounts * share[k]);
    left -= n;
    return {
      level,
      platform,
      ordinal,
      title: `${ordinal}${levels[level]}${platformLabels[platform]}更新情况`,
      rows: Array.from({ length: n }, (_, i) => {
        const place = pick(PLACES);
        const unit = pick(UNITS);
        const results = months.map((): Result => (rand() < 0.04 ? '不合格' : '合格'));
        const failing = results.includes('不合格');
        return {
          seq: i + 1,
          name: `${place}${unit.slice(0, 4)}${pick(HANDLES)}${i + 1}`,
          owner: `${place}${unit}`,
          results,
          service: rand() < 0.1,
          problems: failing ? someProblems() : [],
        };
      }),
    };
  });

  const count = (level: Level, platform: Platform) => sections.find((s) => s.level === level && s.platform === platform)!.rows.length;
  const failingSites = groups.reduce((a, g) => a + g.rows.filter((r) => r.result === '不合格').length, 0);
  const failingAccounts = sections.reduce((a, s) => a + s.rows.filter((r) => r.results.includes('不合格')).length, 0);
  return {
    title: '关于2023年第四季度全国政府网站和政务新媒体检查情况的通报（性能测试）',
    docNumber: null,
    issuer: '性能测试数据',
    scope: '全国',
    recipients: '各单位',
    levels,
    platformLabels,
    basis: [],
    round: { code: '2023-Q4', year: 2023, quarter: 4, quarterLabel: '第四季度', label: '2023年第四季度', issuedQuarterLabel: '第四季度' },
    inspection: { from: date('2023-11-15'), to: date('2023-11-20'), span: '2023年11月15至11月20日', coverage: '100%' },
    months,
    issued: date('2023-11-23'),
    deadline: date('2023-11-28'),
    contact: { name: '测试', phone: '0000000' },
    problems: [],
    requirements: [],
    totals: {
      sites: { total: scale.sites, department: siteCounts.department, county: siteCounts.county, failing: failingSites },
      accounts: {
        total: scale.accounts,
        department: count('department', 'weibo') + count('department', 'wechat'),
        county: count('county', 'weibo') + count('county', 'wechat'),
        failing: failingAccounts,
        byPlatform: {
          weibo: { department: count('department', 'weibo'), county: count('county', 'weibo') },
          wechat: { department: count('department', 'wechat'), county: count('county', 'wechat') },
        },
      },
    },
    // the annexes do not read these lists; the notice would
    failingSites: [],
    failingAccounts: [],
    annex1: { label: '附件1', title: '抽查网站名单及问题曝光情况', hasProblems: failingSites > 0, groups },
    annex2: { label: '附件2', title: '抽查新媒体名单及问题曝光情况', hasProblems: failingAccounts > 0, sections },
    // column headings as the default templates/annexes.yaml words them
    columns: WORDING.columns,
    dataSheet: WORDING.dataSheet,
    emptyRow: WORDING.emptyRow,
  };
}
