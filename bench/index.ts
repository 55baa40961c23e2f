// npm run bench — (1) the seed round's whole build against a floor of starting Node and
// writing a minimal docx and xlsx (bench/seed.ts); (2) time and peak memory of the Excel
// annexes at national scale (15,000 sites, 150,000 accounts), each next to its floor:
// exceljs's streaming writer writing the same rows and nothing else (bench/floor.ts).
//
// Every measured run is a child process of its own, so peak resident memory
// (process.resourceUsage().maxRSS) belongs to that run alone. Runs alternate
// floor/annex; the best time of each is compared (the run least disturbed by
// whatever else the machine is doing).
//
// (3) import of an annex-2 workbook at national scale against exceljs streaming-reading it (bench/import.ts).
// (4) rectify on a round with about 20,000 failing units against build on it (bench/rectify.ts).
//
// usage: node dist/bench/index.js [--runs N] [--import-only] [--rectify-only] [--national-only] [--serve-only] [--seed-only] [--no-big] [--sites N] [--accounts N] [--keep DIR] [--strict] [--no-serve-national]
//   --strict  exit 1 when a target is missed (otherwise the verdict is only printed)
//   --seed-runs N  runs of the seed build and its floor (default 7)
//   --import-only  only (3), the import benchmark
//   --rectify-only only (4), the rectify benchmark; --rectify-runs N (default 1; each run takes minutes)
//   --national-only  only (5), the commands at national scale (with the annex floors they need)
//   --serve-only  only serve's edits (seed round and national scale) against a cold check
//   --seed-only   only (1), the seed round's build against its floor
//   --no-big  skip the check of a round near the 100 MB limit
//
// (5) check, build, compare, lint at national scale as whole processes against js-yaml loading
// the same files (bench/national.ts).
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeAnnex1, writeAnnex2 } from '../src/render/xlsx';
import { pinZipTimes } from '../src/write/zip-times';
import { writeFloor } from './floor';
import { NATIONAL, syntheticModel, type Scale } from './synthetic';
import { benchSeed } from './seed';
import { benchServe } from './serve';
import { benchImport, importChild } from './import';
import { benchRectify, rectifyChild } from './rectify';
import { benchNational } from './national';

/** Targets for 附件2. */
const TARGET_RATIO = 1.3;
const TARGET_PEAK_MB = 400;

type Kind = 'floor1' | 'annex1' | 'floor2' | 'annex2';

interface Sample {
  kind: Kind;
  ms: number;
  /** CPU time of the whole process (all threads: zlib and file writes too) during the write */
  cpuMs: number;
  /** of which re-pinning zip times (annex runs only) */
  pinMs: number;
  peakMB: number;
  /** peak before writing: the synthetic model alone */
  modelMB: number;
  bytes: number;
}

const mb = (kb: number) => Math.round(kb / 1024);

async function child(kind: Kind, scale: Scale, out: string): Promise<void> {
  const model = syntheticModel(scale);
  const modelMB = mb(process.resourceUsage().maxRSS);
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  if (kind === 'floor1') await writeFloor(model, 1, out);
  else if (kind === 'floor2') await writeFloor(model, 2, out);
  else if (kind === 'annex1') await writeAnnex1(model, out);
  else await writeAnnex2(model, out);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const peakMB = mb(process.resourceUsage().maxRSS);
  let pinMs = 0;
  if (kind.startsWith('annex')) {
    // the pin step alone, once more (it is idempotent), to show its share
    const p0 = process.hrtime.bigint();
    writeFileSync(out, pinZipTimes(readFileSync(out), model.issued.iso));
    pinMs = Number(process.hrtime.bigint() - p0) / 1e6;
  }
  const sample: Sample = { kind, ms, cpuMs, pinMs, peakMB, modelMB, bytes: statSync(out).size };
  process.stdout.write(JSON.stringify(sample) + '\n');
}

