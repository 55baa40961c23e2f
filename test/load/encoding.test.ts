// Data files that are not UTF-8: recognised (GBK, UTF-16 with or without BOM, UTF-8 with pasted
// GBK lines), reported at the first bad byte; a UTF-8 BOM is fine; `tongbao encoding --fix`
// converts, keeping the originals in history/.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { decodeAs, detectEncoding, firstInvalidUtf8, positionOfByte } from '../../src/load/encoding';
import { cli } from '../support/cli';
import { roundCopy, SEED_DIR, snapshot } from '../support/round-fixture';

const CASES = path.join(__dirname, '..', 'validate', 'cases');
const GBK_NOTICE = fs.readFileSync(path.join(CASES, 'encoding-gbk', 'notice.gbk.bin'));
const UTF16LE_SITES = fs.readFileSync(path.join(CASES, 'encoding-utf16', 'sites.utf16le-bom.bin'));
const UTF16BE_ACCOUNTS = fs.readFileSync(path.join(CASES, 'encoding-utf16', 'accounts.utf16be.bin'));
const MIXED_SITES = fs.readFileSync(path.join(CASES, 'encoding-mixed', 'sites.mixed.bin'));
const seed = (name: string) => fs.readFileSync(path.join(SEED_DIR, name));

test.each([
  ['UTF-8', seed('notice.yaml'), 'utf8', -1],
  ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), seed('notice.yaml')]), 'utf8-bom', -1],
  ['GBK', GBK_NOTICE, 'gbk', GBK_NOTICE.indexOf(Buffer.from('2023')) + 4],
  ['UTF-16LE with BOM', UTF16LE_SITES, 'utf16le', 0],
  ['UTF-16BE without BOM', UTF16BE_ACCOUNTS, 'utf16be', 0],
  ['UTF-16LE without BOM', Buffer.from('name: 州科技局\n', 'utf16le'), 'utf16le', 1],
  ['UTF-8 with a GBK line', MIXED_SITES, 'mixed', MIXED_SITES.indexOf(Buffer.from('name: ', 'utf8'), 150) + 6],
  ['a NUL byte', Buffer.from('issuer: 州政府\u0000\nscope: 全州\n'), 'unknown', 17],
  ['a picture', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'unknown', 0],
])('%s', (_, bytes, encoding, bad) => {
  const info = detectEncoding(bytes);
  expect(info.encoding).toBe(encoding);
  if (encoding === 'mixed') expect(positionOfByte(bytes, info.badOffset)).toEqual({ line: 9, col: 11 });
  else expect(info.badOffset).toBe(bad);
});

test('the converted text is the original text', () => {
  expect(decodeAs(GBK_NOTICE, 'gbk')).toBe(seed('notice.yaml').toString('utf8'));
  expect(decodeAs(UTF16LE_SITES, 'utf16le')).toBe(seed('sites.yaml').toString('utf8'));
  expect(decodeAs(UTF16BE_ACCOUNTS, 'utf16be')).toBe(seed('accounts.yaml').toString('utf8'));
  expect(decodeAs(MIXED_SITES, 'mixed')).toBe(seed('sites.yaml').toString('utf8'));
});

test.each([
  [[0xc3, 0x28], 0],
  [[0x61, 0xe4, 0xb8], 1],
  [[0xed, 0xa0, 0x80], 0], // a UTF-16 surrogate written as UTF-8
  [[0xc0, 0xaf], 0], // overlong
  [[0x61, 0xe4, 0xb8, 0xad], -1],
])('first invalid UTF-8 byte of %j is %d', (bytes, at) => {
  expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(at);
});

test('a UTF-8 BOM keeps working: check passes and positions count from the first character', async () => {
  const { cwd, dir } = roundCopy();
  try {
    for (const f of ['notice.yaml', 'sites.yaml', 'accounts.yaml']) fs.writeFileSync(path.join(dir, f), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), seed(f)]));
    expect((await cli(['check', 'round'], cwd)).code).toBe(0);
    const sites = fs.readFileSync(path.join(dir, 'sites.yaml'), 'utf8').replace('url: http://kjj.qdn.gov.cn', 'url: kjj.qdn.gov.cn');
    fs.writeFileSync(path.join(dir, 'sites.yaml'), sites);
    const r = await cli(['check', 'round'], cwd);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^round\/sites\.yaml:10:10: 错误: 网址“kjj\.qdn\.gov\.cn”格式不对/);
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
});

