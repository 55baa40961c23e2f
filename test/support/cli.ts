// Run the CLI in-process with captured output.
import { run } from '../../src/cli/main';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function cli(argv: string[], cwd: string): Promise<CliResult> {
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
