// The CLI's run() called with captured output, whichever build of it a test holds (the .ts
// sources through jest: ./cli.ts; the compiled dist/: ./compiled.ts).
import type { run as Run } from '../../src/cli/main';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function captured(run: typeof Run, argv: string[], cwd: string): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await run(argv, {
    out: (t) => (out += t.endsWith('\n') ? t : t + '\n'),
    err: (t) => (err += t.endsWith('\n') ? t : t + '\n'),
    isTTY: false,
    cwd,
  });
  return { code, out, err };
}
