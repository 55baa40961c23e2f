// The import corpus: test/import/cases/<case>/case.yaml says the workbook (cells written as
// XML by ./craft.ts, or a named builder below for what a table cannot say: bombs, folders,
// encrypted files) and how import is run; expected.txt holds the exit status and the exact
// output. Every case checks: the output, the data folder byte for byte unless the case
// writes, no file left in its own TMPDIR, and never a stack trace. A case about the process
// (a `special` workbook: bombs, 1,000,000 rows, …; TMPDIR missing; permissions; or
// `process: true`: XML errors crossing from the reading thread, an --apply) runs the installed
// command (bin/tongbao.js, reading on its worker thread) in a child process, and the peak
// memory of that process is checked too (under 300 MB). The other cases, small workbooks about
// what import makes of their cells, run the same CLI entry (run() in src/cli/main.ts) in this
// process, which saves a node start and module load per case. UPDATE_GOLDEN=1 rewrites expected.txt.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { cli } from '../support/cli';
import { expectGolden } from '../support/golden';
import { tempDir } from '../support/tmp';
import { deflatedLines, repeatedDeflate, workbookParts, zip } from './craft';
import type { SheetSpec, ZipPart } from './craft';

const ROOT = path.join(__dirname, '..', '..');
const SEED = path.join(ROOT, 'data', '2023-q4');
const CASES = path.join(__dirname, 'cases');
const BIN = path.join(ROOT, 'bin', 'tongbao.js');
const PEAK_LIMIT_MB = 300;

interface Case {
  description: string;
  args?: string[];
  workbook?: SheetSpec[];
  /** a builder below */
  special?: string;
  /** [file, find, replace] applied to the data copy first */
  data_edits?: [string, string, string][];
  /** the data folder is meant to change */
  writes?: boolean;
  /** the expected YAML lines that change: [file, find, replace] on the data copy */
  expect_edits?: [string, string, string][];
  /** TMPDIR missing */
  no_tmpdir?: boolean;
  /** the case needs a user the file permissions apply to */
  not_root?: boolean;
  /** the data folder is read-only */
  readonly_data?: boolean;
  /** run the installed command in a process of its own even though nothing else here asks for it */
  process?: boolean;
  /** the file's name as given to import (default book.xlsx) */
  file?: string;
  /** the file's content as text (instead of a workbook) */
  text?: string;
}

/** Cases that must be run as a process: memory, environment, permissions, the reading thread. */
const ownProcess = (c: Case): boolean => (!!c.special && !IN_PROCESS.has(c.special)) || !!c.no_tmpdir || !!c.readonly_data || !!c.not_root || !!c.process;

