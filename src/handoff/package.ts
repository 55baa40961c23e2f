// `tongbao package`: build, verify, and write one handoff archive for the signing office —
// `<title>（送签稿）.zip` with the notice, both annexes, manifest.json, 送签说明.txt and, with
// --pdf, PDF reading copies. Fixed entry order, fixed times (the 成文日期), fixed compression:
// the same set gives the same archive bytes.
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { build } from '../build';
import type { BuildResult, OnStep, Renderers } from '../build';
import { checkReplaceable, writeFileAtomic } from '../write/atomic';
import { archiveToHistory, dropHistory } from '../write/output-set';
import { MANIFEST_NAME, packageFileName } from '../write/manifest';
import type { Manifest } from '../write/manifest';
import { pinZipTimes } from '../write/zip-times';
import { HANDOFF_NOTE, handoffNote } from './note';
import type { ArchiveEntry } from './note';
import { checkPdfTools, convertToPdf, pdfPageCount } from './pdf';
import { checkArchive, verifyOutDir } from './verify';
import type { Finding } from './verify';

/** The archive bytes: entries in the given order, then the note; times pinned to the 成文日期. */
export async function makeArchive(m: Manifest, entries: ArchiveEntry[], pdfs: string[], pages: ReadonlyMap<string, number> = new Map()): Promise<Buffer> {
  const zip = new JSZip();
  const [y, mo, d] = m.issued.split('-').map(Number);
  const date = new Date(y, mo - 1, d); // local midnight; pinZipTimes rewrites it anyway
  const all = [...entries, { name: HANDOFF_NOTE, data: Buffer.from(handoffNote(m, entries, pdfs, pages), 'utf8') }];
  for (const e of all) zip.file(e.name, e.data, { date, createFolders: false });
  const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
  return pinZipTimes(buf, m.issued);
}

export interface PackageOptions {
  dataDir: string;
  cwd: string;
  outDir?: string;
  pdf?: boolean;
  strict?: boolean;
  renderers?: Renderers;
  onStep?: OnStep;
  /** also generate the 整改 folder (tongbao rectify) and put its files in the archive under 整改/ */
  rectify?: boolean;
  /** for tests: the LibreOffice to use, skipping the PATH lookup */
  soffice?: string;
  timeoutMs?: number;
}

export type PackageResult =
  | { status: 'refused'; build: BuildResult }
  | { status: 'unverified'; build: BuildResult; findings: Finding[] }
  | { status: 'written' | 'unchanged'; build: BuildResult; archive: string; entries: string[]; warnings: Finding[]; history?: string | null };

export async function packageRound(opts: PackageOptions): Promise<PackageResult> {
  // Before anything is built: --pdf without LibreOffice or fonts stops here (PdfUnavailable).
  const soffice = opts.pdf ? (opts.soffice ?? checkPdfTools()) : null;
  const b = await build({ dataDir: opts.dataDir, cwd: opts.cwd, outDir: opts.outDir, strict: opts.strict, renderers: opts.renderers, onStep: opts.onStep });
  if (b.status === 'refused') return { status: 'refused', build: b };
  const outDir = b.outDir;
  const manifest = b.manifest!;
  const manifestText = b.manifestText!;
  const archiveName = packageFileName(manifest);

  // --rectify: the 整改 folder is generated first, so that the verification below covers it
  let rectifyEntries: ArchiveEntry[] = [];
  if (opts.rectify) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { rectify, RECTIFY_DIR } = require('../rectify') as typeof import('../rectify');
    const r = await rectify({ dataDir: opts.dataDir, cwd: opts.cwd, outDir }); // writes outDir/整改/
    rectifyEntries = [...r.manifest.outputs.map((o) => o.name), MANIFEST_NAME].map((n) => ({ name: `${RECTIFY_DIR}/${n}`, data: fs.readFileSync(path.join(r.outDir, n)) }));
  }
  // Files that go into the archive must match the manifest and the data; an old archive in the
  // folder is about to be replaced, and unrelated files are only worth a warning.
  const report = await verifyOutDir(outDir, { dataDir: opts.dataDir, cwd: opts.cwd }, { skipArchive: true });
  const minor = (f: Finding) => f.kind === 'extra' || f.kind === 'temp';
  const blocking = report.findings.filter((f) => !minor(f));
  const warnings = report.findings.filter(minor);
  if (blocking.length) return { status: 'unverified', build: b, findings: blocking };

  const entries: ArchiveEntry[] = manifest.outputs.map((o) => ({ name: o.name, data: fs.readFileSync(path.join(outDir, o.name)) }));
  const pdfs: ArchiveEntry[] = [];
  const pages = new Map<string, number>();
  if (soffice) {
    // the notice and the workbooks; the 更正记录 is plain text, read as it is
    const files = manifest.outputs.filter((o) => o.role !== 'corrections').map((o) => path.join(outDir, o.name));
    const total = files.length;
    const converted = await convertToPdf(files, {
      soffice,
      issuedIso: manifest.issued,
      hiddenSheets: [b.model!.dataSheet.name],
      timeoutMs: opts.timeoutMs,
      onFile: (name, i) => opts.onStep?.(`转换 PDF：${name}`, i, total),
    });
    for (const file of files) {
      const pdf = { name: path.basename(file).replace(/\.(docx|xlsx)$/i, '.pdf'), data: converted.get(file)! };
      pdfs.push(pdf);
      // the PDF's pages are the printed pages of the file it was made from
      pages.set(pdf.name, pdfPageCount(pdf.data));
      pages.set(path.basename(file), pdfPageCount(pdf.data));
    }
  }
  const all = [...entries, ...pdfs, { name: MANIFEST_NAME, data: Buffer.from(manifestText, 'utf8') }, ...rectifyEntries];
  const bytes = await makeArchive(manifest, all, pdfs.map((p) => p.name), pages);

  // Check what we are about to hand over before it replaces anything.
  const check = await checkArchive(bytes, archiveName, manifestText);
  if (check.findings.length) return { status: 'unverified', build: b, findings: check.findings };
  const target = path.join(outDir, archiveName);
  const exists = fs.existsSync(target);
  const same = exists && fs.readFileSync(target).equals(bytes);
  // A different archive of the same name (with or without PDFs, say) may already have gone
  // round: keep it in history before replacing it.
  if (!same) checkReplaceable(outDir, [archiveName]);
  const history = exists && !same ? archiveToHistory(outDir, [archiveName]) : null;
  if (!same) {
    try {
      writeFileAtomic(target, bytes);
    } catch (e) {
      // the archive in place is untouched: drop the history copy just made of it
      if (history) dropHistory(outDir, history);
      throw e;
    }
  }
  return { status: same ? 'unchanged' : 'written', build: b, archive: target, entries: [...all.map((e) => e.name), HANDOFF_NOTE], warnings, history };
}
