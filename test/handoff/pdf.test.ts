// PDFs through LibreOffice: normalised metadata, the project's font mapping, deterministic archive.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { packageRound } from '../../src/handoff/package';
import { convertToPdf, findSoffice, FONT_MAP, fontsConf, normalisePdf } from '../../src/handoff/pdf';
import { verifyArchive } from '../../src/handoff/verify';
import { seedCopy } from '../write/helpers';
import { tempDir } from '../support/tmp';

test('normalisePdf pins dates and ids without moving a byte', () => {
  const pdf = (date: string, id: string, sum: string) =>
    Buffer.from(`%PDF-1.4\n1 0 obj<</CreationDate(D:${date}Z')/Producer(LibreOffice)>>endobj\ntrailer<</ID [ <${id}>\n<${id}> ]\n/DocChecksum /${sum}\n>>\n%%EOF\n`, 'latin1');
  const a = normalisePdf(pdf('20261127121744', '5BE988E2D534513CA733BE6A119B7BC2', '3BACA223F234511C39DAACBE9DA69DD3'), '2023-11-23');
  const b = normalisePdf(pdf('20250101000001', '00112233445566778899AABBCCDDEEFF', 'FFEEDDCCBBAA99887766554433221100'), '2023-11-23');
  expect(a).toEqual(b);
  expect(a.length).toBe(pdf('20261127121744', '5BE988E2D534513CA733BE6A119B7BC2', '3BACA223F234511C39DAACBE9DA69DD3').length);
  const text = a.toString('latin1');
  expect(text).toContain("/CreationDate(D:20231123000000Z')");
  expect(text).toMatch(/\/ID \[ <([0-9A-F]{32})>\n<\1> \]/);
  expect(text).not.toContain('5BE988E2');
});

test('LibreOffice’s temporary files go into the work folder, which is removed: nothing is left in TMPDIR', async () => {
  // A stand-in for soffice that leaves a file in its temporary folder, as LibreOffice does with
  // lu*.tmp when it is stopped midway, and writes each PDF where asked.
  const bin = tempDir('tongbao-fake-soffice-');
  const fake = path.join(bin, 'soffice');
  fs.writeFileSync(
    fake,
    `#!/bin/sh
: > "\${TMPDIR:-/tmp}/lu1234abcd.tmp"
out=.
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift 2 ;;
    --convert-to) shift 2 ;;
    -*) shift ;;
    *) b=$(basename "$1"); printf '%%PDF-1.4\\n%%%%EOF\\n' > "$out/\${b%.*}.pdf"; shift ;;
  esac
done
`,
    { mode: 0o755 },
  );
  const input = path.join(tempDir('tongbao-pdf-input-'), '通报.docx');
  fs.writeFileSync(input, 'docx');
  const outer = tempDir('tongbao-tmpdir-');
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = outer;
  try {
    const pdfs = await convertToPdf([input], { soffice: fake, issuedIso: '2023-11-23' });
    expect(pdfs.get(input)!.toString('latin1')).toMatch(/^%PDF-1\.4/);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  expect(fs.readdirSync(outer)).toEqual([]);
});

const hasFcMatch = spawnSync('fc-match', ['--version']).status === 0;

(hasFcMatch ? test : test.skip)('fonts/fonts.conf resolves every official typeface to its free stand-in', () => {
  const env = { ...process.env, FONTCONFIG_FILE: fontsConf() };
  const match = (face: string, what: string) => execFileSync('fc-match', [face, what], { env, encoding: 'utf8' }).trim();
  for (const [face, free] of FONT_MAP) expect(`${face} → ${match(face, 'family').split(',')[0]}`).toBe(`${face} → ${free}`);
  expect(match('方正小标宋简体', 'style')).toContain('Bold');
});

const soffice = findSoffice();
if (!soffice) {
  // Visible in the test output: this environment cannot check the PDFs.
  console.warn('跳过 PDF 测试：未安装 LibreOffice（soffice）。安装 libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk fonts-arphic-ukai fonts-liberation2 后会运行。');
}
const withSoffice = soffice ? test : test.skip;

withSoffice(
  'package --pdf: the notice and both annexes as PDFs in the official faces’ stand-ins, the archive deterministic',
  async () => {
    const t = seedCopy();
    const r = await packageRound({ dataDir: '2023-q4', cwd: t.cwd, pdf: true });
    expect(r.status).toBe('written');
    if (r.status !== 'written') return;
    const zip = await JSZip.loadAsync(fs.readFileSync(r.archive));
    const pdfs = Object.keys(zip.files).filter((n) => n.endsWith('.pdf'));
    expect(pdfs).toEqual([
      '关于2023年第四季度全州政府网站和政务新媒体检查情况的通报.pdf',
      '附件1 抽查网站名单及问题曝光情况.pdf',
      '附件2 抽查新媒体名单及问题曝光情况.pdf',
    ]);
    const dir = tempDir('tongbao-pdfcheck-');
    for (const n of pdfs) fs.writeFileSync(path.join(dir, n), await zip.file(n)!.async('nodebuffer'));
    const notice = path.join(dir, pdfs[0]);
    // The faces the notice names resolved through fonts.conf, not to a fallback.
    const fonts = execFileSync('pdffonts', [notice], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSerifCJK\S*-Bold/); // 小标宋 → Noto Serif CJK SC Bold
    expect(fonts).toMatch(/NotoSerifCJK\S*-Regular/); // 仿宋
    expect(fonts).toMatch(/NotoSansCJK/); // 黑体
    expect(fonts).toMatch(/UKai/); // 楷体
    expect(fonts).toMatch(/LiberationSerif/); // Times New Roman
    // A full page of text holds 22 lines (plus the page number).
    const page2 = execFileSync('pdftotext', ['-f', '2', '-l', '2', '-layout', notice, '-'], { encoding: 'utf8' });
    const lines = page2.split('\n').filter((l) => l.trim() && !/^\s*—\s*\d+\s*—\s*$/.test(l));
    expect(lines).toHaveLength(22);
    // The annex tables are text, on A4.
    const annex1 = execFileSync('pdftotext', ['-layout', path.join(dir, pdfs[1]), '-'], { encoding: 'utf8' });
    expect(annex1).toContain('州发展改革委');
    expect(annex1).toContain('http://fgw.qdn.gov.cn/');
    expect(execFileSync('pdfinfo', [path.join(dir, pdfs[2])], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    // Each annex PDF is the printed annex sheet only (not 数据), and its footers count its own pages.
    for (const annex of pdfs.slice(1)) {
      const file = path.join(dir, annex);
      const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).not.toContain('是否不合格'); // a 数据 sheet heading
      const footers = [...text.matchAll(/第\s*(\d+)\s*页\s*共\s*(\d+)\s*页/g)].map((m) => `${m[1]}/${m[2]}`);
      expect(footers).toEqual(Array.from({ length: n }, (_, i) => `${i + 1}/${n}`));
    }
    // the note gives each file's pages, counted from the PDFs
    const note = await zip.file('送签说明.txt')!.async('string');
    const noticePages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [notice], { encoding: 'utf8' }))![1]);
    expect(note).toContain(`1. 通报正文（Word 文件）：关于2023年第四季度全州政府网站和政务新媒体检查情况的通报.docx，共 ${noticePages} 页。`);
    // PDFs are covered by the note's checksums; the archive verifies; a second run changes nothing.
    expect((await verifyArchive(r.archive)).findings).toEqual([]);
    const again = await packageRound({ dataDir: '2023-q4', cwd: t.cwd, pdf: true });
    expect(again.status).toBe('unchanged');
  },
  180_000,
);
