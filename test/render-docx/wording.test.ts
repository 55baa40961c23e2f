// The notice's wording follows the data: counts, names, round, months and dates come from the
// model, and the sentences change with what failed.
import { blocksText, type Block } from '../../src/render/blocks';
import { ANNEX_INLINE_MAX_ROWS, renderNoticeBlocks } from '../../src/render/template/notice';
import { allAccountsPass, fixtureModel, spec } from './fixture';

const overview = (blocks: Block[]) => blocks.find((b) => b.text.startsWith('目前，'))!.text;
const texts = (blocks: Block[]) => blocks.map((b) => b.text);

describe('the base fixture (no failing site, two failing accounts)', () => {
  const blocks = renderNoticeBlocks(fixtureModel());

  it('opens with title, 主送机关 and the basis with 《》 and 文号', () => {
    expect(blocks.slice(0, 4).map((b) => [b.kind, b.text])).toEqual([
      ['title', '关于2024年第二季度全市政府网站和政务新媒体检查情况的通报'],
      ['blank', ''],
      ['to', '各区（县）人民政府，市政府各部门：'],
      [
        'p',
        '根据《政府网站与政务新媒体检查指标》《关于加强政府网站监管的通知》（某政办发〔2024〕3号）要求，' +
          '市政府办公室于2024年6月3至6月7日，组织对全市政府网站和政务新媒体第二季度运行情况进行了检查，现将检查情况通报如下：',
      ],
    ]);
  });

  it('counts and lists from the model', () => {
    expect(overview(blocks)).toBe(
      '目前，全市纳入监管的政府网站共有5个，政务微信、政务微博共有5个。' +
        '其中：区（县）级政府网站2个，市直部门政府网站3个；区（县）政务微博、政务微信2个，市直部门政务微博、政务微信3个。' +
        '市政府办公室按照100%的检查比例要求，对全市政府网站、政务新媒体进行了全覆盖检查。' +
        '经检查，全市有不合格政务微信、政务微博2个，未发现不合格政府网站。' +
        '不合格的政务新媒体分别是：教育发布（政务微博）、农业资讯（政务微信）。',
    );
    expect(texts(blocks)).toContain('市政府办公室将对以上不合格的政务新媒体纳入2024年第二季度市直各部门目标绩效年终扣分依据。');
  });

  it('numbers the run-in headings and closes with deadline, 附件说明, signature, date and 附注', () => {
    expect(blocks.filter((b) => b.kind === 'h2').map((b) => b.lead)).toEqual(['（一）更新不及时。', '（二）审核不严格。', '（一）加强日常管理。']);
    expect(texts(blocks)).toContain(
      '请各单位高度重视，对本次通报问题立即进行整改，举一反三，查缺补漏，确保第二季度检查合格。' +
        '对存在不合格问题的区和市直部门，请于2024年6月21日前将整改情况经分管领导审定后，通过公文事务系统报市政府办公室，若逾期仍未整改的，将对相关单位负责人进行约谈。',
    );
    const tail = blocks.slice(blocks.findIndex((b) => b.kind === 'attach'));
    expect(tail.slice(0, 7).map((b) => [b.kind, b.text])).toEqual([
      ['attach', '附件：1.抽查网站名单及问题曝光情况'],
      ['attach-more', '2.抽查新媒体名单及问题曝光情况'],
      ['blank', ''],
      ['blank', ''],
      ['sign', '市政府办公室'],
      ['date', '2024年6月14日'],
      ['note', '（联系人：王明；联系方式：1234567）'],
    ]);
  });

  it('attaches both annexes, each with label, title and its tables', () => {
    const annex = blocks.slice(blocks.findIndex((b) => b.kind === 'annex-label'));
    expect(annex.map((b) => (b.kind === 'table' ? `table ${JSON.stringify(b.table)}` : `${b.kind} ${b.text}`))).toEqual([
      'annex-label 附件1',
      'blank ',
      'annex-title 抽查网站名单及问题曝光情况',
      'table {"annex":"annex1"}',
      'annex-label 附件2',
      'blank ',
      'annex-title 抽查新媒体名单及问题曝光情况',
      'table-title （一）市直部门政务微博更新情况',
      'table {"annex":"annex2","section":0}',
      'table-title （二）市直部门政务微信更新情况',
      'table {"annex":"annex2","section":1}',
      'table-title （三）区（县）政务微博更新情况',
      'table {"annex":"annex2","section":2}',
      'table-title （四）区（县）政务微信更新情况',
      'table {"annex":"annex2","section":3}',
    ]);
  });

  it('prints Chinese punctuation full-width', () => {
    const text = blocksText(blocks).replace(/https?:\/\/\S+/g, '');
    expect(text).not.toMatch(/[\u4e00-\u9fff][(),:;?!]|[(),:;?!][\u4e00-\u9fff]/);
  });

  it('has no 发文字号 unless the data gives one', () => {
    expect(blocks.some((b) => b.kind === 'docnum')).toBe(false);
    const withNumber = renderNoticeBlocks(fixtureModel(spec((s) => (s.docNumber = '某政信〔2024〕2号'))));
    expect(withNumber.slice(0, 3).map((b) => [b.kind, b.text])).toEqual([
      ['docnum', '某政信〔2024〕2号'],
      ['blank', ''],
      ['title', '关于2024年第二季度全市政府网站和政务新媒体检查情况的通报'],
    ]);
  });
});

