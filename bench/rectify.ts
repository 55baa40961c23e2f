// The rectify bench: `tongbao rectify` on a national-scale round (about 20,000 failing units,
// each a responsible unit of its own: 20,000 notices and a 20,000-row ledger) against `tongbao
// build` on the same round, each run a child process of its own (peak memory = its maxRSS).
// Target: rectify within 2 × build.
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { RECTIFY_NATIONAL, writeRectifyRound } from './rectify-round';

export const RECTIFY_TARGET = 2;

interface Sample {
  ms: number;
  peakMB: number;
}

/** In the child: run one command through the CLI's own entry, report time and peak memory. */
export async function rectifyChild(kind: 'build' | 'rectify', dir: string, out: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { run } = require('../src/cli/main') as typeof import('../src/cli/main');
  const quiet = { out: () => undefined, err: () => undefined, isTTY: false, cwd: process.cwd() };
  const t0 = process.hrtime.bigint();
  const code = await run([kind, dir, '--out', out], quiet);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (code !== 0) throw new Error(`${kind} exited ${code}`);
  process.stdout.write(JSON.stringify({ ms, peakMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
}

function run(kind: 'build' | 'rectify', dir: string, out: string): Sample {
  const r = spawnSync(process.execPath, [join(__dirname, 'index.js'), '--rectify-child', kind, '--dir', dir, '--file', out], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench child ${kind} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Sample;
}

export function benchRectify(runs: number, seedDir: string): { text: string; ok: boolean }[] {
  const dir = mkdtempSync(join(tmpdir(), 'tongbao-bench-rectify-'));
  try {
    const round = join(dir, 'round');
    const { failing } = writeRectifyRound(round, seedDir, RECTIFY_NATIONAL);
    const builds: Sample[] = [];
    const rects: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      // a fresh folder each time: both commands write their whole set
      rmSync(join(dir, 'ob'), { recursive: true, force: true });
      rmSync(join(dir, 'or'), { recursive: true, force: true });
      builds.push(run('build', round, join(dir, 'ob')));
      rects.push(run('rectify', round, join(dir, 'or')));
    }
    const b = Math.min(...builds.map((s) => s.ms)) / 1000;
    const r = Math.min(...rects.map((s) => s.ms)) / 1000;
    const ratio = r / b;
    console.log(`rectify at national scale: ${failing.toLocaleString('en')} failing units (${RECTIFY_NATIONAL.sites.toLocaleString('en')} sites, ${RECTIFY_NATIONAL.accounts.toLocaleString('en')} accounts), ${runs} run(s) each, best time`);
    console.log(`  build   ${b.toFixed(2)} s, peak ${Math.max(...builds.map((s) => s.peakMB))} MB`);
    console.log(`  rectify ${r.toFixed(2)} s, peak ${Math.max(...rects.map((s) => s.peakMB))} MB (${failing.toLocaleString('en')} notices and the ledger)\n`);
    return [{ text: `rectify time ${ratio.toFixed(2)} × build on the same round (target ≤ ${RECTIFY_TARGET})`, ok: ratio <= RECTIFY_TARGET }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
