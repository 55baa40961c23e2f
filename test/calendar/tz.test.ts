// Dates are calendar dates: results must not change with the machine's time zone. Setting
// process.env.TZ inside a running process is unreliable, so each zone gets its own node process,
// which loads the TypeScript sources through typescript's transpileModule.
import { execFileSync } from 'child_process';
import * as path from 'path';
import { workload } from './tz-workload';

const ROOT = path.join(__dirname, '..', '..');
const CHILD = `
const fs = require('fs');
const ts = require('typescript');
require.extensions['.ts'] = (m, file) =>
  m._compile(ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText, file);
process.stdout.write(JSON.stringify(require('./test/calendar/tz-workload.ts').workload()));
`;

function runIn(tz: string): { offset: number; output: string } {
  const out = execFileSync(process.execPath, ['-e', CHILD], { cwd: ROOT, env: { ...process.env, TZ: tz }, encoding: 'utf8' });
  return JSON.parse(out);
}

test('same calendar, judgements and explain text under every time zone', () => {
  const here = workload();
  const zones = { 'America/Los_Angeles': 420, 'Asia/Shanghai': -480, 'Pacific/Kiritimati': -840, 'Pacific/Pago_Pago': 660, UTC: 0 };
  for (const [tz, offset] of Object.entries(zones)) {
    const there = runIn(tz);
    expect([tz, there.offset]).toEqual([tz, offset]);
    expect(there.output).toBe(here.output);
  }
  // and the batch is not trivial
  const parsed = JSON.parse(here.output) as { judged: { results: string[] }[] };
  const results = parsed.judged.flatMap((j) => j.results);
  expect(results).toContain('合格');
  expect(results).toContain('不合格');
});
