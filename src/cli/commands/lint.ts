import * as fs from 'fs';
import * as path from 'path';
import { DataError } from '../../diagnostics';
import { loadRound } from '../../load/round';
import type { LoadedRound } from '../../load/round';
import { parseYamlText } from '../../load/yaml-file';
import type { SourceFile } from '../../load/yaml-file';
import { loadModel, modelOf, validatedOf } from '../../pipeline';
import { writeFileAtomic } from '../../write/atomic';
import { fixFile } from '../../lint/fix';
import { formatFinding } from '../../lint/format';
import { dataCounts } from '../../lint/data-counts';
import { noticeDisplayName, noticeParagraphs } from '../../lint/notice-text';
import type { DataCounts } from '../../lint/types';
import { lintRound, loadDefaultTerms, readDisable } from '../../lint/round';
import { readTerms } from '../../lint/terms';
import { RULES } from '../../lint/rules';
import { expectPositional } from '../args';
import type { Command, Io } from '../command';
import { printDiagnostics } from '../report';
import { SUMMARIES } from '../summaries';

const RULE_LIST = RULES.map((r) => `  ${r.id.padEnd(17)}${r.title}${r.fixable ? '（--fix 可修正）' : ''}`).join('\n');

/** The paragraphs of the rendered notice, or null (with a note) when the data does not build. */
async function renderedParagraphs(dir: string, io: Io, loaded: LoadedRound | null): Promise<{ paragraphs: string[]; name: string; counts: DataCounts } | null> {
  try {
    // the round read once for both the files' text and the notice (a national round is 20 MB)
    const model = loaded ? modelOf(validatedOf(loaded, io.cwd)) : await loadModel(dir, io.cwd);
    return { paragraphs: noticeParagraphs(model), name: noticeDisplayName(model), counts: dataCounts(model) };
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    io.err(`注意：数据有 ${e.diagnostics.length} 个错误，未能生成通报正文，只校对了数据文件（tongbao check 列出错误）。`);
    return null;
  }
}

function writeFixed(file: SourceFile, text: string): void {
  // Keep a byte-order mark the file had (the parser drops it).
  const bom = fs.readFileSync(file.path).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? '\ufeff' : '';
  writeFileAtomic(file.path, bom + text);
}

function reparse(loaded: LoadedRound, kind: 'notice' | 'sites' | 'accounts', text: string): void {
  const f = loaded.files[kind]!;
  loaded.files[kind] = parseYamlText(text, f.path, f.display).file;
}

export const lintCommand: Command = {
  name: 'lint',
  summary: SUMMARIES.lint,
  usage: `用法：tongbao lint DATA_DIR [--fix]

校对 DATA_DIR 中由人输入的文字（notice.yaml 的标题、主送机关、依据、问题和要求，
sites.yaml、accounts.yaml 的名称、主办单位和问题曝光情况）以及按数据生成的通报正文，
每条意见一行：

  文件:行:列: [规则] 说明（建议：改法）

通报正文中的意见以“通报文件名:段落序号:列”标出（段落序号从标题算起，不计空行和表格）。

  --fix  就地修正可安全修正的问题（半角标点、直引号、省略号和破折号、全角数字），
         只改这些字符，注释和排版不变；其余意见照常列出

规则：
${RULE_LIST}

在 notice.yaml 中写 lint: {disable: [规则, …]} 可关闭规则。用词表为数据文件夹中的
terms.yaml，没有时用项目的 data/terms.yaml。详见 docs/lint.md。

退出状态：0 没有意见；1 有意见（或 YAML 有语法错误）；2 用法错误。`,
  booleanFlags: ['fix'],
  async run(args, io) {
    const [dir] = expectPositional(args, ['DATA_DIR'], 'lint');
    const loaded = loadRound(dir, io.cwd);
    if (loaded.diagnostics.length || !loaded.files.notice) {
      printDiagnostics(io, loaded.diagnostics);
      return 1;
    }
    const terms = loaded.files.terms ? readTerms(loaded.files.terms) : loadDefaultTerms();
    let fixedAny = false;
    if (args.flags.fix) {
      const { disable } = readDisable(loaded.files.notice);
      for (const kind of ['notice', 'sites', 'accounts'] as const) {
        const file = loaded.files[kind];
        if (!file) continue;
        const { text, fixed } = fixFile(file, kind, { disable, terms: terms.list });
        if (text === file.text) continue;
        writeFixed(file, text);
        reparse(loaded, kind, text);
        fixedAny = true;
        io.err(`已修正 ${file.display}：${fixed} 处`);
      }
    }
    // after --fix changed a file, the model is built from the files as now written
    const rendered = await renderedParagraphs(path.resolve(io.cwd, dir), io, fixedAny ? null : loaded);
    const { notice, sites, accounts } = loaded.files;
    const findings = lintRound({ notice, sites, accounts }, undefined, rendered?.paragraphs, {
      noticeName: rendered?.name,
      terms: terms.list,
      counts: rendered?.counts,
    });
    const all = [...terms.diagnostics, ...findings];
    for (const d of all) io.out(formatFinding(d));
    if (all.length) {
      io.err(`共 ${all.length} 条校对意见。`);
      return 1;
    }
    io.err(`校对完毕，没有意见：${dir}`);
    return 0;
  },
};
