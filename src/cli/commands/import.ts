import * as fs from 'fs';
import * as path from 'path';
import type { LedgerImport } from '../../rectify/import';
import { formatDiagnostic } from '../../diagnostics';
import { importWorkbook, WorkbookError } from '../../import';
import type { ImportResult } from '../../import';
import type { ImportChange } from '../../import/plan';
import { sheetRef } from '../../import/plan';
import { OutputLockedError, OutputPathError } from '../../write/atomic';
import { displayPath } from '../../load/yaml-file';
import { fillSummary } from '../../validate/unfilled';
import { expectPositional } from '../args';
import type { Command, Io } from '../command';
import { table } from '../table';
import { SUMMARIES } from '../summaries';

/** Problems shown; the rest are counted (a sheet of a million unknown rows is one screen, not a million lines). */
export const SHOWN_PROBLEMS = 100;

function problemLines(io: Io, wb: string, list: { at: string; message: string }[], total: number): void {
  for (const p of list.slice(0, SHOWN_PROBLEMS)) io.err(`${wb}${p.at ? ` ${p.at}` : ''}: 错误: ${p.message}`);
  if (total > SHOWN_PROBLEMS) io.err(`……另有 ${total - SHOWN_PROBLEMS} 个错误未列出（改正以上各处后再导入，会列出其余的）`);
  io.err(`共 ${total} 个错误，未改动任何文件。`);
}

function changeTable(list: ImportChange[], how: boolean): string {
  const rows = [['单元格', '位置', '名称', '项目', '原值', '新值', ...(how ? ['对应方式'] : [])]];
  for (const c of list) rows.push([c.at, c.area, c.unit, c.field, c.old, c.new, ...(how ? [c.matchedBy] : [])]);
  return table(rows).replace(/^/gm, '  ');
}

function report(io: Io, r: ImportResult, dataDir: string, wb: string, apply: boolean, rename: boolean): number {
  // what each sheet was read as, and what was not read: said before anything else
  const read = r.sheets.map((s) => `${s.name} ${s.rows} 行${s.how ? `（${s.how}）` : ''}`).join('、') || '无';
  if (r.sheets.length || !r.problems.length) io.out(`读取 ${wb}：${read}`);
  if (r.skipped.length) io.out(`未读取的工作表：${r.skipped.join('、')}`);
  if (r.ignored.length) io.out(`未导入的列（templates/import-headers.yaml 的 ignore 中所列）：${r.ignored.join('、')}`);
  if (r.problems.length) {
    problemLines(io, wb, r.problems, r.problems.length + r.moreProblems);
    return 1;
  }
  if (!r.changes.length) {
    io.out(`工作簿与 ${dataDir} 的数据一致，没有需要导入的改动。`);
    return 0;
  }
  const plain = r.changes.filter((c) => !c.confirm);
  const renames = r.changes.filter((c) => c.confirm);
  if (plain.length) {
    io.out(`\n将改动 ${plain.length} 处：`);
    io.out(changeTable(plain, false));
  }
  if (renames.length) {
    const units = new Set(renames.map((c) => `${c.area}${c.unit}`)).size;
    io.out(`\n改名或改网址 ${units} 个单位、${renames.length} 处${rename ? '（已用 --rename 确认）' : '（须确认：这些行的名称或网址与数据不同，是按下列方式对应上的，不一定是同一个单位）'}：`);
    io.out(changeTable(renames, true));
    if (!rename) io.out(`以上 ${renames.length} 处不会写入：核对确是同一单位后，加 --rename 一并写入。`);
  }
  if (r.untouched) io.out(`（表中没有的 ${r.untouched} 个单位不变）`);
  if (!plain.length && !rename) {
    io.out('\n没有可直接写入的改动，未改动任何文件。');
    return 0;
  }
  const blocking = r.after.filter((d) => !('fill' in d));
  if (blocking.length) {
    io.err(
      r.brokenBefore
        ? `\n${dataDir} 的数据本身有错误，请先改正（tongbao check ${dataDir} 可列出）；按工作簿改动后的错误如下（未改动任何文件）：`
        : '\n按工作簿改动后，数据会有以下错误（所列位置是改动后的文件；未改动任何文件）：',
    );
    for (const d of blocking) io.err(formatDiagnostic(d));
    io.err(`共 ${blocking.length} 个错误，未改动任何文件。`);
    return 1;
  }
  if (r.diff) {
    io.out('\n合计：');
    const t = [['类别', '原', '新', '']];
    for (const x of r.diff.totals) t.push([x.label, `${x.old}`, `${x.new}`, x.new === x.old ? '' : x.new > x.old ? `+${x.new - x.old}` : `${x.new - x.old}`]);
    io.out(table(t, ['left', 'right', 'right', 'left']).replace(/^/gm, '  '));
    if (!r.diff.notice.length) io.out('\n通报正文所写内容不变。');
    else {
      io.out('\n通报正文将有以下不同：');
      for (const n of r.diff.notice) io.out(`  ${n}`);
    }
  } else {
    const left = fillSummary(r.after);
    if (left.length) io.out(`\n导入后：\n${left.map((l) => `  ${l}`).join('\n')}`);
  }
  if (!apply) {
    io.out('\n这是预览，没有改动任何文件。确认无误后加 --apply 写入。');
    return 0;
  }
  const c = r.commit!;
  io.out(`\n已写入 ${c.changed.join('、')}${c.history ? `；原文件存入 ${path.join(dataDir, c.history)}${path.sep}` : ''}`);
  if (fillSummary(r.after).length) io.out(`还有未填写的项目：填完后运行 tongbao check ${dataDir} 核对，再生成通报。`);
  else io.out(r.diff && r.diff.notice.length ? '通报内容有变化：请运行 tongbao build 重新生成。' : '请运行 tongbao build（或只改了附件内容时 tongbao annexes）重新生成。');
  return 0;
}

