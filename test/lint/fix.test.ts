// lint --fix edits the YAML text in place: only the fixable characters change; comments,
// quoting, blank lines and layout stay; the result lints clean of the fixable rules.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintCommand } from '../../src/cli/commands/lint';
import type { Io } from '../../src/cli/command';
import { formatFinding } from '../../src/lint/format';
import { parseYamlText } from '../../src/load/yaml-file';
import type { SourceFile } from '../../src/load/yaml-file';
import { fixFile } from '../../src/lint/fix';
import { lintRound } from '../../src/lint/round';
import { FIXABLE_RULE_IDS } from '../../src/lint/rules';

const PLANTED = path.join(__dirname, 'fixtures', 'planted');
const ROOT = path.join(__dirname, '..', '..');
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
  for (const k of KINDS) expect(fixFile(after[k], k)).toEqual({ text: after[k].text, fixed: 0, held: [] });
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

describe('identity fields (unit names, owners, failing_order) are never changed', () => {
  const SITES = 'department:\n  - name: 州科技局(试点)\n    url: http://kjj.qdn.gov.cn\n    result: 不合格\n    problems:\n      - 栏目未更新,空白栏目2个\ncounty: []\n';
  const ACCOUNTS = 'weibo:\n  department:\n    - name: 黔东南"民政"\n      owner: 黔东南州民政局(本级)\n      results: [合格]\n  county: []\nwechat:\n  department: []\n  county: []\n';

  test('sites.yaml: the problem is fixed, the name is held with its place and the whole suggested name', () => {
    const r = fixFile(parseYamlText(SITES, '/d/sites.yaml', 'sites.yaml').file, 'sites');
    expect(r.text).toBe(SITES.replace('栏目未更新,空白', '栏目未更新，空白'));
    expect(r.fixed).toBe(1);
    expect(r.held.map(formatFinding)).toEqual([
      'sites.yaml:2:15: [half-width-punct] 中文里用了半角“(”；名称是各轮、各工作簿对应单位的依据，--fix 不改，请您决定是否修改（同时改其他轮次、工作簿中的这个名称）（建议：全文改为“州科技局（试点）”）',
      'sites.yaml:2:18: [half-width-punct] 中文里用了半角“)”；名称是各轮、各工作簿对应单位的依据，--fix 不改，请您决定是否修改（同时改其他轮次、工作簿中的这个名称）（建议：全文改为“州科技局（试点）”）',
    ]);
  });

  test('accounts.yaml: name and owner stay; nothing else to fix means the same text', () => {
    const r = fixFile(parseYamlText(ACCOUNTS, '/d/accounts.yaml', 'accounts.yaml').file, 'accounts');
    expect(r.text).toBe(ACCOUNTS);
    expect(r.fixed).toBe(0);
    expect(r.held.map((d) => `${d.line}:${d.col} ${d.suggestion}`)).toEqual(['3:16 全文改为“黔东南“民政””', '3:19 全文改为“黔东南“民政””', '4:21 全文改为“黔东南州民政局（本级）”', '4:24 全文改为“黔东南州民政局（本级）”']);
  });

  test('failing_order in notice.yaml names units: held, not fixed', () => {
    const text = 'failing_order:\n  - 州科技局(试点)（政务微博）\n';
    const r = fixFile(parseYamlText(text, '/d/notice.yaml', 'notice.yaml').file, 'notice');
    expect(r.text).toBe(text);
    expect(r.held.map((d) => `${d.file}:${d.line}:${d.col}`)).toEqual(['notice.yaml:2:9', 'notice.yaml:2:12']);
    expect(r.held[0].message).toContain('通报列举顺序（failing_order）中的名称要与附件中的名称一字不差');
  });
});

describe('tongbao lint --fix keeps the originals in history/<n>/', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-fix-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function copyPlanted(extraSites?: string): string {
    const dir = path.join(tmp, 'round');
    fs.mkdirSync(dir);
    for (const f of ['notice.yaml', 'sites.yaml', 'accounts.yaml']) fs.copyFileSync(path.join(PLANTED, f), path.join(dir, f));
    if (extraSites !== undefined) fs.writeFileSync(path.join(dir, 'sites.yaml'), extraSites);
    return dir;
  }
  async function lintFix() {
    const err: string[] = [];
    const io: Io = { out: () => undefined, err: (t) => err.push(t), isTTY: false, cwd: tmp };
    const code = await lintCommand.run({ positional: ['round'], flags: { fix: true } }, io);
    return { code, err };
  }

  test('the fixed files are saved first, as the edits save them; a second --fix writes nothing', async () => {
    const dir = copyPlanted();
    const before = Object.fromEntries(['notice.yaml', 'sites.yaml', 'accounts.yaml'].map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
    const r = await lintFix();
    expect(r.err).toContain('原文件已保存在 round/history/1');
    expect(fs.readdirSync(path.join(dir, 'history'))).toEqual(['1']);
    // only the files that changed are kept, byte for byte as they were
    expect(fs.readdirSync(path.join(dir, 'history', '1')).sort()).toEqual(['notice.yaml', 'sites.yaml']);
    for (const f of ['notice.yaml', 'sites.yaml']) {
      expect(fs.readFileSync(path.join(dir, 'history', '1', f), 'utf8')).toBe(before[f]);
      expect(fs.readFileSync(path.join(dir, f), 'utf8')).not.toBe(before[f]);
    }
    expect(fs.readFileSync(path.join(dir, 'accounts.yaml'), 'utf8')).toBe(before['accounts.yaml']);
    const again = await lintFix();
    expect(again.err.join('\n')).not.toMatch(/已修正|原文件已保存/);
    expect(fs.readdirSync(path.join(dir, 'history'))).toEqual(['1']);
  });

  test('only identity findings: no file written, no history, each held finding listed at FILE:LINE:COL', async () => {
    const sites = 'department:\n  - name: 州科技局(试点)\n    url: http://kjj.qdn.gov.cn\n    result: 合格\ncounty: []\n';
    const dir = copyPlanted(sites);
    fs.writeFileSync(path.join(dir, 'notice.yaml'), fs.readFileSync(path.join(ROOT, 'data', '2023-q4', 'notice.yaml')));
    fs.copyFileSync(path.join(ROOT, 'data', '2023-q4', 'accounts.yaml'), path.join(dir, 'accounts.yaml'));
    const r = await lintFix();
    expect(fs.existsSync(path.join(dir, 'history'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'sites.yaml'), 'utf8')).toBe(sites);
    expect(r.err.filter((l) => /已修正|原文件/.test(l))).toEqual([]);
    const at = r.err.indexOf('以下 2 处在单位名称、主办单位或 failing_order 中，--fix 没有改，请您决定：');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(r.err[at + 1]).toMatch(/^round\/sites\.yaml:2:15: \[half-width-punct\] .*（建议：全文改为“州科技局（试点）”）$/);
    expect(r.err[at + 2]).toMatch(/^round\/sites\.yaml:2:18: /);
  });
});
