// The commands at national scale (15,000 sites, 150,000 accounts as YAML, bench/serve-round.ts),
// each a whole process, against floors measured in the same run:
//   floor    js-yaml loading the round's three files, nothing else (bench/yaml-floor.ts)
//   check    ≤ 3 × floor, peak ≤ 500 MB
//   build    ≤ check + 1.3 × the exceljs streaming floor of both annexes (bench/floor.ts: exceljs's own
//            rows; the annexes now write their row XML themselves and take less), peak ≤ 600 MB
//   compare  of two national rounds ≤ 2.5 × check; lint ≤ 1.5 × check; each peak ≤ 800 MB
//   100 MB   a round whose accounts.yaml is near the 100 MB limit: check completes, peak ≤ 1.5 GB
// Runs alternate between the commands; the best time of each (the run least disturbed by other
// load on the machine) and the highest peak are compared.
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeNationalRound } from './serve-round';
import type { Scale } from './synthetic';

export const TARGETS = {
  checkRatio: 3,
  checkPeakMB: 500,
  buildAnnexFloorFactor: 1.3,
  buildPeakMB: 600,
  compareRatio: 2.5,
  lintRatio: 1.5,
  comparePeakMB: 800,
  lintPeakMB: 800,
  bigPeakMB: 1536,
};

/** accounts for an accounts.yaml just under the 100 MB limit (about 129 bytes an account) */
export const BIG_ACCOUNTS = 780000;

const ROOT = join(__dirname, '..', '..');

interface Run {
  ms: number;
  peakMB: number;
  /** CPU time of the process (all threads): steadier than wall time on a shared machine */
  cpuMs: number;
}

