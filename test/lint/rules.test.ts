// Each rule on small texts: what it must report (at the right place, with the right fix)
// and, as much, what it must leave alone.
import { applyFixes, lintText } from '../../src/lint/lint-text';
import type { LintTextOptions } from '../../src/lint/lint-text';
import { loadDefaultTerms } from '../../src/lint/round';
import type { FieldKind, LintFacts } from '../../src/lint/types';

const FACTS: LintFacts = { deadline: '2023-11-28', issued: '2023-11-23', inspection: { from: '2023-11-15', to: '2023-11-20' } };
const TERMS = loadDefaultTerms().list;

function run(text: string, kind: FieldKind = 'prose', extra: LintTextOptions = {}) {
  return lintText(text, { kind, facts: FACTS, terms: TERMS, ...extra });
}

interface Hit {
  /** the substring the finding starts at (its first occurrence, or the n-th with [s, n]) */
  at: string | [string, number];
  fix?: string;
}

function indexOfNth(text: string, s: string, n: number): number {
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(s, i + 1);
  return i;
}

// [rule, text, expected findings of that rule, kind]
const POSITIVE: [string, string, Hit[], FieldKind?][] = [
  ['half-width-punct', '超过5个(含5个)视为不合格', [{ at: '(', fix: '（' }, { at: ')', fix: '）' }]],
  ['half-width-punct', '经检查,全州有不合格账号', [{ at: ',', fix: '，' }]],
  ['half-width-punct', '要求, 对全州', [{ at: ',', fix: '，' }]],
  ['half-width-punct', '分别是:黔东南民政', [{ at: ':', fix: '：' }]],
  ['half-width-punct', '栏目不更新;账号不更新', [{ at: ';', fix: '；' }]],
  ['half-width-punct', '是否更新?请核实!', [{ at: '?', fix: '？' }, { at: '!', fix: '！' }]],
  ['half-width-punct', '及时发现并处理问题.', [{ at: '.', fix: '。' }]],
  ['half-width-punct', '(1)加强管理', [{ at: '(', fix: '（' }, { at: ')', fix: '）' }]],
  ['half-width-punct', '各县（市)人民政府', [{ at: ')', fix: '）' }]],
  ['half-width-punct', '县(市)', [{ at: '(' }, { at: ')' }], 'name'],
  ['half-width-punct', '使用WPS (Linux版) 编辑', [{ at: '(' }, { at: ')' }]],
  ['quotes', '按照"三审三校"的要求', [{ at: '"', fix: '“' }, { at: ['"', 1], fix: '”' }]],
  ['quotes', "开展'回头看'活动", [{ at: "'", fix: '“' }, { at: ["'", 1], fix: '”' }]],
  ['quotes', '他说“按照"三审三校"要求”', [{ at: '"', fix: '‘' }, { at: ['"', 1], fix: '’' }]],
  ['quotes', '按照”三审三校”的要求', [{ at: '”', fix: '“' }]],
  ['quotes', '按照“三审三校“的要求', [{ at: ['“', 1], fix: '”' }]],
  ['quotes', '按照“三审三校的要求', [{ at: '“' }]],
  ['quotes', '按照三审三校”的要求', [{ at: '”' }]],
  ['quotes', '“甲“乙”丙”', [{ at: ['“', 1] }]],
  ['quotes', '“甲‘乙”丙’', [{ at: '”' }]],
  ['unbalanced-pair', '各县（市、各部门', [{ at: '（' }]],
  ['unbalanced-pair', '各县市）、各部门', [{ at: '）' }]],
  ['unbalanced-pair', '根据《通知（试行》要求', [{ at: '（' }]],
  ['unbalanced-pair', '【重要提示要求', [{ at: '【' }]],
  ['unbalanced-pair', '根据《关于做好工作的通知要求', [{ at: '《' }]],
  ['doc-number', '依据黔府办函(2018)14号文件', [{ at: '(' }]],
  ['doc-number', '依据黔府办函（2018）14号文件', [{ at: '（' }]],
  ['doc-number', '依据黔府办函[2018]14号文件', [{ at: '[' }]],
  ['doc-number', '依据黔府办函【2018】14号文件', [{ at: '【' }]],
  ['doc-number', '依据黔府办函﹝2018﹞14号文件', [{ at: '﹝' }]],
  ['doc-number', '依据黔府办函〔2018〕第14号文件', [{ at: '第' }]],
  ['doc-number', '依据黔府办函〔2018〕014号文件', [{ at: '014' }]],
  ['doc-number', '黔东南政信[2023]第05号', [{ at: '[' }], 'docNumber'],
  ['doc-number', '黔东南政信2023年5号', [{ at: '黔' }], 'docNumber'],
  ['doc-number', '黔东南政信〔2023〕5号文', [{ at: '文' }], 'docNumber'],
  ['heading-form', '（一）信息更新不及时。', [{ at: '（' }], 'heading'],
  ['heading-form', '1、信息更新不及时。', [{ at: '1' }], 'heading'],
  ['heading-form', '一、信息更新不及时。', [{ at: '一' }], 'heading'],
  ['heading-form', '1.信息更新不及时。', [{ at: '1' }], 'heading'],
  ['heading-form', '信息更新不及时', [{ at: '时' }], 'heading'],
  ['heading-form', '信息更新不及时；', [{ at: '；' }], 'heading'],
  ['date-format', '于2023年01月05日前', [{ at: '2023' }]],
  ['date-format', '于2023年11月08日前', [{ at: '2023' }]],
  ['date-format', '二〇二三年十一月二十八日', [{ at: '二' }]],
  ['date-format', '截至2023.11.28，已整改', [{ at: '2023' }]],
  ['date-format', '截至2023-11-28，已整改', [{ at: '2023' }]],
  ['date-format', '截至2023/11/28，已整改', [{ at: '2023' }]],
  ['date-format', '截至11月28号，已整改', [{ at: '11' }]],
  ['date-mismatch', '请于2023年12月5日前将整改情况报送', [{ at: '2023' }]],
  ['date-mismatch', '请于12月5日前将整改情况报送', [{ at: '12' }]],
  ['date-mismatch', '整改情况于2023年11月20日前报送', [{ at: '2023' }]],
  ['date-mismatch', '报送截止日期：2023年11月30日', [{ at: '2023' }]],
  ['date-mismatch', '于2023年11月16日至11月20日对全州网站进行了检查', [{ at: '2023' }]],
  ['date-mismatch', '检查时间为2023年11月15日至21日', [{ at: '2023' }]],
  ['date-mismatch', '2023年11月28日（星期三）前报送', [{ at: '2023' }]],
  ['date-mismatch', '截至2023年2月30日', [{ at: '2023' }]],
  ['date-mismatch', '各单位于2023年11月8日前完成自查', [{ at: '2023' }]],
  ['repeated-char', '要求的的落实', [{ at: '的的' }]],
  ['repeated-char', '及时处理。。', [{ at: '。。' }]],
  ['repeated-char', '各县，，各部门', [{ at: '，，' }]],
  ['repeated-char', '各县、、各部门', [{ at: '、、' }]],
  ['repeated-char', '要进行进行整改', [{ at: '进行进行' }]],
  ['repeated-char', '对对本单位账号', [{ at: '对对' }]],
  ['repeated-char', '根据《《政府网站发展指引》》要求', [{ at: '《《' }, { at: '》》' }]],
  ['repeated-char', '根据《政府网站发展指引》》要求', [{ at: '》》' }]],
  ['repeated-char', '依据（（国办发〔2017〕47号））', [{ at: '（（' }, { at: '））' }]],
  ['repeated-char', '根据《《《指引》》》', [{ at: '《《《' }, { at: '》》》' }]],
  ['repeated-char', '县（（市）', [{ at: '（（' }], 'paragraph'],
  ['spacing', '信息 审核', [{ at: ' ' }]],
  ['spacing', '信息　审核', [{ at: '　' }]],
  ['spacing', '信息审核 。', [{ at: ' ' }]],
  ['spacing', ' 信息审核', [{ at: ' ' }]],
  ['spacing', '信息审核 ', [{ at: ' ' }]],
  ['spacing', '　　信息审核', [{ at: '　' }]],
  ['spacing', '州直部门 ', [{ at: ' ' }], 'name'],
  ['ellipsis-dash', '栏目更新不及时...', [{ at: '...', fix: '……' }]],
  ['ellipsis-dash', '栏目更新不及时。。。', [{ at: '。。。', fix: '……' }]],
  ['ellipsis-dash', '栏目更新不及时…', [{ at: '…', fix: '……' }]],
  ['ellipsis-dash', '核实--不得遗漏', [{ at: '--', fix: '——' }]],
  ['ellipsis-dash', '核实－－不得遗漏', [{ at: '－－', fix: '——' }]],
  ['fullwidth-digits', '于２０２３年完成', [{ at: '２０２３', fix: '2023' }]],
  ['fullwidth-digits', '超过５个', [{ at: '５', fix: '5' }], 'name'],
  ['terms', '核实帐号信息', [{ at: '帐号' }]],
  ['terms', '做为责任单位', [{ at: '做为' }]],
  ['terms', '截止目前已整改', [{ at: '截止目前' }]],
  ['terms', '截止到11月底', [{ at: '截止到' }]],
  ['terms', '其它问题', [{ at: '其它' }]],
];

