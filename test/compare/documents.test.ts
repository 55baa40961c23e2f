// What the notice and the annexes print of the comparison, read as text. Expected sentences
// are written out by hand from the fixture rounds (the numbers are worked in compare.test.ts).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ReportModel } from '../../src/aggregate/model';
import { loadModel, loadValidated, modelOf } from '../../src/pipeline';
import { annex1Table, annex2Table } from '../../src/render/docx/annex-tables';
import { renderNoticeBlocks } from '../../src/render/template/notice';
import { renderAnnex1, renderAnnex2 } from '../../src/render/xlsx';
import { noticeDifferences, noticeFacts } from '../../src/write/manifest';
import { readBook, sheetTexts } from '../render-xlsx/read';
import { fixtureModel, spec } from '../render-docx/fixture';

const ROUNDS = path.join(__dirname, '..', 'fixtures', 'rounds');
const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');
const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function paragraphs(m: ReportModel): string[] {
  return renderNoticeBlocks(m)
    .filter((b) => b.kind === 'p')
    .map((b) => b.text);
}

/** The paragraphs after the 目标绩效 paragraph and before 二、存在的问题. */
function comparisonParagraphs(m: ReportModel): string[] {
  const blocks = renderNoticeBlocks(m);
  const end = blocks.findIndex((b) => b.kind === 'h1' && b.text.startsWith('二、'));
  const start = blocks.findIndex((b) => b.kind === 'p' && b.text.includes('目标绩效'));
  return blocks.slice(start + 1, end).map((b) => b.text);
}

