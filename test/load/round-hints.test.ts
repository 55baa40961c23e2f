// A data folder whose files are there under another name (sites.yaml.txt from Notepad with
// extensions hidden, sites.yml, Sites.YAML), and a file given where the folder is meant: the
// message says what was found and what to do. Nothing is written either way.
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../support/cli';
import { roundCopy, snapshot } from '../support/round-fixture';

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

test('a file with an unrelated name is no candidate: the plain message', async () => {
  const err = await checkRenamed([['sites.yaml', 'sites-old.yaml']]);
  expect(err).toBe('round/sites.yaml:1:1: 错误: 缺少文件 sites.yaml：每个数据文件夹都要有 notice.yaml、sites.yaml、accounts.yaml\n共 1 个错误，未生成任何文件。\n');
});

describe('a file given where the data folder is meant', () => {
  test('check round/sites.yaml: says so and names the folder', async () => {
    const { cwd } = roundCopy();
    const r = await cli(['check', 'round/sites.yaml'], cwd);
    expect(r.code).toBe(1);
    expect(r.err).toBe('round/sites.yaml:1:1: 错误: 这是一个文件，不是数据文件夹：请给出它所在的文件夹 round（不要写到文件名）\n共 1 个错误，未生成任何文件。\n');
  });
  test('a file in the current folder: the folder is “.”', async () => {
    const { dir } = roundCopy();
    const r = await cli(['check', 'notice.yaml'], dir);
    expect(r.err).toBe('notice.yaml:1:1: 错误: 这是一个文件，不是数据文件夹：请给出它所在的文件夹 .（不要写到文件名）\n共 1 个错误，未生成任何文件。\n');
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
