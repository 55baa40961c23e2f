// Dates are calendar dates: results must not change with the machine's time zone. Setting
// process.env.TZ inside a running process is unreliable, so each zone gets its own node process.
// They run the compiled sources (dist/, built by the jest global setup from the same src) and
// the workload transpiled once by typescript's transpileModule, instead of each loading
// typescript and transpiling every module again; the zones' outputs are compared with the
// workload run here, on the TypeScript sources.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../support/tmp';
import { workload } from './tz-workload';

const ROOT = path.join(__dirname, '..', '..');
const DIST_CALENDAR = path.join(ROOT, 'dist', 'src', 'calendar');
/** tz-workload.ts as JavaScript that requires dist/src/calendar. */
function compiledWorkload(): string {
  const file = path.join(tempDir('tongbao-tz-'), 'tz-workload.js');
  const TRANSPILE = `
const fs = require('fs');
const ts = require('typescript');
const js = ts.transpileModule(fs.readFileSync('test/calendar/tz-workload.ts', 'utf8'), {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
}).outputText;
if (!js.includes('"../../src/calendar"')) throw new Error('tz-workload.ts no longer imports ../../src/calendar');
fs.writeFileSync(${JSON.stringify(file)}, js.replace('"../../src/calendar"', ${JSON.stringify(JSON.stringify(DIST_CALENDAR))}));
`;
  execFileSync(process.execPath, ['-e', TRANSPILE], { cwd: ROOT });
  expect(fs.existsSync(file)).toBe(true);
  return file;
}

function runIn(file: string, tz: string): { offset: number; output: string } {
  const out = execFileSync(process.execPath, ['-e', `process.stdout.write(JSON.stringify(require(${JSON.stringify(file)}).workload()))`], {
    cwd: ROOT,
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

test('same calendar, judgements and explain text under every time zone', () => {
  const here = workload();
  const file = compiledWorkload();
  const zones = { 'America/Los_Angeles': 420, 'Asia/Shanghai': -480, 'Pacific/Kiritimati': -840, 'Pacific/Pago_Pago': 660, UTC: 0 };
  for (const [tz, offset] of Object.entries(zones)) {
    const there = runIn(file, tz);
    expect([tz, there.offset]).toEqual([tz, offset]);
    expect(there.output).toBe(here.output);
  }
  // and the batch is not trivial
  const parsed = JSON.parse(here.output) as { judged: { results: string[] }[] };
  const results = parsed.judged.flatMap((j) => j.results);
  expect(results).toContain('合格');
  expect(results).toContain('不合格');
});
