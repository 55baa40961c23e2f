// rectify.yaml's checks: every problem at once, each at FILE:LINE:COL in Chinese, nothing written.
// Cases are edits of the fixture's rectify.yaml on a seed copy (one failing site added, so the
// site branch is covered: 某县 http://www.kaili.gov.cn made 不合格 as 凯里市).
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../support/cli';
import { roundCopy, snapshot } from '../support/round-fixture';
import { jsonSchemaText } from '../../src/validate/json-schema';
import { RECTIFY_FIXTURE } from './helpers';

const HEAD = '# yaml-language-server: $schema=../../../schema/rectify.schema.json\n';

function withRectify(text: string) {
  const r = roundCopy([{ file: 'sites.yaml', find: 'url: http://www.kaili.gov.cn\n    result: 合格', replace: 'url: http://www.kaili.gov.cn\n    result: 不合格\n    problems:\n      - 动态类栏目超过2周未更新6个' }]);
  fs.writeFileSync(path.join(r.dir, 'rectify.yaml'), text);
  return r;
}

const CASES: [string, string, string[]][] = [
  [
    'unknown field, with the closest known one',
    'accounts:\n  - name: 三穗政务\n    platform: 政务微博\n    reportd: 2023-11-27\n',
    ['round/rectify.yaml:4:5: 错误: 未知字段“reportd”；是不是“reported”？此处可用的字段：“name”、“platform”、“owner”、“reported”、“summary”、“review”、“reviewed”'],
  ],
  [
    'a typo in an account name: did you mean',
    'accounts:\n  - name: 三穗政物\n    platform: 政务微博\n',
    ['round/rectify.yaml:2:11: 错误: 本轮不合格的政务微博中没有“三穗政物”；是不是“三穗政务（政务微博）”？'],
  ],
  [
    'an account that passed this round',
    'accounts:\n  - name: 黔东南交警\n    platform: 政务微博\n',
    ['round/rectify.yaml:2:11: 错误: 账号“黔东南交警”（政务微博）本轮合格，不在整改范围：rectify.yaml 只写本轮通报列为不合格的网站和账号'],
  ],
  [
    'a site by a mistyped address, a passing site, a name that differs',
    'sites:\n  - url: http://www.kaili.gov.com\n  - url: http://fgw.qdn.gov.cn/\n  - url: HTTPS://www.kaili.gov.cn/\n    name: 凯里\n',
    [
      'round/rectify.yaml:2:10: 错误: 本轮不合格的网站中没有网址“http://www.kaili.gov.com”；是不是“http://www.kaili.gov.cn”？网站按 sites.yaml 中的网址认定',
      'round/rectify.yaml:3:10: 错误: 网站“州发展改革委”（http://fgw.qdn.gov.cn/）本轮合格，不在整改范围：rectify.yaml 只写本轮通报列为不合格的网站和账号',
      'round/rectify.yaml:5:11: 错误: 网址 HTTPS://www.kaili.gov.cn/ 的网站在 sites.yaml 中名为“凯里市”，这里写的是“凯里”：名称可不写，写了须一致',
    ],
  ],
  [
    'the same unit twice, dates before the circular, a review date without a result, a wrong owner',
    'accounts:\n  - name: 三穗政务\n    platform: 政务微博\n    owner: 三穗县政府\n    reported: 2023-11-20\n  - name: 三穗政务\n    platform: 政务微博\n  - name: 锦屏县政府\n    platform: 政务微信\n    reviewed: 2023-11-01\n',
    [
      'round/rectify.yaml:4:12: 错误: “三穗政务”（政务微博）在 accounts.yaml 中的主办单位是“三穗县人民政府办公室”，这里写的是“三穗县政府”：主办单位可不写，写了须一致',
      'round/rectify.yaml:5:15: 错误: 报送日期 2023-11-20 早于本轮通报的成文日期 2023-11-23：整改报告应在通报印发之后',
      'round/rectify.yaml:6:5: 错误: 同一单位重复列出（第 2 行已有）：每个网站或账号只写一项',
      'round/rectify.yaml:10:15: 错误: 复查日期 2023-11-01 早于本轮通报的成文日期 2023-11-23',
      'round/rectify.yaml:10:15: 错误: 写了复查日期，但复查结果是“未复查”：请填写复查结果（合格或不合格），或删去复查日期',
    ],
  ],
  [
    'bad values',
    'accounts:\n  - name: 三穗政务\n    platform: 微博\n    reported: 2023-11-31\n    review: 通过\n',
    [
      'round/rectify.yaml:3:15: 错误: 平台“微博”无效，只能是“政务微博”或“政务微信”',
      'round/rectify.yaml:4:15: 错误: 日期“2023-11-31”不存在（该月没有这一天）',
      'round/rectify.yaml:5:13: 错误: 复查结果“通过”无效，只能是“合格”“不合格”或“未复查”',
    ],
  ],
  [
    'a mistyped name is said in the same run as a date error of the file, the entry with the bad date still checked',
    'accounts:\n  - name: 三穗政物\n    platform: 政务微博\n    reported: 2023/11/27\n  - name: 锦屏县政府\n    platform: 政务微信\n    owner: 锦屏县\n    reviewed: 2023-11-1\n',
    [
      'round/rectify.yaml:2:11: 错误: 本轮不合格的政务微博中没有“三穗政物”；是不是“三穗政务（政务微博）”？',
      'round/rectify.yaml:4:15: 错误: 日期“2023/11/27”格式不对，应写作 YYYY-MM-DD；是不是 2023-11-27？',
      'round/rectify.yaml:7:12: 错误: “锦屏县政府”（政务微信）在 accounts.yaml 中的主办单位是“锦屏县人民政府办公室”，这里写的是“锦屏县”：主办单位可不写，写了须一致',
      'round/rectify.yaml:8:15: 错误: 日期“2023-11-1”格式不对，应写作 YYYY-MM-DD；是不是 2023-11-01？',
    ],
  ],
  ['a YAML syntax error', 'accounts:\n  - name: [三穗政务\n', ['round/rectify.yaml:3:1: 错误: YAML 语法错误：方括号列表 [ … ] 没有闭合（缺少 ]），或换行后的缩进不够']],
];