describe('the notice paragraph', () => {
  it('2024-q2 against the sibling 2024-q1', async () => {
    const m = await loadModel(path.join(ROUNDS, '2024-q2'));
    expect(comparisonParagraphs(m)).toEqual([
      // sites 5, accounts 2 + 3 = 5; all 5/10 = 50.0 vs 5/9 = 55.6 (−5.6); sites 2/5 = 40.0 vs 2/4 = 50.0;
      // 微博 1/2 both; 微信 2/3 both; 市直 3/6 = 50.0; 区（县） 2/4 = 50.0
      '本季度共检查政府网站5个、政务新媒体5个，总体合格率为50.0%，比上季度下降5.6个百分点。其中，政府网站合格率为40.0%，比上季度下降10.0个百分点；' +
        '政务微博合格率为50.0%，与上季度持平；政务微信合格率为66.7%，与上季度持平；市直部门合格率为50.0%，区（县）合格率为50.0%。',
      // q1 failing 4: 市交通运输局 and 西县发布 (now 西县融媒) rectified; 西县 and 某市交通服务 still failing
      '对上季度检查不合格的4个政府网站和政务新媒体进行复查，其中已整改合格2个，仍未整改合格2个。西县、某市交通服务（政务微信）连续两个季度检查不合格。',
    ]);
  });

  it('2024-q3 against previous: ../2024-q2', async () => {
    const m = await loadModel(path.join(ROUNDS, '2024-q3'));
    expect(comparisonParagraphs(m)).toEqual([
      // all 9/11 = 81.8 (+31.8 from 50.0); sites 5/6 = 83.3 (+43.3 from 40.0); 微博 1/2 = 50.0 (same);
      // 微信 3/3 = 100.0 (+33.3 from 66.7); 市直 6/6 = 100.0; 区（县） 3/5 = 60.0
      '本季度共检查政府网站6个、政务新媒体5个，总体合格率为81.8%，比上季度提升31.8个百分点。其中，政府网站合格率为83.3%，比上季度提升43.3个百分点；' +
        '政务微博合格率为50.0%，与上季度持平；政务微信合格率为100.0%，比上季度提升33.3个百分点；市直部门合格率为100.0%，区（县）合格率为60.0%。',
      '对上季度检查不合格的5个政府网站和政务新媒体进行复查，其中已整改合格4个，仍未整改合格1个。东区人民政府连续两个季度检查不合格。',
    ]);
  });

  it('a previous round that is not the quarter before is named, and a failing unit gone is counted', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-doc-'));
    made.push(dir);
    for (const r of ['2024-q1', '2024-q3']) fs.cpSync(path.join(ROUNDS, r), path.join(dir, r), { recursive: true });
    const notice = path.join(dir, '2024-q3', 'notice.yaml');
    fs.writeFileSync(notice, fs.readFileSync(notice, 'utf8').replace('previous: ../2024-q2', 'previous: ../2024-q1'));
    const m = modelOf(loadValidated(path.join(dir, '2024-q3'), dir));
    const [rates, review] = comparisonParagraphs(m);
    // all: 55.6 (5/9) → 81.8: +26.2; sites 2/4 = 50.0 → 83.3: +33.3; 微博 1/2 → 1/2; 微信 2/3 → 3/3: +33.3
    expect(rates).toBe(
      '本季度共检查政府网站6个、政务新媒体5个，总体合格率为81.8%，比2024年第一季度提升26.2个百分点。其中，政府网站合格率为83.3%，比2024年第一季度提升33.3个百分点；' +
        '政务微博合格率为50.0%，与2024年第一季度持平；政务微信合格率为100.0%，比2024年第一季度提升33.3个百分点；市直部门合格率为100.0%，区（县）合格率为60.0%。',
    );
    // q1 failing: 市交通运输局 (passes), 西县 (passes), 西县发布 → 西县融媒 (fails in 8月), 某市交通服务 (passes)
    expect(review).toBe('对2024年第一季度检查不合格的4个政府网站和政务新媒体进行复查，其中已整改合格3个，仍未整改合格1个。西县融媒（政务微博）在2024年第一季度和本季度检查中均不合格。');
    // the annex column shows that quarter, and says so
    expect(m.columns.previousResult).toBe('2024年第一季度结果');
    expect(annex1Table(m)).toContain('2024年第一季度结果');
    expect(annex1Table(m)).not.toContain('上季度结果');
  });

  it('asked for without a previous round: this quarter’s rates only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-doc-'));
    made.push(dir);
    fs.cpSync(path.join(ROUNDS, '2024-q2'), path.join(dir, 'only'), { recursive: true });
    const m = modelOf(loadValidated(path.join(dir, 'only'), dir));
    expect(comparisonParagraphs(m)).toEqual([
      '本季度共检查政府网站5个、政务新媒体5个，总体合格率为50.0%。其中，政府网站合格率为40.0%；政务微博合格率为50.0%；政务微信合格率为66.7%；' +
        '市直部门合格率为50.0%，区（县）合格率为50.0%。',
    ]);
  });

  it('a round with no units at all has no rate to state', () => {
    const m = fixtureModel(
      spec((s) => {
        s.sites = { department: [], county: [] };
        s.accounts = { weibo: { department: [], county: [] }, wechat: { department: [], county: [] } };
        s.compare = { paragraph: true, annexColumn: false, previous: null };
      }),
    );
    expect(m.passRates?.all.overall.text).toBeNull();
    expect(paragraphs(m).join('')).not.toMatch(/合格率|复查/);
  });

  it('off unless asked for: the seed and 2024-q1 say nothing of rates', async () => {
    for (const dir of [SEED, path.join(ROUNDS, '2024-q1')]) {
      const m = await loadModel(dir);
      expect(m.compare).toEqual({ paragraph: false, annexColumn: false });
      expect(paragraphs(m).join('')).not.toMatch(/合格率|复查/);
      expect(noticeFacts(m)).not.toHaveProperty('comparison');
    }
  });

  it('the manifest states the paragraph’s figures, so a change to them is a change to the notice', async () => {
    const q3 = await loadModel(path.join(ROUNDS, '2024-q3'));
    expect(noticeFacts(q3).comparison).toBe(
      '合格率：总体 81.8%，政府网站 83.3%，政务微博 50.0%，政务微信 100.0%，市直部门 100.0%，区（县） 60.0%；' +
        '比2024年第二季度：总体 +31.8，政府网站 +43.3，政务微博 +0.0，政务微信 +33.3；复查 5 个：已整改合格 4，仍未整改合格 1，未检查 0；连续不合格：东区人民政府',
    );
    const without = noticeFacts({ ...q3, compare: { paragraph: false, annexColumn: true } });
    expect(noticeDifferences(noticeFacts(q3), without)).toEqual([`合格率与复查：${noticeFacts(q3).comparison} → （无）`]);
  });
});

describe('确保……检查合格: the quarter the notice is issued in', () => {
  it('a Q1 round issued in April asks for the second quarter; a round issued in its own quarter is unchanged', async () => {
    const q1 = await loadModel(path.join(ROUNDS, '2024-q1'));
    expect(q1.round.issuedQuarterLabel).toBe('第二季度');
    expect(paragraphs(q1).join('')).toContain('查缺补漏，确保第二季度检查合格。');
    expect(paragraphs(q1).join('')).not.toContain('确保第一季度');
    const seed = await loadModel(SEED);
    expect(paragraphs(seed).join('')).toContain('查缺补漏，确保第四季度检查合格。');
  });
});

