// tongbao init: a new quarter from the previous one, and check listing what is left to fill.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { commitEdits } from '../../src/edit';
import type { Edit } from '../../src/edit';
import { nextQuarter, parseRound, quarterMonths } from '../../src/init';
import { cli } from '../support/cli';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');
const Y = (f: string) => parse(fs.readFileSync(f, 'utf8'), { version: '1.2' });
let cwd: string;
beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-init-'));
});
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

type Unit = { name: string; url?: string; owner?: string; service?: boolean; results?: unknown[]; result?: unknown; problems?: unknown };
const roster = (data: Record<string, Record<string, Unit[]> | Unit[]>, groups: string[][]) =>
  groups.map((g) => (g.reduce((o: any, k) => o[k], data) as Unit[]).map((u) => ({ name: u.name, url: u.url, owner: u.owner, service: u.service })));
const SITE_GROUPS = [['department'], ['county']];
const ACCOUNT_GROUPS = [['weibo', 'department'], ['weibo', 'county'], ['wechat', 'department'], ['wechat', 'county']];

test('quarters: the next one, and its three months', () => {
  expect(nextQuarter(parseRound('2023-Q4')!)).toEqual({ year: 2024, q: 1 });
  expect(nextQuarter(parseRound('2024-q2')!)).toEqual({ year: 2024, q: 3 });
  expect(quarterMonths({ year: 2024, q: 1 })).toEqual(['2024-01', '2024-02', '2024-03']);
  expect(quarterMonths({ year: 2024, q: 4 })).toEqual(['2024-10', '2024-11', '2024-12']);
  expect(parseRound('2024Q1')).toBeNull();
});