describe.each(POSITIVE)('%s reports %j', (rule, text, hits, kind) => {
  test('at the offending characters, with the fix', () => {
    const found = run(text, kind ?? 'prose').filter((f) => f.rule === rule);
    const want = hits.map((h) => (typeof h.at === 'string' ? text.indexOf(h.at) : indexOfNth(text, h.at[0], h.at[1])));
    expect(found.map((f) => f.start)).toEqual(want);
    hits.forEach((h, k) => {
      if (h.fix !== undefined) expect(found[k].fix).toBe(h.fix);
      expect(found[k].message).toMatch(/[\u4e00-\u9fff]/);
    });
  });
});

// Correct text: no finding of any rule.
const NEGATIVE: [string, string, FieldKind?][] = [
  ['URL with punctuation', '详见http://www.qdn.gov.cn/a,b?c=1:2&d=(x)，请查阅。'],
  ['URL in brackets', '网址（http://kjj.qdn.gov.cn）已更新。'],
  ['bare domain', '网址为kjj.qdn.gov.cn/index.html，已更新。'],
  ['e-mail', '请发送至zfxxzx@qdn.gov.cn，联系人：顾思明。'],
  ['decimal and percent', '占比1.5%，较上季度提高0.5个百分点。'],
  ['time', '每日10:30前、17:00后各巡检一次。'],
  ['numbering 1.', '附件：1.抽查网站名单及问题曝光情况'],
  ['numbering 2.', '2.抽查新媒体名单及问题曝光情况'],
  ['thousands', '共发布信息1,200条。'],
  ['English abbreviation', '政务APP、WiFi和5G网络运行正常。'],
  ['English parenthesis', '引用“Open Data (2023 edition)”一文。'],
  ['apostrophe', "引用了China's Daily的报道。"],
  ['name with brackets', '信用中国（贵州黔东南）', 'name'],
  ['county level', '县（市）', 'name'],
  ['reduplicated name', '甜甜榕江', 'name'],
  ['title inside a title', '根据《国务院办公厅关于印发〈政府网站发展指引〉的通知》（国办发〔2017〕47号）要求。'],
  ['brackets side by side', '超过5个（含5个）（不含转载）视为不合格。'],
  ['cited number', '根据《省人民政府办公厅关于做好全省政府网站常态化监管有关工作的通知》（黔府办函〔2018〕14号）要求，开展检查。'],
  ['doc number field', '黔东南政信〔2023〕5号', 'docNumber'],
  ['quotes nested right', '要求“按照‘三审三校’落实”。'],
  ['single quotes alone', '所谓‘回头看’即复查。'],
  ['quotes and plus', '要健全完善“发布前审核+发布后巡检”机制。'],
  ['ellipsis and dash', '栏目更新不及时……整改——必须到位。'],
  ['range dash', '每日8:00—18:00值守。'],
  ['dates', '请于2023年11月28日前报送，截至2023年11月20日已整改。'],
  ['seed span', '州政府政务信息中心于2023年11月15至11月20日，组织对全州政府网站进行了检查。'],
  ['span with day only', '于2023年11月15日至20日进行了检查。'],
  ['past before-date', '已于2023年11月10日前完成上季度整改。'],
  ['before-date before issue', '对11月10日前发布的信息进行了抽查，11月20日前已全部整改。'],
  ['another target date', '各单位于2023年12月31日前完成全部栏目整改。'],
  ['weekday right', '请于2023年11月28日（星期二）前报送。'],
  ['month only', '8月、9月、10月更新不足。'],
  ['reduplication', '常常、人人、天天、层层落实，家家户户，认认真真，一项项、一一核对。'],
  ['words meeting', '深入学习习近平新时代中国特色社会主义思想，树立管理理念，转变工作作风。'],
  ['laughter', '哈哈哈'],
  ['heading right', '信息更新不及时。', 'heading'],
  ['heading with quotes', '经常开展“回头看”。', 'heading'],
  ['space before digits', '州政府政务信息中心 2023年11月23日'],
  ['latin spacing', '使用 WPS 软件编辑。'],
  ['seed problem', '一方面根据全国政府网站普查标准要求，动态类栏目超过2周不更新超过5个（含5个）视为不合格网站，应更新但更新不及时超10个（含10个）栏目以上视为不合格网站。'],
  ['seed requirement', '各县（市）、各部门要严格按照“三审三校”的要求，做好文字材料审核校对，切实落实主体责任，避免错字、漏字以及涉政表述错误等现象发生。'],
  ['截止 alone', '报送截止日期为2023年11月28日。'],
];

