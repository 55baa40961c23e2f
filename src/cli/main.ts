// The command line: a table of commands, each in ./commands. Exit status: 0 ok, 1 data
// errors or findings, 2 usage errors, 3 (annexes) the notice would change. No stack traces
// for anything the user can fix.
import { DataError, SYSTEM_ERRORS, UsageError } from '../diagnostics';
import { OutputLockedError, OutputPathError } from '../write/atomic';
import { installInterruptCleanup } from '../write/interrupt';
import { parseArgs } from './args';
import type { Command, Io } from './command';
import { printDiagnostics } from './report';
import { SUMMARIES } from './summaries';
import { table } from './table';
import { toolVersion } from '../paths';
import { closest } from '../validate/suggest';
import { disposePrestarted, prestartAnnexWriter } from '../render/xlsx/parallel';

// Commands are loaded when run, after the annex worker is started, so that the worker's
// loading of exceljs overlaps with the pipeline's own start-up on the other core.
// Only the command being run is loaded (check and diff never pay for docx or exceljs).
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMAND_LOADERS: Record<keyof typeof SUMMARIES, () => Command> = {
  init: () => require('./commands/init').initCommand,
  check: () => require('./commands/check').checkCommand,
  import: () => require('./commands/import').importCommand,
  build: () => require('./commands/build').buildCommand,
  annexes: () => require('./commands/annexes').annexesCommand,
  diff: () => require('./commands/diff').diffCommand,
  verify: () => require('./commands/verify').verifyCommand,
  package: () => require('./commands/package').packageCommand,
  rectify: () => require('./commands/rectify').rectifyCommand,
  lint: () => require('./commands/lint').lintCommand,
  explain: () => require('./commands/explain').explainCommand,
  encoding: () => require('./commands/encoding').encodingCommand,
  compare: () => require('./commands/compare').compareCommand,
  trend: () => require('./commands/trend').trendCommand,
  serve: () => require('./commands/serve').serveCommand,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The commands that write the Excel annexes. */
const WRITES_ANNEXES = new Set(['build', 'annexes', 'package']);

/** Every command, in the order a user meets them: check the data, build, correct, hand off. */
export function commands(): Command[] {
  return Object.values(COMMAND_LOADERS).map((load) => load());
}

function command(name: string): Command | undefined {
  return Object.hasOwn(COMMAND_LOADERS, name) ? COMMAND_LOADERS[name as keyof typeof SUMMARIES]() : undefined;
}

const VERSION = toolVersion();

function mainHelp(): string {
  return `tongbao ${VERSION} —— 政府网站和政务新媒体检查情况通报生成工具

用法：tongbao <命令> [参数] [选项]

命令：
${table(Object.entries(SUMMARIES).map(([name, summary]) => ['  ' + name, summary]))}

tongbao <命令> --help 查看每个命令的用法。
数据格式见 README.md；数据文件夹包含 notice.yaml、sites.yaml、accounts.yaml。`;
}

/**
 * Lines to a standard stream whose reader may go away: `tongbao check … | head -1` closes the
 * pipe after one line, and the next write fails with EPIPE (an 'error' event, which unhandled
 * ends the process with a stack trace). Then the stream is given up quietly: the command still
 * finishes what it was doing (never stopped midway through writing files) and exits with its
 * own status, its remaining output dropped. Any other write error on the stream is the same
 * case (nobody reads it any more). The listener also covers the progress line's writes.
 */
export function lineWriter(stream: NodeJS.WritableStream): (t: string) => void {
  let gone = false;
  stream.on('error', () => {
    gone = true;
  });
  return (t) => {
    if (gone) return;
    stream.write(t.endsWith('\n') ? t : t + '\n');
  };
}

let standard: { out: (t: string) => void; err: (t: string) => void } | null = null;

export function defaultIo(): Io {
  standard ??= { out: lineWriter(process.stdout), err: lineWriter(process.stderr) };
  return {
    out: standard.out,
    err: standard.err,
    isTTY: !!process.stderr.isTTY,
    cwd: process.cwd(),
  };
}

export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (WRITES_ANNEXES.has(name) && !rest.includes('--help') && !rest.includes('-h')) prestartAnnexWriter();
  if (!name) {
    // no command is a usage error: the help says what to type
    io.err(mainHelp());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? command(rest[0]) : undefined;
    io.out(target ? target.usage : mainHelp());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(VERSION);
    return 0;
  }
  const cmd = command(name);
  if (!cmd) {
    // a mistyped command (chek) is answered with the nearest one, when it is near enough to be a typo
    const guess = closest(name, Object.keys(COMMAND_LOADERS));
    io.err(`未知命令“${name}”${guess ? `，是不是 ${guess}？` : '。'}可用命令：${Object.keys(COMMAND_LOADERS).join('、')}（tongbao --help 查看用法）`);
    return 2;
  }
  try {
    const args = parseArgs(rest, cmd, io.cwd);
    if (args.flags.help) {
      io.out(cmd.usage);
      return 0;
    }
    return await cmd.run(args, io);
  } catch (e) {
    if (e instanceof DataError) {
      printDiagnostics(io, e.diagnostics);
      return 1;
    }
    if (e instanceof UsageError) {
      io.err(`tongbao ${cmd.name}：${e.message}`);
      return 2;
    }
    if (e instanceof OutputLockedError) {
      io.err(`tongbao ${cmd.name}：${e.message}`);
      return 1;
    }
    if (e instanceof OutputPathError) {
      io.err(`tongbao ${cmd.name}：${e.message}`);
      return 2;
    }
    // The machine refused (disk full, no permission …) or a bug: one line in Chinese, without
    // a stack trace unless asked for (TONGBAO_DEBUG=1).
    const err = e as NodeJS.ErrnoException;
    const system = err.code ? SYSTEM_ERRORS[err.code] : undefined;
    io.err(`tongbao ${cmd.name}：${system ? `${system}：${err.path ?? ''}` : `出错了：${err.message ?? String(e)}`}`);
    if (process.env.TONGBAO_DEBUG) io.err(String(err.stack));
    return system ? 1 : 70;
  }
}

export async function main(argv: string[]): Promise<number> {
  const io = defaultIo();
  installInterruptCleanup((text) => io.err(`tongbao：${text}`));
  try {
    return await run(argv, io);
  } finally {
    await disposePrestarted();
  }
}