/** The CLI in this process, with TMPDIR and TONGBAO_DEBUG as the child would have them. */
async function runHere(argv: string[], cwd: string, tmp: string): Promise<{ status: number; stdout: string; stderr: string }> {
  const saved = { TMPDIR: process.env.TMPDIR, TONGBAO_DEBUG: process.env.TONGBAO_DEBUG };
  process.env.TMPDIR = tmp;
  process.env.TONGBAO_DEBUG = '';
  try {
    const r = await cli(argv, cwd);
    return { status: r.code, stdout: r.out, stderr: r.err };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const BOOK = 'book.xlsx';

/** Specials that are only files of another kind (or built here): run in this process. */
const IN_PROCESS = new Set(['own-annex', 'word-document', 'ole-workbook', 'ole-word']);

/** An OLE compound file (the container of .xls, .et, .doc) whose directory names this stream. */
function ole(stream: string): Buffer {
  const b = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  Buffer.from(stream, 'utf16le').copy(b, 1024);
  return b;
}

/** Workbooks a case.yaml cannot say as cells. */
const SPECIAL: Record<string, (dir: string, file: string) => void | Promise<void>> = {
  // sharedStrings declared as 3.2 GB (as a crafted 7.8 MB workbook once did): refused from the zip's directory
  'bomb-declared': (_dir, file) => {
    const { raw, size } = repeatedDeflate('<si><t>合格</t></si>', 3, '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', '</sst>');
    const parts = workbookParts([{ name: '表', rows: [['名称', '9月'], ['丹寨政务', { inline: '合格' }]] }]);
    parts.push({ name: 'xl/sharedStrings.xml', data: '', raw, declaredSize: 3_200_000_000 });
    void size;
    const rels = parts.find((p) => p.name === 'xl/_rels/workbook.xml.rels')!;
    rels.data = String(rels.data).replace('</Relationships>', '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>');
    fs.writeFileSync(file, zip(parts));
  },
  // a few KB that inflate to 64 MB while the directory says 2 KB: stopped while inflating
  'bomb-liar': (_dir, file) => {
    const { raw } = repeatedDeflate('<row><c t="inlineStr"><is><t>不合格</t></is></c></row>', 64, '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', '</sheetData></worksheet>');
    const parts = workbookParts([{ name: '表', rows: [] }]);
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
    Object.assign(sheet, { raw, declaredSize: 2048 });
    fs.writeFileSync(file, zip(parts));
  },
  // an honest directory with a ratio no workbook has (8 MB from a few KB)
  'bomb-ratio': (_dir, file) => {
    const { raw, size } = repeatedDeflate('<row><c t="inlineStr"><is><t>不合格</t></is></c></row>', 8, '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', '</sheetData></worksheet>');
    const parts = workbookParts([{ name: '表', rows: [] }]);
    Object.assign(parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!, { raw, declaredSize: size });
    fs.writeFileSync(file, zip(parts));
  },
  // 20,000 entries sharing nothing: refused from the directory
  'many-entries': (_dir, file) => {
    const parts: ZipPart[] = workbookParts([{ name: '表', rows: [['名称', '9月']] }]);
    for (let i = 0; i < 20000; i++) parts.push({ name: `x/${i}`, data: '', stored: true });
    fs.writeFileSync(file, zip(parts));
  },
  directory: (_dir, file) => fs.mkdirSync(file),
  // a Word document (.docx): a zip of the same family as .xlsx, with word/document.xml
  'word-document': (_dir, file) =>
    fs.writeFileSync(
      file,
      zip([
        { name: '[Content_Types].xml', data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>' },
        { name: '_rels/.rels', data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
        { name: 'word/document.xml', data: '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>名称 9月</w:t></w:r></w:p></w:body></w:document>' },
      ]),
    ),
  // .xls and WPS's .et: the same OLE container holding a Workbook stream
  'ole-workbook': (_dir, file) => fs.writeFileSync(file, ole('Workbook')),
  // an old Word document (.doc)
  'ole-word': (_dir, file) => fs.writeFileSync(file, ole('WordDocument')),
  unreadable: (_dir, file) => {
    fs.writeFileSync(file, zip(workbookParts([{ name: '表', rows: [['名称', '9月']] }])));
    fs.chmodSync(file, 0o000);
  },
  // an OLE compound file holding EncryptionInfo and EncryptedPackage (what Excel writes for a password)
  encrypted: (_dir, file) => {
    const b = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
    Buffer.from('EncryptionInfo', 'utf16le').copy(b, 1024);
    Buffer.from('EncryptedPackage', 'utf16le').copy(b, 1152);
    fs.writeFileSync(file, b);
  },
  // 1,000,000 rows of units the round does not have (204 MB of sheet XML): the output stays one
  // screen and the memory bounded. The sheet is made and deflated a chunk at a time, at level 1.
  'million-rows': (_dir, file) => {
    const head = '<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="B1" t="inlineStr"><is><t>平台</t></is></c><c r="C1" t="inlineStr"><is><t>9月</t></is></c></row>';
    const { raw, size, crc } = deflatedLines(
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${head}`,
      (i) => {
        const r = i + 2;
        return `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>不存在的单位${r}</t></is></c><c r="B${r}" t="inlineStr"><is><t>微博</t></is></c><c r="C${r}" t="inlineStr"><is><t>合格</t></is></c></row>`;
      },
      1_000_000,
      '</sheetData></worksheet>',
    );
    const parts = workbookParts([{ name: '表', rows: [] }]);
    Object.assign(parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!, { raw, declaredSize: size, crc });
    fs.writeFileSync(file, zip(parts));
  },
  // the tool's own annex 2, names with & and <x> in them: read back as the same names (built
  // in this process: the build only makes the workbook the case reads)
  'own-annex': async (dir, file) => {
    const b = await cli(['build', 'data', '--out', 'out'], dir);
    if (b.code !== 0) throw new Error(b.err);
    const out = path.join(dir, 'out');
    fs.copyFileSync(path.join(out, fs.readdirSync(out).find((n) => n.startsWith('附件2'))!), file);
    fs.rmSync(out, { recursive: true });
  },
};

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of fs.readdirSync(d).sort()) {
      const p = path.join(d, n);
      if (fs.statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, 'latin1');
    }
  };
  walk(dir);
  return out;
}

const names = fs.readdirSync(CASES).filter((n) => fs.existsSync(path.join(CASES, n, 'case.yaml'))).sort();
const isRoot = process.getuid?.() === 0;

test('the corpus has its cases', () => {
  expect(names.length).toBeGreaterThanOrEqual(20);
});

describe.each(names)('%s', (name) => {
  const c = parse(fs.readFileSync(path.join(CASES, name, 'case.yaml'), 'utf8')) as Case;
  const run = c.not_root && isRoot ? test.skip : test;
  run(c.description, async () => {
    const cwd = tempDir('tongbao-import-case-');
    const data = path.join(cwd, 'data');
    fs.cpSync(SEED, data, { recursive: true });
    for (const [f, find, replace] of c.data_edits ?? []) {
      const p = path.join(data, f);
      const t = fs.readFileSync(p, 'utf8');
      expect(t).toContain(find);
      fs.writeFileSync(p, t.split(find).join(replace));
    }
    const file = path.join(cwd, c.file ?? BOOK);
    if (c.special) await SPECIAL[c.special](cwd, file);
    else if (c.text !== undefined) fs.writeFileSync(file, c.text);
    else fs.writeFileSync(file, zip(workbookParts(c.workbook ?? [])));
    const before = snapshot(data);
    const tmp = path.join(cwd, 'tmp');
    if (!c.no_tmpdir) fs.mkdirSync(tmp);
    const peakFile = path.join(cwd, 'peak');
    if (c.readonly_data) fs.chmodSync(data, 0o555);
    const argv = ['import', 'data', c.file ?? BOOK, ...(c.args ?? [])];
    const r = ownProcess(c)
      ? spawnSync(process.execPath, ['-r', path.join(__dirname, 'peak.js'), BIN, ...argv], {
          cwd,
          encoding: 'utf8',
          env: { ...process.env, TMPDIR: tmp, TONGBAO_TEST_PEAK_FILE: peakFile, TONGBAO_DEBUG: '' },
          maxBuffer: 64 * 1024 * 1024,
        })
      : await runHere(argv, cwd, tmp);
    if (c.special === 'unreadable') fs.chmodSync(file, 0o644);
    if (c.readonly_data) fs.chmodSync(data, 0o755);
    expectGolden(path.join(CASES, name, 'expected.txt'), `exit ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`);
    // never a stack trace, never English from a library
    expect(r.stderr).not.toMatch(/\n\s+at |Error:|undefined|\[object/);
    // the data folder: unchanged, or changed in exactly the lines the case says
    const after = snapshot(data);
    if (!c.writes) expect(after).toEqual(before);
    else {
      for (const [f, find, replace] of c.expect_edits ?? []) {
        expect(before[f]).toContain(Buffer.from(find).toString('latin1'));
        before[f] = before[f].split(Buffer.from(find).toString('latin1')).join(Buffer.from(replace).toString('latin1'));
      }
      for (const f of ['notice.yaml', 'sites.yaml', 'accounts.yaml']) expect(after[f]).toBe(before[f]);
    }
    // nothing left in TMPDIR
    if (!c.no_tmpdir) expect(fs.readdirSync(tmp)).toEqual([]);
    if (ownProcess(c)) {
      const peak = Number(fs.readFileSync(peakFile, 'utf8'));
      expect(peak).toBeLessThan(PEAK_LIMIT_MB);
    }
  });
});