describe.each(NEGATIVE)('no finding: %s', (_label, text, kind) => {
  test('clean', () => {
    expect(run(text, kind ?? 'prose')).toEqual([]);
  });
});

describe('kinds', () => {
  test('names skip rules that misfire on proper names', () => {
    expect(run('甜甜榕江', 'name')).toEqual([]);
    expect(run('帐号管理中心', 'name')).toEqual([]);
    expect(run('甜甜榕江', 'prose').map((f) => f.rule)).toEqual(['repeated-char']);
  });
  test('heading-form only on headings', () => {
    expect(run('信息更新不及时', 'prose')).toEqual([]);
  });
  test('numbering typed with half-width brackets is one heading-form finding', () => {
    expect(run('(一)信息更新不及时。', 'heading').map((f) => f.rule)).toEqual(['heading-form']);
    expect(run('(一)信息更新不及时。', 'heading', { disable: ['heading-form'] }).map((f) => f.rule)).toEqual(['half-width-punct', 'half-width-punct']);
  });
  test('a period fixed to 。 by half-width-punct is not also a heading-form finding', () => {
    expect(run('信息更新不及时.', 'heading').map((f) => f.rule)).toEqual(['half-width-punct']);
  });
  test('the rendered notice keeps layout spaces of its own', () => {
    expect(run('州政府政务信息中心　　2023年11月23日', 'paragraph')).toEqual([]);
    expect(run('信息 审核', 'paragraph').map((f) => f.rule)).toEqual(['spacing']);
  });
});

