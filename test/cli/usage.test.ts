// `tongbao` as a new user first meets it: no arguments is a usage error that shows the help;
// README says how to run the command and which documents are for whom.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../support/cli';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'tongbao.js');
const tongbao = (...argv: string[]) => spawnSync(process.execPath, [BIN, ...argv], { cwd: ROOT, encoding: 'utf8' });

test('no arguments: the help on stderr, exit 2', () => {
  const r = tongbao();
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain('用法：tongbao <命令> [参数] [选项]');
  for (const c of ['check', 'build', 'annexes', 'verify', 'package']) expect(r.stderr).toMatch(new RegExp(`^\\s+${c}\\s`, 'm'));
});

test('--help: the same help on stdout, exit 0', () => {
  const r = tongbao('--help');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('用法：tongbao <命令> [参数] [选项]');
});

// An unknown command: the nearest command when it is near enough to be a typo, exit 2.
const COMMAND_LIST = '可用命令：init、check、import、build、annexes、diff、verify、package、rectify、lint、explain、encoding、compare、trend、serve（tongbao --help 查看用法）';
test.each([
  ['chek', `未知命令“chek”，是不是 check？${COMMAND_LIST}\n`],
  ['biuld', `未知命令“biuld”，是不是 build？${COMMAND_LIST}\n`],
  ['Lint', `未知命令“Lint”，是不是 lint？${COMMAND_LIST}\n`],
  ['annex', `未知命令“annex”，是不是 annexes？${COMMAND_LIST}\n`],
  ['frobnicate', `未知命令“frobnicate”。${COMMAND_LIST}\n`],
  ['xyz', `未知命令“xyz”。${COMMAND_LIST}\n`],
])('unknown command %s', async (name, err) => {
  const r = await cli([name, 'data/2023-q4'], ROOT);
  expect([r.code, r.out, r.err]).toEqual([2, '', err]);
});

// Every command that takes a data folder: a file given where the folder is meant is a usage
// error (2), said the same way, before anything is read or written.
const FILE_FOR_FOLDER = 'data/2023-q4/sites.yaml：这是一个文件，不是数据文件夹：请给出它所在的文件夹 data/2023-q4（不要写到文件名）';
test.each([
  [['check', 'data/2023-q4/sites.yaml'], `tongbao check：${FILE_FOR_FOLDER}\n`],
  [['build', 'data/2023-q4/sites.yaml'], `tongbao build：${FILE_FOR_FOLDER}\n`],
  [['lint', 'data/2023-q4/sites.yaml'], `tongbao lint：${FILE_FOR_FOLDER}\n`],
  [['annexes', 'data/2023-q4/sites.yaml'], `tongbao annexes：${FILE_FOR_FOLDER}\n`],
  [['package', 'data/2023-q4/sites.yaml'], `tongbao package：${FILE_FOR_FOLDER}\n`],
  [['rectify', 'data/2023-q4/sites.yaml'], `tongbao rectify：${FILE_FOR_FOLDER}\n`],
  [['encoding', 'data/2023-q4/sites.yaml'], `tongbao encoding：${FILE_FOR_FOLDER}\n`],
  [['explain', 'data/2023-q4/sites.yaml', '黔东南统计'], `tongbao explain：${FILE_FOR_FOLDER}\n`],
  [['import', 'data/2023-q4/sites.yaml', 'x.xlsx'], `tongbao import：${FILE_FOR_FOLDER}\n`],
  [['compare', 'data/2023-q4/sites.yaml', 'data/2023-q4'], `tongbao compare：${FILE_FOR_FOLDER}\n`],
  [['compare', 'data/2023-q4', 'data/2023-q4/sites.yaml'], `tongbao compare：${FILE_FOR_FOLDER}\n`],
  [['diff', 'data/2023-q4', 'data/2023-q4/sites.yaml'], `tongbao diff：${FILE_FOR_FOLDER}\n`],
])('%j: a file for the data folder is a usage error', async (argv, err) => {
  const r = await cli(argv, ROOT);
  expect([r.code, r.out, r.err]).toEqual([2, '', err]);
});

describe('README and docs', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const docs = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md'));

  test('README says how to run the command', () => {
    expect(readme).toContain('npm ci');
    expect(readme).toContain('npx tongbao check data/2023-q4');
    expect(readme).toContain('node bin/tongbao.js check data/2023-q4');
  });

  test('every document is listed once, for users (Chinese) or developers (English), and is written in that language', () => {
    const users = [...readme.split('给使用者（中文）：')[1].split('For developers (English):')[0].matchAll(/\(docs\/([\w-]+\.md)\)/g)].map((m) => m[1]);
    const devs = [...readme.split('For developers (English):')[1].split('## 开发')[0].matchAll(/\(docs\/([\w-]+\.md)\)/g)].map((m) => m[1]);
    expect([...users, ...devs].sort()).toEqual([...docs].sort());
    // prose language: share of Han characters among letters, outside code spans and blocks
    const hanShare = (file: string) => {
      const text = fs.readFileSync(path.join(ROOT, 'docs', file), 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '');
      const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
      const latin = (text.match(/[A-Za-z]/g) ?? []).length;
      return han / (han + latin / 5); // about five letters to an English word
    };
    for (const f of users) expect(`${f}: ${hanShare(f) > 0.6}`).toBe(`${f}: true`);
    for (const f of devs) expect(`${f}: ${hanShare(f) < 0.2}`).toBe(`${f}: true`);
  });

  test('README and docs/handoff.md agree on failing_order: it orders the list, a correction is a warning', () => {
    const handoff = fs.readFileSync(path.join(ROOT, 'docs', 'handoff.md'), 'utf8');
    for (const text of [readme, handoff]) {
      expect(text).toContain('不必随更正同步');
      expect(text).not.toMatch(/failing_order[^。]*必须恰好列出/);
    }
  });
});

test('no process words in code or comments (src, test, bench)', () => {
  const words = new RegExp(['\\bissue\\s*#?\\d+', 'the issue\\b', '\\btickets?\\b', '\\bhelper session'].join('|'), 'i');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|js)$/.test(name) && p !== __filename) {
        fs.readFileSync(p, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (words.test(line)) found.push(`${path.relative(ROOT, p)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
  };
  for (const d of ['src', 'test', 'bench']) walk(path.join(ROOT, d));
  expect(found).toEqual([]);
});
