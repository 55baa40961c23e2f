// tongbao compare and tongbao trend as a user runs them, and the SVG chart.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { trendSvg } from '../../src/render/svg/trend';
import { cli } from '../support/cli';
import { expectGolden } from '../support/golden';

const REPO = path.join(__dirname, '..', '..');
const GOLDEN = path.join(__dirname, '__golden__');
const made: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-trend-'));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

describe('tongbao compare', () => {
  it('an owner change is listed as such, not under 改名的单位', async () => {
    const d = tmp();
    for (const r of ['2024-q1', '2024-q2']) fs.cpSync(path.join(REPO, 'test', 'fixtures', 'rounds', r), path.join(d, r), { recursive: true });
    const file = path.join(d, '2024-q2', 'accounts.yaml');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('name: 某市教育\n      owner: 市教育局\n');
    fs.writeFileSync(file, text.replace('name: 某市教育\n      owner: 市教育局\n', 'name: 某市教育\n      owner: 市教育体育局\n'));
    const r = await cli(['compare', '2024-q1', '2024-q2'], d);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\n主办单位改变的单位（1 个）：\n {2}1 +某市教育 +政务微博 +主办单位 市教育局 → 市教育体育局 +按名称/);
    const renamed = r.out.slice(r.out.indexOf('改名的单位'), r.out.indexOf('主办单位改变的单位'));
    expect(renamed).not.toContain('某市教育');
  });

  it('prints the rates, the lists and the review in Chinese', async () => {
    const r = await cli(['compare', 'test/fixtures/rounds/2024-q1', 'test/fixtures/rounds/2024-q2'], REPO);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    // rows of the rate table, worked in compare.test.ts
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}总体 +合计 +55\.6%（5\/9） +50\.0%（5\/10） +下降 5\.6 个百分点$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}政府网站 +合计 +50\.0%（2\/4） +40\.0%（2\/5） +下降 10\.0 个百分点$/));
    expect(r.out).toContain('连续两个季度不合格（2 个）：');
    expect(r.out).toContain('复查：上一轮不合格的 4 个中，本轮检查了 4 个：已整改合格 2 个，仍未整改合格 2 个；本轮未检查 0 个。');
    expect(r.out).not.toMatch(/weibo|wechat|department|county|null|undefined/);
    expectGolden(path.join(GOLDEN, 'compare-q1-q2.txt'), r.out);
  });

  it('--json gives the documented fields', async () => {
    const r = await cli(['compare', 'test/fixtures/rounds/2024-q2', 'test/fixtures/rounds/2024-q3', '--json'], REPO);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['previous', 'current', 'adjacent', 'rates', 'repeatFailing', 'newlyFailing', 'rectified', 'added', 'removed', 'renamed', 'ownerChanged', 'review']);
    expect(j.previous).toEqual({ round: '2024-Q2', label: '2024年第二季度', dir: 'test/fixtures/rounds/2024-q2' });
    expect(Object.keys(j.rates)).toEqual(['all', 'sites', 'accounts', 'weibo', 'wechat']);
    expect(Object.keys(j.rates.all)).toEqual(['overall', 'department', 'county']);
    // 9 of 11 = 81.8%, up 31.8 from 5 of 10
    expect(j.rates.all.overall).toEqual({
      previous: { pass: 5, total: 10, tenths: 500, text: '50.0' },
      current: { pass: 9, total: 11, tenths: 818, text: '81.8' },
      change: { tenths: 318, text: '31.8', direction: 'up' },
    });
    expect(j.repeatFailing).toEqual([
      {
        current: { kind: 'site', level: 'county', name: '东区人民政府', owner: null, url: 'https://www.dongqu.example.gov.cn', passing: false, failingMonths: [], label: '东区人民政府' },
        previous: { kind: 'site', level: 'county', name: '东区人民政府', owner: null, url: 'https://www.dongqu.example.gov.cn', passing: false, failingMonths: [], label: '东区人民政府' },
        matchedBy: 'url',
      },
    ]);
    expect(j.newlyFailing[0].current).toMatchObject({ kind: 'weibo', name: '西县融媒', failingMonths: ['2024-08'] });
    expect(j.review).toEqual({ previousFailing: 5, rectified: 4, stillFailing: 1, notInspected: 0 });
  });

  it('usage errors: exit 2 in Chinese', async () => {
    const same = await cli(['compare', 'test/fixtures/rounds/2024-q2', 'test/fixtures/rounds/2024-q2'], REPO);
    expect(same.code).toBe(2);
    expect(same.err).toBe('tongbao compare：两个参数是同一个文件夹：PREV 应为较早的一轮\n');
    const one = await cli(['compare', 'test/fixtures/rounds/2024-q2'], REPO);
    expect(one.code).toBe(2);
    expect(one.err).toContain('缺少参数 CUR_DATA_DIR');
  });

  it('bad data in either folder: its errors at FILE:LINE:COL, exit 1', async () => {
    const r = await cli(['compare', 'test/fixtures/rounds/2024-q2', 'test/fixtures/nowhere'], REPO);
    expect(r.code).toBe(1);
    expect(r.err).toBe('test/fixtures/nowhere:1:1: 错误: 找不到数据文件夹\n共 1 个错误，未生成任何文件。\n');
  });
});

describe('tongbao check', () => {
  it('says which round it compared with, and the headline figures', async () => {
    const r = await cli(['check', 'test/fixtures/rounds/2024-q2'], REPO);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n').pop()).toBe(
      '与上一轮 2024年第一季度（test/fixtures/rounds/2024-q1）比较：总体合格率 55.6% → 50.0%（下降 5.6 个百分点）；' +
        '连续两个季度不合格 2 个，已整改合格 2 个（详见 tongbao compare test/fixtures/rounds/2024-q1 test/fixtures/rounds/2024-q2）',
    );
    const first = await cli(['check', 'test/fixtures/rounds/2024-q1'], REPO);
    expect(first.out).not.toContain('与上一轮');
  });
});

