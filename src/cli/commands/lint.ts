import * as path from 'path';
import { DataError, errorCount, sortDiagnostics } from '../../diagnostics';
import { loadRound } from '../../load/round';
import type { LoadedRound } from '../../load/round';
import { parseYamlText } from '../../load/yaml-file';
import type { SourceFile } from '../../load/yaml-file';
import { loadModel, modelOf, validatedOf } from '../../pipeline';
import { commitTexts, StaleFileError } from '../../edit/commit';
import type { DataFileName } from '../../edit/apply';
import { displayPath } from '../../load/yaml-file';
import { fixFile } from '../../lint/fix';
import { formatFinding } from '../../lint/format';
import { dataCounts } from '../../lint/data-counts';
import { noticeDisplayName, noticeParagraphs } from '../../lint/notice-text';
import type { DataCounts, LintDiagnostic } from '../../lint/types';
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
    io.err(`注意：数据有 ${errorCount(e.diagnostics)} 个错误，未能生成通报正文，只校对了数据文件（tongbao check 列出错误）。`);
    return null;
  }
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
         只改这些字符，注释和排版不变；改前的原文件存入 DATA_DIR/history/<n>/，
         没有可修正的就不写任何文件。单位名称、主办单位和 failing_order 中的名称
         是各轮、各工作簿对应单位的依据，不自动修正，在标准错误上逐处列出
         （文件:行:列 和建议的写法），由您决定；其余意见照常列出

规则：
${RULE_LIST}

在 notice.yaml 中写 lint: {disable: [规则, …]} 可关闭规则。用词表为数据文件夹中的
terms.yaml，没有时用项目的 data/terms.yaml。详见 docs/lint.md。

退出状态：0 没有意见；1 有意见（或 YAML 有语法错误，或 --fix 时文件在校对过程中被别处修改过）；2 用法错误。`,
  booleanFlags: ['fix'],
  async run(args, io) {
    const [dir] = expectPositional(args, ['DATA_DIR'], 'lint');
    const loaded = loadRound(dir, io.cwd);
    if (loaded.diagnostics.length || !loaded.files.notice) {
      printDiagnostics(io, sortDiagnostics([...loaded.diagnostics, ...loaded.warnings]));
      return 1;
    }
    // a terms.yml, a copy of sites.yaml …: not read, said first (not a finding: the status is the findings')
    printDiagnostics(io, loaded.warnings);
    const terms = loaded.files.terms ? readTerms(loaded.files.terms) : loadDefaultTerms();
    let fixedAny = false;
    if (args.flags.fix) {
      const { disable } = readDisable(loaded.files.notice);
      const fixes = new Map<DataFileName, { kind: 'notice' | 'sites' | 'accounts'; file: SourceFile; text: string; fixed: number }>();
      const held: LintDiagnostic[] = [];
      for (const kind of ['notice', 'sites', 'accounts'] as const) {
        const file = loaded.files[kind];
        if (!file) continue;
        const r = fixFile(file, kind, { disable, terms: terms.list });
        held.push(...r.held);
        if (r.text !== file.text) fixes.set(`${kind}.yaml`, { kind, file, text: r.text, fixed: r.fixed });
      }
      if (fixes.size) {
        const dataDir = path.resolve(io.cwd, dir);
        let saved;
        try {
          saved = commitTexts(dataDir, [...fixes.keys()], (name, current) => {
            const fix = fixes.get(name)!;
            // Keep a byte-order mark the file had (the parser drops it); refuse a file changed since it was read.
            const bom = current.startsWith('\ufeff') ? '\ufeff' : '';
            if (current.slice(bom.length) !== fix.file.text) throw new StaleFileError(name);
            return bom + fix.text;
          });
        } catch (e) {
          if (!(e instanceof StaleFileError)) throw e;
          io.err(`${displayPath(path.join(dataDir, e.file), io.cwd)} 在校对过程中被别处修改过，为免覆盖那些修改，这次没有修正任何文件：请再运行一次`);
          return 1;
        }
        for (const [, fix] of fixes) {
          reparse(loaded, fix.kind, fix.text);
          io.err(`已修正 ${fix.file.display}：${fix.fixed} 处`);
        }
        fixedAny = true;
        if (saved.history) io.err(`原文件已保存在 ${displayPath(path.join(dataDir, saved.history), io.cwd)}`);
      }
      if (held.length) {
        io.err(`以下 ${held.length} 处在单位名称、主办单位或 failing_order 中，--fix 没有改，请您决定：`);
        for (const d of held) io.err(formatFinding(d));
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
