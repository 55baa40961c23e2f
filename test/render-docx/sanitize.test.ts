// Control characters in data become spaces in the notice; a model without any is used as it is
// (not copied: a national round's model is large and rendered after every edit in tongbao serve).
import * as fs from 'fs';
import type { ReportModel } from '../../src/aggregate/model';
import { noticeLayout } from '../../src/render/annex-rows';
import { compileTemplate } from '../../src/render/template/env';
import { defaultNoticeTemplate, parseBlocks, renderNoticeBlocks, sanitize, sanitizedView } from '../../src/render/template/notice';
import { fixtureModel, spec } from './fixture';

test('control characters become spaces, deep inside arrays and objects', () => {
  const model = { a: 'x\ty', rows: [{ name: 'ok' }, { name: 'line\u2028break', n: 3 }], keep: { s: 'plain' } };
  const out = sanitize(model);
  expect(out).toEqual({ a: 'x y', rows: [{ name: 'ok' }, { name: 'line break', n: 3 }], keep: { s: 'plain' } });
  // the input is untouched, and what had nothing to change is shared, not copied
  expect(model.a).toBe('x\ty');
  expect(model.rows[1].name).toBe('line\u2028break');
  expect(out.rows[0]).toBe(model.rows[0]);
  expect(out.keep).toBe(model.keep);
});

test('a value with no control characters comes back as the same object', () => {
  const model = { title: '关于', rows: Array.from({ length: 1000 }, (_, i) => ({ seq: i, name: `单位${i}` })) };
  expect(sanitize(model)).toBe(model);
});

describe('the template context sanitizes as it is read', () => {
  // control characters in names, prose and the notice's fields, deep in lists and rows
  const dirty = (): ReportModel => {
    const m = fixtureModel(
      spec((s) => {
        s.sites.county[0].result = '不合格';
        s.sites.county[0].name = '县\t政府\u2028网站';
        s.accounts.weibo.department[0].name = '局\n发布';
      }),
    );
    m.title = '关于\r检查的通报';
    m.problems = [{ heading: '问题\u0007一。', text: '正文\u2029有控制字符。' }, ...m.problems.slice(1)];
    return m;
  };
  const eager = (m: ReportModel) => {
    const compiled = compileTemplate(fs.readFileSync(defaultNoticeTemplate(), 'utf8'), 'notice.hbs');
    const ctx = { passRates: null, comparison: null, rectification: null, ...sanitize(m), compare: { paragraph: false, annexColumn: false, rectification: false, ...m.compare }, layout: noticeLayout(m) };
    return parseBlocks(compiled(ctx));
  };

  test('the blocks are those of the model sanitized whole, and the model is left as it was', () => {
    const m = dirty();
    const before = JSON.stringify(m);
    const blocks = renderNoticeBlocks(m);
    expect(blocks).toEqual(eager(m));
    expect(JSON.stringify(m)).toBe(before);
    const text = blocks.map((b) => b.text).join('');
    expect(text).toContain('县 政府 网站');
    expect(text).toContain('局 发布');
    expect(text).toContain('问题 一。正文 有控制字符。');
    expect(text).not.toMatch(/[\u0000-\u001f\u2028\u2029]/);
  });

  test('a frozen model (which cannot be wrapped) gives the same blocks', () => {
    const m = dirty();
    const want = renderNoticeBlocks(m);
    const freeze = (v: unknown): void => {
      if (v && typeof v === 'object' && !Object.isFrozen(v)) {
        Object.freeze(v);
        for (const x of Object.values(v)) freeze(x);
      }
    };
    freeze(m);
    expect(renderNoticeBlocks(m)).toEqual(want);
  });

  test('a model changed in place after a render is read afresh by the next', () => {
    const m = dirty();
    expect(renderNoticeBlocks(m).map((b) => b.text).join('')).toContain('局 发布');
    m.failingAccounts[0].name = '另一\t个名字';
    m.title = '新的\n标题';
    const text = renderNoticeBlocks(m).map((b) => b.text).join('');
    expect(text).toContain('另一 个名字');
    expect(text).toContain('新的 标题');
    expect(text).not.toContain('局 发布');
  });

  test('values read through the view are sanitized; deep objects are read through, shallow lists copied', () => {
    const rows = Array.from({ length: 3 }, (_, i) => ({ name: `行\t${i}`, problems: ['问\n题'] }));
    const model = { a: 'x\ty', deep: { sections: [{ rows }] }, list: rows };
    const v = sanitizedView(model);
    expect(v.a).toBe('x y');
    expect(v.deep.sections[0].rows[1]).toEqual({ name: '行 1', problems: ['问 题'] });
    expect(v.list).toEqual(rows.map((r, i) => ({ name: `行 ${i}`, problems: ['问 题'] })));
    expect({ ...v.deep.sections[0] }.rows[2].name).toBe('行 2');
    expect(Object.keys(v)).toEqual(['a', 'deep', 'list']);
    expect(model.a).toBe('x\ty');
    expect(rows[0].name).toBe('行\t0');
  });
});
