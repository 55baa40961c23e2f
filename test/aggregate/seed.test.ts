// The seed round's model: the numbers the 2023-Q4 circular states.
import { loadModel } from '../../src/pipeline';
import { SEED_DIR } from '../support/round-fixture';
import { chineseNumber, ordinal } from '../../src/aggregate/chinese';
import { dateText, spanText } from '../../src/aggregate/dates';

describe('seed round 2023-Q4', () => {
  test('totals, failing lists, labels and dates', async () => {
    const m = await loadModel(SEED_DIR);
    expect(m.totals).toEqual({
      sites: { total: 50, department: 34, county: 16, failing: 0 },
      accounts: {
        total: 75,
        department: 43,
        county: 32,
        failing: 23,
        byPlatform: { weibo: { department: 10, county: 16 }, wechat: { department: 33, county: 16 } },
      },
    });
    expect(m.failingAccounts.slice(0, 4).map((f) => `${f.name}（${f.platformLabel}）`)).toEqual([
      '黔东南州生态环境局（政务微博）',
      '贵州省黔东南州文旅在线（政务微博）',
      '黔东南州自然资源局（政务微博）',
      '岑巩县政务微博（政务微博）',
    ]);
    // notice.yaml's failing_order keeps the circular's own order for these two
    const names = m.failingAccounts.map((f) => f.name);
    expect(names.indexOf('黔东南州机关事务管理局')).toBeLessThan(names.indexOf('黔东南统计'));
    expect(m.failingSites).toEqual([]);
    expect(m.round).toEqual({ code: '2023-Q4', year: 2023, quarter: 4, quarterLabel: '第四季度', label: '2023年第四季度', issuedQuarterLabel: '第四季度' });
    expect(m.months.map((x) => x.column)).toEqual(['8月更新情况', '9月更新情况', '10月更新情况']);
    expect(m.issued.text).toBe('2023年11月23日');
    expect(m.deadline.text).toBe('2023年11月28日');
    expect(m.inspection.span).toBe('2023年11月15至11月20日');
    expect(m.annex1.groups.map((g) => g.title)).toEqual(['州直部门网站', '县（市）政府网站']);
    expect(m.annex2.sections.map((s) => s.title)).toEqual([
      '（一）州直部门政务微博更新情况',
      '（二）州直部门政务微信更新情况',
      '（三）县（市）政务微博更新情况',
      '（四）县（市）政务微信更新情况',
    ]);
    expect(m.title).toBe('关于2023年第四季度全州政府网站和政务新媒体检查情况的通报');
  });
});

describe.each([
  [1, '一'],
  [10, '十'],
  [11, '十一'],
  [20, '二十'],
  [42, '四十二'],
])('chineseNumber(%i)', (n, want) => {
  test(want, () => expect(chineseNumber(n)).toBe(want));
});

test('ordinal', () => expect(ordinal(3)).toBe('（三）'));

describe.each([
  ['2023-11-15', '2023-11-20', '2023年11月15至11月20日'],
  ['2023-11-15', '2023-11-15', '2023年11月15日'],
  ['2023-12-28', '2024-01-03', '2023年12月28日至2024年1月3日'],
  ['2024-01-05', '2024-02-01', '2024年1月5至2月1日'],
])('spanText %s..%s', (a, b, want) => {
  test(want, () => expect(spanText(dateText(a), dateText(b))).toBe(want));
});
