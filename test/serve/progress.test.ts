// A round started by `init`, as the page sees it: what is left to fill grouped and counted (not
// "280 个错误"), each place said in a clerk's words, and the preview there from the start with
// 【待填写：…】 where a value is missing; a real error leaves only its unit out of the preview.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { initRound } from '../../src/init';
import { RoundState } from '../../src/serve/state';
import { roundView } from '../../src/serve/view';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');

let work: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-progress-'));
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

function fresh(): { dir: string; view: () => ReturnType<typeof roundView> } {
  const dir = path.join(work, '2024-q1');
  initRound(dir, SEED, '2024-Q1', work);
  const state = new RoundState('2024-q1', dir);
  return { dir, view: () => roundView(state, state.compute(), null) };
}

test('an init round shows progress, not errors, and a preview with markers', () => {
  const { view } = fresh();
  const v = view();
  expect(v.errors).toBe(0);
  expect(v.ok).toBe(false);
  expect(v.progress.groups.map((g) => `${g.label} ${g.count} 项`)).toEqual(['网站结果 50 项', '新媒体月份结果 225 项', '通报信息 5 项']);
  expect(v.progress.results).toEqual({ filled: 0, total: 275 });
  expect(v.progress.toFill).toBe(280);
  expect(v.heading).toEqual({ title: '关于2024年第一季度全州政府网站和政务新媒体检查情况的通报', round: '2024年第一季度' });
  const first = v.progress.groups[0].first;
  expect(first).toEqual({ unitId: 'sites.yaml:department:0', field: 'result', month: null });
  const fills = v.diagnostics.filter((d) => d.fill);
  expect(fills).toHaveLength(280);
  expect(fills.find((d) => d.unitId === 'accounts.yaml:weibo:department:0' && d.month === 1)!.place).toBe('州直部门政务微博“黔东南州生态环境局” · 2月结果');
  expect(fills.find((d) => d.file === 'notice.yaml' && /成文日期/.test(d.message))!.place).toBe('通报信息 · 成文日期');
  // the preview: the roster's figures, nothing failing yet, markers where the dates go
  expect(v.previewHtml).toContain('<mark class="tb-fill">【待填写：成文日期】</mark>');
  expect(v.previewHtml).toContain('【待填写：检查开始日期】</mark>至<mark class="tb-fill">【待填写：检查结束日期】');
  expect(v.previewHtml).toContain('【待填写：整改截止日期】');
  expect(v.overview!.totals.sites.total).toBe(50);
  expect(v.overview!.totals.accounts.failing).toBe(0);
});

test('a unit with a real error stays in the preview, marked at its annex row with a jump to its box', () => {
  const { dir, view } = fresh();
  const f = path.join(dir, 'sites.yaml');
  const text = fs.readFileSync(f, 'utf8');
  // the second site renamed like the first: a duplicate name
  const names = [...text.matchAll(/- name: (.+)/g)].map((m) => m[1]);
  fs.writeFileSync(f, text.replace(`- name: ${names[1]}`, `- name: ${names[0]}`));
  // the second weibo account given two months' results for a three-month round
  const af = path.join(dir, 'accounts.yaml');
  const acc = fs.readFileSync(af, 'utf8').split('\n');
  const at = acc.findIndex((l, k) => k > acc.findIndex((x) => /^\s+- name:/.test(x)) && /^\s+- name:/.test(l));
  const accName = acc[at].replace(/^\s+- name: /, '');
  const r = acc.findIndex((l, k) => k > at && /^\s+results:/.test(l));
  acc[r] = acc[r].replace(/results:.*/, 'results: [合格, 不合格]');
  fs.writeFileSync(af, acc.join('\n'));
  const v = view();
  expect(v.errors).toBe(2);
  const html = v.previewHtml!;
  // the duplicate: its own row in 附件1 (seq 2, its name, the marker as a link to its box)
  expect(html).toMatch(new RegExp(`<tr data-table="\\d+"><td class="tb-c">2</td><td class="tb-l">${names[0]}<a class="tb-err" href="#sites\\.yaml:department:1" data-jump-unit="sites\\.yaml:department:1" data-jump-field="name" title="[^"]+">【有错误：名称重复】</a></td>`));
  // the wrong month count: its row in 附件2, results that cannot be judged shown as —
  expect(html).toMatch(new RegExp(`<td class="tb-l">${accName}<a class="tb-err" href="#accounts\\.yaml:weibo:department:1" data-jump-unit="accounts\\.yaml:weibo:department:1" data-jump-field="results" title="[^"]+">【有错误：结果月数不对】</a></td><td class="tb-l">[^<]+</td><td class="tb-c">—</td><td class="tb-c">—</td><td class="tb-c">—</td></tr>`));
  expect(html).not.toMatch(/〖待核|有错误#/);
  // both counted in the totals (the rule: erroneous units are counted, unjudged results as 合格)
  expect(v.overview!.totals.sites.total).toBe(50);
  expect(v.overview!.totals.accounts.failing).toBe(0);
  expect(v.previewNotes.join('')).toBe(
    `另有 2 个单位有错误（“${names[0]}”、“${accName}”），已在附件中标出【有错误】，点它可跳到该单位改正；合计已计入这些单位，其中 1 个的结果无法判定，暂按合格计。`,
  );
  expect(v.previewHtml).toContain('【待填写：成文日期】');
});

test('a duplicate 网址 is marked at its row with its own 网址; the unit stays counted', () => {
  const { dir, view } = fresh();
  const f = path.join(dir, 'sites.yaml');
  const text = fs.readFileSync(f, 'utf8');
  const urls = [...text.matchAll(/ url: (.+)/g)].map((m) => m[1]);
  const names = [...text.matchAll(/- name: (.+)/g)].map((m) => m[1]);
  fs.writeFileSync(f, text.replace(` url: ${urls[1]}`, ` url: ${urls[0]}`));
  const v = view();
  expect(v.errors).toBe(1);
  const row = v.previewHtml!.split('\n').find((l) => l.includes('tb-err'))!;
  expect(row).toBe(
    `<tr data-table="0"><td class="tb-c">2</td><td class="tb-l">${names[1]}<a class="tb-err" href="#sites.yaml:department:1" data-jump-unit="sites.yaml:department:1" data-jump-field="url" title="跳到数据中的这个单位改正">【有错误：网址重复】</a></td><td class="tb-l">${urls[0]}</td><td class="tb-c">合格</td></tr>`,
  );
  expect(v.previewHtml).not.toContain('tongbao-check');
  expect(v.overview!.totals.sites.total).toBe(50);
  expect(v.previewNotes).toEqual([`另有 1 个单位有错误（“${names[1]}”），已在附件中标出【有错误】，点它可跳到该单位改正；合计已计入这些单位。`]);
});
