// A small hand-made report model (not the seed): 3 + 2 sites, 5 accounts, two months, its own
// round and dates. `fixtureModel()` derives totals, failing lists and annexes from a compact
// spec, so every variant is consistent the way the aggregate stage would make it.
import type { DateText, FailingAccount, ReportModel } from '../../src/aggregate/model';
import type { JudgedRound, Level, Platform, Result } from '../../src/types';
import { loadWording } from '../../src/aggregate/wording';
import { compareRounds, roundRates, unitsOf } from '../../src/compare/compare';

const WORDING = loadWording();

export interface SiteSpec {
  name: string;
  url: string;
  result: Result;
  problems?: string[];
}

export interface AccountSpec {
  name: string;
  owner: string;
  results: Result[];
  problems?: string[];
}

export interface FixtureSpec {
  sites: Record<Level, SiteSpec[]>;
  accounts: Record<Platform, Record<Level, AccountSpec[]>>;
  docNumber?: string | null;
  coverage?: string;
  contactName?: string;
  /** the comparison with a previous round (2024-Q1) given as a spec of its own */
  compare?: { paragraph: boolean; annexColumn: boolean; previous: FixtureSpec | null };
}

/** A spec as the comparison stage sees a round. */
function judgedOf(spec: FixtureSpec, round: string, months: string[]): JudgedRound {
  const accounts = Object.fromEntries(
    (['weibo', 'wechat'] as Platform[]).map((p) => [
      p,
      Object.fromEntries((['department', 'county'] as Level[]).map((l) => [l, spec.accounts[p][l].map((a) => ({ ...a, reasons: a.results.map(() => []) }))])),
    ]),
  );
  return { notice: { round, months }, sites: spec.sites, accounts } as unknown as JudgedRound;
}

const LEVEL_NAMES: Record<Level, string> = { department: '市直部门', county: '区（县）' };
const PLATFORM_LABELS: Record<Platform, string> = { weibo: '政务微博', wechat: '政务微信' };
const ORDINALS = ['（一）', '（二）', '（三）', '（四）'];
const MONTHS = [
  { key: '2024-04', month: 4, label: '4月', column: '4月更新情况' },
  { key: '2024-05', month: 5, label: '5月', column: '5月更新情况' },
];

function date(iso: string): DateText {
  const [year, month, day] = iso.split('-').map(Number);
  return { iso, year, month, day, text: `${year}年${month}月${day}日`, monthDay: `${month}月${day}日` };
}

export const BASE_SPEC: FixtureSpec = {
  sites: {
    department: [
      { name: '市教育局', url: 'http://jyj.example.gov.cn', result: '合格' },
      { name: '市交通局', url: 'http://jtj.example.gov.cn/', result: '合格' },
      { name: '市农业局', url: 'http://nyj.example.gov.cn', result: '合格' },
    ],
    county: [
      { name: '东山区', url: 'http://www.dongshan.example.gov.cn', result: '合格' },
      { name: '西河县', url: 'http://www.xihe.example.gov.cn', result: '合格' },
    ],
  },
  accounts: {
    weibo: {
      department: [
        { name: '教育发布', owner: '市教育局', results: ['不合格', '合格'] },
        { name: '交通微博', owner: '市交通局', results: ['合格', '合格'] },
      ],
      county: [{ name: '东山发布', owner: '东山区人民政府办公室', results: ['合格', '合格'] }],
    },
    wechat: {
      department: [{ name: '农业资讯', owner: '市农业局', results: ['合格', '不合格'] }],
      county: [{ name: '西河政务', owner: '西河县人民政府办公室', results: ['合格', '合格'] }],
    },
  },
};

const LEVELS: Level[] = ['department', 'county'];
const PLATFORMS: Platform[] = ['weibo', 'wechat'];

