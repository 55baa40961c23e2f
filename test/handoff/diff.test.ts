// tongbao diff: data changes between two versions of a round and their effect on the notice.
import * as fs from 'fs';
import * as path from 'path';
import { diffCommand, formatDiff } from '../../src/cli/commands/diff';
import { table, wrapCell } from '../../src/cli/table';
import { diffRounds } from '../../src/handoff/diff';
import { displayWidth } from '../../src/text/width';
import { loadValidated } from '../../src/pipeline';
import { expectGolden } from '../support/golden';
import { edit, seedCopy } from '../write/helpers';

const GOLDEN = path.join(__dirname, '__golden__');

/** old = the seed; new = a URL fixed, an account failing in 9月, a county site added, a
 *  微博 account removed, an owner corrected, the deadline moved. */
function versions() {
  const t = seedCopy();
  const newer = path.join(t.cwd, 'new');
  fs.cpSync(t.data, newer, { recursive: true });
  edit(newer, 'sites.yaml', 'http://kjj.qdn.gov.cn', 'http://kjj2.qdn.gov.cn');
  edit(newer, 'sites.yaml', 'county:\n', 'county:\n  - name: 新设县\n    url: http://www.xinshe.gov.cn\n    result: 合格\n');
  edit(newer, 'accounts.yaml', /(name: 黔东南发展改革\n\s+owner: [^\n]+\n\s+results: )\[合格, 合格, 合格\]/, '$1[合格, 不合格, 合格]');
  edit(newer, 'notice.yaml', '  - 三穗政务（政务微博）\n', '  - 三穗政务（政务微博）\n  - 黔东南发展改革（政务微博）\n');
  edit(newer, 'accounts.yaml', /    - name: 黔东南交警\n\s+owner: [^\n]+\n\s+results: \[合格, 合格, 合格\]\n/, '');
  edit(newer, 'accounts.yaml', 'owner: 黔东南州公安局\n', 'owner: 黔东南州公安局网安支队\n');
  edit(newer, 'notice.yaml', 'deadline: 2023-11-28', 'deadline: 2023-11-30');
  return { cwd: t.cwd, old: '2023-q4', new: 'new' };
}

test('the readable table: every change, the totals, and what the notice would say differently', () => {
  const v = versions();
  const d = diffRounds(loadValidated(v.old, v.cwd), loadValidated(v.new, v.cwd));
  const text = formatDiff(d, v.old, v.new);
  expectGolden(path.join(GOLDEN, 'diff.txt'), text + '\n');
  expect(d.notice).toEqual([
    '政府网站 50 → 51',
    '县（市）级政府网站 16 → 17',
    '政务微博、政务微信 75 → 74',
    '州直部门政务微博、政务微信 43 → 42',
    '不合格政务新媒体 23 → 24：黔东南发展改革（政务微博） 新列入',
    '整改截止日期：2023年11月28日 → 2023年11月30日',
    // the annex tables on the notice's 附件 pages are corrected by annexes: not the 正文
  ]);
  expect(d.changes).toContainEqual({ area: '州直部门政务微博', unit: '黔东南发展改革', change: 'changed', field: '9月更新情况', old: '合格', new: '不合格' });
  expect(d.changes).toContainEqual({ area: '县（市）政府网站', unit: '新设县', change: 'added', new: 'http://www.xinshe.gov.cn　合格' });
  expect(d.changes).toContainEqual({ area: '州直部门政务微博', unit: '黔东南交警', change: 'removed', old: '黔东南州公安局交警支队　合格、合格、合格' });
  expect(d.totals.find((r) => r.label === '不合格政务新媒体')).toEqual({ label: '不合格政务新媒体', old: 23, new: 24 });
});

