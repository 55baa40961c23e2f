// A whole round: the seed lints clean (data and rendered notice), lint.disable, the round's
// own terms.yaml, findings in the rendered notice, and the warnings build prints.
import * as path from 'path';
import { parseYamlText } from '../../src/load/yaml-file';
import type { SourceFile } from '../../src/load/yaml-file';
import { loadRound } from '../../src/load/round';
import { loadModel, loadValidated, modelOf } from '../../src/pipeline';
import { formatDiagnostic } from '../../src/diagnostics';
import { formatFinding, lintForBuild, lintRound, noticeParagraphs } from '../../src/lint';
import { loadDefaultTerms } from '../../src/lint/round';
import { RULE_IDS } from '../../src/lint/rules';

const ROOT = path.join(__dirname, '..', '..');
const SEED = path.join(ROOT, 'data', '2023-q4');
const PLANTED = path.join(__dirname, 'fixtures', 'planted');

function yaml(text: string, name = 'notice.yaml'): SourceFile {
  const { file, diagnostics } = parseYamlText(text, `/round/${name}`, name);
  expect(diagnostics).toEqual([]);
  return file;
}

describe('the seed round', () => {
  test('its data lints clean', () => {
    const r = loadRound(SEED, ROOT);
    expect(r.diagnostics).toEqual([]);
    expect(lintRound({ notice: r.files.notice!, sites: r.files.sites, accounts: r.files.accounts })).toEqual([]);
  });
  test('its rendered notice lints clean too', async () => {
    const model = await loadModel(SEED, ROOT);
    const paragraphs = noticeParagraphs(model);
    expect(paragraphs[0]).toBe(model.title);
    expect(paragraphs.length).toBeGreaterThan(15);
    const r = loadRound(SEED, ROOT);
    expect(lintRound({ notice: r.files.notice!, sites: r.files.sites, accounts: r.files.accounts }, undefined, paragraphs)).toEqual([]);
  });
  test('build gets no warning for it', () => {
    const v = loadValidated(SEED, ROOT);
    expect(lintForBuild(v, modelOf(v))).toEqual([]);
  });
});

// 《《 》》 （（ ）） anywhere in the notice's text: at the doubled mark, whatever the field.
describe.each([
  ['title: 关于《《检查》》情况的通报\n', [[1, 10, '《《'], [1, 14, '》》']]],
  ['recipients: 各县（（市））人民政府办公室\n', [[1, 15, '（（'], [1, 18, '））']]],
  ['problems:\n  - heading: 信息更新不及时。\n    text: "根据《《政府网站发展指引》要求检查。"\n', [[3, 14, '《《']]],
])('doubled paired marks: %j', (text, want) => {
  test('each reported as repeated-char at its line and column', () => {
    const found = lintRound({ notice: yaml(text) }).filter((d) => d.rule === 'repeated-char');
    expect(found.map((d) => [d.line, d.col, d.message.match(/“(.+?)”/)![1]])).toEqual(want);
  });
});

describe('lint.disable in notice.yaml', () => {
  const text = 'title: 关于检查情况的的通报\nrecipients: 各县(市)\n';
  test('switches the named rules off, and only those', () => {
    const on = lintRound({ notice: yaml(text) }).map((d) => d.rule);
    expect(on).toEqual(['repeated-char', 'half-width-punct', 'half-width-punct']);
    const off = lintRound({ notice: yaml(`${text}lint:\n  disable: [repeated-char]\n`) }).map((d) => d.rule);
    expect(off).toEqual(['half-width-punct', 'half-width-punct']);
  });
  test('an unknown rule id is reported where it is written', () => {
    const found = lintRound({ notice: yaml(`${text}lint:\n  disable:\n    - repeated-chars\n`) });
    const bad = found.filter((d) => d.rule === 'lint-config');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ line: 5, col: 7, severity: 'error' });
    expect(bad[0].message).toContain('repeated-chars');
    // a typo in the list does not switch the real rule off
    expect(found.map((d) => d.rule)).toContain('repeated-char');
  });
  test('every rule can be switched off', () => {
    const notice = yaml(`${text}lint:\n  disable: [${RULE_IDS.join(', ')}]\n`);
    expect(lintRound({ notice })).toEqual([]);
  });
});

describe('terms', () => {
  const notice = yaml('title: 核实帐号信息，统一口径\n');
  test('data/terms.yaml is the default list', () => {
    expect(loadDefaultTerms().diagnostics).toEqual([]);
    expect(loadDefaultTerms().list.terms.length).toBeGreaterThanOrEqual(10);
    for (const t of loadDefaultTerms().list.terms) expect(t.note).toMatch(/现汉7|一异表/);
    expect(lintRound({ notice }).map((d) => d.rule)).toEqual(['terms']);
  });
  test("a round's own terms.yaml replaces it", () => {
    const terms = yaml('- wrong: 口径\n  right: 说法\n  note: 本地用语\n- allow: 数据据实\n', 'terms.yaml');
    const found = lintRound({ notice, terms });
    expect(found.map((d) => [d.rule, d.col])).toEqual([['terms', 17]]);
    expect(formatFinding(found[0])).toBe('notice.yaml:1:17: [terms] “口径”应写作“说法”：本地用语（建议：改为“说法”）');
    expect(lintRound({ notice: yaml('title: 数据据实上报\n'), terms })).toEqual([]);
  });
  test('a malformed entry is reported and skipped', () => {
    const terms = yaml('- wrong: 口径\n- wrong: 帐号\n  right: 账号\n', 'terms.yaml');
    const found = lintRound({ notice, terms });
    expect(found.map((d) => [d.file, d.line, d.rule])).toEqual([
      ['notice.yaml', 1, 'terms'],
      ['terms.yaml', 1, 'lint-config'],
    ]);
  });
});

describe('the rendered notice', () => {
  const notice = yaml('problems:\n  - heading: 信息更新不及时。\n    text: 栏目更新不及时...\n');
  test('findings in the template text are placed at NAME:PARAGRAPH:COLUMN', () => {
    const found = lintRound({ notice }, {}, ['通报标题', '各单位 要按时整改', '（一）信息更新不及时。栏目更新不及时...'], { noticeName: '通报.docx' });
    expect(found.map((d) => formatFinding(d))).toEqual([
      // the ... of paragraph 3 comes from notice.yaml and is reported there only
      'notice.yaml:3:18: [ellipsis-dash] 省略号写成了“...”（建议：改为“……”）',
      '通报.docx:2:4: [spacing] 中文字符之间有半角空格（建议：删去空格）',
    ]);
  });
  test('date-mismatch checks the notice against the facts', () => {
    const found = lintRound({ notice }, { deadline: '2023-11-28', issued: '2023-11-23' }, ['请于2023年11月30日前报送。'], { noticeName: '通报.docx' });
    expect(found.filter((d) => d.file === '通报.docx').map((d) => [d.line, d.col, d.rule])).toEqual([[1, 3, 'date-mismatch']]);
  });
});

test('build gets warnings with the suggestion in the message', () => {
  const v = loadValidated(PLANTED, ROOT);
  const found = lintForBuild(v, modelOf(v));
  expect(found.length).toBe(25);
  expect(found.every((d) => d.severity === 'warning' && d.rule)).toBe(true);
  const terms = found.find((d) => d.rule === 'terms')!;
  expect(formatDiagnostic(terms)).toBe(
    'test/lint/fixtures/planted/notice.yaml:39:28: 警告: [terms] “帐号”应写作“账号”：记账、账目义写“账”，“帐”用于帐篷、蚊帐（现汉7）（建议：改为“账号”）',
  );
});
