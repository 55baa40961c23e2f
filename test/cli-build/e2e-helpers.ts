// What the three e2e files share: the installed bin, the seed's output names, a build that is
// SIGKILLed at a hook (e2e, e2e-kill and e2e-package are split so jest runs them side by side).
import { spawnSync } from 'child_process';
import * as path from 'path';
import { ROOT } from '../write/helpers';
import { createRequire } from 'module';

export const BIN = path.join(ROOT, 'bin', 'tongbao.js');
export const NOTICE = '关于2023年第四季度全州政府网站和政务新媒体检查情况的通报.docx';
export const ANNEX1 = '附件1 抽查网站名单及问题曝光情况.xlsx';
export const ANNEX2 = '附件2 抽查新媒体名单及问题曝光情况.xlsx';

export function tongbao(cwd: string, ...argv: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A node process that runs a build of the compiled code and is SIGKILLed at a hook. */
export function killedBuild(cwd: string, hook: 'afterStage' | 'afterRename') {
  const script = `
    const { build } = require(${JSON.stringify(path.join(ROOT, 'dist', 'src', 'build.js'))});
    build({ dataDir: '2023-q4', cwd: ${JSON.stringify(cwd)}, hooks: { ${hook}: () => process.kill(process.pid, 'SIGKILL') } });`;
  return spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' });
}

type Main = typeof import('../../src/cli/main');
let compiled: Main | null = null;

/**
 * The same run() that bin/tongbao.js calls, in this process, for the steps that are about what a
 * command does rather than about the process. It is the compiled CLI the bin runs (dist/),
 * loaded by Node's own require once per jest worker: through jest's module registry each test
 * file would load and evaluate docx, exceljs and the pipeline again (seconds of CPU), which is
 * what spawning the bin for every step cost. The annexes are written on this thread
 * (TONGBAO_NO_WORKER; e2e-kill proves the worker writes the same bytes).
 */
export async function clerk(cwd: string, ...argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
  compiled ??= createRequire(__filename)(path.join(ROOT, 'dist', 'src', 'cli', 'main.js')) as Main;
  let out = '';
  let err = '';
  const saved = process.env.TONGBAO_NO_WORKER;
  process.env.TONGBAO_NO_WORKER = '1';
  try {
    const code = await compiled.run(argv, {
      out: (t) => (out += t.endsWith('\n') ? t : t + '\n'),
      err: (t) => (err += t.endsWith('\n') ? t : t + '\n'),
      isTTY: false,
      cwd,
    });
    return { code, out, err };
  } finally {
    if (saved === undefined) delete process.env.TONGBAO_NO_WORKER;
    else process.env.TONGBAO_NO_WORKER = saved;
  }
}
