// The .docx itself: golden document XML, byte-identical rebuilds, GB/T 9704 page and type,
// annex tables, and text that survives XML escaping.
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { loadModel } from '../../src/pipeline';
import { keptWithNext, noticeFileName, renderNotice } from '../../src/render/docx/notice';
import { headingLines } from '../../src/render/docx/annex-tables';
import { printedWidth, textWidth } from '../../src/render/docx/layout';
import { balancedLines, titleLines, TITLE_CHARS_PER_LINE } from '../../src/render/docx/title';
import { esc } from '../../src/render/docx/wordml';
import { renderNoticeBlocks } from '../../src/render/template/notice';
import { expectGolden } from '../support/golden';
import { sharedFile, testIf } from '../support/needs';
import { SEED_DIR } from '../support/round-fixture';
import { fixtureModel, spec } from './fixture';

const GOLDEN = path.join(__dirname, '__golden__');
const ROOT = path.join(__dirname, '..', '..');

async function parts(buf: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buf);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (!zip.files[name].dir) out[name] = await zip.files[name].async('string');
  return out;
}

/** Paragraph texts of document.xml, in order (tables included), unescaped. */
function paragraphs(xml: string): string[] {
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => [...m[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1])).join(''));
}

describe('fixture notice', () => {
  const model = fixtureModel(
    spec((s) => {
      s.sites.county[1].result = '不合格';
      s.sites.county[1].problems = ['首页栏目空白', '链接失效'];
    }),
  );
  let buf: Buffer;
  let files: Record<string, string>;
  beforeAll(async () => {
    buf = await renderNotice(model);
    files = await parts(buf);
  });

  it('matches the golden document XML', () => {
    expectGolden(path.join(GOLDEN, 'fixture.document.xml'), files['word/document.xml']);
  });

  it('is byte-identical when built again, in the same process', async () => {
    expect((await renderNotice(model)).equals(buf)).toBe(true);
  });

  it('is dated by the 成文日期 everywhere: core properties and zip entry times', async () => {
    expect(files['docProps/core.xml']).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-06-14T00:00:00Z</dcterms:created>');
    expect(files['docProps/core.xml']).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2024-06-14T00:00:00Z</dcterms:modified>');
    expect(files['docProps/core.xml']).toContain('<dc:title>关于2024年第二季度全市政府网站和政务新媒体检查情况的通报</dc:title>');
    const zip = await JSZip.loadAsync(buf);
    for (const f of Object.values(zip.files)) expect([f.name, f.date.toISOString()]).toEqual([f.name, '2024-06-14T00:00:00.000Z']);
  });

  it('has no random ids or clock times in any part', () => {
    for (const [name, xml] of Object.entries(files)) {
      expect([name, /20\d\d-\d\d-\d\dT(?!00:00:00Z)/.test(xml)]).toEqual([name, false]);
    }
  });

  it('lays out A4 with GB/T 9704 margins, the 22-line grid and odd/even page numbers', () => {
    const doc = files['word/document.xml'];
    expect(doc).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(doc).toContain('<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1247" w:gutter="0"/>');
    expect(doc).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
    expect(files['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    const rels = files['word/_rels/document.xml.rels'];
    const target = (type: string) => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="(rId\\d+)"/>`).exec(doc)![1];
      return new RegExp(`Id="${id}" Type="[^"]+/footer" Target="([^"]+)"`).exec(rels)![1];
    };
    const odd = files[`word/${target('default')}`];
    const even = files[`word/${target('even')}`];
    for (const f of [odd, even]) {
      expect(f).toMatch(/— <\/w:t>.*PAGE.*<w:t xml:space="preserve"> —/);
      expect(f).toContain('<w:sz w:val="28"/>');
      expect(f).toContain('w:eastAsia="宋体"');
    }
    expect(odd).toContain('<w:jc w:val="right"/>');
    expect(even).toContain('<w:jc w:val="left"/>');
  });

  it('names the official typefaces and sizes in the styles', () => {
    const styles = files['word/styles.xml'];
    const style = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}">.*?</w:style>`).exec(styles)![0];
    expect(style('TbTitle')).toMatch(/w:eastAsia="方正小标宋简体".*<w:sz w:val="44"\/>/);
    expect(style('TbBody')).toMatch(/<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>.*<w:ind w:firstLine="640"\/>.*w:eastAsia="仿宋_GB2312".*<w:sz w:val="32"\/>/);
    expect(style('TbHeading1')).toContain('w:eastAsia="黑体"');
    expect(style('TbLead')).toContain('w:eastAsia="楷体_GB2312"');
    expect(style('TbAnnexLabel')).toContain('w:eastAsia="黑体"');
    expect(style('TbDate')).toMatch(/<w:ind w:right="1280" w:firstLine="0"\/><w:jc w:val="right"\/>/);
    // table text must not snap to the 28.95 pt grid
    expect(style('TbCell')).toMatch(/<w:snapToGrid w:val="false"\/><w:spacing/);
  });

  it('carries the text, annex rows and problems, in order', () => {
    const ps = paragraphs(files['word/document.xml']);
    const at = (t: string) => ps.indexOf(t);
    expect(at('附件1')).toBeGreaterThan(at('（联系人：王明；联系方式：1234567）'));
    expect(at('附件2')).toBeGreaterThan(at('附件1'));
    expect(ps.slice(at('附件1'))).toEqual(
      expect.arrayContaining(['区（县）政府网站', '西河县', 'http://www.xihe.example.gov.cn', '不合格', '首页栏目空白', '链接失效', '4月更新', '情况']),
    );
    expect(at('首页栏目空白')).toBe(at('西河县') + 3);
  });

  it('repeats table headers, never splits rows, and fits every table to the 版心', () => {
    const doc = files['word/document.xml'];
    const tables = [...doc.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(tables).toHaveLength(5);
    for (const t of tables) {
      const grid = [...t.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(grid.reduce((a, b) => a + b, 0)).toBe(8844);
      const rows = [...t.matchAll(/<w:tr>.*?<\/w:tr>/g)].map((m) => m[0]);
      expect(rows[0]).toContain('<w:tblHeader/>');
      expect(rows.slice(1).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
      for (const r of rows) expect(r).toContain('<w:cantSplit/>');
    }
    // 附件1 gains the 问题曝光情况 column when a site has problems
    expect(tables[0]).toContain('问题曝光情况');
    expect(tables[1]).not.toContain('问题曝光情况');
  });

  it('starts each annex on a new page, its label in the 黑体 label style', () => {
    const doc = files['word/document.xml'];
    for (const label of ['附件1', '附件2']) {
      expect(doc).toContain(`<w:p><w:pPr><w:pStyle w:val="TbAnnexLabel"/><w:pageBreakBefore/></w:pPr><w:r><w:t xml:space="preserve">${label}</w:t></w:r></w:p>`);
    }
  });
});

describe('the seed round', () => {
  const hasSeed = fs.existsSync(path.join(SEED_DIR, 'notice.yaml'));
  (hasSeed ? it : it.skip)('matches the golden document XML and rebuilds byte for byte', async () => {
    const model = await loadModel(SEED_DIR, ROOT);
    const buf = await renderNotice(model);
    const files = await parts(buf);
    expectGolden(path.join(GOLDEN, 'seed.document.xml'), files['word/document.xml']);
    expect((await renderNotice(model)).equals(buf)).toBe(true);
    expect(noticeFileName(model)).toBe('关于2023年第四季度全州政府网站和政务新媒体检查情况的通报.docx');
  });

  const expectedFile = path.join(ROOT, '..', 'shared', 'acceptance', 'seed-expected.json');
  testIf(sharedFile('seed-expected.json'))('says every paragraph of the seed circular, in order', async () => {
    const model = await loadModel(SEED_DIR, ROOT);
    const files = await parts(await renderNotice(model));
    const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
    const expected: string[] = JSON.parse(fs.readFileSync(expectedFile, 'utf8')).paragraphs;
    const ps = paragraphs(files['word/document.xml']).map(norm);
    let pos = 0;
    for (const want of expected) {
      const i = ps.indexOf(norm(want), pos);
      expect([want, i >= 0]).toEqual([want, true]);
      pos = i + 1;
    }
  });
});

describe('发文字号', () => {
  it('sits in the 版头 above a red 分隔线, leaving the title the first paragraph of the body', async () => {
    const model = fixtureModel(spec((s) => (s.docNumber = '某政信〔2024〕2号')));
    const xml = (await parts(await renderNotice(model)))['word/document.xml'];
    const body = xml.slice(xml.indexOf('<w:body>'));
    const frame = body.indexOf('<w:tbl>');
    const title = body.indexOf(model.title.slice(0, 10));
    expect(frame).toBeGreaterThan(-1);
    expect(body.indexOf('某政信〔2024〕2号')).toBeGreaterThan(frame);
    expect(body.indexOf('某政信〔2024〕2号')).toBeLessThan(body.indexOf('</w:tbl>'));
    expect(body.slice(frame, body.indexOf('</w:tbl>'))).toMatch(/<w:bottom w:val="single"[^>]*w:color="FF0000"\/>/);
    // the first top-level paragraph with text is the title
    const outside = body.slice(body.indexOf('</w:tbl>'));
    expect(paragraphs(outside).find((t) => t)).toBe(model.title);
    expect(title).toBeGreaterThan(body.indexOf('</w:tbl>'));
  });
});

describe('XML special characters in data', () => {
  it('print literally in the document', async () => {
    const tricky = `A&B<C>"D'E`;
    const model = fixtureModel(spec((s) => (s.contactName = tricky)));
    model.annex1.groups[0].rows[0].name = `网站${tricky}`;
    model.annex2.sections[0].rows[0].owner = `]]><w:p>${tricky}`;
    const files = await parts(await renderNotice(model));
    const ps = paragraphs(files['word/document.xml']);
    expect(ps).toContain(`（联系人：${tricky}；联系方式：1234567）`);
    expect(ps).toContain(`网站${tricky}`);
    expect(ps).toContain(`]]><w:p>${tricky}`);
    expect(esc('<&>"')).toBe('&lt;&amp;&gt;&quot;');
  });

  it('drop control characters XML cannot hold', () => {
    expect(esc('a\u0001b\u000bc')).toBe('a b c');
  });
});

describe('layout helpers', () => {
  it('breaks the seed title between words into two balanced lines', () => {
    expect(TITLE_CHARS_PER_LINE).toBe(20);
    expect(titleLines('关于2023年第四季度全州政府网站和政务新媒体检查情况的通报')).toEqual(['关于2023年第四季度全州政府网站', '和政务新媒体检查情况的通报']);
    expect(titleLines('关于第四季度检查情况的通报')).toEqual(['关于第四季度检查情况的通报']);
    for (const line of titleLines('关于2024年第一季度全市政府网站和政务新媒体检查情况的通报')) expect(textWidth(line)).toBeLessThanOrEqual(20);
  });

  it('leaves an unbreakable long title whole for the word processor', () => {
    expect(balancedLines('甲'.repeat(30), 20)).toEqual(['甲'.repeat(30)]);
  });

  it('breaks column headings between words or after a slash', () => {
    expect(headingLines('10月更新情况', 4)).toEqual(['10月更新', '情况']);
    expect(headingLines('合格/不合格', 3)).toEqual(['合格/', '不合格']);
    expect(headingLines('网站名称', 8)).toEqual(['网站名称']);
  });

  it('measures printed width with the gap between Chinese and digits', () => {
    expect(textWidth('2023年11月23日')).toBe(7);
    expect(printedWidth('2023年11月23日')).toBe(8.25);
    expect(printedWidth('州政府政务信息中心')).toBe(9);
  });

  it('keeps the last text paragraph with the signature block', () => {
    const blocks = renderNoticeBlocks(fixtureModel());
    const kept = [...keptWithNext(blocks)].map((i) => blocks[i].kind);
    expect(kept).toEqual(['p', 'blank', 'attach', 'attach-more', 'blank', 'blank', 'sign', 'date']);
  });

  it('names the file after the title, safely', () => {
    const model = fixtureModel();
    model.title = '关于A/B:C的通报';
    expect(noticeFileName(model)).toBe('关于A／B：C的通报.docx');
  });
});