export function fixtureModel(spec: FixtureSpec = BASE_SPEC): ReportModel {
  const failingSites = LEVELS.flatMap((level) =>
    spec.sites[level]
      .filter((s) => s.result === '不合格')
      .map((s) => ({ name: s.name, url: s.url, level, levelName: LEVEL_NAMES[level], problems: s.problems ?? [] })),
  );
  const failingAccounts: FailingAccount[] = PLATFORMS.flatMap((platform) =>
    LEVELS.flatMap((level) =>
      spec.accounts[platform][level]
        .filter((a) => a.results.includes('不合格'))
        .map((a) => ({
          name: a.name,
          owner: a.owner,
          platform,
          platformLabel: PLATFORM_LABELS[platform],
          level,
          levelName: LEVEL_NAMES[level],
          failingMonths: MONTHS.filter((_, i) => a.results[i] === '不合格').map((m) => m.label),
        })),
    ),
  );
  const count = (level: Level) => PLATFORMS.reduce((n, p) => n + spec.accounts[p][level].length, 0);
  const sections = LEVELS.flatMap((level) => PLATFORMS.map((platform) => ({ level, platform })));
  const allSites = LEVELS.flatMap((l) => spec.sites[l]);
  const allAccounts = PLATFORMS.flatMap((p) => LEVELS.flatMap((l) => spec.accounts[p][l]));
  return {
    title: '关于2024年第二季度全市政府网站和政务新媒体检查情况的通报',
    docNumber: spec.docNumber ?? null,
    issuer: '市政府办公室',
    scope: '全市',
    recipients: '各区（县）人民政府，市政府各部门',
    levels: LEVEL_NAMES,
    platformLabels: PLATFORM_LABELS,
    basis: [
      { title: '政府网站与政务新媒体检查指标', number: null },
      { title: '关于加强政府网站监管的通知', number: '某政办发〔2024〕3号' },
    ],
    round: { code: '2024-Q2', year: 2024, quarter: 2, quarterLabel: '第二季度', label: '2024年第二季度', issuedQuarterLabel: '第二季度' },
    inspection: { from: date('2024-06-03'), to: date('2024-06-07'), span: '2024年6月3至6月7日', coverage: spec.coverage ?? '100%' },
    months: MONTHS,
    issued: date('2024-06-14'),
    deadline: date('2024-06-21'),
    contact: { name: spec.contactName ?? '王明', phone: '1234567' },
    problems: [
      { heading: '更新不及时。', text: '个别栏目长期未更新。' },
      { heading: '审核不严格。', text: '存在错别字。' },
    ],
    requirements: [{ heading: '加强日常管理。', text: '各单位要明确专人负责。' }],
    totals: {
      sites: {
        total: allSites.length,
        department: spec.sites.department.length,
        county: spec.sites.county.length,
        failing: failingSites.length,
      },
      accounts: {
        total: count('department') + count('county'),
        department: count('department'),
        county: count('county'),
        failing: failingAccounts.length,
        byPlatform: {
          weibo: { department: spec.accounts.weibo.department.length, county: spec.accounts.weibo.county.length },
          wechat: { department: spec.accounts.wechat.department.length, county: spec.accounts.wechat.county.length },
        },
      },
    },
    failingSites,
    failingAccounts,
    annex1: {
      label: '附件1',
      title: '抽查网站名单及问题曝光情况',
      hasProblems: allSites.some((s) => (s.problems ?? []).length > 0),
      groups: LEVELS.map((level) => ({
        level,
        title: level === 'department' ? `${LEVEL_NAMES[level]}网站` : `${LEVEL_NAMES[level]}政府网站`,
        rows: spec.sites[level].map((s, i) => ({ seq: i + 1, name: s.name, url: s.url, result: s.result, problems: s.problems ?? [] })),
      })),
    },
    annex2: {
      label: '附件2',
      title: '抽查新媒体名单及问题曝光情况',
      hasProblems: allAccounts.some((a) => (a.problems ?? []).length > 0),
      sections: sections.map(({ level, platform }, k) => ({
        level,
        platform,
        ordinal: ORDINALS[k],
        title: `${ORDINALS[k]}${LEVEL_NAMES[level]}${PLATFORM_LABELS[platform]}更新情况`,
        rows: spec.accounts[platform][level].map((a, i) => ({
          seq: i + 1,
          name: a.name,
          owner: a.owner,
          results: a.results,
          service: false,
          problems: a.problems ?? [],
        })),
      })),
    },
    // column headings as the default templates/annexes.yaml words them
    columns: WORDING.columns,
    dataSheet: WORDING.dataSheet,
    emptyRow: WORDING.emptyRow,
    ...comparisonOf(spec),
  };
}

function comparisonOf(spec: FixtureSpec): Partial<ReportModel> {
  if (!spec.compare) return {};
  const months = MONTHS.map((m) => m.key);
  const current = judgedOf(spec, '2024-Q2', months);
  const previous = spec.compare.previous ? judgedOf(spec.compare.previous, '2024-Q1', months) : null;
  return {
    passRates: roundRates(unitsOf(current, PLATFORM_LABELS)),
    comparison: previous ? compareRounds(previous, current, PLATFORM_LABELS) : null,
    compare: { paragraph: spec.compare.paragraph, annexColumn: spec.compare.annexColumn && !!previous },
  };
}

/** BASE_SPEC with edits: a deep copy the test may change freely. */
export function spec(edit: (s: FixtureSpec) => void = () => {}): FixtureSpec {
  const s = JSON.parse(JSON.stringify(BASE_SPEC)) as FixtureSpec;
  edit(s);
  return s;
}

/** Every account passing. */
export function allAccountsPass(s: FixtureSpec): void {
  for (const p of PLATFORMS) for (const l of LEVELS) for (const a of s.accounts[p][l]) a.results = a.results.map(() => '合格');
}