test('init from the seed: the same 50 sites and 75 accounts in order, months 2024-01..03, results cleared, comments kept', async () => {
  const r = await cli(['init', 'q1', '--from', SEED], cwd);
  expect(r.code).toBe(0);
  expect(r.out).toContain('政府网站 50 个，政务新媒体 75 个');
  const dir = path.join(cwd, 'q1');
  expect(fs.readdirSync(dir).sort()).toEqual(['accounts.yaml', 'notice.yaml', 'sites.yaml']);

  const [oldS, newS] = [Y(path.join(SEED, 'sites.yaml')), Y(path.join(dir, 'sites.yaml'))];
  const [oldA, newA] = [Y(path.join(SEED, 'accounts.yaml')), Y(path.join(dir, 'accounts.yaml'))];
  expect(roster(newS, SITE_GROUPS)).toEqual(roster(oldS, SITE_GROUPS));
  expect(roster(newS, SITE_GROUPS).flat()).toHaveLength(50);
  expect(roster(newA, ACCOUNT_GROUPS)).toEqual(roster(oldA, ACCOUNT_GROUPS));
  expect(roster(newA, ACCOUNT_GROUPS).flat()).toHaveLength(75);
  for (const g of SITE_GROUPS) for (const u of newS[g[0]] as Unit[]) expect([u.result, u.problems]).toEqual([null, undefined]);
  for (const g of ACCOUNT_GROUPS) for (const u of newA[g[0]][g[1]] as Unit[]) expect([u.results, u.problems]).toEqual([[null, null, null], undefined]);

  const n = Y(path.join(dir, 'notice.yaml'));
  const o = Y(path.join(SEED, 'notice.yaml'));
  expect(n.round).toBe('2024-Q1');
  expect(n.months).toEqual(['2024-01', '2024-02', '2024-03']);
  expect(n.title).toBe('关于2024年第一季度全州政府网站和政务新媒体检查情况的通报');
  expect([n.inspection.from, n.inspection.to, n.issued, n.deadline, n.doc_number]).toEqual([null, null, null, null, null]);
  expect(n.failing_order).toBeUndefined();
  for (const k of ['issuer', 'scope', 'levels', 'recipients', 'basis', 'contact', 'problems', 'requirements']) expect(n[k]).toEqual(o[k]);
  expect(n.inspection.coverage).toBe(o.inspection.coverage);

  // The text: schema header first, the person's fields marked, comments carried over.
  const text = fs.readFileSync(path.join(dir, 'notice.yaml'), 'utf8');
  expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/notice.schema.json');
  expect(text).toContain('\nissued: ~  # 待填写：成文日期\n');
  expect(text).toContain('\n  from: ~  # 待填写：检查开始日期\n');
  expect(text).toContain('\ndoc_number: ~  # 待填写：发文字号（没有就删去这一行）\n');
  const comments = (t: string) => t.split('\n').filter((l) => l.trimStart().startsWith('#'));
  const oldComments = comments(fs.readFileSync(path.join(SEED, 'notice.yaml'), 'utf8'));
  const kept = comments(text);
  for (const c of oldComments) {
    if (/failing_order|黔东南州机关事务管理局|须恰好列出|正文列举/.test(c)) continue; // went with failing_order
    expect(kept).toContain(c.replace('2023年第四季度', '2024年第一季度'));
  }
  const acc = fs.readFileSync(path.join(dir, 'accounts.yaml'), 'utf8');
  expect(acc.split('\n').slice(0, 3)).toEqual([
    '# yaml-language-server: $schema=../../schema/accounts.schema.json',
    '# 2024年第一季度：政务新媒体检查结果（附件2），results 依次为 1月、2月、3月更新情况',
    '# 由 tongbao init 从 2023-q4 生成：~ 表示待填写，tongbao check 逐项列出还需填写的内容',
  ]);
  expect(comments(acc).slice(3)).toEqual(comments(fs.readFileSync(path.join(SEED, 'accounts.yaml'), 'utf8')).slice(2));
  // Line for line, accounts.yaml differs only in the header and the results lines.
  const [a, b] = [fs.readFileSync(path.join(SEED, 'accounts.yaml'), 'utf8').split('\n'), acc.split('\n')];
  b.splice(2, 1);
  expect(b).toHaveLength(a.length);
  a.forEach((line, i) => {
    if (i === 1) return;
    expect(b[i]).toBe(line.replace(/results: \[[^\]]*\]/, 'results: [~, ~, ~]'));
  });

  // check: every value to fill, at its place, then the count per group.
  const c = await cli(['check', 'q1'], cwd);
  expect(c.code).toBe(1);
  const lines = c.err.trim().split('\n');
  expect(lines).toContain('q1/accounts.yaml:11:17: 错误: 还需填写：政务微博“黔东南州生态环境局”1月的结果（合格或不合格）');
  expect(lines).toContain('q1/notice.yaml:29:9: 错误: 还需填写：成文日期（写作 YYYY-MM-DD）');
  expect(lines.filter((l) => l.includes('错误: 还需填写：'))).toHaveLength(5 + 50 + 75 * 3);
  expect(lines.filter((l) => l.includes('错误:') && !l.includes('还需填写'))).toEqual([]);
  expect(lines.slice(-6)).toEqual([
    '还需填写：通报 5 项（发文字号、检查开始日期、检查结束日期、成文日期、整改截止日期）',
    '还需填写：政府网站 50 个网站的检查结果',
    '还需填写：政务微博 26 个账号的 1 月结果、26 个账号的 2 月结果、26 个账号的 3 月结果',
    '还需填写：政务微信 49 个账号的 1 月结果、49 个账号的 2 月结果、49 个账号的 3 月结果',
    '共 280 项还需填写。',
    '共 280 个错误，未生成任何文件。',
  ]);
});