describe('tongbao encoding', () => {
  test('lists the encodings; without --fix nothing changes (exit 1)', async () => {
    const { cwd, dir } = roundCopy([{ file: 'notice.yaml', replace_all: GBK_NOTICE }]);
    try {
      const before = snapshot(cwd);
      const r = await cli(['encoding', 'round'], cwd);
      expect(r.code).toBe(1);
      expect(r.out).toBe('round/notice.yaml：GBK，应转换为 UTF-8\nround/sites.yaml：UTF-8\nround/accounts.yaml：UTF-8\n');
      expect(r.err).toBe('有 1 个文件不是 UTF-8。运行 tongbao encoding round --fix 转换（原文件留在 history/ 中）。\n');
      expect(snapshot(cwd)).toEqual(before);
      expect(fs.existsSync(path.join(dir, 'history'))).toBe(false);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  test('--fix converts GBK and UTF-16 files to UTF-8, originals kept whole in history/1', async () => {
    const { cwd, dir } = roundCopy([
      { file: 'notice.yaml', replace_all: GBK_NOTICE },
      { file: 'sites.yaml', replace_all: UTF16LE_SITES },
      { file: 'accounts.yaml', replace_all: UTF16BE_ACCOUNTS },
    ]);
    try {
      const r = await cli(['encoding', 'round', '--fix'], cwd);
      expect(r.code).toBe(0);
      expect(r.err).toContain('已转换 round/notice.yaml：GBK → UTF-8（第一行中文：# 2023年第四季度通报');
      expect(r.err).toContain('原文件已保存在 round/history/1。请运行 tongbao check round 检查。');
      for (const f of ['notice.yaml', 'sites.yaml', 'accounts.yaml']) expect(fs.readFileSync(path.join(dir, f))).toEqual(seed(f));
      expect(fs.readFileSync(path.join(dir, 'history', '1', 'notice.yaml'))).toEqual(GBK_NOTICE);
      expect(fs.readFileSync(path.join(dir, 'history', '1', 'sites.yaml'))).toEqual(UTF16LE_SITES);
      expect(fs.readFileSync(path.join(dir, 'history', '1', 'accounts.yaml'))).toEqual(UTF16BE_ACCOUNTS);
      expect(fs.readdirSync(dir).filter((n) => n.startsWith('.tongbao-tmp-'))).toEqual([]);
      expect((await cli(['check', 'round'], cwd)).code).toBe(0);
      const again = await cli(['encoding', 'round', '--fix'], cwd);
      expect(again.code).toBe(0);
      expect(again.err).toBe('全部是 UTF-8，无需转换。\n');
      expect(fs.readdirSync(path.join(dir, 'history'))).toEqual(['1']);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  test('--fix with a data file that is a symbolic link: refused naming it, nothing read through it or changed (exit 1)', async () => {
    const { cwd, dir } = roundCopy([{ file: 'sites.yaml', replace_all: UTF16LE_SITES }]);
    try {
      const outside = path.join(cwd, 'outside-notice.yaml');
      fs.writeFileSync(outside, GBK_NOTICE);
      fs.rmSync(path.join(dir, 'notice.yaml'));
      fs.symlinkSync(outside, path.join(dir, 'notice.yaml'));
      const before = snapshot(cwd);
      for (const argv of [['encoding', 'round', '--fix'], ['encoding', 'round']]) {
        const r = await cli(argv, cwd);
        expect(r.code).toBe(1);
        expect(r.out).toBe('round/sites.yaml：UTF-16，应转换为 UTF-8\nround/accounts.yaml：UTF-8\n');
        expect(r.err).toBe(
          'round/notice.yaml:1:1: 错误: 是符号链接（指向别处的文件），未读取：数据文件须是数据文件夹中的真实文件，请把文件本身复制进来\n' +
            (argv.includes('--fix') ? '有 1 个数据文件是符号链接，未转换任何文件：请把链接换成文件本身后重试。\n' : '有 1 个数据文件是符号链接，未检查其编码。\n'),
        );
        expect(snapshot(cwd)).toEqual(before);
        expect(fs.lstatSync(path.join(dir, 'notice.yaml')).isSymbolicLink()).toBe(true);
        expect(fs.readFileSync(outside)).toEqual(GBK_NOTICE);
        expect(fs.existsSync(path.join(dir, 'history'))).toBe(false);
      }
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  test('a file in no encoding it knows is left alone (exit 1)', async () => {
    const { cwd, dir } = roundCopy([{ file: 'notice.yaml', replace_all: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]) }]);
    try {
      const before = snapshot(cwd);
      const r = await cli(['encoding', 'round', '--fix'], cwd);
      expect(r.code).toBe(1);
      expect(r.out).toContain('round/notice.yaml：不是 UTF-8，认不出编码');
      expect(r.err).toContain('还有 1 个文件未转换');
      expect(snapshot(cwd)).toEqual(before);
      expect(fs.existsSync(path.join(dir, 'history'))).toBe(false);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});

test('firstInvalidUtf8 (native check, then the walk) calls exactly the byte strings a strict UTF-8 decoder refuses invalid', () => {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const valid = (b: Uint8Array) => {
    try {
      strict.decode(b);
      return true;
    } catch {
      return false;
    }
  };
  const chunk = fc.oneof(
    fc.uint8Array({ maxLength: 6 }),
    fc.string({ unit: 'binary', maxLength: 4 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
    fc.constantFrom([0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xe4, 0xb8], [0xef, 0xbb, 0xbf]).map((x) => Uint8Array.from(x)),
  );
  fc.assert(
    fc.property(fc.array(chunk, { maxLength: 6 }), (parts) => {
      const b = Uint8Array.from(parts.flatMap((p) => [...p]));
      expect(firstInvalidUtf8(b) === -1).toBe(valid(b));
    }),
    { numRuns: 2000 },
  );
});
