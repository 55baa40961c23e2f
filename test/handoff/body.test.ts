// The 正文 of a notice: its fingerprint ignores the 附件 pages and nothing else, and its
// differences are told paragraph by paragraph in the notice's words.
import { createHash } from 'crypto';
import { ROOT } from '../support/needs';
import { SEED_DIR } from '../support/round-fixture';
import { bodyDifferences, readNoticeBody, textChange } from '../../src/handoff/body';
import { loadModel } from '../../src/pipeline';
import { renderNotice } from '../../src/render/docx/notice';
import type { ReportModel } from '../../src/aggregate/model';

describe('textChange: a changed paragraph in words', () => {
  test.each([
    ['a number', '经检查，全州有不合格政府网站2个，不合格政务微信、政务微博23个。', '经检查，全州有不合格政府网站2个，不合格政务微信、政务微博24个。', '不合格政务微信、政务微博23个 → 24个'],
    ['a name added to a list', '不合格的政务新媒体分别是：甲（政务微博）、乙（政务微信）。', '不合格的政务新媒体分别是：甲（政务微博）、丙（政务微博）、乙（政务微信）。', '新增“丙（政务微博）”'],
    ['a name removed from a list', '分别是：甲、乙、丙。', '分别是：甲、丙。', '删去“乙”'],
    ['a date', '请于2023年11月28日前将整改情况报送。', '请于2023年11月30日前将整改情况报送。', '请于2023年11月28日前将整改情况报送 → 30日前将整改情况报送'],
    ['a short clause leads with the clause before it', '总体合格率为81.8%，比上季度提升31.8个百分点。', '总体合格率为81.8%，比上季度提升21.8个百分点。', '总体合格率为81.8%，比上季度提升31.8个百分点 → 21.8个百分点'],
    ['a clause added', '经检查，未发现不合格政府网站。', '经检查，未发现不合格政府网站。另有说明。', '新增“另有说明”'],
  ])('%s', (_name, before, after, expected) => {
    expect(textChange(before, after)).toBe(expected);
  });
});

describe('the 正文 of a rendered notice', () => {
  let seed: ReportModel;
  let base: Awaited<ReturnType<typeof readNoticeBody>>;
  beforeAll(async () => {
    seed = await loadModel(SEED_DIR, ROOT);
    base = await readNoticeBody(await renderNotice(seed));
  });
  const changed = async (f: (m: ReportModel) => void) => {
    const m = await loadModel(SEED_DIR, ROOT);
    f(m);
    return readNoticeBody(await renderNotice(m));
  };

  test('its paragraphs, named as the reader names them', () => {
    const p = base.paragraphs!;
    expect(p[0]).toEqual({ kind: 'title', text: seed.title });
    expect(p[1].kind).toBe('to');
    expect(p.filter((x) => x.kind === 'date')).toEqual([{ kind: 'date', text: '2023年11月23日' }]);
    expect(p[p.length - 1]).toEqual({ kind: 'note', text: '（联系人：顾思明；联系方式：8235320）' });
    // no annex text: the 附件 pages are not part of it
    expect(p.map((x) => x.text).join('\n')).not.toContain('http://');
  });

  test('a correction on the 附件 pages leaves the fingerprint', async () => {
    const b = await changed((m) => {
      m.annex1.groups[1].rows[12].url = 'https://www.rongjiang.gov.cn/';
      m.annex2.sections[0].rows[0].owner = '另一个主办单位';
    });
    expect(b.sha256).toBe(base.sha256);
    expect(b.xml).toBe(base.xml);
  });

  test.each<[string, (m: ReportModel) => void, string[]]>([
    ['the title', (m) => (m.title = m.title.replace('第四季度', '第4季度')), ['标题：关于2023年第四季度全州政府网站和政务新媒体检查情况的通报 → 关于2023年第4季度全州政府网站和政务新媒体检查情况的通报']],
    ['the 成文日期', (m) => (m.issued = { ...m.issued, text: '2023年11月24日' }), ['成文日期：2023年11月23日 → 24日']],
    ['the contact', (m) => (m.contact = { ...m.contact, phone: '8235321' }), ['附注：联系方式：8235320） → 8235321）']],
  ])('%s', async (_name, f, expected) => {
    const b = await changed(f);
    expect(b.sha256).not.toBe(base.sha256);
    expect(bodyDifferences(base, b)).toEqual(expected);
  });

  test('a file that is not a notice .docx: the whole file is its 正文', async () => {
    const buf = Buffer.from('not a zip');
    const b = await readNoticeBody(buf);
    expect(b).toEqual({ sha256: createHash('sha256').update(buf).digest('hex') });
    expect(bodyDifferences(b, base)).toEqual([]);
  });
});