function ledgerReport(io: Io, r: LedgerImport, dataDir: string, wb: string, apply: boolean): number {
  if (r.problems.length) {
    for (const p of r.problems) io.err(`${wb} ${p.at}: 错误: ${p.message}`);
    io.err(`共 ${r.problems.length} 个错误，未改动任何文件。`);
    return 1;
  }
  io.out(`读取 ${wb}：${r.sheet} ${r.rows} 行（整改台账，导入 ${path.join(dataDir, 'rectify.yaml')}）`);
  if (!r.changes.length) {
    io.out(`整改台账与 ${path.join(dataDir, 'rectify.yaml')} 一致，没有需要导入的改动。`);
    return 0;
  }
  io.out(`\n将改动 ${r.changes.length} 处：`);
  const rows = [['单元格', '名称', '项目', '原值', '新值']];
  for (const c of r.changes) rows.push([c.at, c.unit, c.field, c.old, c.new]);
  io.out(table(rows).replace(/^/gm, '  '));
  if (r.after.length) {
    io.err('\n按整改台账改动后，rectify.yaml 会有以下错误（未改动任何文件）：');
    for (const d of r.after) io.err(d);
    io.err(`共 ${r.after.length} 个错误，未改动任何文件。`);
    return 1;
  }
  if (!apply) {
    io.out('\n这是预览，没有改动任何文件。确认无误后加 --apply 写入。');
    return 0;
  }
  const c = r.commit!;
  io.out(`\n已${r.created ? '新建' : '写入'} ${path.join(dataDir, 'rectify.yaml')}${c.history ? `；原文件存入 ${path.join(dataDir, c.history)}${path.sep}` : ''}`);
  io.out('请运行 tongbao rectify 重新生成整改台账。');
  return 0;
}