test('filled in, the new round checks clean; the markers are gone', async () => {
  expect((await cli(['init', 'q1', '--from', SEED], cwd)).code).toBe(0);
  const dir = path.join(cwd, 'q1');
  const a = Y(path.join(dir, 'accounts.yaml'));
  const s = Y(path.join(dir, 'sites.yaml'));
  const edits: Edit[] = [
    { op: 'set', file: 'notice.yaml', path: ['inspection', 'from'], value: '2024-04-08' },
    { op: 'set', file: 'notice.yaml', path: ['inspection', 'to'], value: '2024-04-12' },
    { op: 'set', file: 'notice.yaml', path: ['issued'], value: '2024-04-16' },
    { op: 'set', file: 'notice.yaml', path: ['deadline'], value: '2024-04-26' },
    { op: 'delete', file: 'notice.yaml', path: ['doc_number'] },
  ];
  for (const g of SITE_GROUPS) (s[g[0]] as Unit[]).forEach((_u, i) => edits.push({ op: 'set', file: 'sites.yaml', path: [g[0], i, 'result'], value: '合格' }));
  for (const g of ACCOUNT_GROUPS)
    (a[g[0]][g[1]] as Unit[]).forEach((_u, i) => edits.push({ op: 'set', file: 'accounts.yaml', path: [...g, i, 'results'], value: ['合格', i === 0 ? '不合格' : '合格', '合格'] }));
  commitEdits(dir, edits);
  const text = fs.readFileSync(path.join(dir, 'notice.yaml'), 'utf8');
  expect(text).toContain('\nissued: 2024-04-16\n');
  expect(text).not.toContain('待填写：');
  const c = await cli(['check', 'q1'], cwd);
  expect(c.err).toBe('');
  expect(c.code).toBe(0);
  expect(c.out).toContain('不合格政务新媒体（4 个');
});

test('an existing folder is refused (exit 2) and left as it was; --round picks the quarter', async () => {
  fs.mkdirSync(path.join(cwd, 'q1'));
  fs.writeFileSync(path.join(cwd, 'q1', 'mine.txt'), '我的文件');
  const r = await cli(['init', 'q1', '--from', SEED], cwd);
  expect(r.code).toBe(2);
  expect(r.err).toBe('tongbao init：q1 已经存在：init 只新建文件夹，不会覆盖已有的数据。请换一个名称，或先移走它\n');
  expect(fs.readdirSync(path.join(cwd, 'q1'))).toEqual(['mine.txt']);

  const q3 = await cli(['init', 'q3', '--from', SEED, '--round', '2024-Q3'], cwd);
  expect(q3.code).toBe(0);
  const n = Y(path.join(cwd, 'q3', 'notice.yaml'));
  expect([n.round, n.months, n.title]).toEqual(['2024-Q3', ['2024-07', '2024-08', '2024-09'], '关于2024年第三季度全州政府网站和政务新媒体检查情况的通报']);
  expect(fs.readdirSync(cwd).sort()).toEqual(['q1', 'q3']);

  expect((await cli(['init', 'q4', '--from', SEED, '--round', '2024-5'], cwd)).err).toMatch(/--round “2024-5”格式不对/);
  expect((await cli(['init', 'q4'], cwd)).err).toMatch(/缺少 --from PREV_DIR/);
  expect((await cli(['init', 'q4', '--from', path.join(cwd, 'nope')], cwd)).code).toBe(1);
  expect(fs.readdirSync(cwd).sort()).toEqual(['q1', 'q3']);
});

test('a `previous` naming the round before is pointed at the folder the new round starts from', async () => {
  const prev = path.join(cwd, 'q3');
  fs.cpSync(path.join(__dirname, '..', 'fixtures', 'rounds', '2024-q3'), prev, { recursive: true });
  expect(fs.readFileSync(path.join(prev, 'notice.yaml'), 'utf8')).toMatch(/^previous: /m);
  const r = await cli(['init', path.join(cwd, 'next', 'q4'), '--from', prev], cwd);
  expect(r.code).toBe(0);
  const text = fs.readFileSync(path.join(cwd, 'next', 'q4', 'notice.yaml'), 'utf8');
  expect(text).toMatch(/^previous: \.\.\/\.\.\/q3$/m);
});

