// What a problem is and where, as the page tells a clerk. Each diagnostic's `place` names the unit,
// month and field (州直部门政务微博“黔东南交警” · 2月结果), never a YAML path or key; a problem of a
// unit as a whole is not put at its first field; a file that does not parse (to be put right in an
// editor) and a file with no unit are said with their line (accounts.yaml 第 13 行). Messages name
// fields as the page's columns and the notice form do (各月结果, not results; 通报信息, not
// notice.yaml); another unit is named by its place in its list, not by a line of the file.
import * as fs from 'fs';
import * as path from 'path';
import { initRound } from '../../src/init';
import { clerkMessage, lineRefsInWords, placeInFile } from '../../src/serve/progress';
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
    ['notice.yaml', '字段“lint”应为键值映射，实际是数字 5', '“校对设置”应为键值映射，实际是数字 5'],
    ['notice.yaml', '字段“title”不能为空', '“标题”不能为空'],
    ['notice.yaml', '字段“monthly_days”应为数字，实际是文本“八”', '“每月更新天数”应为数字，实际是文本“八”'],
    // what is not a known key is left as it is: a name in brackets, data in quotes
    ['sites.yaml', '网站名称“州局（abc）”在州直部门网站中重复', '网站名称“州局（abc）”在州直部门网站中重复'],
    ['sites.yaml', '字段“foo”不能为空', '字段“foo”不能为空'],
  ])('%s: %s', (file, message, words) => {
    expect(clerkMessage(message, file)).toBe(words);
  });

  test('in notice.yaml, a key inside a field is said as that part (检查依据\'s title is its 文件名称, not the notice\'s 标题)', () => {
    expect(clerkMessage('字段“title”不能为空', 'notice.yaml', true)).toBe('“文件名称”不能为空');
    expect(clerkMessage('字段“issued”不能为空', 'notice.yaml', true)).toBe('“成文日期”不能为空');
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

describe('places in the page\'s words', () => {
  test('each real error of a fresh round is placed at its unit, month and field, in the page\'s words', () => {
    const got = problems({
      'sites.yaml': all(
        once('url: http://fgw.qdn.gov.cn/\n    result: ~', 'url: http://fgw.qdn.gov.cn/\n    result: 优秀'),
        once('url: http://kjj.qdn.gov.cn', 'url: kjj.qdn.gov.cn'),
        once('url: http://wtgdlyj.qdn.gov.cn\n    result: ~', 'url: http://wtgdlyj.qdn.gov.cn\n    result: 合格\n    results: [合格, 合格, 合格]'),
        once('url: http://sjj.qdn.gov.cn', 'url: http://zzj.qdn.gov.cn'),
      ),
      'accounts.yaml': all(
        once('    - name: 黔东南民政\n', '    - name: 黔东南州生态环境局\n'),
        once('owner: 黔东南州发展和改革委员会\n      results: [~, ~, ~]', 'owner: 黔东南州发展和改革委员会\n      results: [合格, 合格, 合格, 合格]'),
        once('owner: 黔东南州司法局\n      results: [~, ~, ~]', 'owner: 黔东南州司法局\n      result: 合格'),
        once('owner: 黔东南州公安局交警支队\n      results: [~, ~, ~]', 'owner: 黔东南州公安局交警支队\n      results: [~, 好, ~]'),
      ),
      'notice.yaml': once('issued: ~  # 待填写：成文日期', 'issued: 2024-02-30'),
    });
    expect(got).toEqual([
      '州直部门政务微博“黔东南州生态环境局” · 名称 | 账号名称“黔东南州生态环境局”在州直部门政务微博中重复（第一次出现在第 1 个）',
      '州直部门政务微博“黔东南发展改革” · 各月结果 | 账号“黔东南发展改革”的各月结果有 4 项，但通报信息的检查月份有 3 个月（2024-01、2024-02、2024-03），应一一对应',
      // about the unit as a whole, not its name, though reported where the unit begins
      '州直部门政务微博“黔东南司法” | 账号“黔东南司法”缺少各月结果或发布日期，二者至少给出一项',
      // a key the unit does not have: the message quotes it as written, the place names no field
      '州直部门政务微博“黔东南司法” | 多了一项“result”，这里不认识这一项；是不是要写各月结果？这里可填的是：名称、主办单位、各月结果、问题曝光情况、服务号、更新日期',
      '州直部门政务微博“黔东南交警” · 2月结果 | 结果“好”无效，只能是“合格”或“不合格”',
      '通报信息 · 成文日期 | 日期“2024-02-30”不存在（该月没有这一天）',
      '州直部门网站“州发展改革委” · 检查结果 | 结果“优秀”无效，只能是“合格”或“不合格”',
      '州直部门网站“州科技局” · 网址 | 网址“kjj.qdn.gov.cn”格式不对：应以 http:// 或 https:// 开头，后接域名，例如 http://www.example.gov.cn',
      '州直部门网站“州文体广电旅游局” | 多了一项“results”，这里不认识这一项；是不是要写检查结果？这里可填的是：名称、网址、检查结果、问题曝光情况',
      '州直部门网站“州住房城乡建设局” · 网址 | 网址“http://zzj.qdn.gov.cn”与“州审计局”重复',
    ]);
    // no YAML key, path or file position in what the clerk reads (but the unknown key, as written)
    for (const line of got) expect(line.replace(/多了一项“[^”]*”/, '')).not.toMatch(/[a-z_]+\.yaml|（[a-z_]+）|“(?:name|url|owner|results?|updates|service|problems|months)”|\[\d+\]|:\d+:\d+/);
  });

  test('a file that does not parse is put right in an editor: its place says the file and line too', () => {
    const got = problems({
      'accounts.yaml': once('    - name: 黔东南民政\n      owner:', '    - name: 黔东南民政\n     owner:'),
      'notice.yaml': once('title: 关于', 'title: "关于'),
    });
    expect(got).toEqual([
      '州直部门政务微博第 2 个账号（accounts.yaml 第 13 行） | YAML 语法错误：列表项前缺少“- ”，或这一行的缩进与上下行不一致；其后 2 处语法错误可能由此引起，改正后再检查',
      '通报信息 · 标题（notice.yaml 第 10 行） | YAML 语法错误：双引号没有闭合（缺少 "）',
    ]);
    // before any unit: the file and line alone
    expect(problems({ 'sites.yaml': (t) => `department: [\n${t}` })[0]).toMatch(/^sites\.yaml 第 \d+ 行 \| YAML 语法错误/);
  });

  test('a place with no unit: a file read by its line, a file not read as a whole, the notice text by paragraph', () => {
    const state = new RoundState('2024-q1', dir);
    for (const [f, text] of Object.entries(original)) fs.writeFileSync(path.join(dir, f), text);
    const c = state.compute();
    const none = { unitId: null, field: null, month: null };
    expect(placeInFile(c, none, 'calendar.yaml', { line: 4, read: true, broken: false })).toBe('calendar.yaml 第 4 行');
    expect(placeInFile(c, none, 'calendar.yml', { line: 1, read: false, broken: false })).toBe('calendar.yml');
    expect(placeInFile(c, none, '关于2024年第一季度全州政府网站和政务新媒体检查情况的通报.docx', { line: 7, read: false, broken: false })).toBe('通报正文第 7 段');
    expect(placeInFile(c, none, 'notice.yaml', { line: 3, read: true, broken: false })).toBe('通报信息（notice.yaml 第 3 行）');
    expect(placeInFile(c, { unitId: null, field: 'deadline', month: null }, 'notice.yaml', { line: 31, read: true, broken: false })).toBe('通报信息 · 整改截止日期');
    // a part of a notice field that the notice form has a box of its own for
    expect(placeInFile(c, { unitId: null, field: 'inspection', month: null }, 'notice.yaml', { line: 24, read: true, broken: false, inner: 'to' })).toBe('通报信息 · 检查结束日期');
    expect(placeInFile(c, { unitId: null, field: 'contact', month: null }, 'notice.yaml', { line: 34, read: true, broken: false, inner: 'phone' })).toBe('通报信息 · 联系电话');
    // every top-level field of notice.yaml has its words
    expect(placeInFile(c, { unitId: null, field: 'lint', month: null }, 'notice.yaml', { line: 79, read: true, broken: false })).toBe('通报信息 · 校对设置');
  });

  test('what is still to fill in the notice is placed at its own box of the form', () => {
    for (const [f, text] of Object.entries(original)) fs.writeFileSync(path.join(dir, f), text);
    const state = new RoundState('2024-q1', dir);
    const v = roundView(state, state.compute(), null);
    expect(v.diagnostics.filter((d) => d.fill && d.file === 'notice.yaml').map((d) => d.place)).toEqual([
      '通报信息 · 发文字号',
      '通报信息 · 检查开始日期',
      '通报信息 · 检查结束日期',
      '通报信息 · 成文日期',
      '通报信息 · 整改截止日期',
    ]);
  });

  test('a proofreading finding at the start of a problem\'s line stays at 问题曝光情况 (only a unit\'s first key is the unit as a whole)', () => {
    const round = path.join(tempDir('tongbao-place-lint-'), '2023-q4');
    fs.cpSync(SEED, round, { recursive: true });
    const f = path.join(round, 'sites.yaml');
    const text = fs.readFileSync(f, 'utf8');
    const at = text.indexOf('result: 合格\n');
    fs.writeFileSync(f, `${text.slice(0, at)}result: 不合格\n    problems:\n      - 其它栏目做为空白栏目\n${text.slice(at + 'result: 合格\n'.length)}`);
    const state = new RoundState('2023-q4', round);
    const v = roundView(state, state.compute(), null);
    const lint = v.diagnostics.filter((d) => d.source === 'lint' && d.file === 'sites.yaml');
    expect(lint.map((d) => [d.col, d.place, d.field])).toEqual([
      [9, '州直部门网站“州发展改革委” · 问题曝光情况', 'problems'],
      [13, '州直部门网站“州发展改革委” · 问题曝光情况', 'problems'],
    ]);
  });
});
