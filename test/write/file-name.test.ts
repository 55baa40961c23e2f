// Output file names come from the data; the clerks' PCs run Windows, which refuses some names
// (CON, NUL…), some characters, and drops trailing dots and spaces.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { tmpPathFor, TMP_PREFIX } from '../../src/write/atomic';
import { isReservedName, LONGEST_ADDITION, MAX_BASE_BYTES, MAX_BASE_LENGTH, MAX_NAME_BYTES, safeBaseName, safeFileName } from '../../src/write/file-name';
import { packageFileName } from '../../src/write/manifest';
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
    expect(safeBaseName('A'.repeat(MAX_BASE_LENGTH - 1) + '.abc', '通报')).toBe('A'.repeat(MAX_BASE_LENGTH - 1));
    expect(safeBaseName('A'.repeat(MAX_BASE_LENGTH - 1) + '𠀀x', '通报')).toBe('A'.repeat(MAX_BASE_LENGTH - 1)); // the pair would be cut: dropped whole
  });

  test('the byte limit leaves room for the longest name the tool makes from a base name', () => {
    // LONGEST_ADDITION is the temporary prefix and the archive's suffix, as the code spells them
    expect(LONGEST_ADDITION).toBe(TMP_PREFIX + packageFileName({ title: '', outputs: [] }));
    expect(MAX_BASE_BYTES).toBe(223);
    for (const [title] of TITLES) {
      const base = safeBaseName(title, '通报');
      expect(Buffer.byteLength(tmpPathFor('', packageFileName({ title: base, outputs: [] })))).toBeLessThanOrEqual(MAX_NAME_BYTES);
    }
  });

  test('any text: within both limits, whole characters, the same each time; text that fits is only cleaned', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom('', '（2）', '（台账）'), (text, keep) => {
        const base = safeBaseName(text, '通报', keep);
        expect(base).toBe(safeBaseName(text, '通报', keep));
        expect(base.length).toBeLessThanOrEqual(MAX_BASE_LENGTH + 1); // + the _ of a reserved name
        expect(Buffer.byteLength(base)).toBeLessThanOrEqual(MAX_BASE_BYTES);
        expect(base).toBe(Buffer.from(base, 'utf8').toString('utf8')); // no lone surrogate
        if (keep) expect(base.endsWith(keep)).toBe(true);
        const ascii = text.replace(/[^A-Za-z0-9]/g, '');
        if (ascii.length > 0 && ascii.length <= 20 && !isReservedName(ascii)) expect(safeBaseName(ascii, '通报', keep)).toBe(ascii + keep);
      }),
      { numRuns: 300 },
    );
  });

  test('a suffix kept through the cut: two long unit names that collide still get distinct notices', () => {
    const long = '整改通知 ' + '黔东南州'.repeat(30);
    const a = safeFileName(long, '.docx', '整改通知');
    const b = safeFileName(long, '.docx', '整改通知', '（2）');
    expect(b).not.toBe(a);
    expect(b.endsWith('（2）.docx')).toBe(true);
    expect(Buffer.byteLength(b) - '.docx'.length).toBeLessThanOrEqual(MAX_BASE_BYTES);
    // short names: the same as the suffix written into the text
    expect(safeFileName('整改通知 凯里市', '.docx', '整改通知', '（2）')).toBe(safeFileName('整改通知 凯里市（2）', '.docx', '整改通知'));
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

describe('a round whose title is longer than a file name may be', () => {
  test('build and package write names of at most 255 bytes, and leave no temporary file', async () => {
    const title = '关于2023年第四季度全州政府网站和政务新媒体' + '检查'.repeat(40) + '情况的通报';
    const r = roundCopy([{ file: 'notice.yaml', find: 'title: 关于2023年第四季度全州政府网站和政务新媒体检查情况的通报', replace: `title: ${title}` }]);
    const p = await cli(['package', 'round', '--out', 'out'], r.cwd);
    expect(p.err.split('\n').filter((l) => l && !l.includes('警告'))).toEqual([]);
    expect(p.code).toBe(0);
    const names = fs.readdirSync(path.join(r.cwd, 'out')).sort();
    const base = safeBaseName(title, '通报');
    // 关于2023年…新媒体: 23 characters, 61 bytes; then 54 characters of 3 bytes: 223 bytes
    expect(base).toBe(title.slice(0, 23 + 54));
    expect(names).toEqual(['manifest.json', `${base}.docx`, `${base}（送签稿）.zip`, '附件1 抽查网站名单及问题曝光情况.xlsx', '附件2 抽查新媒体名单及问题曝光情况.xlsx'].sort());
    for (const n of names) expect(Buffer.byteLength(TMP_PREFIX + n)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    const v = await cli(['verify', 'out', '--data', 'round'], r.cwd);
    expect(v.code).toBe(0);
  });
});
