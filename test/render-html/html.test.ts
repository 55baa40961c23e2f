// The notice preview as HTML: golden files for the seed round and the 2024-q1 fixture, the
// same words as the docx paragraph by paragraph, data always escaped, A4 sheets as the docx
// breaks them (each annex on a page of its own).
import * as fs from 'fs';
import * as path from 'path';
import type { ReportModel } from '../../src/aggregate/model';
import { loadModel } from '../../src/pipeline';
import { escapeHtml, renderNoticeHtml } from '../../src/render/html';
import { renderNoticeBlocks } from '../../src/render/template/notice';
import { annex2Widths } from '../../src/render/docx/annex-tables';
import { expectGolden } from '../support/golden';
import { SEED_DIR, monthsEdits, roundCopy } from '../support/round-fixture';
import { fixtureModel, spec } from '../render-docx/fixture';
import { docxUnits, htmlUnits } from './units';

const GOLDEN = path.join(__dirname, '__golden__');
const ROOT = path.join(__dirname, '..', '..');
const FIXTURE_DIR = path.join(ROOT, 'test', 'fixtures', 'rounds', '2024-q1');
const hasSeed = fs.existsSync(path.join(SEED_DIR, 'notice.yaml'));

const seedModel = () => loadModel(SEED_DIR, ROOT);
const q1Model = () => loadModel(FIXTURE_DIR, ROOT);

describe('golden HTML', () => {
  (hasSeed ? it : it.skip)('seed round', async () => {
    expectGolden(path.join(GOLDEN, 'seed.html'), renderNoticeHtml(await seedModel()));
  });

  it('2024-q1 fixture round (发文字号, problems columns, dates judged)', async () => {
    expectGolden(path.join(GOLDEN, '2024-q1.html'), renderNoticeHtml(await q1Model()));
  });
});

describe('same words as the docx', () => {
  const cases: [string, () => Promise<ReportModel>][] = [
    ['2024-q1 fixture', q1Model],
    ['hand-made model with a failing site and problems', async () =>
      fixtureModel(spec((s) => {
        s.sites.county[1].result = '不合格';
        s.sites.county[1].problems = ['首页栏目空白', '链接失效'];
        s.accounts.wechat.county[0].problems = ['账号名称与简介不符'];
      }))],
    ['hand-made model with a 发文字号 and nothing failing', async () =>
      fixtureModel(spec((s) => {
        s.docNumber = '某政办〔2024〕9号';
        s.accounts.weibo.department[0].results = ['合格', '合格'];
        s.accounts.wechat.department[0].results = ['合格', '合格'];
      }))],
  ];
  if (hasSeed) cases.unshift(['seed round', seedModel]);

  it.each(cases)('%s: every paragraph and table row', async (_name, make) => {
    const model = await make();
    const html = htmlUnits(renderNoticeHtml(model));
    const docx = await docxUnits(model);
    expect(html).toEqual(docx);
    expect(html.length).toBeGreaterThan(20);
  });
});

