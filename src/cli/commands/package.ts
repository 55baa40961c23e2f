import * as path from 'path';
import { packageRound } from '../../handoff/package';
import type { PackageResult } from '../../handoff/package';
import { PdfUnavailable } from '../../handoff/pdf';
import { displayPath } from '../../load/yaml-file';
import { expectPositional, stringFlag } from '../args';
import type { Command } from '../command';
import { createProgress } from '../progress';
import { printDiagnostics, strictRefusal } from '../report';
import { buildSummary } from './build';
import { SUMMARIES } from '../summaries';

export const packageCommand: Command = {
  name: 'package',
  summary: SUMMARIES.package,
  usage: `用法：tongbao package DATA_DIR [--out OUT_DIR] [--pdf] [--strict] [--rectify]

先按 DATA_DIR 生成（同 tongbao build），再核对（同 tongbao verify --data），然后在
OUT_DIR（默认 out/<数据文件夹名>）写入一个送签压缩包“<通报标题>（送签稿）.zip”，内含：
通报 .docx、附件1和附件2 .xlsx（有附件3时也在内）、manifest.json，送签后更正过
附件时还有 更正记录.txt（每一处更正的原内容和新内容），以及 送签说明.txt（各文件的
SHA-256、合计与不合格名单、数据指纹，更正过时写明附件已更正几处）。同样的数据
得到完全相同的压缩包。

  --pdf     另附通报和两个附件的 PDF 阅读稿（由 LibreOffice 转换，使用项目
            fonts/fonts.conf 把公文字体映射到免费字体）。需要安装
            libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk
            fonts-arphic-ukai fonts-liberation2
  --strict  有校对意见时不生成
  --rectify 同时生成整改通知和整改台账（同 tongbao rectify，写入 OUT_DIR/整改），
            一并核对并放入压缩包的“整改”文件夹
  --out OUT_DIR  输出文件夹

退出状态：0 成功；1 数据有错误、核对未通过、--strict 下有校对意见或缺少 LibreOffice；
2 用法错误。`,
  valueFlags: ['out'],
  booleanFlags: ['pdf', 'strict', 'rectify'],
  async run(args, io) {
    const [dir] = expectPositional(args, ['DATA_DIR'], 'package');
    const progress = createProgress(io);
    let r: PackageResult;
    try {
      r = await packageRound({ dataDir: dir, cwd: io.cwd, outDir: stringFlag(args, 'out'), pdf: !!args.flags.pdf, strict: !!args.flags.strict, rectify: !!args.flags.rectify, onStep: progress.step });
    } catch (e) {
      if (e instanceof PdfUnavailable) {
        io.err(`tongbao package：${e.message}`);
        return 1;
      }
      throw e;
    } finally {
      progress.end();
    }
    printDiagnostics(io, r.build.findings);
    if (r.status === 'refused') {
      io.err(strictRefusal(r.build.findings));
      return 1;
    }
    io.out(buildSummary(r.build, io));
    if (r.status === 'unverified') {
      io.err('核对未通过，未写送签包：');
      for (const f of r.findings) io.err(`  ${f.message}`);
      return 1;
    }
    for (const w of r.warnings) io.err(`警告：${w.message}`);
    const shown = displayPath(r.archive, io.cwd);
    io.out(r.status === 'unchanged' ? `送签包无变化：${shown}` : `已写送签包：${shown}`);
    for (const n of r.entries) io.out(`  ${n}`);
    if (r.history) io.out(`上一版送签包已存入 ${path.join(displayPath(r.build.outDir, io.cwd), r.history)}${path.sep}`);
    io.out(`可用 tongbao verify ${path.relative(io.cwd, r.archive) || r.archive} 随时核对。`);
    return 0;
  },
};