test('--json gives the same content as structured data', async () => {
  const v = versions();
  let out = '';
  const code = await diffCommand.run({ positional: [v.old, v.new], flags: { json: true } }, { out: (s) => (out += s), err: () => undefined, isTTY: false, cwd: v.cwd });
  expect(code).toBe(0);
  expectGolden(path.join(GOLDEN, 'diff.json'), out + '\n');
  const parsed = JSON.parse(out);
  expect(Object.keys(parsed)).toEqual(['old', 'new', 'changes', 'totals', 'notice']);
});

test('identical data: no changes, and the notice is unchanged', () => {
  const t = seedCopy();
  const v = loadValidated(t.data, t.cwd);
  const d = diffRounds(v, loadValidated(t.data, t.cwd));
  expect(d.changes).toEqual([]);
  expect(d.notice).toEqual([]);
  expect(formatDiff(d, 'a', 'b')).toContain('数据没有变化。');
  expect(formatDiff(d, 'a', 'b')).toContain('通报正文所写内容不变');
});

test('a renamed unit is a rename (same 网址 for a site, same 主办单位 for an account), not 删除 + 新增', () => {
  const t = seedCopy();
  const newer = path.join(t.cwd, 'new');
  fs.cpSync(t.data, newer, { recursive: true });
  edit(newer, 'accounts.yaml', 'name: 黔东南民政\n', 'name: 黔东南州民政局\n');
  edit(newer, 'sites.yaml', 'name: 榕江县\n', 'name: 榕江县人民政府\n');
  const d = diffRounds(loadValidated('2023-q4', t.cwd), loadValidated('new', t.cwd));
  expect(d.changes).toEqual([
    { area: '县（市）政府网站', unit: '榕江县人民政府', change: 'changed', field: '名称', old: '榕江县', new: '榕江县人民政府' },
    { area: '州直部门政务微博', unit: '黔东南州民政局', change: 'changed', field: '名称', old: '黔东南民政', new: '黔东南州民政局' },
  ]);
  const text = formatDiff(d, '2023-q4', 'new');
  expect(text).toMatch(/县（市）政府网站 +榕江县人民政府 +改名 +榕江县 +榕江县人民政府/);
  expect(text).not.toContain('删除');
  expect(text).not.toContain('新增');
  // the names are printed only in the annexes: annexes corrects them
  expect(d.notice).toEqual([]);
});

test('long names and values wrap within their columns: every line fits 100 columns (a CJK character is 2)', () => {
  const t = seedCopy();
  const newer = path.join(t.cwd, 'new');
  fs.cpSync(t.data, newer, { recursive: true });
  const long = '黔东南苗族侗族自治州人民政府办公室政务服务和大数据管理局门户网站';
  edit(newer, 'sites.yaml', 'name: 榕江县\n', `name: ${long}\n`);
  edit(newer, 'sites.yaml', 'county:\n', 'county:\n  - name: 黔东南苗族侗族自治州榕江县人民政府办公室信息公开专栏（试运行）\n    url: http://www.rongjiang-xinxigongkai-zhuanlan.gov.cn/index.html\n    result: 合格\n');
  const d = diffRounds(loadValidated('2023-q4', t.cwd), loadValidated('new', t.cwd));
  const text = formatDiff(d, '2023-q4', 'new');
  expectGolden(path.join(GOLDEN, 'diff-long-names.txt'), text + '\n');
  const widest = Math.max(...text.split('\n').map(displayWidth));
  expect(widest).toBeLessThanOrEqual(100);
  // the old table was as wide as its longest name and value
  expect(Math.max(...table(d.changes.map((c) => [c.area, c.unit, '改名', '', c.old ?? '', c.new ?? ''])).split('\n').map(displayWidth))).toBeGreaterThan(100);
});

test('wrapCell breaks by display width, never inside a wide character', () => {
  expect(wrapCell('州直部门网站', 5)).toEqual(['州直', '部门', '网站']);
  expect(wrapCell('ab州直', 5)).toEqual(['ab州', '直']);
  expect(wrapCell('短', 10)).toEqual(['短']);
  expect(wrapCell('合格　不合格', 6)).toEqual(['合格', '不合格']);
});