describe('options', () => {
  test('disable switches a rule off', () => {
    expect(run('要求的的落实', 'prose', { disable: ['repeated-char'] })).toEqual([]);
  });
  test('only keeps the listed rules', () => {
    const found = run('要求的的落实,帐号', 'prose', { only: ['half-width-punct'] });
    expect(found.map((f) => f.rule)).toEqual(['half-width-punct']);
  });
  test('allow words from terms.yaml silence repeated-char', () => {
    expect(run('数据据实上报', 'prose', { terms: { terms: [], allow: ['数据据实'] } })).toEqual([]);
    expect(run('数据据实上报', 'prose', { terms: { terms: [], allow: [] } }).map((f) => f.rule)).toEqual(['repeated-char']);
  });
  test('date-mismatch needs the facts', () => {
    expect(lintText('请于2023年12月5日前报送', { facts: {} })).toEqual([]);
  });
  test('a doubled paired mark says which mark and how nesting is written', () => {
    const [t, u] = run('根据《《政府网站发展指引》》要求');
    expect([t.message, t.suggestion]).toEqual(['书名号“《《”重复（书名号里再用书名号时，里面的改用〈〉）', '删去多余的“《”']);
    expect([u.message, u.suggestion]).toEqual(['书名号“》》”重复（书名号里再用书名号时，里面的改用〈〉）', '删去多余的“》”']);
    const [b] = run('依据（（国办发〔2017〕47号）').filter((f) => f.rule === 'repeated-char');
    expect([b.message, b.suggestion]).toEqual(['括号“（（”重复（括号里再用括号时，改用另一种括号，如〔〕）', '删去多余的“（”']);
  });
  test('suggestions name the right form', () => {
    const [f] = run('依据黔府办函(2018)第014号文件').filter((x) => x.rule === 'doc-number');
    expect(f.suggestion).toBe('写作“黔府办函〔2018〕14号”');
    const [d] = run('请于2023年12月5日前报送');
    expect(d.suggestion).toContain('2023年11月28日');
    const [w] = run('于2023年01月05日');
    expect(w.suggestion).toBe('写作“2023年1月5日”');
  });
});

