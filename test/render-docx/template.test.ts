// The template layer: every template renders, every path it reads exists in the model, the
// environment is strict, the precompiled default template is current, and data cannot forge markup.
import * as fs from 'fs';
import * as path from 'path';
import { BLOCK_KINDS } from '../../src/render/blocks';
import { compileTemplate } from '../../src/render/template/env';
import { noticeContext, parseBlocks, renderNoticeBlocks } from '../../src/render/template/notice';
import { missingPaths, templatePaths } from '../../src/render/template/paths';
import { templatesDir } from '../../src/paths';
import { fixtureModel, spec } from './fixture';

const TEMPLATES = templatesDir();
const hbsFiles = fs.readdirSync(TEMPLATES).filter((f) => f.endsWith('.hbs'));

describe('templates/*.hbs', () => {
  it('has the notice template', () => {
    expect(hbsFiles).toContain('notice.hbs');
  });

  describe.each(hbsFiles)('%s', (file) => {
    const source = fs.readFileSync(path.join(TEMPLATES, file), 'utf8');

    it('renders with fixture data into known blocks', () => {
      const blocks = renderNoticeBlocks(fixtureModel(), { templatePath: path.join(TEMPLATES, file) });
      expect(blocks.length).toBeGreaterThan(10);
      for (const b of blocks) expect(BLOCK_KINDS).toContain(b.kind);
    });

    it('reads only paths the model has (static check)', () => {
      const uses = templatePaths(source);
      expect(uses.map((u) => u.path)).toEqual(expect.arrayContaining(['title', 'failingAccounts.[].name', 'totals.sites.failing']));
      // a sample where every list has an element, so paths into list items are checked too
      // with a comparison, so the paragraph's paths are checked too
      const sample = noticeContext(
        fixtureModel(
          spec((s) => {
            s.sites.county[0].result = '不合格';
            s.compare = { paragraph: true, annexColumn: true, previous: spec() };
          }),
        ),
      );
      // and the previous round's rectification with an 附件3, so that paragraph's paths are checked too
      sample.rectification = {
        previous: { round: '2023-Q4', label: '2023年第四季度' },
        adjacent: true,
        subject: '不合格政务新媒体',
        total: 3,
        onTime: 1,
        late: 1,
        missing: 1,
        passed: 2,
        failed: 1,
        notReviewed: 0,
        annex: { label: '附件3', title: '未按要求报送整改情况的单位名单', columns: { seq: '序号', unit: '单位', name: '名称', kind: '类型' }, rows: [{ seq: 1, unit: '某局', name: '某局发布', kind: '政务微博' }] },
      };
      expect(missingPaths(uses, sample).map((u) => `${u.line}: ${u.path}`)).toEqual([]);
    });

    it('never runs two paragraphs together (a standalone {{/if}} eats the line end)', () => {
      const kinds = BLOCK_KINDS.join('|');
      for (const m of [fixtureModel(), fixtureModel(spec((s) => (s.sites.county[0].result = '不合格')))]) {
        for (const b of renderNoticeBlocks(m)) expect(b.text).not.toMatch(new RegExp(`@(${kinds})\\s`));
      }
    });
  });
});