describe('the 上季度结果 column', () => {
  let q3: ReportModel;
  beforeAll(async () => {
    q3 = await loadModel(path.join(ROUNDS, '2024-q3'));
  });

  it('is in the model rows: 合格, 不合格, or 未检查 for a unit new this quarter', () => {
    expect(q3.compare).toEqual({ paragraph: true, annexColumn: true });
    expect(q3.annex1.groups.flatMap((g) => g.rows.map((r) => `${r.name}:${r.previous}`))).toEqual([
      '市教育局:合格',
      '市交通运输局:合格',
      '市卫生健康委员会:不合格',
      '东区人民政府:不合格',
      '西县:不合格',
      '北县:未检查',
    ]);
    expect(q3.annex2.sections.flatMap((s) => s.rows.map((r) => `${r.name}:${r.previous}`))).toEqual([
      '某市教育:不合格', // （一）市直部门政务微博
      '某市交通服务:不合格', // （二）市直部门政务微信
      '市卫健发布:合格',
      '西县融媒:合格', // （三）区（县）政务微博
      '东区微政务:合格', // （四）区（县）政务微信
    ]);
  });

  it('is printed in both workbooks after the results, headed from templates/annexes.yaml', async () => {
    const a1 = sheetTexts((await readBook(await renderAnnex1(q3))).wb.worksheets[0]);
    expect(a1[2]).toEqual(['序号', '网站名称', '网址', '合格/不合格', '上季度结果', '问题曝光情况']);
    expect(a1.filter((r) => /^\d+$/.test(r[0])).map((r) => `${r[1]}:${r[3]}:${r[4]}`)).toEqual([
      '市教育局:合格:合格',
      '市交通运输局:合格:合格',
      '市卫生健康委员会:合格:不合格',
      '东区人民政府:不合格:不合格',
      '西县:合格:不合格',
      '北县:合格:未检查',
    ]);
    const a2 = sheetTexts((await readBook(await renderAnnex2(q3))).wb.worksheets[0]);
    expect(a2[3]).toEqual(['序号', '名称', '主办单位', '7月更新情况', '8月更新情况', '9月更新情况', '上季度结果', '问题曝光情况']);
    expect(a2.filter((r) => /^\d+$/.test(r[0])).map((r) => `${r[1]}:${r[6]}`)).toEqual([
      '某市教育:不合格',
      '某市交通服务:不合格',
      '市卫健发布:合格',
      '西县融媒:合格',
      '东区微政务:合格',
    ]);
  });

  /** A WordprocessingML table's rows as cell texts (a cell's lines joined). */
  const rowsOf = (xml: string) =>
    xml
      .split('</w:tr>')
      .slice(0, -1)
      .map((tr) => tr.split('</w:tc>').slice(0, -1).map((tc) => [...tc.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')));

  it('is printed in the notice’s annex tables', () => {
    const t1 = rowsOf(annex1Table(q3));
    expect(t1[0]).toEqual(['序号', '网站名称', '网址', '合格/不合格', '上季度结果', '问题曝光情况']);
    expect(t1.filter((r) => /^\d+$/.test(r[0])).map((r) => `${r[1]}:${r[4]}`)).toEqual([
      '市教育局:合格',
      '市交通运输局:合格',
      '市卫生健康委员会:不合格',
      '东区人民政府:不合格',
      '西县:不合格',
      '北县:未检查',
    ]);
    const t2 = rowsOf(annex2Table(q3, q3.annex2.sections[1]));
    expect(t2[0]).toEqual(['序号', '名称', '主办单位', '7月更新情况', '8月更新情况', '9月更新情况', '上季度结果']);
    expect(t2.slice(1).map((r) => `${r[1]}:${r[6]}`)).toEqual(['某市交通服务:不合格', '市卫健发布:合格']);
  });

  it('is left out without a previous round, even when asked for', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-doc-'));
    made.push(dir);
    fs.cpSync(path.join(ROUNDS, '2024-q3'), path.join(dir, 'q3'), { recursive: true });
    const notice = path.join(dir, 'q3', 'notice.yaml');
    fs.writeFileSync(notice, fs.readFileSync(notice, 'utf8').replace('previous: ../2024-q2\n', ''));
    const m = modelOf(loadValidated(path.join(dir, 'q3'), dir));
    expect(m.compare).toEqual({ paragraph: true, annexColumn: false });
    expect(annex1Table(m)).not.toContain('上季度结果');
    expect(m.annex1.groups[0].rows[0]).not.toHaveProperty('previous');
  });
});