export const importCommand: Command = {
  name: 'import',
  summary: SUMMARIES.import,
  usage: `用法：tongbao import DATA_DIR WORKBOOK.xlsx [--apply] [--rename]

读取工作簿，把其中与 DATA_DIR 数据不同的内容导入 YAML 文件。认得的工作簿：
  · 本工具生成的附件1、附件2（在 Excel/WPS 中改过结果、问题、名称，排过序、
    删过行都可以；“数据”表也读）；
  · 带中文表头的普通名单或结果表，列名见 templates/import-headers.yaml
    （名称、网址、主办单位、平台、级别、结果、问题、2024年1月、3月、3月份、三月 等）。
  · tongbao rectify 生成的整改台账（填好报送日期、整改情况、复查结果后导入
    rectify.yaml，见 docs/rectify.md）。
每一列都要认得：认不出的表头、没有表头的列都报错（指出单元格和最接近的列名），
有意不导入的列（备注等）写在 templates/import-headers.yaml 的 ignore 中。
每张表按什么读（网站还是账号）看它的表头和名称，读取时说明。

按身份对应单位，不按行号：网站按网址（其次名称），账号按名称和平台（改了名的
账号按主办单位）。名称后写的平台，如“某某局（政务微信）”，只用来区分平台。
表中没有的单位不变；表中有、数据中没有的单位报错。

不加 --apply 时只列出将改动的每一处（单元格、单位、项目、原值 → 新值）和对
通报合计数、不合格名单的影响，不写任何文件。加 --apply 时只改动这些值，注释
和格式不变，原文件存入 DATA_DIR/history/<n>/。
改名或改网址（名称、网址与数据不同，按网址、名称或主办单位对应上的行）单独列出
并计数，只有再加 --rename 确认后才写入；只加 --apply 不会改名。

工作簿有问题时（找不到的单位、对应不唯一、结果不是合格/不合格、月份不在本轮、
没有结果的公式或错误值、合并单元格、认不出的列、文件损坏或超出上限），全部列出
（最多显示 100 条，其余计数），格式为
WORKBOOK.xlsx 工作表!单元格: 错误: 说明，退出状态 1，不写任何文件。
工作簿的上限：最多 10,000 个部件，每个部件解压后不超过 512 MB（共享字符串表
100 MB），合计不超过 1 GB，压缩比不超过 200 倍；读取时不写任何临时文件。

退出状态：0 预览或写入完成；1 工作簿或数据有错误；2 用法错误。`,
  booleanFlags: ['apply', 'rename'],
  async run(args, io) {
    const [dir, wb] = expectPositional(args, ['DATA_DIR', 'WORKBOOK.xlsx'], 'import');
    const apply = !!args.flags.apply;
    const rename = !!args.flags.rename;
    const shown = displayPath(path.resolve(io.cwd, wb), io.cwd);
    // a 整改台账 (tongbao rectify's ledger) goes to rectify.yaml, not to the round's files
    const { isLedgerWorkbook, importLedger } = await import('../../rectify/import');
    if (fs.existsSync(path.resolve(io.cwd, wb)) && (await isLedgerWorkbook(path.resolve(io.cwd, wb)))) {
      return ledgerReport(io, await importLedger(dir, wb, { apply, cwd: io.cwd }), dir, shown, apply);
    }
    let r: ImportResult;
    try {
      r = await importWorkbook(dir, wb, { apply, rename, cwd: io.cwd });
    } catch (e) {
      if (e instanceof WorkbookError) {
        const at = e as WorkbookError & { sheet?: string; ref?: string };
        if (typeof at.sheet === 'string') {
          // a problem inside a sheet: where it is, as every other workbook problem
          problemLines(io, shown, [{ at: at.ref ? sheetRef(at.sheet, at.ref) : at.sheet, message: e.message }], 1);
          return 1;
        }
        io.err(`tongbao import：${e.message.split(path.resolve(io.cwd, wb)).join(shown)}`);
        return 1;
      }
      // import writes the data folder itself: there is no other place (no --out) to offer
      const code = (e as NodeJS.ErrnoException).code;
      if (e instanceof OutputLockedError || e instanceof OutputPathError || (code && ['EACCES', 'EPERM', 'EROFS', 'EBUSY'].includes(code))) {
        io.err(`tongbao import：无法写入数据文件夹 ${dir}：文件夹或其中的文件是只读的、没有写入权限，或正被其他程序占用。请检查文件夹属性（或把数据文件夹复制到可写的位置再导入）；原有文件都未改动。`);
        return 1;
      }
      throw e;
    }
    return report(io, r, dir, shown, apply, rename);
  },
};