describe('fixes', () => {
  test('a full-width mark takes the spaces around it between Chinese text', () => {
    const { text } = applyFixes('要求 , 对全州', run('要求 , 对全州'));
    expect(text).toBe('要求，对全州');
    expect(applyFixes('使用WPS (Linux版) 编辑', run('使用WPS (Linux版) 编辑')).text).toBe('使用WPS （Linux版）编辑');
  });
  test('fixing the fixable findings leaves none of them', () => {
    for (const [, text, , kind] of POSITIVE) {
      const only = ['half-width-punct', 'quotes', 'ellipsis-dash', 'fullwidth-digits'];
      const fixed = applyFixes(text, run(text, kind ?? 'prose', { only })).text;
      expect(run(fixed, kind ?? 'prose', { only }).filter((f) => f.fix !== undefined)).toEqual([]);
    }
  });
});

// A notice paragraph may list thousands of units: the rules that look around a place must find
// the same there as in a short text (allowedAt tries only the places a word can cover).
describe('long paragraphs', () => {
  const filler = Array.from({ length: 3000 }, (_, i) => `丹寨县统计局管理理念宣传${i + 1}（政务微博）`).join('、');
  const long = `${filler}。各单位要认真学习习近平总书记的的重要论述）。`;

  it('repeated-char: the doubled 的 is found, 学习习近平 and 3,000 管理理念 are left alone', () => {
    const hits = run(long, 'paragraph', { only: ['repeated-char'] });
    expect(hits.map((h) => [h.start, long.slice(h.start, h.end)])).toEqual([[long.indexOf('的的'), '的的']]);
  });

  it('unbalanced-pair: only the stray ）', () => {
    const hits = run(long, 'paragraph', { only: ['unbalanced-pair'] });
    expect(hits.map((h) => h.start)).toEqual([long.lastIndexOf('）')]);
  });

  it('the same findings as each part alone', () => {
    const tail = '各单位要认真学习习近平总书记的的重要论述）。';
    const shift = long.length - tail.length;
    const alone = run(tail, 'paragraph').map((h) => [h.rule, h.start + shift, h.end + shift]);
    const inLong = run(long, 'paragraph')
      .filter((h) => h.start >= shift)
      .map((h) => [h.rule, h.start, h.end]);
    expect(inLong).toEqual(alone);
  });
});
