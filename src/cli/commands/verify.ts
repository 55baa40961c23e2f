import * as fs from 'fs';
import * as path from 'path';
import { verifyArchive, verifyOutDir } from '../../handoff/verify';
import type { VerifyReport } from '../../handoff/verify';
import { displayPath } from '../../load/yaml-file';
import { expectPositional, stringFlag } from '../args';
import type { Command } from '../command';
import { table } from '../table';
import { SUMMARIES } from '../summaries';

const STATUS = { ok: '正确', missing: '缺少', altered: '已改动' } as const;

export function formatVerify(r: VerifyReport, shown: string, dataDir?: string): string {
  const lines: string[] = [];
  const m = r.manifest;
  lines.push(m ? `核对 ${shown}（${m.notice.round}，清单记录 ${m.outputs.length} 个输出文件）` : `核对 ${shown}`);
  if (r.files.length) lines.push(table(r.files.map((f) => [`  ${STATUS[f.status]}`, f.name])));
  if (dataDir && m && !r.findings.some((f) => f.kind === 'stale')) lines.push(`  数据 ${dataDir} 与清单一致：输出是按当前数据生成的`);
  for (const n of r.notes) lines.push(`  说明：${n}`);
  if (r.findings.length) {
    // the lines under a problem (which rows, which differences) are not problems of their own
    lines.push('', `发现 ${r.findings.filter((f) => !f.detail).length} 个问题：`);
    for (const f of r.findings) lines.push(`  ${f.message}`);
  } else lines.push('', '结论：全部一致。');
  return lines.join('\n');
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: SUMMARIES.verify,
  usage: `用法：tongbao verify OUT_DIR [--data DATA_DIR]
      tongbao verify 送签稿.zip [--data DATA_DIR]

逐一核对 OUT_DIR 中的文件与 manifest.json 所记的大小和 SHA-256：
缺少的、被改动的、不在清单中的（多余）文件，以及中断的生成留下的临时文件，
都逐个列出。OUT_DIR 中有送签包（…（送签稿）.zip）时，也核对包内文件。
参数是 .zip 文件时，按包内的 manifest.json 和 送签说明.txt 核对该送签包。

  --data DATA_DIR  同时核对输出是否按 DATA_DIR 的当前数据生成
                   （数据文件的 SHA-256 与清单一致）

退出状态：0 全部一致；1 有任何问题（每个问题写明文件）；2 用法错误。`,
  valueFlags: ['data'],
  async run(args, io) {
    const [target] = expectPositional(args, ['OUT_DIR'], 'verify');
    const dataDir = stringFlag(args, 'data');
    const data = dataDir ? { dataDir, cwd: io.cwd } : undefined;
    const abs = path.resolve(io.cwd, target);
    if (!fs.existsSync(abs)) {
      io.err(`找不到 ${target}`);
      return 1;
    }
    const r = fs.statSync(abs).isDirectory() ? await verifyOutDir(abs, data) : await verifyArchive(abs, data);
    io.out(formatVerify(r, displayPath(abs, io.cwd), dataDir));
    return r.ok ? 0 : 1;
  },
};
