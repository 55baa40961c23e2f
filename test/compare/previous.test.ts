// Finding the previous round: notice.yaml's `previous`, else the one sibling folder whose
// notice.yaml states the preceding quarter. Every failure is a Chinese message at FILE:LINE:COL.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadValidated, modelOf } from '../../src/pipeline';
import { DataError } from '../../src/diagnostics';
import { formatDiagnostic } from '../../src/diagnostics';
import { cli } from '../support/cli';

const ROUNDS = path.join(__dirname, '..', 'fixtures', 'rounds');
const made: string[] = [];

/** A temp data root holding copies of fixture rounds under the given folder names. */
function root(folders: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-prev-'));
  made.push(dir);
  for (const [name, from] of Object.entries(folders)) fs.cpSync(path.join(ROUNDS, from), path.join(dir, name), { recursive: true });
  return dir;
}

function edit(file: string, find: string, replace: string): void {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(find)) throw new Error(`“${find}” not in ${file}`);
  fs.writeFileSync(file, text.replace(find, replace));
}

function errorsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DataError) return e.diagnostics.map(formatDiagnostic);
    throw e;
  }
  throw new Error('expected a DataError');
}

afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

describe('the sibling folder of the preceding quarter', () => {
  it('is found by the round its notice.yaml states, not by its folder name', () => {
    const r = root({ 甲: '2024-q1', 乙: '2024-q2' });
    const v = loadValidated('乙', r);
    expect(v.previous?.dir).toBe(path.join(r, '甲'));
    expect(v.warnings).toEqual([]);
    expect(modelOf(v).comparison?.previous.round).toBe('2024-Q1');
  });

  it('a folder named like the preceding quarter that states another round is not used', () => {
    const r = root({ '2024-q1': '2024-q1', '2024-q2': '2024-q2' });
    edit(path.join(r, '2024-q1', 'notice.yaml'), 'round: 2024-Q1', 'round: 2023-Q4');
    edit(path.join(r, '2024-q1', 'notice.yaml'), 'months: [2024-01, 2024-02, 2024-03]', 'months: [2023-10, 2023-11, 2023-12]');
    const v = loadValidated('2024-q2', r);
    expect(v.previous).toBeNull();
    // the notice asks for the paragraph: it is written with this quarter's rates only, and the user is told
    expect(v.warnings.map(formatDiagnostic)).toEqual([
      '2024-q2/notice.yaml:16:3: 警告: 要求与上季度比较，但同级文件夹中没有轮次为 2024-Q1 的数据，也没有用 previous 指明上一轮：通报只写本季度的合格率',
    ]);
    expect(modelOf(v).comparison).toBeNull();
  });

  it('no sibling and no comparison asked for: nothing to say', () => {
    const r = root({ q1: '2024-q1' });
    const v = loadValidated('q1', r);
    expect(v.previous).toBeNull();
    expect(v.warnings).toEqual([]);
    const m = modelOf(v);
    expect(m.comparison).toBeNull();
    expect(m.compare).toEqual({ paragraph: false, annexColumn: false });
  });

  it('two siblings stating the preceding quarter: an error when the notice needs one', () => {
    const r = root({ a: '2024-q1', b: '2024-q1', c: '2024-q2' });
    expect(errorsOf(() => loadValidated('c', r))).toEqual([
      'c/notice.yaml:16:3: 错误: 同级文件夹中有 2 个轮次为 2024-Q1 的数据（a、b），不知道以哪个为上季度：请在 notice.yaml 中用 previous 指明，例如 previous: ../a',
    ]);
  });

  it('two siblings, comparison not asked for: a warning, and no comparison', () => {
    const r = root({ a: '2024-q1', b: '2024-q1', c: '2024-q2' });
    edit(path.join(r, 'c', 'notice.yaml'), 'compare:\n  paragraph: true\n', '');
    const v = loadValidated('c', r);
    expect(v.previous).toBeNull();
    expect(v.warnings.map(formatDiagnostic)).toEqual([
      'c/notice.yaml:13:8: 警告: 同级文件夹中有 2 个轮次为 2024-Q1 的数据（a、b），不知道以哪个为上季度：请在 notice.yaml 中用 previous 指明，例如 previous: ../a；本次不作季度比较',
    ]);
  });

  it('a sibling with bad data: its errors are listed when the notice needs it', () => {
    const r = root({ a: '2024-q1', c: '2024-q2' });
    edit(path.join(r, 'a', 'sites.yaml'), 'result: 不合格', 'result: 不合');
    expect(errorsOf(() => loadValidated('c', r))).toEqual([
      'c/notice.yaml:16:3: 错误: 上一轮（a）的数据有 1 处错误，无法比较；错误如下，或运行 tongbao check a',
      'a/sites.yaml:8:13: 错误: 结果“不合”无效，只能是“合格”或“不合格”',
    ]);
  });
});

describe('previous: in notice.yaml', () => {
  it('names the folder relative to the round folder', () => {
    const r = root({ x: '2024-q2', y: '2024-q3' });
    edit(path.join(r, 'y', 'notice.yaml'), 'previous: ../2024-q2', 'previous: ../x');
    const v = loadValidated('y', r);
    expect(v.previous?.dir).toBe(path.join(r, 'x'));
  });

  it('a folder that does not exist', async () => {
    const r = root({ '2024-q3': '2024-q3' });
    const res = await cli(['check', '2024-q3'], r);
    expect(res.code).toBe(1);
    expect(res.err).toBe(
      '2024-q3/notice.yaml:14:11: 错误: 找不到上一轮的数据文件夹“../2024-q2”（2024-q2，应含 notice.yaml）；路径相对本轮文件夹，例如 ../2023-q4\n' +
        '共 1 个错误，未生成任何文件。\n',
    );
  });

  it('a later round, or the round itself', () => {
    const r = root({ '2024-q2': '2024-q2', '2024-q3': '2024-q3' });
    edit(path.join(r, '2024-q2', 'notice.yaml'), 'round: 2024-Q2', 'previous: ../2024-q3\nround: 2024-Q2');
    expect(errorsOf(() => loadValidated('2024-q2', r))).toEqual([
      '2024-q2/notice.yaml:13:11: 错误: 上一轮（2024-q3）的轮次是 2024-Q3，不早于本轮 2024-Q2：previous 应指向更早的一轮',
    ]);
    edit(path.join(r, '2024-q3', 'notice.yaml'), 'previous: ../2024-q2', 'previous: .');
    expect(errorsOf(() => loadValidated('2024-q3', r))).toEqual([
      '2024-q3/notice.yaml:14:11: 错误: previous 指向了本轮自己的文件夹，应指向上一轮的数据文件夹，例如 ../2023-q4',
    ]);
  });

  it('compare skips the lookup: each folder is taken as it is', async () => {
    const r = root({ '2024-q2': '2024-q2', '2024-q3': '2024-q3' });
    edit(path.join(r, '2024-q3', 'notice.yaml'), 'previous: ../2024-q2', 'previous: ../nowhere');
    const res = await cli(['compare', '2024-q2', '2024-q3', '--json'], r);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out).review).toEqual({ previousFailing: 5, rectified: 4, stillFailing: 1, notInspected: 0 });
  });
});