describe('wording branches', () => {
  it('failing sites are counted and named, and join the 扣分 sentence', () => {
    const blocks = renderNoticeBlocks(
      fixtureModel(
        spec((s) => {
          s.sites.department[1].result = '不合格';
          s.sites.county[1].result = '不合格';
        }),
      ),
    );
    expect(overview(blocks)).toContain('经检查，全市有不合格政府网站2个，不合格政务微信、政务微博2个。不合格的政府网站分别是：市交通局、西河县。不合格的政务新媒体分别是：');
    expect(overview(blocks)).not.toContain('未发现');
    expect(texts(blocks)).toContain('市政府办公室将对以上不合格的政府网站和政务新媒体纳入2024年第二季度市直各部门目标绩效年终扣分依据。');
  });

  it('one failing site and no failing account', () => {
    const blocks = renderNoticeBlocks(
      fixtureModel(
        spec((s) => {
          allAccountsPass(s);
          s.sites.county[0].result = '不合格';
        }),
      ),
    );
    expect(overview(blocks)).toMatch(/经检查，全市有不合格政府网站1个，未发现不合格政务新媒体。不合格的政府网站是：东山区。$/);
    expect(texts(blocks)).toContain('市政府办公室将对以上不合格的政府网站纳入2024年第二季度市直各部门目标绩效年终扣分依据。');
  });

  it('one failing account is named with 是, not 分别是', () => {
    const blocks = renderNoticeBlocks(fixtureModel(spec((s) => (s.accounts.wechat.department[0].results = ['合格', '合格']))));
    expect(overview(blocks)).toMatch(/经检查，全市有不合格政务微信、政务微博1个，未发现不合格政府网站。不合格的政务新媒体是：教育发布（政务微博）。$/);
  });

  it('nothing failing: one sentence, no list, no 扣分 sentence, a closing without 约谈', () => {
    const blocks = renderNoticeBlocks(fixtureModel(spec(allAccountsPass)));
    expect(overview(blocks)).toMatch(/进行了全覆盖检查。经检查，全市未发现不合格政府网站和政务新媒体。$/);
    expect(blocksText(blocks)).not.toContain('扣分');
    expect(blocksText(blocks)).not.toContain('不合格的');
    expect(texts(blocks)).toContain(
      '请各单位高度重视，对本次通报问题举一反三，查缺补漏，并于2024年6月21日前将自查整改情况经分管领导审定后，通过公文事务系统报市政府办公室。',
    );
  });

  it('a coverage under 100% is an inspection by sample (抽查)', () => {
    const blocks = renderNoticeBlocks(fixtureModel(spec((s) => (s.coverage = '30%'))));
    expect(overview(blocks)).toContain('按照30%的检查比例要求，对全市政府网站、政务新媒体进行了抽查。');
  });

  it('no problems or requirements in the data: a sentence instead of headings', () => {
    const model = fixtureModel();
    model.problems = [];
    model.requirements = [];
    const blocks = renderNoticeBlocks(model);
    expect(blocks.some((b) => b.kind === 'h2')).toBe(false);
    expect(texts(blocks)).toEqual(expect.arrayContaining(['二、存在的问题', '本次检查未发现需要通报的共性问题。', '三、下步要求']));
  });
});

describe('annexes too large for the notice', () => {
  function bigModel(rows: number) {
    const model = fixtureModel();
    const g = model.annex1.groups[0];
    g.rows = Array.from({ length: rows }, (_, i) => ({ seq: i + 1, name: `网站${i + 1}`, url: `http://s${i}.example.gov.cn`, result: '合格' as const, problems: [] }));
    return model;
  }

  it(`prints the table up to ${ANNEX_INLINE_MAX_ROWS} rows`, () => {
    const blocks = renderNoticeBlocks(bigModel(ANNEX_INLINE_MAX_ROWS - 2)); // plus the two county rows
    expect(blocks.some((b) => b.table?.annex === 'annex1')).toBe(true);
    expect(blocks.some((b) => b.kind === 'annex-note')).toBe(false);
  });

  it('points to the workbook instead, above that', () => {
    const blocks = renderNoticeBlocks(bigModel(ANNEX_INLINE_MAX_ROWS));
    expect(blocks.some((b) => b.table?.annex === 'annex1')).toBe(false);
    const i = blocks.findIndex((b) => b.kind === 'annex-note');
    expect(blocks.slice(i - 3, i + 1).map((b) => b.text)).toEqual([
      '附件1',
      '',
      '抽查网站名单及问题曝光情况',
      `本附件共${ANNEX_INLINE_MAX_ROWS + 2}条记录，篇幅较大，不在正文中列出，详见随本通报印发的附件1电子表格（Excel文件）。`,
    ]);
    // annex 2 is small and still printed
    expect(blocks.filter((b) => b.table?.annex === 'annex2')).toHaveLength(4);
  });
});
