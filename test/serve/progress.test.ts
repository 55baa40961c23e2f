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

test('a real error leaves its unit out of the preview, says so, and is counted as an error', () => {
  const { dir, view } = fresh();
  const f = path.join(dir, 'sites.yaml');
  const text = fs.readFileSync(f, 'utf8');
  // the second site renamed like the first: a duplicate name
  const names = [...text.matchAll(/- name: (.+)/g)].map((m) => m[1]);
  fs.writeFileSync(f, text.replace(`- name: ${names[1]}`, `- name: ${names[0]}`));
  const v = view();
  expect(v.errors).toBeGreaterThan(0);
  expect(v.diagnostics.filter((d) => !d.fill && d.severity === 'error').every((d) => d.place.startsWith('州直部门网站'))).toBe(true);
  expect(v.previewHtml).toContain('【待填写：成文日期】');
  expect(v.previewNotes.join('')).toMatch(/有错误的 \d+ 个单位（.*）暂未计入预览/);
});
