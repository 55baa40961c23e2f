// The compiled product (dist/, built by the jest global setup: what bin/tongbao.js runs), loaded
// by Node's own require instead of through jest's module registry. Jest loads and evaluates a
// module again for every test file (the pipeline with docx, exceljs, yaml and zod is seconds of
// CPU each time); Node's require loads it once per jest worker, for every end-to-end and
// acceptance file that runs there. For tests of the product as it ships (through run(), the
// function the bin calls, or the renderers), not for unit tests of src/ (those import src/).
import { createRequire } from 'module';
import * as path from 'path';
import { captured, type CliResult } from './capture';

const nativeRequire = createRequire(__filename);
const DIST = path.join(__dirname, '..', '..', 'dist');

/** A compiled module by its path under dist/ (e.g. 'src/pipeline'), typed as its source. */
export function compiled<T>(rel: string): T {
  let file: string;
  try {
    file = nativeRequire.resolve(path.join(DIST, rel));
  } catch {
    throw new Error(`${path.join(DIST, rel)} not found: dist/ is built by the jest global setup (run without TONGBAO_SKIP_BUILD, or npm run build:ts)`);
  }
  return nativeRequire(file) as T;
}

/**
 * The CLI's run() (what bin/tongbao.js calls) in this process, with captured output; the annexes
 * are written on this thread (TONGBAO_NO_WORKER: test/cli-build/e2e-kill.test.ts proves the
 * worker thread writes the same bytes). For steps about what a command does; the exit status of
 * the process, signals and stdout/stderr bytes are asserted through the bin.
 */
export async function compiledCli(argv: string[], cwd: string): Promise<CliResult> {
  const { run } = compiled<typeof import('../../src/cli/main')>('src/cli/main');
  const saved = process.env.TONGBAO_NO_WORKER;
  process.env.TONGBAO_NO_WORKER = '1';
  try {
    return await captured(run, argv, cwd);
  } finally {
    if (saved === undefined) delete process.env.TONGBAO_NO_WORKER;
    else process.env.TONGBAO_NO_WORKER = saved;
  }
}