describe('static path check', () => {
  const sample = noticeContext(fixtureModel());

  it('reports a path the model lacks, resolved through #each and ../', () => {
    const src = '@p {{round.nope}}\n{{#each failingAccounts}}@p {{name}}{{nope}}{{../issuer}}{{../missing}}{{/each}}\n{{#if (eq docNumber x)}}{{/if}}';
    const missing = missingPaths(templatePaths(src), sample).map((u) => u.path);
    expect(missing).toEqual(['round.nope', 'failingAccounts.[].nope', 'missing', 'x']);
  });

  it('follows #with and @root, and skips @index and literals', () => {
    const src = '{{#with round}}@p {{label}}{{@root.issuer}}{{/with}}{{#each problems}}{{cn @index}}{{/each}}{{#if (eq scope "全市")}}{{/if}}';
    expect(templatePaths(src).map((u) => u.path)).toEqual(['round', 'round.label', 'issuer', 'problems', 'scope']);
  });

  it('rejects unknown helpers and partials', () => {
    expect(() => templatePaths('{{#weird x}}{{/weird}}')).toThrow(/未知的块辅助函数 #weird/);
    expect(() => templatePaths('{{> part}}')).toThrow(/不支持/);
  });
});

describe('strict environment', () => {
  it('fails on a missing path at render time, naming the template', () => {
    expect(() => compileTemplate('@p {{nope}}', 'x.hbs')({})).toThrow(/模板 x\.hbs：.*nope/);
  });

  it('fails to compile an unknown helper (knownHelpersOnly)', () => {
    expect(() => compileTemplate('@p {{shout title}}', 'y.hbs')({ title: 'a' })).toThrow();
  });

  it('helpers throw on a missing argument', () => {
    expect(() => compileTemplate('@p {{cn}}', 'a.hbs')({})).toThrow(/cn 需要 1 个参数/);
    expect(() => compileTemplate('@p {{#if (eq scope)}}x{{/if}}', 'b.hbs')({ scope: 'a' })).toThrow(/eq 需要 2 个参数/);
    expect(() => compileTemplate('@p {{cn "x"}}', 'c.hbs')({})).toThrow(/数字/);
  });

  it('ge and stem derive 州直各部门 and 县 from the level names', () => {
    const t = compileTemplate('@p {{ge a}}|{{ge b}}|{{ge c}}|{{stem d}}|{{stem e}}|{{stem f}}', 'g.hbs');
    expect(t({ a: '州直部门', b: '市直单位', c: '乡镇', d: '县（市）', e: '区(县)', f: '州直部门' })).toBe('@p 州直各部门|市直各单位|各乡镇|县|区|州直部门');
  });

  it('does not print escaped HTML: data is taken as text (noEscape)', () => {
    expect(compileTemplate('@p {{t}}', 'd.hbs')({ t: 'A&B<C>"D\'' })).toBe('@p A&B<C>"D\'');
  });

  it('has no prototype access', () => {
    // Object.prototype.constructor is not reachable: the lookup yields nothing and .name fails
    expect(() => compileTemplate('@p {{constructor.name}}', 'e.hbs')({})).toThrow(/"name" not defined in undefined/);
    expect(compileTemplate('@p {{#each xs}}{{__proto__}}{{/each}}', 'f.hbs')({ xs: [{}] })).toBe('@p ');
  });
});

describe('block markup', () => {
  it('reads @kind lines, skipping empty ones', () => {
    expect(parseBlocks('\n@title 标题\n\n@blank\n@p 正文。\n')).toEqual([
      { kind: 'title', text: '标题' },
      { kind: 'blank', text: '' },
      { kind: 'p', text: '正文。' },
    ]);
  });

  it('splits a run-in heading from its text', () => {
    const [b] = parseBlocks('@h2 \u001e（一）标题。\u001f正文。');
    expect(b).toEqual({ kind: 'h2', text: '（一）标题。正文。', lead: '（一）标题。' });
  });

  it('reads table references', () => {
    expect(parseBlocks('@table annex1\n@table annex2 3').map((b) => b.table)).toEqual([
      { annex: 'annex1' },
      { annex: 'annex2', section: 3 },
    ]);
  });

  it.each([
    ['正文没有标记', /应以 @种类 开头/],
    ['@para 未知种类', /应以 @种类 开头/],
    ['@blank 有字', /@blank 后面不能有文字/],
    ['@p', /没有文字/],
    ['@p \u001e（一）\u001f不在h2', /只能放在 @h2/],
    ['@h2 没有标题', /应以 \{\{#lead\}\}/],
    ['@table annex4', /annex1、annex2 N 或 annex3/],
  ])('rejects %j', (line, message) => {
    expect(() => parseBlocks(line)).toThrow(message);
  });
});

describe('data cannot forge markup', () => {
  it('keeps a line break or lead marker in data inside its paragraph', () => {
    const model = fixtureModel();
    model.issuer = '市政府办公室\n@title 伪造的标题\u001e\u001f';
    model.contact.name = '{{title}}';
    const blocks = renderNoticeBlocks(model);
    expect(blocks.filter((b) => b.kind === 'title')).toHaveLength(1);
    expect(blocks.find((b) => b.kind === 'sign')?.text).toBe('市政府办公室 @title 伪造的标题');
    // data is context, never template: {{title}} in a name prints as written
    expect(blocks.find((b) => b.kind === 'note')?.text).toBe('（联系人：{{title}}；联系方式：1234567）');
  });
});
