// Import at national scale (150,000 accounts, 3 months): `tongbao import --apply` of an annex-2
// workbook the project's own writer made, against a floor measured in the same run: exceljs's
// streaming reader reading the same file and nothing else. Each run is a child process of
// its own (peak memory is its own); runs alternate; best times are compared.
import { spawnSync } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadModel } from '../src/pipeline';
import { writeAnnex2 } from '../src/render/xlsx';
import { writeNationalRound } from './import-round';

export const IMPORT_TARGET_RATIO = 2;
export const IMPORT_TARGET_PEAK_MB = 600;
/** accounts whose 9月 result the workbook corrects */
const CORRECTIONS = 300;

interface Sample {
  ms: number;
  peakMB: number;
  changes: number;
}

/** In a child process: read (floor) or import, timed from after the libraries are loaded. */
export async function importChild(kind: 'floor' | 'import', dir: string, file: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ExcelJS = require('exceljs') as typeof import('exceljs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { importWorkbook } = require('../src/import') as typeof import('../src/import');
  let changes = 0;
  const t0 = process.hrtime.bigint();
  if (kind === 'floor') {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<{ eachCell: (o: object, f: (c: { value: unknown }) => void) => void }>>) {
      for await (const row of ws) row.eachCell({ includeEmpty: false }, (c) => void c.value);
    }
  } else {
    const r = await importWorkbook(dir, file, { apply: true, cwd: process.cwd() });
    if (r.problems.length || !r.commit) throw new Error(`import failed: ${JSON.stringify(r.problems.slice(0, 3))} ${JSON.stringify(r.after.slice(0, 3))}`);
    changes = r.changes.length;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const sample: Sample = { ms, peakMB: Math.round(process.resourceUsage().maxRSS / 1024), changes };
  process.stdout.write(JSON.stringify(sample) + '\n');
}

function run(kind: 'floor' | 'import', dir: string, file: string, tmp: string): Sample {
  // exceljs's streaming reader (the floor) spools tmp-<pid>-* files of ~100 MB into TMPDIR and
  // leaves them: the child gets the bench's own folder, removed with it
  const r = spawnSync(process.execPath, [join(__dirname, 'index.js'), '--import-child', kind, '--dir', dir, '--file', file], { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp } });
  if (r.status !== 0) throw new Error(`bench import child ${kind} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Sample;
}

export async function benchImport(runs: number, accounts: number): Promise<{ text: string; ok: boolean }[]> {
  const root = mkdtempSync(join(tmpdir(), 'tongbao-bench-import-'));
  try {
    const base = join(root, 'round');
    writeNationalRound(base, { sites: 0, accounts });
    const file = join(root, '附件2.xlsx');
    await writeAnnex2(await loadModel(base), file);
    // the data on file differs from the workbook in CORRECTIONS places: the import's work
    let n = 0;
    const acc = readFileSync(join(base, 'accounts.yaml'), 'utf8').replace(/results: \[合格, 合格, 合格\]/g, (m) => (n++ < CORRECTIONS && n % 7 === 0 ? 'results: [合格, 不合格, 合格]' : m));
    writeFileSync(join(base, 'accounts.yaml'), acc);
    const tmp = join(root, 'tmp');
    mkdirSync(tmp);
    const floors: Sample[] = [];
    const imports: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      floors.push(run('floor', base, file, tmp));
      const dir = join(root, `run${i}`);
      cpSync(base, dir, { recursive: true });
      imports.push(run('import', dir, file, tmp));
    }
    const f = Math.min(...floors.map((s) => s.ms)) / 1000;
    const a = Math.min(...imports.map((s) => s.ms)) / 1000;
    const peak = Math.max(...imports.map((s) => s.peakMB));
    const ratio = a / f;
    console.log(`Import of an annex-2 workbook at national scale: ${accounts.toLocaleString('en')} accounts, 3 months, ${imports[0].changes} corrections, --apply`);
    console.log(`  floor  (exceljs streaming reader, same file)  best ${f.toFixed(2)} s   runs: ${floors.map((s) => (s.ms / 1000).toFixed(2)).join(' ')}   peak ${Math.max(...floors.map((s) => s.peakMB))} MB`);
    console.log(`  import (read, match, validate, diff, write)   best ${a.toFixed(2)} s   runs: ${imports.map((s) => (s.ms / 1000).toFixed(2)).join(' ')}   peak ${peak} MB`);
    console.log('');
    return [
      { text: `import ${ratio.toFixed(2)} × floor (target ≤ ${IMPORT_TARGET_RATIO})`, ok: ratio <= IMPORT_TARGET_RATIO },
      { text: `import peak memory ${peak} MB (target ≤ ${IMPORT_TARGET_PEAK_MB} MB)`, ok: peak <= IMPORT_TARGET_PEAK_MB },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
