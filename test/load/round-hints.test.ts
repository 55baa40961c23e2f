// A data folder whose files are there under another name (sites.yaml.txt from Notepad with
// extensions hidden, sites.yml, Sites.YAML), and a file given where the folder is meant: the
// message says what was found and what to do. Nothing is written either way.
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../support/cli';
import { roundCopy, SEED_DIR, snapshot } from '../support/round-fixture';

/** `tongbao check round` after renaming round/<from> to round/<to>; its stderr. */
async function checkRenamed(renames: [string, string][]): Promise<string> {
  const { cwd, dir } = roundCopy();
  for (const [from, to] of renames) fs.renameSync(path.join(dir, from), path.join(dir, to));
  const before = snapshot(cwd);
  const r = await cli(['check', 'round'], cwd);
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  expect(snapshot(cwd)).toEqual(before);
  return r.err;
}

const cases: [string, [string, string][], string][] = [
  [
    'sites.yaml.txt (Windows hides the extension)',
    [['sites.yaml', 'sites.yaml.txt']],
    'round/sites.yaml:1:1: 错误: 缺少文件 sites.yaml，但文件夹中有 sites.yaml.txt：文件名多了“.txt”（Windows 默认隐藏扩展名，记事本保存时会加上 .txt；在资源管理器的“查看”中勾选“文件扩展名”就能看到）。请把 sites.yaml.txt 改名为 sites.yaml\n',
  ],
  ['accounts.yml', [['accounts.yaml', 'accounts.yml']], 'round/accounts.yaml:1:1: 错误: 缺少文件 accounts.yaml，但文件夹中有 accounts.yml：扩展名要写作 .yaml，不是 .yml。请把 accounts.yml 改名为 accounts.yaml\n'],
  ['Sites.YAML', [['sites.yaml', 'Sites.YAML']], 'round/sites.yaml:1:1: 错误: 缺少文件 sites.yaml，但文件夹中有 Sites.YAML：文件名要全部小写。请把 Sites.YAML 改名为 sites.yaml\n'],
  [
    'Notice.yml.txt: all three at once',
    [['notice.yaml', 'Notice.yml.txt']],
    'round/notice.yaml:1:1: 错误: 缺少文件 notice.yaml，但文件夹中有 Notice.yml.txt：文件名多了“.txt”（Windows 默认隐藏扩展名，记事本保存时会加上 .txt；在资源管理器的“查看”中勾选“文件扩展名”就能看到）；扩展名要写作 .yaml，不是 .yml；文件名要全部小写。请把 Notice.yml.txt 改名为 notice.yaml\n',
  ],
];

test.each(cases)('%s', async (_name, renames, expected) => {
  const err = await checkRenamed(renames);
  expect(err).toBe(`${expected}共 1 个错误，未生成任何文件。\n`);
});

test('two candidates: both named, the clerk picks one', async () => {
  const { cwd, dir } = roundCopy();
  fs.copyFileSync(path.join(dir, 'sites.yaml'), path.join(dir, 'sites.yml'));
  fs.renameSync(path.join(dir, 'sites.yaml'), path.join(dir, 'sites.yaml.txt'));
  const r = await cli(['check', 'round'], cwd);
  expect(r.err).toBe('round/sites.yaml:1:1: 错误: 缺少文件 sites.yaml，但文件夹中有 sites.yaml.txt、sites.yml：请把要用的那一个改名为 sites.yaml，其余的删去或移走\n共 1 个错误，未生成任何文件。\n');
});

test('a file with an unrelated name is no candidate: the plain message, and the file is said not to be read', async () => {
  const err = await checkRenamed([['sites.yaml', 'sites-old.yaml']]);
  expect(err).toBe(
    `round/sites-old.yaml:1:1: 警告: 文件夹中有 sites-old.yaml，但只读取 ${READ}：这个文件没有使用。要用其中的内容，请并入相应的文件；不用就删去或移走\n` +
      'round/sites.yaml:1:1: 错误: 缺少文件 sites.yaml：每个数据文件夹都要有 notice.yaml、sites.yaml、accounts.yaml\n共 1 个错误，未生成任何文件。\n',
  );
});

