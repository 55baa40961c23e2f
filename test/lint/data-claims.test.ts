// contradicts-data: "all passed" statements and counts in typed prose against the data.
import * as path from 'path';
import { lintText } from '../../src/lint/lint-text';
import { numberOf } from '../../src/lint/rules/data-claims';
import type { DataCounts } from '../../src/lint/types';
import { cli } from '../support/cli';

/** 50 sites (州直部门 32, 县（市） 18), 20 微博 and 55 微信; failures as given. */
function counts(f: { sites?: [string, 'department' | 'county'][]; weibo?: string[]; wechat?: string[] } = {}): DataCounts {
  const c: DataCounts = {
    levels: { department: '州直部门', county: '县（市）' },
    sites: { department: { total: 32, failing: [] }, county: { total: 18, failing: [] } },
    accounts: { department: { total: 45, failing: [] }, county: { total: 30, failing: [] } },
    weibo: { department: { total: 10, failing: [] }, county: { total: 10, failing: [] } },
    wechat: { department: { total: 35, failing: [] }, county: { total: 20, failing: [] } },
  };
  for (const [name, level] of f.sites ?? []) c.sites[level].failing.push(name);
  for (const [p, names] of [['weibo', f.weibo ?? []], ['wechat', f.wechat ?? []]] as const) {
    for (const name of names) {
      c[p].department.failing.push(name);
      c.accounts.department.failing.push(name);
    }
  }
  return c;
}

const NONE = counts();
const ONE_SITE = counts({ sites: [['州科技局', 'department']] });
const ONE_COUNTY_SITE = counts({ sites: [['凯里市', 'county']] });
const ONE_WEIBO = counts({ weibo: ['黔东南民政'] });
const MANY = counts({ weibo: Array.from({ length: 7 }, (_, i) => `微博${i}`), wechat: Array.from({ length: 15 }, (_, i) => `微信${i}`) });

function found(text: string, c: DataCounts): string[] {
  return lintText(text, { facts: { counts: c } })
    .filter((f) => f.rule === 'contradicts-data')
    .map((f) => text.slice(f.start, f.end));
}

// [text, data, the claims reported (their text)]
const CASES: [string, DataCounts, string[]][] = [
  // all passed / none failed
  ['虽然各单位网站均为合格网站，但也存在栏目更新不及时等问题。', ONE_SITE, ['均为合格']],
  ['虽然各单位网站均为合格网站，但也存在栏目更新不及时等问题。', NONE, []],
  ['虽然各单位网站均为合格网站，但政务新媒体更新不及时。', ONE_WEIBO, []],
  ['全州政务新媒体全部合格。', ONE_WEIBO, ['全部合格']],
  ['政务微信均合格，政务微博有1个不合格。', ONE_WEIBO, []],
  ['政务微博均合格。', ONE_WEIBO, ['均合格']],
  ['经检查，未发现不合格政府网站。', ONE_SITE, ['未发现不合格']],
  ['经检查，未发现不合格政府网站。', ONE_WEIBO, []],
  ['本次检查没有不合格的网站和政务新媒体。', ONE_WEIBO, ['没有不合格']],
  ['县（市）网站均为合格。', ONE_SITE, []],
  ['县（市）网站均为合格。', ONE_COUNTY_SITE, ['均为合格']],
  ['州直部门网站均为合格。', ONE_SITE, ['均为合格']],
  ['各单位要确保网站全部合格。', ONE_SITE, []],
  ['上季度各单位网站均为合格。', ONE_SITE, []],
  ['网站并非全部合格。', ONE_SITE, []],
  ['各单位网站不都合格。', ONE_SITE, []],
  // counts
  ['本次检查发现23个政务新媒体不合格。', MANY, ['23个政务新媒体不合格']],
  ['本次检查发现22个政务新媒体不合格。', MANY, []],
  ['不合格政务新媒体23个。', MANY, ['不合格政务新媒体23个']],
  ['有不合格政务微博7个，不合格政务微信15个。', MANY, []],
  ['有不合格政务微博8个。', MANY, ['不合格政务微博8个']],
  ['抽查了50家网站。', NONE, []],
  ['抽查了49家网站。', NONE, ['抽查了49家网站']],
  ['政务微信、政务微博共有75个。', NONE, []],
  ['政务微信、政务微博共有76个。', NONE, ['政务微信、政务微博共有76个']],
  ['县（市）级政府网站18个，州直部门政府网站32个。', NONE, []],
  ['县（市）级政府网站共17个。', NONE, ['政府网站共17个']],
  ['县（市）级政府网站17个。', NONE, []],
  ['有3个网站存在空白栏目。', ONE_SITE, []],
  ['发现3个网站栏目长期未更新。', ONE_SITE, []],
  ['共有3个网站栏目长期未更新。', ONE_SITE, []],
  ['网站中有2个不合格。', ONE_SITE, ['网站中有2个不合格']],
  ['发现二十三个不合格政务新媒体。', MANY, ['二十三个不合格政务新媒体']],
  ['上季度有23个政务新媒体不合格。', MANY, []],
  ['超过5个（含5个）视为不合格网站。', ONE_SITE, []],
  ['连续5个工作日更新不少于2天。', MANY, []],
];

test.each(CASES)('%s', (text, c, want) => {
  expect(found(text, c)).toEqual(want);
});

test('without data (the data does not build) the rule says nothing', () => {
  expect(lintText('23个政务新媒体不合格，网站均为合格。', {}).filter((f) => f.rule === 'contradicts-data')).toEqual([]);
});

test('the message names the failing units and the computed count', () => {
  const [a] = lintText('各单位网站均为合格网站。', { facts: { counts: ONE_SITE } }).filter((f) => f.rule === 'contradicts-data');
  expect(a.message).toBe('这里说“均为合格”，但数据中有 1 个不合格的政府网站（州科技局）');
  const [b] = lintText('本次检查发现23个政务新媒体不合格。', { facts: { counts: MANY } }).filter((f) => f.rule === 'contradicts-data');
  expect(b.message).toBe('这里写的是 23 个，但数据中不合格的政务新媒体有 22 个');
  expect(b.suggestion).toBe('核对后改为 22 个');
});

test.each([
  ['23', 23],
  ['二十三', 23],
  ['十', 10],
  ['一百零五', 105],
  ['两', 2],
  ['x', null],
])('numberOf(%s) = %p', (s, n) => {
  expect(numberOf(s)).toBe(n);
});

describe('a round whose section 二 says every site passed while one failed', () => {
  const ROOT = path.join(__dirname, '..', '..');
  const DIR = path.join('test', 'lint', 'fixtures', 'narrative');

  test('lint reports both contradictions at their place in notice.yaml', async () => {
    const r = await cli(['lint', DIR], ROOT);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      `${DIR}/notice.yaml:64:104: [contradicts-data] 这里说“均为合格”，但数据中有 1 个不合格的政府网站（州科技局）（建议：改写这句话，或核对数据）\n` +
        `${DIR}/notice.yaml:66:17: [contradicts-data] 这里写的是 23 个，但数据中不合格的政务新媒体有 22 个（建议：核对后改为 22 个）\n`,
    );
  });

  test('build --strict refuses it; without --strict it is a warning', async () => {
    const strict = await cli(['build', DIR, '--out', '/nonexistent-tongbao-out', '--strict'], ROOT);
    expect(strict.code).toBe(1);
    expect(strict.err).toMatch(/警告: \[contradicts-data\] 这里说“均为合格”/);
    expect(strict.err).toMatch(/--strict：有 2 条校对意见，未生成任何文件。/);
  });
});
