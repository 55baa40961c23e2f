// failing_order orders the failing list; it never has to be kept in step with corrections.
import { applyOrder } from '../../src/aggregate/aggregate';
import type { FailingAccount } from '../../src/aggregate/model';
import { loadModel } from '../../src/pipeline';
import { cli } from '../support/cli';
import { roundCopy } from '../support/round-fixture';

const f = (name: string): FailingAccount => ({
  name,
  owner: '',
  platform: 'weibo',
  platformLabel: '政务微博',
  level: 'department',
  levelName: '州直部门',
  failingMonths: [],
});
const names = (l: FailingAccount[]) => l.map((x) => x.name).join('');

describe.each([
  ['abcd', undefined, 'abcd'],
  ['abcd', ['b', 'a', 'd', 'c'], 'badc'],
  ['abcd', ['b', 'a'], 'bcda'], // c follows b (its predecessor), d follows c
  ['abcd', ['d'], 'abcd'], // a has no listed predecessor: first; then b, c each after its predecessor
  ['abcd', ['x', 'c'], 'abcd'], // entries that are not failing are ignored
  ['', ['a'], ''],
])('applyOrder(%s, %j)', (list, order, want) => {
  test(want || '(empty)', () => {
    const o = order?.map((n) => `${n}（政务微博）`);
    expect(names(applyOrder([...list].map(f), o))).toBe(want);
  });
});

describe('failing_order after a correction', () => {
  test('a newly failing account is placed after its predecessor, with a warning; the round still validates', async () => {
    const { cwd, dir } = roundCopy([
      { file: 'accounts.yaml', find: '- name: 黔东南发展改革\n      owner: 黔东南州发展和改革委员会\n      results: [合格, 合格, 合格]', replace: '- name: 黔东南发展改革\n      owner: 黔东南州发展和改革委员会\n      results: [合格, 不合格, 合格]' },
    ]);
    const m = await loadModel(dir);
    expect(m.failingAccounts.slice(0, 3).map((x) => x.name)).toEqual(['黔东南州生态环境局', '黔东南发展改革', '贵州省黔东南州文旅在线']);
    const r = await cli(['check', 'round'], cwd);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^round\/notice\.yaml:\d+:\d+: 警告: 不合格账号顺序（failing_order）没有列出：黔东南发展改革（政务微博）/);
  });

  test('an account that no longer fails is dropped from the list, with a warning', async () => {
    const { cwd, dir } = roundCopy([{ file: 'accounts.yaml', find: 'results: [不合格, 合格, 合格]', replace: 'results: [合格, 合格, 合格]' }]);
    const m = await loadModel(dir);
    expect(m.failingAccounts.map((x) => x.name)).not.toContain('黔东南州生态环境局');
    expect(m.totals.accounts.failing).toBe(22);
    const r = await cli(['check', 'round'], cwd);
    expect(r.err).toMatch(/警告: “黔东南州生态环境局（政务微博）”本轮合格，不列入通报/);
  });
});
