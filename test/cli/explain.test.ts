import * as path from 'path';
import { cli } from '../support/cli';
import { expectGolden } from '../support/golden';

const ROOT = path.join(__dirname, '..', '..');
const ROUND = 'test/fixtures/rounds/2024-q1';

describe('tongbao explain', () => {
  test('an account judged from its update dates: calendar, rules, reasons', async () => {
    const r = await cli(['explain', ROUND, '西县发布'], ROOT);
    expect(r.code).toBe(0);
    expect(r.out).toContain('原因：2月更新5天，少于8天；2月7日至2月19日连续5个工作日仅更新1天（另有1处）');
    // no results were typed for this account, so nothing is said about agreeing with them
    expect(r.out).not.toContain('填报');
    expectGolden(path.join(__dirname, '__golden__', 'explain-2024-q1.txt'), r.out);
  });

  test('an account with typed results only says it cannot be checked day by day', async () => {
    const r = await cli(['explain', 'data/2023-q4', '黔东南商务'], ROOT);
    expect(r.code).toBe(0);
    expect(r.out).toContain('未填更新日期（updates），各月结果为填报值');
  });

  test('an unknown name exits 1 naming it; a bad --platform exits 2', async () => {
    const r = await cli(['explain', ROUND, '不存在的账号'], ROOT);
    expect(r.code).toBe(1);
    expect(r.err).toContain('找不到名为“不存在的账号”的政务新媒体账号');
    expect((await cli(['explain', ROUND, '西县发部'], ROOT)).err).toContain('是不是“西县发布”？');
    expect((await cli(['explain', ROUND, '西县发布', '--platform', 'qq'], ROOT)).code).toBe(2);
  });
});
