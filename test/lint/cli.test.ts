// tongbao lint DATA_DIR [--fix], run in-process on copies of rounds in a temporary folder.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintCommand } from '../../src/cli/commands/lint';
import type { Io } from '../../src/cli/command';
import { UsageError } from '../../src/diagnostics';

const ROOT = path.join(__dirname, '..', '..');
const SEED = path.join(ROOT, 'data', '2023-q4');
const PLANTED = path.join(__dirname, 'fixtures', 'planted');

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-lint-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function copyRound(from: string, name: string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  for (const f of ['notice.yaml', 'sites.yaml', 'accounts.yaml']) fs.copyFileSync(path.join(from, f), path.join(dir, f));
  return dir;
}

async function lint(args: string[], flags: Record<string, boolean> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, cwd: tmp };
  const code = await lintCommand.run({ positional: args, flags }, io);
  return { code, out, err: err.join('\n') };
}

const LINE = /^(?:round\/(?:notice|sites|accounts)\.yaml|.+\.docx):\d+:\d+: \[[a-z-]+\] [^\n]+$/;

test('a round with mistakes: one line per finding, exit 1', async () => {
  copyRound(PLANTED, 'round');
  const r = await lint(['round']);
  expect(r.code).toBe(1);
  expect(r.out).toHaveLength(25);
  for (const line of r.out) expect(line).toMatch(LINE);
  expect(r.out[0]).toBe('round/accounts.yaml:8:17: [spacing] 中文字符之间有半角空格（建议：删去空格）');
  expect(r.out).toContain('round/notice.yaml:39:28: [terms] “帐号”应写作“账号”：记账、账目义写“账”，“帐”用于帐篷、蚊帐（现汉7）（建议：改为“账号”）');
  expect(r.err).toContain('共 25 条校对意见');
});

test('the seed round: nothing printed on stdout, exit 0', async () => {
  copyRound(SEED, 'seed');
  const r = await lint(['seed']);
  expect(r).toMatchObject({ code: 0, out: [] });
  expect(r.err).toContain('没有意见');
});

test('--fix rewrites the files in place, then reports what is left', async () => {
  const dir = copyRound(PLANTED, 'round');
  const before = fs.readFileSync(path.join(dir, 'notice.yaml'), 'utf8');
  const r = await lint(['round'], { fix: true });
  expect(r.code).toBe(1);
  expect(r.err).toContain('已修正 round/notice.yaml：10 处');
  expect(r.err).toContain('已修正 round/sites.yaml：1 处');
  expect(r.err).not.toContain('accounts.yaml：');
  const after = fs.readFileSync(path.join(dir, 'notice.yaml'), 'utf8');
  expect(after).not.toBe(before);
  // comments survive
  for (const line of before.split('\n').filter((l) => l.trim().startsWith('#'))) expect(after).toContain(line);
  // nothing fixable is left, and no temporary file either
  expect(r.out.filter((l) => /\[(half-width-punct|quotes|ellipsis-dash|fullwidth-digits)\]/.test(l))).toEqual([]);
  expect(fs.readdirSync(dir).sort()).toEqual(['accounts.yaml', 'history', 'notice.yaml', 'sites.yaml']);
  expect(fs.readdirSync(path.join(dir, 'history'))).toEqual(['1']);
  // a second run has nothing more to fix
  const again = await lint(['round'], { fix: true });
  expect(again.err).not.toContain('已修正');
  expect(again.out).toEqual(r.out);
});

test('--fix keeps a byte-order mark', async () => {
  const dir = copyRound(SEED, 'seed');
  const file = path.join(dir, 'notice.yaml');
  const text = fs.readFileSync(file, 'utf8').replace('title: 关于2023年第四季度', 'title: 关于２０２３年第四季度');
  fs.writeFileSync(file, '\ufeff' + text);
  const r = await lint(['seed'], { fix: true });
  expect(r.code).toBe(0);
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  expect(bytes.toString('utf8').slice(1)).toBe(text.replace('２０２３', '2023'));
});

test('a YAML syntax error is printed and nothing else is done', async () => {
  const dir = copyRound(SEED, 'bad');
  fs.appendFileSync(path.join(dir, 'notice.yaml'), 'title: [unclosed\n');
  const r = await lint(['bad'], { fix: true });
  expect(r.code).toBe(1);
  expect(r.out).toEqual([]);
  expect(r.err).toMatch(/bad\/notice\.yaml:\d+:\d+: 错误: YAML 语法错误/);
});

test('data that does not validate is still proofread, without the notice text', async () => {
  const dir = copyRound(SEED, 'invalid');
  const file = path.join(dir, 'notice.yaml');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('deadline: 2023-11-28', 'deadline: 2023-11-02').replace('信息更新不及时。', '信息更新不及时'));
  const r = await lint(['invalid']);
  expect(r.code).toBe(1);
  expect(r.err).toContain('未能生成通报正文');
  expect(r.out).toEqual([expect.stringMatching(/^invalid\/notice\.yaml:\d+:\d+: \[heading-form\] 标题末尾缺少“。”/)]);
});

test('DATA_DIR is required', async () => {
  await expect(lint([])).rejects.toThrow(UsageError);
});

test('help lists every rule', () => {
  for (const id of ['half-width-punct', 'quotes', 'unbalanced-pair', 'doc-number', 'heading-form', 'date-format', 'date-mismatch', 'repeated-char', 'spacing', 'ellipsis-dash', 'fullwidth-digits', 'terms']) {
    expect(lintCommand.usage).toContain(id);
  }
});