test('CRLF files with a BOM stay CRLF with a BOM', async () => {
  const prev = path.join(cwd, 'prev');
  fs.cpSync(SEED, prev, { recursive: true });
  for (const f of ['notice.yaml', 'sites.yaml', 'accounts.yaml']) {
    const p = path.join(prev, f);
    fs.writeFileSync(p, '\ufeff' + fs.readFileSync(p, 'utf8').replace(/\n/g, '\r\n'));
  }
  expect((await cli(['init', 'q1', '--from', 'prev'], cwd)).code).toBe(0);
  for (const f of ['notice.yaml', 'sites.yaml', 'accounts.yaml']) {
    const t = fs.readFileSync(path.join(cwd, 'q1', f), 'utf8');
    expect(t.startsWith('\ufeff#')).toBe(true);
    expect(t.replace(/\r\n/g, '')).not.toContain('\n');
  }
  const c = await cli(['check', 'q1'], cwd);
  expect(c.err).toContain('共 280 项还需填写。');
});

test('--round the same as, or earlier than, the source round is refused (exit 2), nothing written', async () => {
  fs.cpSync(SEED, path.join(cwd, '2023-q4'), { recursive: true });
  const why = '新季度应在 2023-Q4 之后，下一季度是 2024-Q1；同一季度或更早的季度会让以后的比较分不清哪一轮是上季度\n';
  const same = await cli(['init', 'q1', '--from', '2023-q4', '--round', '2023-Q4'], cwd);
  expect([same.code, same.out]).toEqual([2, '']);
  expect(same.err).toBe(`tongbao init：新季度 2023-Q4 与 2023-q4 的季度 2023-Q4 相同：${why}`);
  const earlier = await cli(['init', 'q1', '--from', '2023-q4', '--round', '2022-q4'], cwd);
  expect(earlier.code).toBe(2);
  expect(earlier.err).toBe(`tongbao init：新季度 2022-Q4 早于 2023-q4 的季度 2023-Q4：${why}`);
  expect(fs.readdirSync(cwd)).toEqual(['2023-q4']);
  // the quarter right after, and one further on (a quarter not inspected), are fine
  expect((await cli(['init', 'q1', '--from', '2023-q4', '--round', '2024-Q1'], cwd)).code).toBe(0);
});

test('a new folder that is, or is inside, or holds the source round is refused (exit 2), nothing written', async () => {
  fs.mkdirSync(path.join(cwd, 'data'));
  fs.cpSync(SEED, path.join(cwd, 'data', '2023-q4'), { recursive: true });
  const files = () => fs.readdirSync(cwd, { recursive: true }).map(String).sort();
  const before = files();
  const beside = '新季度要另建一个文件夹，与 data/2023-q4 并列';
  for (const [argv, err] of [
    [['data/2023-q4/sub', '--from', 'data/2023-q4'], `新文件夹 data/2023-q4/sub 在上季度的文件夹 data/2023-q4 里面：${beside}，例如 data/sub`],
    [['data/2023-q4/a/b', '--from', 'data/2023-q4/'], `新文件夹 data/2023-q4/a/b 在上季度的文件夹 data/2023-q4 里面：${beside}，例如 data/b`],
    [['data/2023-q4', '--from', 'data/2023-q4'], `新文件夹 data/2023-q4 就是上季度的文件夹 data/2023-q4：${beside}`],
    [['data/x/../2023-q4/', '--from', 'data/2023-q4'], `新文件夹 data/2023-q4 就是上季度的文件夹 data/2023-q4：${beside}`],
    [['data', '--from', 'data/2023-q4'], `上季度的文件夹 data/2023-q4 在新文件夹 data 里面：${beside}`],
  ] as [string[], string][]) {
    const r = await cli(['init', ...argv], cwd);
    expect([r.code, r.out, r.err]).toEqual([2, '', `tongbao init：${err}\n`]);
  }
  // through a link to the source folder too
  fs.symlinkSync(path.join(cwd, 'data', '2023-q4'), path.join(cwd, 'link'), 'dir');
  const r = await cli(['init', 'link/sub', '--from', 'data/2023-q4'], cwd);
  expect([r.code, r.err]).toEqual([2, `tongbao init：新文件夹 link/sub 在上季度的文件夹 data/2023-q4 里面：${beside}，例如 data/sub\n`]);
  fs.rmSync(path.join(cwd, 'link'));
  expect(files()).toEqual(before);
});

