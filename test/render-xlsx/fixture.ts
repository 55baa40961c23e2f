// A small hand-made report model: two site groups, four account sections, three
// months, a few failures with problems, and values that look like formulas.
import type { Annex2Section, DateText, ReportModel } from '../../src/aggregate/model';
import type { Result } from '../../src/types';
import { loadWording } from '../../src/aggregate/wording';

const WORDING = loadWording();

function date(iso: string): DateText {
  const [year, month, day] = iso.split('-').map(Number);
  return { iso, year, month, day, text: `${year}年${month}月${day}日`, monthDay: `${month}月${day}日` };
}

const H: Result = '合格';
const F: Result = '不合格';

export function smallModel(): ReportModel {
  const sections: Annex2Section[] = [
    {
      level: 'department',
      platform: 'weibo',
      ordinal: '（一）',
      title: '（一）州直部门政务微博更新情况',
      rows: [
        { seq: 1, name: '黔东南州生态环境局', owner: '黔东南州生态环境局', results: [F, H, H], service: false, problems: [] },
        { seq: 2, name: '=HYPERLINK("http://evil.example","点我")', owner: '+86 某某局', results: [H, H, H], service: false, problems: [] },
      ],
    },
    {
      level: 'department',
      platform: 'wechat',
      ordinal: '（二）',
      title: '（二）州直部门政务微信更新情况',
      rows: [
        {
          seq: 1,
          name: '黔东南民政',
          owner: '黔东南州民政局',
          results: [H, F, H],
          service: true,
          problems: ['9月更新8天，少于每月不少于4天的要求', '@SUM(1,2)'],
        },
      ],
    },
    {
      level: 'county',
      platform: 'weibo',
      ordinal: '（三）',
      title: '（三）县（市）政务微博更新情况',
      rows: [{ seq: 1, name: '岑巩县政务微博', owner: '岑巩县人民政府办公室', results: [H, H, F], service: false, problems: [] }],
    },
    {
      level: 'county',
      platform: 'wechat',
      ordinal: '（四）',
      title: '（四）县（市）政务微信更新情况',
      rows: [
        { seq: 1, name: '岑巩政务', owner: '岑巩县人民政府办公室', results: [H, H, H], service: false, problems: [] },
        { seq: 2, name: '从江县人民政府网', owner: '-从江县人民政府办公室', results: [F, H, F], service: false, problems: ['8月未更新'] },
      ],
    },
  ];
  return {
    title: '关于2023年第四季度全州政府网站和政务新媒体检查情况的通报',
    docNumber: null,
    issuer: '州政府政务信息中心',
    scope: '全州',
    recipients: '各县（市）人民政府办公室，州政府各部门、各直属机构办公室',
    levels: { department: '州直部门', county: '县（市）' },
    platformLabels: { weibo: '政务微博', wechat: '政务微信' },
    basis: [],
    round: { code: '2023-Q4', year: 2023, quarter: 4, quarterLabel: '第四季度', label: '2023年第四季度', issuedQuarterLabel: '第四季度' },
    inspection: { from: date('2023-11-15'), to: date('2023-11-20'), span: '2023年11月15至11月20日', coverage: '100%' },
    months: [8, 9, 10].map((m) => ({ key: `2023-${String(m).padStart(2, '0')}`, month: m, label: `${m}月`, column: `${m}月更新情况` })),
    issued: date('2023-11-23'),
    deadline: date('2023-11-28'),
    contact: { name: '顾思明', phone: '8235320' },
    problems: [],
    requirements: [],
    totals: {
      sites: { total: 3, department: 2, county: 1, failing: 1 },
      accounts: {
        total: 6,
        department: 3,
        county: 3,
        failing: 4,
        byPlatform: { weibo: { department: 2, county: 1 }, wechat: { department: 1, county: 2 } },
      },
    },
    failingSites: [],
    failingAccounts: [],
    annex1: {
      label: '附件1',
      title: '抽查网站名单及问题曝光情况',
      hasProblems: true,
      groups: [
        {
          level: 'department',
          title: '州直部门网站',
          rows: [
            { seq: 1, name: '州发展改革委', url: 'http://fgw.qdn.gov.cn/', result: H, problems: [] },
            { seq: 2, name: '州科技局', url: '=1+1', result: H, problems: [] },
          ],
        },
        {
          level: 'county',
          title: '县（市）政府网站',
          rows: [
            {
              seq: 1,
              name: '某县',
              url: 'http://www.example.gov.cn',
              result: F,
              problems: ['动态类栏目超过2周未更新6个', '-空白栏目3个'],
            },
          ],
        },
      ],
    },
    annex2: { label: '附件2', title: '抽查新媒体名单及问题曝光情况', hasProblems: true, sections },
    // column headings as the default templates/annexes.yaml words them
    columns: WORDING.columns,
    dataSheet: WORDING.dataSheet,
    emptyRow: WORDING.emptyRow,
  };
}

/** The small model grown to `perBlock` rows in every group and section: several printed pages. */
export function mediumModel(perBlock: number): ReportModel {
  const m = smallModel();
  for (const g of m.annex1.groups) {
    g.rows = Array.from({ length: perBlock }, (_, i) => ({
      seq: i + 1,
      name: `${g.title.slice(0, 2)}测试单位${i + 1}`,
      url: `http://site${i + 1}.example.gov.cn`,
      result: i % 7 === 3 ? F : H,
      problems: i % 7 === 3 ? ['动态类栏目超过2周未更新6个'] : [],
    }));
  }
  for (const s of m.annex2.sections) {
    s.rows = Array.from({ length: perBlock }, (_, i) => ({
      seq: i + 1,
      name: `测试账号${s.ordinal}${i + 1}`,
      owner: `黔东南州测试主办单位${i + 1}`,
      results: [H, i % 5 === 2 ? F : H, H],
      service: false,
      problems: i % 5 === 2 ? ['9月更新3天'] : [],
    }));
  }
  return m;
}