// A YAML file in the folder that is not read is never ignored unsaid: a warning at the file,
// the data otherwise fine (check exits 0, prints its summary, writes nothing).
const READ = 'notice.yaml、sites.yaml、accounts.yaml、calendar.yaml、terms.yaml、rectify.yaml';
const CALENDAR = '2027:\n  holidays: [2027-01-01]\n  workdays: []\n';
const TERMS = fs.readFileSync(path.join(SEED_DIR, '..', 'terms.yaml'), 'utf8');
const TXT_WHY = '文件名多了“.txt”（Windows 默认隐藏扩展名，记事本保存时会加上 .txt；在资源管理器的“查看”中勾选“文件扩展名”就能看到）';

/** round/<name> written with `text`, or a copy of round/<from> when `text` is “=<from>”. */
type Extra = [name: string, text: string];

function withExtras(extras: Extra[]): { cwd: string; dir: string } {
  const r = roundCopy();
  for (const [name, text] of extras) {
    const file = path.join(r.dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (text.startsWith('=')) fs.copyFileSync(path.join(r.dir, text.slice(1)), file);
    else fs.writeFileSync(file, text);
  }
  return r;
}

const unread: [string, Extra[], string[]][] = [
  ['calendar.yml: an optional file misnamed', [['calendar.yml', CALENDAR]], ['round/calendar.yml:1:1: 警告: 文件夹中有 calendar.yml，但只读取 calendar.yaml：这个文件没有使用；扩展名要写作 .yaml，不是 .yml。请把它改名为 calendar.yaml']],
  ['calendar.YAML', [['calendar.YAML', CALENDAR]], ['round/calendar.YAML:1:1: 警告: 文件夹中有 calendar.YAML，但只读取 calendar.yaml：这个文件没有使用；文件名要全部小写。请把它改名为 calendar.yaml']],
  ['terms.yaml.txt (Notepad)', [['terms.yaml.txt', TERMS]], [`round/terms.yaml.txt:1:1: 警告: 文件夹中有 terms.yaml.txt，但只读取 terms.yaml：这个文件没有使用；${TXT_WHY}。请把它改名为 terms.yaml`]],
  ['Rectify.yaml', [['Rectify.yaml', 'items: []\n']], ['round/Rectify.yaml:1:1: 警告: 文件夹中有 Rectify.yaml，但只读取 rectify.yaml：这个文件没有使用；文件名要全部小写。请把它改名为 rectify.yaml']],
  [
    'two look-alikes of calendar.yaml: one warning naming both',
    [['calendar.yml', CALENDAR], ['Calendar.yaml', CALENDAR]],
    ['round/Calendar.yaml:1:1: 警告: 文件夹中有 Calendar.yaml、calendar.yml，但只读取 calendar.yaml：这些文件都没有使用。请把要用的那一个改名为 calendar.yaml，其余的删去或移走'],
  ],
  [
    'sites.yml beside sites.yaml: the one read is named, not a rename',
    [['sites.yml', '=sites.yaml']],
    ['round/sites.yml:1:1: 警告: 文件夹中有 sites.yml，但只读取 sites.yaml：这个文件没有使用。要用其中的内容，请并入 sites.yaml；不用就删去或移走'],
  ],
  [
    'copies Windows made, and an old version',
    [['sites (2).yaml', '=sites.yaml'], ['accounts - 副本.yaml', '=accounts.yaml'], ['notice-旧.yml', '=notice.yaml']],
    [
      `round/accounts - 副本.yaml:1:1: 警告: 文件夹中有 accounts - 副本.yaml，但只读取 ${READ}：这个文件没有使用。要用其中的内容，请并入相应的文件；不用就删去或移走`,
      `round/notice-旧.yml:1:1: 警告: 文件夹中有 notice-旧.yml，但只读取 ${READ}：这个文件没有使用。要用其中的内容，请并入相应的文件；不用就删去或移走`,
      `round/sites (2).yaml:1:1: 警告: 文件夹中有 sites (2).yaml，但只读取 ${READ}：这个文件没有使用。要用其中的内容，请并入相应的文件；不用就删去或移走`,
    ],
  ],
  [
    'not looked at: folders (history/ the tool keeps), hidden files (its temporary files, macOS ._ files), other kinds of file',
    [
      ['history/1/sites.yaml', '=sites.yaml'],
      ['旧数据/calendar.yml', CALENDAR],
      ['.tongbao-tmp-sites.yaml', '=sites.yaml'],
      ['._calendar.yml', 'x'],
      ['README.md', '# 说明\n'],
      ['附件1.xlsx', 'x'],
      ['calendar.txt', CALENDAR],
    ],
    [],
  ],
];

describe('a YAML file the tool does not read: a warning, check still exits 0', () => {
  test.each(unread)('%s', async (_name, extras, expected) => {
    const { cwd } = withExtras(extras);
    const before = snapshot(cwd);
    const r = await cli(['check', 'round'], cwd);
    expect(r.err).toBe(expected.map((l) => `${l}\n`).join(''));
    expect(r.code).toBe(0);
    expect(r.out.startsWith('数据无误：round\n')).toBe(true);
    expect(snapshot(cwd)).toEqual(before);
  });

  test('a second name (hard link) of a data file is the file read: no warning', async () => {
    const { cwd, dir } = roundCopy();
    fs.linkSync(path.join(dir, 'accounts.yaml'), path.join(dir, 'accounts-另存.yaml'));
    const r = await cli(['check', 'round'], cwd);
    expect([r.code, r.err]).toEqual([0, '']);
  });

  test('with errors, the warning is printed among them and not counted', async () => {
    const { cwd, dir } = withExtras([['calendar.yml', CALENDAR]]);
    fs.writeFileSync(path.join(dir, 'sites.yaml'), 'department: [\n');
    const r = await cli(['check', 'round'], cwd);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^round\/calendar\.yml:1:1: 警告: 文件夹中有 calendar\.yml，但只读取 calendar\.yaml：/);
    expect(r.err).toMatch(/\nround\/sites\.yaml:\d+:\d+: 错误: [^\n]*\n共 1 个错误，未生成任何文件。\n$/);
  });

  test('build --strict refuses it like any warning, writing nothing', async () => {
    const { cwd } = withExtras([['terms.yml', TERMS]]);
    const before = snapshot(cwd);
    const r = await cli(['build', 'round', '--strict'], cwd);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'round/terms.yml:1:1: 警告: 文件夹中有 terms.yml，但只读取 terms.yaml：这个文件没有使用；扩展名要写作 .yaml，不是 .yml。请把它改名为 terms.yaml\n--strict：有 1 条数据警告，未生成任何文件。\n',
    );
    expect(snapshot(cwd)).toEqual(before);
  });

  test('lint says it on stderr before its findings; the status stays the findings\'', async () => {
    const { cwd } = withExtras([['terms.yml', TERMS]]);
    const r = await cli(['lint', 'round'], cwd);
    expect(r.err.split('\n')[0]).toBe('round/terms.yml:1:1: 警告: 文件夹中有 terms.yml，但只读取 terms.yaml：这个文件没有使用；扩展名要写作 .yaml，不是 .yml。请把它改名为 terms.yaml');
    const plain = await cli(['lint', 'round'], roundCopy().cwd);
    expect(r.code).toBe(plain.code);
    expect(r.out).toBe(plain.out);
  });
});

