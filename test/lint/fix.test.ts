// lint --fix edits the YAML text in place: only the fixable characters change; comments,
// quoting, blank lines and layout stay; the result lints clean of the fixable rules.
import * as fs from 'fs';
import * as path from 'path';
import { parseYamlText } from '../../src/load/yaml-file';
import type { SourceFile } from '../../src/load/yaml-file';
import { fixFile } from '../../src/lint/fix';
import { lintRound } from '../../src/lint/round';
import { FIXABLE_RULE_IDS } from '../../src/lint/rules';

const PLANTED = path.join(__dirname, 'fixtures', 'planted');
const KINDS = ['notice', 'sites', 'accounts'] as const;

function read(kind: string, text?: string): SourceFile {
  const abs = path.join(PLANTED, `${kind}.yaml`);
  const { file, diagnostics } = parseYamlText(text ?? fs.readFileSync(abs, 'utf8'), abs, `${kind}.yaml`);
  expect(diagnostics).toEqual([]);
  return file;
}

function fixedRound() {
  const before = Object.fromEntries(KINDS.map((k) => [k, read(k)])) as Record<(typeof KINDS)[number], SourceFile>;
  const after = Object.fromEntries(KINDS.map((k) => [k, read(k, fixFile(before[k], k).text)])) as typeof before;
  return { before, after };
}

// Characters a safe fix may touch, each mapped to one class so that 1 and １, ( and （ compare equal.
function skeleton(line: string): string {
  return line
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\\"|''|["'“”‘’]/g, 'Q')
    .replace(/\.{3,}|。{3,}|…+/g, 'E')
    .replace(/-{2,}|－{2,}|—{2,}/g, 'D')
    .replace(/ *[(（] */g, 'O')
    .replace(/ *[)）] */g, 'C')
    .replace(/ *[,，] */g, ',')
    .replace(/ *[:：] */g, ':')
    .replace(/ *[;；] */g, ';')
    .replace(/ *[?？] */g, '?')
    .replace(/ *[!！] */g, '!')
    .replace(/[.。]/g, '.');
}

test('the fixed files lint clean of the fixable rules', () => {
  const { after } = fixedRound();
  const left = lintRound(after).filter((d) => FIXABLE_RULE_IDS.includes(d.rule));
  expect(left).toEqual([]);
});

test('only the fixed characters change: same lines, comments and layout', () => {
  const { before, after } = fixedRound();
  for (const k of KINDS) {
    const a = before[k].text.split('\n');
    const b = after[k].text.split('\n');
    expect(b).toHaveLength(a.length);
    a.forEach((line, i) => {
      if (/^\s*#/.test(line) || !line.trim()) expect(b[i]).toBe(line);
      expect(skeleton(b[i])).toBe(skeleton(line));
    });
  }
});

test('the fixes themselves', () => {
  const { after } = fixedRound();
  const lines = after.notice.text.split('\n');
  expect(lines[8]).toBe('recipients: 各县（市）人民政府办公室，州政府各部门、各直属机构办公室');
  expect(lines[26]).toBe('    text: 动态类栏目超过2周不更新超过5个（含5个）视为不合格网站，应更新但更新不及时。');
  // the escaped quotes of a double-quoted scalar become curly quotes, with no stray backslash
  expect(lines[28]).toBe('    text: "部分账号信息发布审核把关不严，按照“三审三校”的要求的的落实不到位。"');
  expect(lines[31]).toBe('      剑河县政务微博等账号参与非政务互动……');
  expect(lines[35]).toBe('    text: 各县（市、各部门要严格按照要求，于2023年11月8日前完成自查。。');
  expect(lines[38]).toBe('      请于2023年12月5日前将整改情况报送，帐号信息要核实——不得遗漏。');
  expect(after.sites.text).toContain('      - 动态类栏目超过2周未更新6个，空白栏目2个\n');
  // accounts.yaml has only a space between Chinese characters, which is not a safe fix
  expect(after.accounts.text).toBe(fs.readFileSync(path.join(PLANTED, 'accounts.yaml'), 'utf8'));
});

test('what is not fixable is still reported after --fix', () => {
  const { before, after } = fixedRound();
  const key = (d: { rule: string; file: string; line: number }) => `${d.file}:${d.line}:${d.rule}`;
  const rest = lintRound(after).map(key);
  for (const d of lintRound(before).filter((x) => !FIXABLE_RULE_IDS.includes(x.rule))) expect(rest).toContain(key(d));
});

test('fixing twice changes nothing more', () => {
  const { after } = fixedRound();
  for (const k of KINDS) expect(fixFile(after[k], k)).toEqual({ text: after[k].text, fixed: 0 });
});

test('counts the fixes', () => {
  expect(fixFile(read('notice'), 'notice').fixed).toBe(10);
  expect(fixFile(read('sites'), 'sites').fixed).toBe(1);
});

describe('edge cases', () => {
  const fix = (text: string, disable?: string[]) => fixFile(parseYamlText(text, '/d/notice.yaml', 'notice.yaml').file, 'notice', { disable }).text;

  test('inline comments and quoting stay', () => {
    expect(fix('recipients: 各县(市)办公室 # 主送\n')).toBe('recipients: 各县（市）办公室 # 主送\n');
    expect(fix("title: '开展''回头看''活动'\n")).toBe("title: '开展“回头看”活动'\n");
  });
  test('disabled rules are not fixed', () => {
    expect(fix('title: 按照"三审三校"要求,落实\n', ['quotes'])).toBe('title: 按照"三审三校"要求，落实\n');
  });
  test('a fix that would change what the value is, is skipped', () => {
    // ２０２３ alone would become the number 2023
    expect(fix('title: ２０２３\n')).toBe('title: ２０２３\n');
  });
  test('fields that are not prose are never touched', () => {
    const text = 'inspection:\n  coverage: 100%,全部\ncontact:\n  phone: "８２３５３２０"\n';
    expect(fix(text)).toBe(text);
  });
  test('CRLF line endings stay', () => {
    expect(fix('title: 通报...\r\nscope: 全州\r\n')).toBe('title: 通报……\r\nscope: 全州\r\n');
  });
});