test('an existing empty folder (made in Explorer first) is filled; one with anything else in it is refused', async () => {
  expect((await cli(['init', 'fresh', '--from', SEED], cwd)).code).toBe(0);
  const made = path.join(cwd, 'q1');
  fs.mkdirSync(made);
  const r = await cli(['init', 'q1', '--from', SEED], cwd);
  expect([r.code, r.err]).toEqual([0, '']);
  expect(r.out.split('\n')[0]).toBe('已新建 q1：2024年第一季度，检查月份 2024-01、2024-02、2024-03');
  expect(fs.readdirSync(made).sort()).toEqual(['accounts.yaml', 'notice.yaml', 'sites.yaml']);
  for (const f of fs.readdirSync(made)) expect(fs.readFileSync(path.join(made, f), 'utf8')).toBe(fs.readFileSync(path.join(cwd, 'fresh', f), 'utf8'));

  // the files Explorer and the Finder add by themselves do not count, and stay
  const sys = path.join(cwd, 'q2');
  fs.mkdirSync(sys);
  for (const f of ['desktop.ini', 'Thumbs.db', '.DS_Store']) fs.writeFileSync(path.join(sys, f), f);
  expect((await cli(['init', 'q2', '--from', SEED], cwd)).code).toBe(0);
  expect(fs.readdirSync(sys).sort()).toEqual(['.DS_Store', 'Thumbs.db', 'accounts.yaml', 'desktop.ini', 'notice.yaml', 'sites.yaml']);
  expect(fs.readFileSync(path.join(sys, 'desktop.ini'), 'utf8')).toBe('desktop.ini');

  // anything else, even a hidden file, is someone's data
  fs.mkdirSync(path.join(cwd, 'q3'));
  fs.writeFileSync(path.join(cwd, 'q3', '.keep'), '');
  const k = await cli(['init', 'q3', '--from', SEED], cwd);
  expect([k.code, k.err]).toEqual([2, 'tongbao init：q3 已经存在：init 只新建文件夹，不会覆盖已有的数据。请换一个名称，或先移走它\n']);
  expect(fs.readdirSync(path.join(cwd, 'q3'))).toEqual(['.keep']);
  expect(fs.readdirSync(cwd).sort()).toEqual(['fresh', 'q1', 'q2', 'q3']);
});

test('filling an empty folder that fails at the second file leaves it as empty as it was', async () => {
  const nodeFs = require('fs') as typeof fs;
  const dir = path.join(cwd, 'q1');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'desktop.ini'), '[.ShellClassInfo]');
  const real = fs.renameSync;
  const renames: string[] = [];
  const spy = jest.spyOn(nodeFs, 'renameSync').mockImplementation((from, to) => {
    renames.push(path.basename(String(to)));
    if (renames.length === 2) throw Object.assign(new Error('EBUSY: resource busy or locked, rename'), { code: 'EBUSY' });
    real(from, to);
  });
  let r: Awaited<ReturnType<typeof cli>>;
  try {
    r = await cli(['init', 'q1', '--from', SEED], cwd);
  } finally {
    spy.mockRestore();
  }
  expect(renames).toEqual(['notice.yaml', 'sites.yaml']);
  expect([r.code, r.out]).toEqual([1, '']);
  expect(r.err).toBe('tongbao init：无法在 q1 中写入文件：文件夹是只读的、没有写入权限或正被占用。请检查后重试；已写入的文件都已删除，q1 仍是空的。\n');
  expect(fs.readdirSync(dir)).toEqual(['desktop.ini']);
  expect(fs.readdirSync(cwd)).toEqual(['q1']);
});