describe('a file given where the data folder is meant', () => {
  test('check round/sites.yaml: says so and names the folder, as a usage error', async () => {
    const { cwd } = roundCopy();
    const r = await cli(['check', 'round/sites.yaml'], cwd);
    expect(r.code).toBe(2);
    expect(r.err).toBe('tongbao check：round/sites.yaml：这是一个文件，不是数据文件夹：请给出它所在的文件夹 round（不要写到文件名）\n');
  });
  test('a file in the current folder: the folder is “.”', async () => {
    const { dir } = roundCopy();
    const r = await cli(['check', 'notice.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe('tongbao check：notice.yaml：这是一个文件，不是数据文件夹：请给出它所在的文件夹 .（不要写到文件名）\n');
  });
  test('encoding round/notice.yaml: the same words, as a usage error', async () => {
    const { cwd } = roundCopy();
    const r = await cli(['encoding', 'round/notice.yaml'], cwd);
    expect(r.code).toBe(2);
    expect(r.err).toBe('tongbao encoding：round/notice.yaml：这是一个文件，不是数据文件夹：请给出它所在的文件夹 round（不要写到文件名）\n');
  });
  test('a folder that is not there: as before', async () => {
    const { cwd } = roundCopy();
    const r = await cli(['check', 'nowhere'], cwd);
    expect(r.err).toBe('nowhere:1:1: 错误: 找不到数据文件夹\n共 1 个错误，未生成任何文件。\n');
  });
});
