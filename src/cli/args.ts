// A small, strict argument parser: unknown flags are usage errors (exit 2), not ignored.
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from '../diagnostics';
import { notAFolderMessage } from '../load/round';
import type { Command, ParsedArgs } from './command';

export function parseArgs(argv: string[], cmd: Pick<Command, 'name' | 'valueFlags' | 'booleanFlags'>, cwd?: string): ParsedArgs {
  const valueFlags = new Set(cmd.valueFlags ?? []);
  const booleanFlags = new Set([...(cmd.booleanFlags ?? []), 'help']);
  const out: ParsedArgs = { positional: [], flags: {}, ...(cwd === undefined ? {} : { cwd }) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h') {
      out.flags.help = true;
      continue;
    }
    if (!a.startsWith('--')) {
      if (a.startsWith('-') && a.length > 1) throw new UsageError(`未知选项 ${a}（tongbao ${cmd.name} --help 查看用法）`);
      out.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (valueFlags.has(name)) {
      const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`选项 --${name} 需要一个值`);
      out.flags[name] = value;
    } else if (booleanFlags.has(name)) {
      if (eq >= 0) throw new UsageError(`选项 --${name} 不带值`);
      out.flags[name] = true;
    } else {
      throw new UsageError(`未知选项 --${name}（tongbao ${cmd.name} --help 查看用法）`);
    }
  }
  return out;
}

/**
 * Exactly `n` positional arguments, named for the message. An argument named *DATA_DIR that is a
 * file (tongbao check data/2023-q4/sites.yaml) is a usage error, said the way loading says it (a
 * folder that is not there is left to loading: 找不到数据文件夹, status 1).
 */
export function expectPositional(args: ParsedArgs, names: string[], cmdName: string): string[] {
  if (args.positional.length !== names.length) {
    const got = args.positional.length;
    throw new UsageError(
      got < names.length
        ? `缺少参数 ${names.slice(got).join(' ')}（用法：tongbao ${cmdName} ${names.join(' ')}）`
        : `多余的参数：${args.positional.slice(names.length).join(' ')}（用法：tongbao ${cmdName} ${names.join(' ')}）`,
    );
  }
  if (args.cwd !== undefined) {
    names.forEach((name, i) => {
      if (!name.endsWith('DATA_DIR')) return;
      const abs = path.resolve(args.cwd!, args.positional[i]);
      if (fs.existsSync(abs) && !fs.statSync(abs).isDirectory()) throw new UsageError(`${args.positional[i]}：${notAFolderMessage(abs, args.cwd!)}`);
    });
  }
  return args.positional;
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}
