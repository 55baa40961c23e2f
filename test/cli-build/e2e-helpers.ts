// What the three e2e files share: the installed bin, the seed's output names, a build that is
// SIGKILLed at a hook (e2e, e2e-kill and e2e-package are split so jest runs them side by side).
import { spawnSync } from 'child_process';
import * as path from 'path';
import { ROOT } from '../write/helpers';
import { compiledCli } from '../support/compiled';

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

/** A step about what a command does, in this process (test/support/compiled.ts). */
export async function clerk(cwd: string, ...argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return compiledCli(argv, cwd);
}