function run(kind: Kind, scale: Scale, out: string): Sample {
  const r = spawnSync(process.execPath, [__filename, '--child', kind, '--sites', String(scale.sites), '--accounts', String(scale.accounts), '--file', out], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bench child ${kind} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Sample;
}

const best = (xs: number[]) => Math.min(...xs);

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const pad = (s: string, n: number) => s.padStart(n);

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const scale: Scale = {
    sites: Number(flag(args, '--sites') ?? NATIONAL.sites),
    accounts: Number(flag(args, '--accounts') ?? NATIONAL.accounts),
  };
  const importKind = flag(args, '--import-child') as 'floor' | 'import' | undefined;
  if (importKind) {
    await importChild(importKind, flag(args, '--dir') as string, flag(args, '--file') as string);
    return 0;
  }
  const rectifyKind = flag(args, '--rectify-child') as 'build' | 'rectify' | undefined;
  if (rectifyKind) {
    await rectifyChild(rectifyKind, flag(args, '--dir') as string, flag(args, '--file') as string);
    return 0;
  }
  const kind = flag(args, '--child') as Kind | undefined;
  if (kind) {
    await child(kind, scale, flag(args, '--file') as string);
    return 0;
  }
  const runs = Math.max(1, Number(flag(args, '--runs') ?? 3));
  if (args.includes('--import-only')) {
    const vs = await benchImport(runs, scale.accounts);
    for (const v of vs) console.log(`${v.ok ? 'PASS' : 'FAIL'} ${v.text}`);
    return vs.every((v) => v.ok) || !args.includes('--strict') ? 0 : 1;
  }
  const seedDir = join(__dirname, '..', '..', 'data', '2023-q4');
  const rectifyRuns = Math.max(1, Number(flag(args, '--rectify-runs') ?? 1));
  if (args.includes('--rectify-only')) {
    const vs = benchRectify(rectifyRuns, seedDir);
    for (const v of vs) console.log(`${v.ok ? 'PASS' : 'FAIL'} ${v.text}`);
    return vs.every((v) => v.ok) || !args.includes('--strict') ? 0 : 1;
  }
  if (args.includes('--seed-only')) {
    const vs = benchSeed(Math.max(1, Number(flag(args, '--seed-runs') ?? 7)));
    for (const v of vs) console.log(`${v.ok ? 'PASS' : 'FAIL'} ${v.text}`);
    return vs.every((v) => v.ok) || !args.includes('--strict') ? 0 : 1;
  }
  if (args.includes('--serve-only')) {
    const vs = await benchServe({ runs: 3, national: args.includes('--no-serve-national') ? null : { sites: 15000, accounts: 150000 }, seedDir });
    for (const v of vs) console.log(`${v.ok ? 'PASS' : 'FAIL'} ${v.text}`);
    return vs.every((v) => v.ok) || !args.includes('--strict') ? 0 : 1;
  }
  const keep = flag(args, '--keep');
  const strict = args.includes('--strict');
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'tongbao-bench-'));
  mkdirSync(dir, { recursive: true });

  const nationalOnly = args.includes('--national-only');
  const verdicts: { text: string; ok: boolean }[] = nationalOnly ? [] : benchSeed(Math.max(1, Number(flag(args, '--seed-runs') ?? 7)));
  if (!nationalOnly) {
    verdicts.push(...(await benchServe({ runs: 3, national: args.includes('--no-serve-national') ? null : { sites: 15000, accounts: 150000 }, seedDir })));
    verdicts.push(...(await benchImport(runs, scale.accounts)));
    verdicts.push(...benchRectify(rectifyRuns, seedDir));
  }
  const annexFloorMs: number[] = [];

  console.log(`Excel annexes at national scale: ${scale.sites.toLocaleString('en')} sites, ${scale.accounts.toLocaleString('en')} accounts`);
  console.log(`node ${process.version}; ${runs} runs of each, alternating, every run in a process of its own; best time, highest peak memory\n`);
  const cols: [string, number][] = [
    ['workbook', 8],
    ['rows', 9],
    ['floor s', 9],
    ['annex s', 9],
    ['ratio', 7],
    ['floor cpu', 11],
    ['annex cpu', 11],
    ['pin ms', 8],
    ['floor MB', 10],
    ['annex MB', 10],
    ['model MB', 10],
    ['file MB', 9],
  ];
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(cols[i][1]) : pad(c, cols[i][1]))).join('');
  const header = line(cols.map(([c]) => c));
  console.log(header);
  console.log('-'.repeat(header.length + 2));

  for (const which of [2, 1] as const) {
    const floorKind: Kind = which === 1 ? 'floor1' : 'floor2';
    const annexKind: Kind = which === 1 ? 'annex1' : 'annex2';
    const floors: Sample[] = [];
    const annexes: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      floors.push(run(floorKind, scale, join(dir, `floor${which}.xlsx`)));
      // --national-only: the floors alone, for the build's target
      if (!nationalOnly || i === 0) annexes.push(run(annexKind, scale, join(dir, `附件${which}.xlsx`)));
    }
    const f = best(floors.map((s) => s.ms)) / 1000;
    annexFloorMs.push(f * 1000);
    const a = best(annexes.map((s) => s.ms)) / 1000;
    const ratio = a / f;
    const annexPeak = Math.max(...annexes.map((s) => s.peakMB));
    const rows = (which === 1 ? scale.sites : scale.accounts) * 2;
    console.log(
      line([
        `附件${which}`,
        rows.toLocaleString('en'),
        f.toFixed(2),
        a.toFixed(2),
        ratio.toFixed(2),
        (best(floors.map((s) => s.cpuMs)) / 1000).toFixed(2),
        (best(annexes.map((s) => s.cpuMs)) / 1000).toFixed(2),
        best(annexes.map((s) => s.pinMs)).toFixed(0),
        String(Math.max(...floors.map((s) => s.peakMB))),
        String(annexPeak),
        String(Math.max(...annexes.map((s) => s.modelMB))),
        (annexes[0].bytes / 1048576).toFixed(1),
      ]),
    );
    if (which === 2) {
      verdicts.push({ text: `附件2 time ${ratio.toFixed(2)} × floor (target ≤ ${TARGET_RATIO})`, ok: ratio <= TARGET_RATIO });
      verdicts.push({ text: `附件2 peak memory ${annexPeak} MB (target ≤ ${TARGET_PEAK_MB} MB)`, ok: annexPeak <= TARGET_PEAK_MB });
    }
  }
  const national = await benchNational({ runs, scale, seedDir, annexFloorMs: annexFloorMs.reduce((a, b) => a + b, 0), big: !args.includes('--no-big') });
  verdicts.push(...national.verdicts);
  console.log(`
rows      data rows over both sheets (the annex table and the 数据 sheet)
floor     exceljs streaming writer, the same rows and styles through exceljs's own rows
          (addRow, cell styles, commit), nothing else (bench/floor.ts); the annex writes
          its row XML itself, so it can be below the floor (ratio < 1)
s, cpu    wall-clock and CPU seconds (all threads) of the write alone; best of the runs,
          the run least disturbed by other load on the machine
pin ms    re-pinning the zip entry times (part of annex s)
MB        peak resident memory of the run's process; model MB: once the synthetic
          model is built, before writing (every run carries it)
`);
  for (const v of verdicts) console.log(`${v.ok ? 'PASS' : 'FAIL'} ${v.text}`);
  const ok = verdicts.every((v) => v.ok);
  console.log(ok ? 'PASS all targets met' : `FAIL targets missed${strict ? '' : ' (exit status 0; --strict makes it 1)'}`);
  if (!keep) rmSync(dir, { recursive: true, force: true });
  return ok || !strict ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(2);
  },
);