describe('tongbao trend', () => {
  it('tables every round in order and writes the same SVG bytes every time', async () => {
    const out = tmp();
    const svg = path.join(out, '图', '合格率.svg');
    const r = await cli(['trend', 'test/fixtures/rounds', '--svg', svg], REPO);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = r.out.split('\n').filter((l) => l.startsWith('2024年'));
    expect(rows.map((l) => l.split(/\s{2,}/).slice(0, 8))).toEqual([
      ['2024年第一季度', 'test/fixtures/rounds/2024-q1', '55.6%', '50.0%', '50.0%', '66.7%', '60.0%', '50.0%'],
      ['2024年第二季度', 'test/fixtures/rounds/2024-q2', '50.0%', '40.0%', '50.0%', '66.7%', '50.0%', '50.0%'],
      ['2024年第三季度', 'test/fixtures/rounds/2024-q3', '81.8%', '83.3%', '50.0%', '100.0%', '100.0%', '60.0%'],
    ]);
    expect(rows[1]).toMatch(/下降 5\.6 个百分点 +2 +2$/);
    expect(rows[2]).toMatch(/提升 31\.8 个百分点 +1 +4$/);
    expect(r.out).toContain(`趋势图已写入 ${svg}`);
    const first = fs.readFileSync(svg, 'utf8');
    await cli(['trend', 'test/fixtures/rounds', '--svg', svg], REPO);
    expect(fs.readFileSync(svg, 'utf8')).toBe(first);
    expectGolden(path.join(GOLDEN, 'trend.svg'), first);
    // nothing fetched from outside, nothing scripted
    expect(first).not.toMatch(/<script|href=|url\(|@import|@font-face/i);
    expect(fs.readdirSync(path.dirname(svg))).toEqual(['合格率.svg']);
  });

  it('a round with bad data or a duplicate copy is left out with a warning', async () => {
    const root = tmp();
    for (const r of ['2024-q1', '2024-q2', '2024-q3']) fs.cpSync(path.join(REPO, 'test/fixtures/rounds', r), path.join(root, r), { recursive: true });
    fs.cpSync(path.join(REPO, 'test/fixtures/rounds/2024-q1'), path.join(root, '2024-q1 - 副本'), { recursive: true });
    const sites = path.join(root, '2024-q3', 'sites.yaml');
    fs.writeFileSync(sites, fs.readFileSync(sites, 'utf8').replace('result: 不合格', 'result: 不合'));
    fs.mkdirSync(path.join(root, '空文件夹'));
    const r = await cli(['trend', '.', '--svg', 'chart.svg'], root);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      '警告：2024-q1、2024-q1 - 副本 都是 2024-Q1，不知道用哪个，这一轮未计入（请移走多余的副本）\n' +
        '警告：2024-q3（2024-Q3）的数据有 1 处错误，未计入；第一处：2024-q3/sites.yaml:15:13: 错误: 结果“不合”无效，只能是“合格”或“不合格”\n',
    );
    expect(r.out.split('\n').filter((l) => l.startsWith('2024年')).map((l) => l.split(/\s{2,}/)[0])).toEqual(['2024年第二季度']);
    expect(fs.existsSync(path.join(root, 'chart.svg'))).toBe(true);
  });

  it('no usable round: exit 1; not a folder: exit 2', async () => {
    const root = tmp();
    const none = await cli(['trend', '.'], root);
    expect(none.code).toBe(1);
    expect(none.err).toBe('tongbao trend：. 下没有可用的一轮数据（每轮一个文件夹，含 notice.yaml、sites.yaml、accounts.yaml）\n');
    expect(fs.readdirSync(root)).toEqual([]);
    const missing = await cli(['trend', 'nowhere'], root);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('tongbao trend：找不到文件夹 nowhere\n');
  });

  it('--json gives each round’s rates', async () => {
    const out = tmp();
    const r = await cli(['trend', 'test/fixtures/rounds', '--json', '--svg', path.join(out, 't.svg')], REPO);
    const j = JSON.parse(r.out);
    expect(j.rounds.map((x: { round: string; rates: { all: { overall: { text: string } } } }) => `${x.round} ${x.rates.all.overall.text}`)).toEqual([
      '2024-Q1 55.6',
      '2024-Q2 50.0',
      '2024-Q3 81.8',
    ]);
    expect(j.rounds[0].comparison).toBeNull();
    expect(j.rounds[2].comparison.review.rectified).toBe(4);
  });
});

describe('trendSvg', () => {
  const chart = {
    title: '合格率 <b>&"趋势"',
    axisLabel: '合格率',
    empty: '没有数据',
    categories: [
      ['2024年', '第一季度'],
      ['2024年', '第二季度'],
    ],
    series: [
      { label: '总体', values: [556, 500] },
      { label: '<img src=x onerror=alert(1)>', values: [null, 1000] },
    ],
  };

  it('escapes every text and keeps the bytes stable', () => {
    const svg = trendSvg(chart);
    expect(svg).toBe(trendSvg(JSON.parse(JSON.stringify(chart))));
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt; 100.0%');
    expect(svg).toContain('<title>合格率 &lt;b&gt;&amp;&quot;趋势&quot;</title>');
    // a series with one value has a dot and no line; the other has a line through both quarters
    expect(svg.match(/<polyline/g)).toHaveLength(1);
    expect(svg).toContain('<title>2024年第一季度 总体 55.6%</title>');
  });

  it('with no quarter says so', () => {
    const svg = trendSvg({ ...chart, categories: [], series: [] });
    expect(svg).toContain('>没有数据</text>');
  });
});
