import * as fs from 'fs';
import * as path from 'path';
import { formatDiagnostic, UsageError } from '../../diagnostics';
import type { Diagnostic } from '../../diagnostics';
import { decodeAs, detectEncoding, ENCODING_LABEL } from '../../load/encoding';
import type { Encoding } from '../../load/encoding';
import { notAFolderMessage, OPTIONAL_FILES, ROUND_FILES, symlinkProblem } from '../../load/round';
import { displayPath, maxFileBytes } from '../../load/yaml-file';
import { writeFileAtomic } from '../../write/atomic';
import { archiveToHistory } from '../../write/output-set';
import { expectPositional } from '../args';
import type { Command } from '../command';
import { SUMMARIES } from '../summaries';

const CONVERTIBLE: ReadonlySet<Encoding> = new Set(['gbk', 'mixed', 'utf16le', 'utf16be']);

/** The first line with Chinese in it, so the clerk can see the conversion reads right. */
function sampleLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => /[\u4e00-\u9fff]/.test(l) && !/^\s*#\s*yaml-language-server/.test(l));
  return (line ?? '').trim().slice(0, 40);
}

export const encodingCommand: Command = {
  name: 'encoding',
  summary: SUMMARIES.encoding,
  usage: `用法：tongbao encoding DATA_DIR [--fix]

数据文件（notice.yaml、sites.yaml、accounts.yaml、calendar.yaml、terms.yaml）必须是
UTF-8 编码。Windows 记事本默认的“ANSI”（GBK）和“Unicode”（UTF-16）存出的文件，
tongbao check 会报错。本命令列出每个文件的编码：

  --fix  把 GBK、UTF-16 文件（以及夹杂 GBK 行的 UTF-8 文件）就地转换为
         UTF-8（文字不变）。转换前，原文件整体复制到
         DATA_DIR/history/<n>/，不会丢失；每个文件先写临时文件再改名，不会写出半个文件

认不出编码的文件不转换，请用文本编辑器打开确认后另存为 UTF-8。数据文件是符号链接
（快捷方式）时不读取它，--fix 不转换任何文件（退出状态 1）。

退出状态：0 全部是 UTF-8（或已全部转换）；1 有文件不是 UTF-8 且未转换；2 用法错误。`,
  booleanFlags: ['fix'],
  async run(args, io) {
    const [dir] = expectPositional(args, ['DATA_DIR'], 'encoding');
    const abs = path.resolve(io.cwd, dir);
    if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw new UsageError(`${dir}：${notAFolderMessage(abs, io.cwd)}`);
    const found: { name: string; file: string; bytes: Buffer; encoding: Encoding }[] = [];
    const links: Diagnostic[] = [];
    let tooBig = 0;
    for (const kind of [...ROUND_FILES, ...OPTIONAL_FILES]) {
      const file = path.join(abs, `${kind}.yaml`);
      // lstat: a link (even a dangling one) is seen as a link, never read or written through
      if (!fs.lstatSync(file, { throwIfNoEntry: false })) continue;
      const link = symlinkProblem(file, io.cwd);
      if (link) {
        links.push(link);
        continue;
      }
      if (fs.statSync(file).size > maxFileBytes()) {
        io.out(`${displayPath(file, io.cwd)}：文件过大，未检查`);
        tooBig++;
        continue;
      }
      const bytes = fs.readFileSync(file);
      found.push({ name: `${kind}.yaml`, file, bytes, encoding: detectEncoding(bytes).encoding });
    }
    const bad = found.filter((f) => f.encoding !== 'utf8' && f.encoding !== 'utf8-bom');
    for (const f of found) {
      const label = f.encoding === 'unknown' ? '不是 UTF-8，认不出编码' : f.encoding === 'utf8' || f.encoding === 'utf8-bom' ? 'UTF-8' : `${ENCODING_LABEL[f.encoding]}，应转换为 UTF-8`;
      io.out(`${displayPath(f.file, io.cwd)}：${label}`);
    }
    if (links.length) {
      // as every command says it (src/load/round.ts); --fix converts nothing while a data file is a link
      for (const d of links) io.err(formatDiagnostic(d));
      io.err(args.flags.fix ? `有 ${links.length} 个数据文件是符号链接，未转换任何文件：请把链接换成文件本身后重试。` : `有 ${links.length} 个数据文件是符号链接，未检查其编码。`);
      return 1;
    }
    if (!bad.length) {
      io.err(tooBig ? '其余文件都是 UTF-8。' : '全部是 UTF-8，无需转换。');
      return tooBig ? 1 : 0;
    }
    if (!args.flags.fix) {
      io.err(`有 ${bad.length} 个文件不是 UTF-8。运行 tongbao encoding ${dir} --fix 转换（原文件留在 history/ 中）。`);
      return 1;
    }
    const convert = bad.filter((f) => CONVERTIBLE.has(f.encoding));
    const converted: { f: (typeof bad)[number]; text: string }[] = [];
    for (const f of convert) {
      try {
        converted.push({ f, text: decodeAs(f.bytes, f.encoding) });
      } catch {
        io.err(`${displayPath(f.file, io.cwd)}：无法按 ${ENCODING_LABEL[f.encoding]} 读出，未转换`);
      }
    }
    if (converted.length) {
      // Originals first, as one history folder; only then is anything replaced.
      const kept = archiveToHistory(abs, converted.map((c) => c.f.name));
      for (const { f, text } of converted) {
        writeFileAtomic(f.file, text);
        const sample = sampleLine(text);
        io.err(`已转换 ${displayPath(f.file, io.cwd)}：${ENCODING_LABEL[f.encoding]} → UTF-8${sample ? `（第一行中文：${sample}）` : ''}`);
      }
      io.err(`原文件已保存在 ${displayPath(path.join(abs, kept), io.cwd)}。请运行 tongbao check ${dir} 检查。`);
    }
    const left = bad.length - converted.length + tooBig;
    if (left) {
      io.err(`还有 ${left} 个文件未转换，请用文本编辑器打开确认后另存为 UTF-8。`);
      return 1;
    }
    return 0;
  },
};
