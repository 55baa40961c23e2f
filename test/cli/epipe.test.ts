// `tongbao check … | head -1`: the reader of stdout (or stderr) goes away before the command is
// done. The CLI drops the rest of its output quietly — no EPIPE stack trace — and exits with
// the command's own status (defaultIo / lineWriter in src/cli/main.ts).
import { spawn } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'tongbao.js');

/** Run the installed CLI with one of its output pipes closed before it writes anything. */
function withClosed(stream: 'stdout' | 'stderr', argv: string[]): Promise<{ code: number | null; other: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...argv], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // closed at once: node takes far longer to start than this takes
    child[stream].destroy();
    let other = '';
    child[stream === 'stdout' ? 'stderr' : 'stdout'].on('data', (d) => (other += d));
    child.on('close', (code) => resolve({ code, other }));
  });
}

test.each([
  ['stdout closed: check of the seed round', 'stdout', ['check', 'data/2023-q4'], 0],
  ['stdout closed: the help', 'stdout', ['--help'], 0],
  ['stderr closed: no command (the help goes to stderr, exit 2)', 'stderr', [], 2],
] as const)('%s: no stack trace, the command’s own exit status', async (_what, stream, argv, status) => {
  const r = await withClosed(stream, [...argv]);
  expect(r.other).not.toMatch(/EPIPE|at |Error/);
  if (stream === 'stdout') expect(r.other).toBe('');
  expect(r.code).toBe(status);
});
