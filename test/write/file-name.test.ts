// Output file names come from the data; the clerks' PCs run Windows, which refuses some names
// (CON, NUL…), some characters, and drops trailing dots and spaces.
import * as fs from 'fs';
import * as path from 'path';
import { isReservedName, MAX_BASE_LENGTH, safeBaseName, safeFileName } from '../../src/write/file-name';
import { cli } from '../support/cli';
import { roundCopy } from '../support/round-fixture';

const TITLES: [string, string, string][] = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'file-names', 'titles.json'), 'utf8'));

describe('safeFileName', () => {
  test.each(TITLES)('%j → %j (%s)', (title, expected) => {
    expect(safeFileName(title, '.docx', '通报')).toBe(expected);
  });

  test('every result is a name Windows accepts and keeps as written', () => {
    for (const [title] of TITLES) {
      const base = safeBaseName(title, '通报');
      // eslint-disable-next-line no-control-regex
      expect(base).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]/);
      expect(base).not.toMatch(/[ .]$/);
      expect(isReservedName(base)).toBe(false);
      expect(isReservedName(base + '.docx')).toBe(false);
    }
  });

  test.each([
    ['CON', true],
    ['con.docx', true],
    ['Com1.xlsx', true],
    ['lpt9', true],
    ['NUL .txt', true],
    ['COM0', true],
    ['CONx', false],
    ['附件1 CON', false],
  ])('isReservedName(%j) is %j', (name, reserved) => {
    expect(isReservedName(name)).toBe(reserved);
  });

  test('a long title is cut to the limit, never inside a character, and without a trailing dot', () => {
    const long = '关于'.padEnd(MAX_BASE_LENGTH - 1, '检') + '𠀀𠀀通报';
    const base = safeBaseName(long, '通报');
    expect(base.length).toBeLessThanOrEqual(MAX_BASE_LENGTH);
    expect(base.endsWith('\ud840')).toBe(false);
    expect(safeBaseName('关'.repeat(MAX_BASE_LENGTH - 1) + '.abc', '通报')).toBe('关'.repeat(MAX_BASE_LENGTH - 1));
  });
});

describe('a round whose title Windows would refuse', () => {
  let cwd = '';
  afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

  test('builds to safe names, and verify finds every file', async () => {
    const r = roundCopy([
      {
        file: 'notice.yaml',
        find: 'title: 关于2023年第四季度全州政府网站和政务新媒体检查情况的通报',
        replace: 'title: "CON.关于2023年第四季度全州政府网站和政务新媒体检查情况的通报|. "',
      },
    ]);
    cwd = r.cwd;
    const b = await cli(['build', 'round', '--out', 'out'], cwd);
    expect(b.code).toBe(0);
    const names = fs.readdirSync(path.join(cwd, 'out')).sort();
    expect(names).toContain('CON_.关于2023年第四季度全州政府网站和政务新媒体检查情况的通报｜.docx');
    const v = await cli(['verify', 'out', '--data', 'round'], cwd);
    expect(v.code).toBe(0);
  });
});