describe('escaping', () => {
  const XSS = '<img src=x onerror=alert(1)>';
  const model = fixtureModel(
    spec((s) => {
      s.sites.department[0].name = XSS;
      s.sites.department[0].result = '不合格';
      s.sites.department[0].url = 'http://a.example/?x=1&y="2"';
      s.accounts.weibo.county[0].name = `</td></tr></table><script>alert('x')</script>`;
      s.accounts.weibo.county[0].owner = 'A & B <b>粗</b>';
      s.accounts.weibo.county[0].results = ['不合格', '合格'];
      s.contactName = '<span onclick="x">李四</span>';
    }),
  );
  const html = renderNoticeHtml(model);

  it('prints markup in the data as text, in the body and in the tables', () => {
    expect(html).not.toMatch(/<img|<script|<b>|<span onclick|<\/td><\/tr><\/table><script/);
    expect(html).toContain('不合格的政府网站是：&lt;img src=x onerror=alert(1)&gt;。');
    expect(html).toContain('<td class="tb-l">&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html).toContain('http://a.example/?x=1&amp;y=&quot;2&quot;');
    expect(html).toContain('&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;（政务微博）');
    expect(html).toContain('A &amp; B &lt;b&gt;粗&lt;/b&gt;');
    expect(html).toContain('（联系人：&lt;span onclick=&quot;x&quot;&gt;李四&lt;/span&gt;；');
  });

  it('reads back as exactly the data', async () => {
    expect(htmlUnits(html)).toEqual(await docxUnits(model));
  });

  it.each([
    ['<>&"\'', '&lt;&gt;&amp;&quot;&#39;'],
    ['普通文字 2023', '普通文字 2023'],
    ['a\nb\u0000c', 'a b c'],
    ['&amp;', '&amp;amp;'],
  ])('escapeHtml(%j) = %j', (raw, out) => {
    expect(escapeHtml(raw)).toBe(out);
  });
});

describe('sheets', () => {
  it('is the same string when rendered again', async () => {
    const model = await q1Model();
    expect(renderNoticeHtml(model)).toBe(renderNoticeHtml(model));
  });

  (hasSeed ? it : it.skip)('puts each annex on a sheet of its own and numbers the sheets in order', async () => {
    const html = renderNoticeHtml(await seedModel());
    const sheets = html.split('<section class="tb-sheet"').slice(1);
    expect(sheets.length).toBeGreaterThanOrEqual(6);
    sheets.forEach((s, i) => {
      expect(s).toContain(`aria-label="第${i + 1}页"`);
      expect(s).toContain(`— ${i + 1} —</div>`);
      expect(s).toContain(i % 2 ? 'tb-page-number tb-even' : 'tb-page-number tb-odd');
    });
    const starts = sheets.map((s) => /<div class="tb-text">\n<p class="[^"]*" data-kind="([a-z-]+)"/.exec(s)?.[1]);
    expect(starts.filter((k) => k === 'annex-label')).toHaveLength(2);
    // the sheet with the signature also carries text above it
    const signed = sheets.find((s) => s.includes('data-kind="sign"'))!;
    expect(signed).toMatch(/data-kind="p"/);
    // a table continued on the next sheet repeats its header row there
    expect(sheets.some((s) => /^[^]*?<table[^>]*>.*<thead><tr class="tb-repeat"/m.test(s))).toBe(true);
  });

  it('breaks a long paragraph across sheets at a line, two lines at least on each side', () => {
    const model = fixtureModel();
    model.problems = [{ heading: '问题很多。', text: '栏目长期不更新，'.repeat(120) }];
    const html = renderNoticeHtml(model);
    const parts = [...html.matchAll(/<p class="tb-p( tb-cont)?( tb-split)?" data-kind="h2"( data-cont)?>(.*?)<\/p>/g)];
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts[0][2]).toBe(' tb-split');
    expect(parts[1][3]).toBe(' data-cont');
    expect(parts[0][4].startsWith('<span class="tb-lead">（一）问题很多。</span>')).toBe(true);
  });
});

describe('blocks passed in', () => {
  it('gives the same HTML as blocks rendered here', async () => {
    const model = await q1Model();
    expect(renderNoticeHtml(model, { blocks: renderNoticeBlocks(model) })).toBe(renderNoticeHtml(model));
  });
});

describe('the last render kept', () => {
  it('a model with the same blocks but another table row is rendered again, not taken from the last render', () => {
    // a passing site is in 附件1 but not in the notice's words: the blocks stay the same
    const a = fixtureModel();
    const b = fixtureModel(spec((s) => (s.sites.department[0].name = '改名后的网站')));
    expect(renderNoticeBlocks(b)).toEqual(renderNoticeBlocks(a));
    const first = renderNoticeHtml(a);
    const second = renderNoticeHtml(b);
    expect(first).not.toContain('改名后的网站');
    expect(second).toContain('改名后的网站');
    expect(renderNoticeHtml(a)).toBe(first);
  });

  it('other words are rendered again; the same blocks again give the same HTML', () => {
    const a = fixtureModel();
    const html = renderNoticeHtml(a);
    const blocks = renderNoticeBlocks(a).map((x) => (x.kind === 'title' ? { ...x, text: '另一个标题' } : x));
    const other = renderNoticeHtml(a, { blocks });
    expect(other).toContain('另一个标题');
    expect(other).not.toBe(html);
    expect(renderNoticeHtml(a, { blocks: renderNoticeBlocks(a) })).toBe(html);
  });
});

describe('附件2 with 6 months (a copy of the seed)', () => {
  it('the preview’s columns are the notice’s compact widths, in proportion', async () => {
    const model = await loadModel(roundCopy(monthsEdits(6, true)).dir, ROOT);
    const html = renderNoticeHtml(model);
    const table = html.slice(html.indexOf('data-annex="annex2-weibo-department"'));
    const cols = [...table.slice(0, table.indexOf('</colgroup>')).matchAll(/width:([\d.]+)%/g)].map((m) => Number(m[1]));
    const widths = annex2Widths(model.months.map((m) => m.column), null, true);
    expect(cols).toEqual(widths.map((w) => Number(((100 * w) / 8844).toFixed(2))));
    // 名称, 主办单位 and 问题曝光情况 each at least 3 characters of 小四 and margins (880 of 8844)
    for (const c of [cols[1], cols[2], cols[9]]) expect(c).toBeGreaterThanOrEqual(9.95);
  });
});
