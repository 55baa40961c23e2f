// Shared by the write, handoff and cli-build tests: a temp copy of the seed round, fake
// renderers (small real zips, so zip-time pinning applies) and a snapshot of a folder.
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import type { Renderers } from '../../src/build';
import { seedBuild } from '../support/seed-build';
import { tempDir } from '../support/tmp';
import type { ReportModel } from '../../src/aggregate/model';

export const ROOT = path.join(__dirname, '..', '..');
export const SEED = path.join(ROOT, 'data', '2023-q4');

/** A temp working folder with the seed round copied to `<cwd>/2023-q4`. */
export function seedCopy(): { cwd: string; data: string; out: string } {
  const cwd = tempDir('tongbao-write-');
  const data = path.join(cwd, '2023-q4');
  fs.cpSync(SEED, data, { recursive: true });
  return { cwd, data, out: path.join(cwd, 'out', '2023-q4') };
}

/** A seed copy with `out/2023-q4` as `tongbao build 2023-q4` writes it (the run's one seed build, copied). */
export function builtSeedCopy(): { cwd: string; data: string; out: string } {
  const t = seedCopy();
  fs.cpSync(seedBuild(), t.out, { recursive: true });
  return t;
}

/** Replace the first occurrence of `find` in a data file (throws when absent, so tests cannot pass vacuously). */
export function edit(dataDir: string, file: string, find: string | RegExp, replace: string): void {
  const p = path.join(dataDir, file);
  const text = fs.readFileSync(p, 'utf8');
  const next = text.replace(find, replace);
  if (next === text) throw new Error(`edit: ${String(find)} not found in ${file}`);
  fs.writeFileSync(p, next);
}

/** A small zip with fixed entry times: renderers own their determinism, fakes included. */
async function zipOf(entries: Record<string, string>): Promise<Buffer> {
  const z = new JSZip();
  for (const [name, text] of Object.entries(entries)) z.file(name, text, { date: new Date(Date.UTC(2023, 10, 23)) });
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Renderers that write tiny zips whose text comes from the model (a URL change changes annex 1). */
export function fakeRenderers(overrides: Partial<Renderers> = {}): Renderers {
  return {
    noticeFileName: (m) => `${m.title}.docx`,
    renderNotice: (m) => zipOf({ 'notice.txt': JSON.stringify({ t: m.totals, f: m.failingAccounts.map((a) => a.name), d: m.issued.iso }) }),
    annexFileNames: () => ({ annex1: '附件1 网站.xlsx', annex2: '附件2 新媒体.xlsx' }),
    writeAnnex1: async (m: ReportModel, file: string) => fs.writeFileSync(file, await zipOf({ 'a1.txt': JSON.stringify(m.annex1) })),
    writeAnnex2: async (m: ReportModel, file: string) => fs.writeFileSync(file, await zipOf({ 'a2.txt': JSON.stringify(m.annex2) })),
    ...overrides,
  };
}

export { snapshot } from '../support/round-fixture';

/** The top-level files of a snapshot (without history/). */
export function topLevel(snap: Map<string, string>): Map<string, string> {
  return new Map([...snap].filter(([k]) => !k.includes(path.sep)));
}
