import { execFileSync, spawnSync } from 'child_process';
import * as path from 'path';
import { cli } from '../support/cli';
import { expectGolden } from '../support/golden';

const ROOT = path.join(__dirname, '..', '..');

describe('tongbao check', () => {
  test('the seed round: totals and failing lists, exit 0', async () => {
    const r = await cli(['check', 'data/2023-q4'], ROOT);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('政府网站          50        34        16       0');
    expect(r.out).toContain('政务新媒体合计    75        43        32      23');
    expect(r.out).toContain('不合格政府网站：无');
    expectGolden(path.join(__dirname, '__golden__', 'check-seed.txt'), r.out);
  });

  test.each([
    [['check'], /缺少参数 DATA_DIR/],
    [['check', 'a', 'b'], /多余的参数/],
    [['check', 'data/2023-q4', '--bogus'], /未知选项 --bogus/],
    [['frobnicate'], /未知命令“frobnicate”/],
  ])('usage error %j exits 2', async (argv, message) => {
    const r = await cli(argv, ROOT);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  test('help texts', async () => {
    const main = await cli(['--help'], ROOT);
    expect(main.code).toBe(0);
    expect(main.out).toMatch(/check\s+检查一轮数据/);
    const one = await cli(['check', '--help'], ROOT);
    expect(one.out).toMatch(/^用法：tongbao check DATA_DIR/);
    expect((await cli(['help', 'check'], ROOT)).out).toBe(one.out);
  });

  test('the installed bin runs the compiled CLI', () => {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'tongbao.js'), 'check', 'data/2023-q4'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toContain('不合格政务新媒体（23 个');
    const bad = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tongbao.js'), 'check', 'no/such/dir'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('no/such/dir:1:1: 错误: 找不到数据文件夹\n共 1 个错误，未生成任何文件。\n');
  });
});
