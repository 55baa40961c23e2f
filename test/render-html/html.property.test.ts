// The preview over random rounds (fast-check): whatever the names, results and prose, it says
// exactly what the docx says, no data character survives as markup, and the sheets are
// numbered in order with every paragraph that runs on to the next sheet split at a line.
import fc from 'fast-check';
import { renderNoticeHtml } from '../../src/render/html';
import type { Result } from '../../src/types';
import { fixtureModel, spec, type AccountSpec, type FixtureSpec, type SiteSpec } from '../render-docx/fixture';
import { docxUnits, htmlUnits } from './units';

const result = fc.constantFrom<Result>('合格', '不合格');
// markup, entities, quotes, full-width punctuation, Latin and digits mixed with Chinese
const piece = fc.constantFrom('<img src=x onerror=alert(1)>', '&amp;', '"', "'", '</p>', '局', '教育', '网站', '（县）', 'A&B', '2024', ' ', '——', '<', '>');
const text = fc.array(piece, { minLength: 1, maxLength: 6 }).map((xs) => xs.join('').trim() || '局');
const unique = <T extends { name: string }>(xs: T[]) => xs.map((x, i) => ({ ...x, name: `${x.name}${i}` }));

const site: fc.Arbitrary<SiteSpec> = fc.record({ name: text, url: text.map((t) => `http://a.example/?q=${t}`), result, problems: fc.array(text, { maxLength: 2 }) });
const account: fc.Arbitrary<AccountSpec> = fc.record({ name: text, owner: text, results: fc.array(result, { minLength: 2, maxLength: 2 }), problems: fc.array(text, { maxLength: 2 }) });
const sites = fc.array(site, { maxLength: 8 }).map(unique);
const accounts = fc.array(account, { maxLength: 8 }).map(unique);

const round = fc
  .record({
    sd: sites, sc: sites, wbd: accounts, wbc: accounts, wxd: accounts, wxc: accounts,
    docNumber: fc.option(fc.constant('某政办〔2024〕9号'), { nil: null }),
    contactName: text,
    prose: fc.array(fc.tuple(text, fc.integer({ min: 1, max: 200 })), { maxLength: 3 }),
  })
  .map((r) => {
    const s: FixtureSpec = spec((x) => {
      x.sites = { department: r.sd, county: r.sc };
      x.accounts = { weibo: { department: r.wbd, county: r.wbc }, wechat: { department: r.wxd, county: r.wxc } };
      x.docNumber = r.docNumber;
      x.contactName = r.contactName;
    });
    const model = fixtureModel(s);
    // problems of any length, so that paragraphs run on across sheets
    if (r.prose.length) model.problems = r.prose.map(([t, n], i) => ({ heading: `问题${i + 1}。`, text: `${t}，`.repeat(n) }));
    return model;
  });

const seen = { splits: 0 };
afterAll(() => expect(seen.splits).toBeGreaterThan(0));

it('says what the docx says, escapes every data character, numbers the sheets in order', async () => {
  await fc.assert(
    fc.asyncProperty(round, async (model) => {
      const html = renderNoticeHtml(model);
      expect(htmlUnits(html)).toEqual(await docxUnits(model));
      // outside the renderer's own tags, no < or > is left: the data's are all entities
      const tags = /<\/?(?:div|section|p|span|br|table|colgroup|col|thead|tbody|tr|th|td)(?: [a-z-]+(?:="[^"<>]*")?)*>/g;
      expect(html.replace(tags, '')).not.toMatch(/[<>]/);
      const pages = [...html.matchAll(/<section class="tb-sheet" aria-label="第(\d+)页">/g)].map((m) => Number(m[1]));
      expect(pages).toEqual(pages.map((_, i) => i + 1));
      const numbers = [...html.matchAll(/— (\d+) —<\/div>/g)].map((m) => Number(m[1]));
      expect(numbers).toEqual(pages);
      // a continued paragraph follows the split one, at the top of the next sheet
      const splits = (html.match(/ tb-split"/g) ?? []).length;
      const conts = (html.match(/ data-cont>/g) ?? []).length;
      const atTop = (html.match(/<div class="tb-text">\n<p class="[^"]*tb-cont[^"]*"[^>]* data-cont>/g) ?? []).length;
      expect([conts, atTop]).toEqual([splits, splits]);
      seen.splits += splits;
    }),
    { numRuns: 25 },
  );
}, 120_000);