/** A script of dist/bench as a process of its own; its exit code must be one of `ok`. */
function runChild(script: string, args: string[], work: string, ok: number[] = [0]): Run {
  const result = join(work, 'result.json');
  rmSync(result, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(__dirname, script), result, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let out: { code: number; peakMB: number; cpuMs: number } | null = null;
  try {
    out = JSON.parse(readFileSync(result, 'utf8'));
  } catch {
    out = null;
  }
  if (r.status === null || !out || !ok.includes(out.code)) throw new Error(`bench: ${script} ${args.join(' ')} failed (${r.status}):\n${r.stderr.slice(0, 2000)}`);
  return { ms, peakMB: out.peakMB, cpuMs: out.cpuMs };
}

const cli = (args: string[], work: string, ok?: number[]) => runChild('cli-child.js', args, work, ok);

export interface NationalResult {
  verdicts: { text: string; ok: boolean }[];
  /** best cold check at national scale (ms), for serve's ratios */
  checkMs: number;
}

export async function benchNational(opts: { runs: number; scale: Scale; seedDir: string; annexFloorMs: number; big: boolean }): Promise<NationalResult> {
  const work = mkdtempSync(join(tmpdir(), 'tongbao-bench-national-'));
  const verdicts: { text: string; ok: boolean }[] = [];
  try {
    const q4 = join(work, '2023-q4');
    const q1 = join(work, '2024-q1');
    writeNationalRound(q4, opts.seedDir, opts.scale);
    writeNationalRound(q1, opts.seedDir, opts.scale, undefined, 'next');
    const sizeMB = (f: string) => (statSync(f).size / 1048576).toFixed(1);
    const rows: Record<'floor' | 'check' | 'build' | 'compare' | 'lint', Run[]> = { floor: [], check: [], build: [], compare: [], lint: [] };
    for (let i = 0; i < opts.runs; i++) {
      rows.floor.push(runChild('yaml-floor.js', [q4], work));
      rows.check.push(cli(['check', q4], work));
      // a fresh output folder each time: a real build, never the "无变化" shortcut
      rows.build.push(cli(['build', q4, '--out', join(work, `out${i}`)], work));
      rmSync(join(work, `out${i}`), { recursive: true, force: true });
      // q1 states q4 as the quarter before it: compare's comparison of the two
      rows.compare.push(cli(['compare', q4, q1], work));
      // lint exits 1 when it has findings
      rows.lint.push(cli(['lint', q4], work, [0, 1]));
    }
    const best = (k: keyof typeof rows) => Math.min(...rows[k].map((r) => r.ms));
    const peak = (k: keyof typeof rows) => Math.max(...rows[k].map((r) => r.peakMB));
    const runs = (k: keyof typeof rows) => rows[k].map((r) => (r.ms / 1000).toFixed(2)).join(' ');
    const cpu = (k: keyof typeof rows) => Math.min(...rows[k].map((r) => r.cpuMs));
    const floor = best('floor');
    const check = best('check');
    console.log(`Commands at national scale: ${opts.scale.sites.toLocaleString('en')} sites, ${opts.scale.accounts.toLocaleString('en')} accounts (accounts.yaml ${sizeMB(join(q4, 'accounts.yaml'))} MB, sites.yaml ${sizeMB(join(q4, 'sites.yaml'))} MB)`);
    console.log(`whole processes, ${opts.runs} runs each, alternating; best time, highest peak\n`);
    const line = (name: string, k: keyof typeof rows, basis: string, ratio: number | null) =>
      console.log(`  ${name.padEnd(9)} best ${(best(k) / 1000).toFixed(2).padStart(6)} s  cpu ${(cpu(k) / 1000).toFixed(2).padStart(6)} s  peak ${String(peak(k)).padStart(5)} MB  ${ratio === null ? '' : `${ratio.toFixed(2)} × ${basis}`.padEnd(28)} runs: ${runs(k)}`);
    line('floor', 'floor', '', null);
    line('check', 'check', 'floor', check / floor);
    const buildLimit = check + TARGETS.buildAnnexFloorFactor * opts.annexFloorMs;
    line('build', 'build', 'check+1.3×annex floor', best('build') / buildLimit);
    line('compare', 'compare', 'check', best('compare') / check);
    line('lint', 'lint', 'check', best('lint') / check);
    console.log(`  (cpu: the least CPU time of the runs; by CPU, check is ${(cpu('check') / cpu('floor')).toFixed(2)} × floor, compare ${(cpu('compare') / cpu('check')).toFixed(2)} × check, lint ${(cpu('lint') / cpu('check')).toFixed(2)} × check)`);
    console.log(`  (annex floor: exceljs streaming both annexes ${(opts.annexFloorMs / 1000).toFixed(2)} s; build limit ${(buildLimit / 1000).toFixed(2)} s)`);

    verdicts.push({ text: `check ${(check / floor).toFixed(2)} × floor (target ≤ ${TARGETS.checkRatio})`, ok: check / floor <= TARGETS.checkRatio });
    verdicts.push({ text: `check peak ${peak('check')} MB (target ≤ ${TARGETS.checkPeakMB} MB)`, ok: peak('check') <= TARGETS.checkPeakMB });
    verdicts.push({ text: `build ${(best('build') / 1000).toFixed(2)} s, ${(best('build') / buildLimit).toFixed(2)} × (check + 1.3 × annex floor) (target ≤ 1)`, ok: best('build') <= buildLimit });
    verdicts.push({ text: `build peak ${peak('build')} MB (target ≤ ${TARGETS.buildPeakMB} MB)`, ok: peak('build') <= TARGETS.buildPeakMB });
    verdicts.push({ text: `compare ${(best('compare') / check).toFixed(2)} × check (target ≤ ${TARGETS.compareRatio})`, ok: best('compare') / check <= TARGETS.compareRatio });
    verdicts.push({ text: `compare peak ${peak('compare')} MB (target ≤ ${TARGETS.comparePeakMB} MB)`, ok: peak('compare') <= TARGETS.comparePeakMB });
    verdicts.push({ text: `lint ${(best('lint') / check).toFixed(2)} × check (target ≤ ${TARGETS.lintRatio})`, ok: best('lint') / check <= TARGETS.lintRatio });
    verdicts.push({ text: `lint peak ${peak('lint')} MB (target ≤ ${TARGETS.lintPeakMB} MB)`, ok: peak('lint') <= TARGETS.lintPeakMB });

    if (opts.big) {
      rmSync(q1, { recursive: true, force: true });
      const big = join(work, 'big');
      writeNationalRound(big, opts.seedDir, { sites: opts.scale.sites, accounts: BIG_ACCOUNTS });
      const r = cli(['check', big], work);
      console.log(`  100 MB    check of a round whose accounts.yaml is ${sizeMB(join(big, 'accounts.yaml'))} MB (${BIG_ACCOUNTS.toLocaleString('en')} accounts): ${(r.ms / 1000).toFixed(2)} s, peak ${r.peakMB} MB`);
      verdicts.push({ text: `check of a ${sizeMB(join(big, 'accounts.yaml'))} MB accounts.yaml completes, peak ${r.peakMB} MB (target ≤ ${TARGETS.bigPeakMB} MB)`, ok: r.peakMB <= TARGETS.bigPeakMB });
    }
    console.log('');
    return { verdicts, checkMs: check };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
