// The seed round’s build, whole process against a floor measured in the same run:
// the floor starts Node and writes a one-paragraph .docx and a one-cell .xlsx with the same
// libraries (bench/seed-floor.ts); the build is `tongbao build data/2023-q4` as a user runs it.
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export const SEED_TARGET_RATIO = 1.5;

const ROOT = join(__dirname, '..', '..');

function timed(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`bench: ${args.join(' ')} failed:\n${r.stderr}`);
  return ms;
}

export function benchSeed(runs: number): { text: string; ok: boolean }[] {
  const dir = mkdtempSync(join(tmpdir(), 'tongbao-bench-seed-'));
  const floors: number[] = [];
  const builds: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      floors.push(timed([join(__dirname, 'seed-floor.js'), dir]));
      // a fresh output folder each time: a real build, never the "无变化" shortcut
      builds.push(timed([join(ROOT, 'bin', 'tongbao.js'), 'build', 'data/2023-q4', '--out', join(dir, `out${i}`)]));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const f = Math.min(...floors);
  const b = Math.min(...builds);
  const ratio = b / f;
  const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
  console.log('Seed build (data/2023-q4: notice, both annexes, manifest), whole process, wall clock');
  console.log(`  floor  (node + docx + exceljs, one paragraph, one cell)  best ${f.toFixed(0)} ms   runs: ${ms(floors)}`);
  console.log(`  build  (node bin/tongbao.js build data/2023-q4)           best ${b.toFixed(0)} ms   runs: ${ms(builds)}`);
  console.log('');
  return [{ text: `seed build ${ratio.toFixed(2)} × floor (target ≤ ${SEED_TARGET_RATIO})`, ok: ratio <= SEED_TARGET_RATIO }];
}
