// Run the CLI in-process with captured output.
import { run } from '../../src/cli/main';
import { captured, type CliResult } from './capture';

export type { CliResult };

export function cli(argv: string[], cwd: string): Promise<CliResult> {
  return captured(run, argv, cwd);
}