describe('rectify.yaml errors', () => {
  test.each(CASES)('%s', async (_name, text, expected) => {
    const { cwd } = withRectify(text);
    const before = snapshot(cwd);
    const r = await cli(['rectify', 'round'], cwd);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n').slice(0, -1)).toEqual(expected);
    expect(r.out).toBe('');
    expect(snapshot(cwd)).toEqual(before);
    // check reports the same
    expect((await cli(['check', 'round', '--as-of', '2023-11-24'], cwd)).code).toBe(1);
  });

  test('a site is named by its address whatever its case or closing slash; its notice lists its problems', async () => {
    const { cwd } = withRectify('sites:\n  - url: HTTP://WWW.KAILI.GOV.CN/\n    name: 凯里市\n    reported: 2023-11-24\n');
    const r = await cli(['rectify', 'round', '--out', 'o'], cwd);
    expect(r.err).toBe('');
    expect(r.out).toContain('按期报送 1，逾期报送 0，未报送 23');
    expect(fs.existsSync(path.join(cwd, 'o', '整改', '整改通知 凯里市.docx'))).toBe(true);
  });

  test('a rectify.yaml that is a symbolic link is refused, nothing written', async () => {
    const { cwd, dir } = withRectify('');
    fs.rmSync(path.join(dir, 'rectify.yaml'));
    fs.symlinkSync(RECTIFY_FIXTURE, path.join(dir, 'rectify.yaml'));
    const before = snapshot(cwd);
    const r = await cli(['rectify', 'round'], cwd);
    expect(r.code).toBe(1);
    expect(r.err).toContain('round/rectify.yaml:1:1: 错误: rectify.yaml 不是普通文件（符号链接或文件夹不予读取）');
    expect(snapshot(cwd)).toEqual(before);
  });

  test('schema/rectify.schema.json is in sync with the zod schema (npm run schema)', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'rectify.schema.json'), 'utf8')).toBe(jsonSchemaText('rectify'));
    expect(fs.readFileSync(RECTIFY_FIXTURE, 'utf8').startsWith(HEAD)).toBe(true);
  });
});
