// What a problem is and where, as the page tells a clerk. Messages name fields as the page's
// columns and the notice form do (各月结果, not results; 通报信息, not notice.yaml); another unit
// is named by its place in its list, not by a line of the file.
import * as fs from 'fs';
import * as path from 'path';
import { initRound } from '../../src/init';
import { clerkMessage, lineRefsInWords } from '../../src/serve/progress';
import { RoundState } from '../../src/serve/state';
import { roundView } from '../../src/serve/view';
import { tempDir } from '../support/tmp';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');

let dir: string;
let original: Record<string, string>;
beforeAll(() => {
  const work = tempDir('tongbao-place-');
  dir = path.join(work, '2024-q1');
  initRound(dir, SEED, '2024-Q1', work);
  original = Object.fromEntries(['notice.yaml', 'sites.yaml', 'accounts.yaml'].map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
});

/** The round's problems (not what is still to fill) as `place | message`, after `change` to the fresh round's files. */
function problems(change: Record<string, (text: string) => string>): string[] {
  for (const [f, text] of Object.entries(original)) {
    const changed = change[f] ? change[f](text) : text;
    if (change[f]) expect(changed).not.toBe(text);
    fs.writeFileSync(path.join(dir, f), changed);
  }
  const state = new RoundState('2024-q1', dir);
  const v = roundView(state, state.compute(), null);
  return v.diagnostics.filter((d) => !d.fill).map((d) => `${d.place} | ${d.message}`);
}

const once = (from: string, to: string) => (t: string) => t.replace(from, to);
const all = (...fs: ((t: string) => string)[]) => (t: string) => fs.reduce((x, f) => f(x), t);

describe('messages in the page\'s words', () => {
  test.each([
    ['accounts.yaml', '账号“某”缺少各月结果（results）或发布日期（updates），二者至少给出一项', '账号“某”缺少各月结果或发布日期，二者至少给出一项'],
    ['accounts.yaml', '账号“某”的各月结果（results）有 4 项，但 notice.yaml 的检查月份（months）有 3 个月（2024-01、2024-02、2024-03），应一一对应', '账号“某”的各月结果有 4 项，但通报信息的检查月份有 3 个月（2024-01、2024-02、2024-03），应一一对应'],
    ['accounts.yaml', '未知字段“result”；是不是“results”？此处可用的字段：“name”、“owner”、“results”、“problems”、“service”、“updates”', '多了一项“result”，这里不认识这一项；是不是要写各月结果？这里可填的是：名称、主办单位、各月结果、问题曝光情况、服务号、更新日期'],
    ['sites.yaml', '未知字段“备注”；此处可用的字段：“name”、“url”、“result”、“problems”', '多了一项“备注”，这里不认识这一项；这里可填的是：名称、网址、检查结果、问题曝光情况'],
    ['sites.yaml', '字段“url”不能为空', '“网址”不能为空'],
    ['sites.yaml', '缺少必填“网址”（url）：文本；请写在“result”之前', '缺少必填“网址”：文本；请写在“检查结果”之前'],
    ['notice.yaml', '缺少必填“检查结束日期”（to）：日期，写作 YYYY-MM-DD，例如 2023-11-23；请写在“coverage”之前', '缺少必填“检查结束日期”：日期，写作 YYYY-MM-DD，例如 2023-11-23；请写在“检查比例”之前'],
    ['notice.yaml', '不合格账号顺序（failing_order）没有列出：甲；已按附件顺序插在其前一个不合格账号之后', '不合格账号顺序没有列出：甲；已按附件顺序插在其前一个不合格账号之后'],
    // what is not a known key is left as it is: a name in brackets, data in quotes
    ['sites.yaml', '网站名称“州局（abc）”在州直部门网站中重复', '网站名称“州局（abc）”在州直部门网站中重复'],
    ['sites.yaml', '字段“foo”不能为空', '字段“foo”不能为空'],
  ])('%s: %s', (file, message, words) => {
    expect(clerkMessage(message, file)).toBe(words);
  });

  test('another unit is named by its place in its list, not by a line', () => {
    const at = (line: number) => (line === 9 ? 'accounts.yaml:weibo:department:0' : null);
    expect(lineRefsInWords('账号名称“甲”在州直部门政务微博中重复（第一次出现在第 9 行）', at)).toBe('账号名称“甲”在州直部门政务微博中重复（第一次出现在第 1 个）');
    expect(lineRefsInWords('网址“http://a.gov.cn”与“州审计局”（第 15 行）重复', at)).toBe('网址“http://a.gov.cn”与“州审计局”重复');
    // a line with no unit found: left as it was
    expect(lineRefsInWords('账号名称“甲”在州直部门政务微博中重复（第一次出现在第 3 行）', at)).toBe('账号名称“甲”在州直部门政务微博中重复（第一次出现在第 3 行）');
  });

  test('in a round, no YAML key, file name or line reaches a message', () => {
    const got = problems({
      'sites.yaml': once('url: http://sjj.qdn.gov.cn', 'url: http://zzj.qdn.gov.cn'),
      'accounts.yaml': all(
        once('    - name: 黔东南民政\n', '    - name: 黔东南州生态环境局\n'),
        once('owner: 黔东南州发展和改革委员会\n      results: [~, ~, ~]', 'owner: 黔东南州发展和改革委员会\n      results: [合格, 合格, 合格, 合格]'),
      ),
    });
    expect(got.map((l) => l.split(' | ')[1])).toEqual([
      '账号名称“黔东南州生态环境局”在州直部门政务微博中重复（第一次出现在第 1 个）',
      '账号“黔东南发展改革”的各月结果有 4 项，但通报信息的检查月份有 3 个月（2024-01、2024-02、2024-03），应一一对应',
      '网址“http://zzj.qdn.gov.cn”与“州审计局”重复',
    ]);
  });
});
