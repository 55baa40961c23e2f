// The exit statuses a user reads — README's command table, docs/handoff.md's table, each
// command's --help — say the same, and cover every status the command's code returns.
import * as fs from 'fs';
import * as path from 'path';
import { commands } from '../../src/cli/main';

const ROOT = path.join(__dirname, '..', '..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

/** The statuses of a text such as `0 无误；1 数据有错；2 用法错误`: each part's leading number. */
function statuses(text: string): number[] {
  return text
    .split('；')
    .map((part) => /^\s*(\d+)/.exec(part))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
}

/** A markdown table row's cells (a `\|` inside a cell is not a separator). */
const cells = (line: string) => line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());

function readmeTable(): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const line of read('README.md').split('\n')) {
    const m = /^\| `tongbao (\w+)/.exec(line);
    if (m) out.set(m[1], statuses(cells(line)[2]));
  }
  return out;
}

function helpStatuses(usage: string): number[] {
  const m = /退出状态：([^。]*)。/.exec(usage);
  if (!m) throw new Error('no 退出状态 in the help');
  return statuses(m[1]);
}

/** Statuses the command's own code returns (`return 1;`, `return ok ? 0 : 1;`). */
function codeStatuses(name: string): number[] {
  const src = read(`src/cli/commands/${name}.ts`);
  const found = new Set<number>();
  for (const m of src.matchAll(/\breturn\s+(\d+)\s*;/g)) found.add(Number(m[1]));
  for (const m of src.matchAll(/\breturn\s+[\w.!]+\s*\?\s*(\d+)\s*:\s*(\d+)\s*;/g)) [m[1], m[2]].forEach((d) => found.add(Number(d)));
  return [...found].sort();
}

const all = commands();

test('README lists every command once, with the statuses its --help gives', () => {
  const table = readmeTable();
  expect([...table.keys()].sort()).toEqual(all.map((c) => c.name).sort());
  const said = all.map((c) => `${c.name}: ${table.get(c.name)!.join(',')}`);
  expect(said).toEqual(all.map((c) => `${c.name}: ${helpStatuses(c.usage).join(',')}`));
});

test('each --help covers what the code returns, and the usage error (2) every command can give', () => {
  for (const c of all) {
    const help = helpStatuses(c.usage);
    for (const s of [...codeStatuses(c.name), 2]) expect(`${c.name}: ${s} ${help.includes(s)}`).toBe(`${c.name}: ${s} true`);
  }
});

test("docs/handoff.md's table of statuses agrees with --help", () => {
  const text = read('docs/handoff.md');
  const section = text.slice(text.indexOf('## 退出状态一览'));
  const rows = section.split('\n').filter((l) => /^\| [a-z]+ \|/.test(l));
  expect(rows.length).toBeGreaterThan(3);
  for (const row of rows) {
    const [name, ...columns] = cells(row);
    const documented = columns.map((c, i) => (c === '—' ? -1 : i)).filter((i) => i >= 0);
    expect(`${name}: ${documented.join(',')}`).toBe(`${name}: ${helpStatuses(all.find((c) => c.name === name)!.usage).join(',')}`);
  }
});

test('the parsers read what they should', () => {
  expect(statuses('0 无误；1 数据有错；2 用法错误')).toEqual([0, 1, 2]);
  expect(statuses('0；1；2；3 正文会变')).toEqual([0, 1, 2, 3]);
  expect(cells('| `a \\| b` | x | 0 |')).toEqual(['`a \\| b`', 'x', '0']);
});
