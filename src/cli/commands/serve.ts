import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from '../../diagnostics';
import { DEFAULT_HOST, DEFAULT_PORT, startServer } from '../../serve/server';
import { stringFlag } from '../args';
import type { Command } from '../command';
import { SUMMARIES } from '../summaries';
import { stopWhenIdle } from '../../write/interrupt';

export const serveCommand: Command = {
  name: 'serve',
  summary: SUMMARIES.serve,
  usage: `用法：tongbao serve [DATA_ROOT] [--port N] [--host H]

在本机启动一个网页（不需要联网），列出 DATA_ROOT（默认 data/）下的各轮数据，
可以查看合计与不合格名单、逐项修改结果和问题、预览通报、生成、只更新附件、
打包送签稿和下载输出文件。启动后在浏览器中打开显示的地址；按 Ctrl+C 结束
（退出状态 0；正在生成、导入或打包时按 Ctrl+C 则中断它：删除未完成的临时文件，退出状态 130）。

  --port N  端口（默认 ${DEFAULT_PORT}，被占用时依次试后面的端口）
  --host H  监听地址（默认 ${DEFAULT_HOST}，只有本机能打开；改为其他地址时，
            同一网络中的其他电脑也能打开并修改数据，请谨慎）

输出文件写入 out/<轮次文件夹名>（与 tongbao build 相同）。说明见 docs/serve.md。

退出状态：0 正常结束（空闲时按 Ctrl+C 或收到 SIGTERM）；1 无法启动（端口被占用、文件夹不存在）；2 用法错误；
130／143 在生成、导入或打包进行中按 Ctrl+C／收到 SIGTERM（未完成的临时文件已删除）。`,
  valueFlags: ['port', 'host'],
  async run(args, io) {
    if (args.positional.length > 1) throw new UsageError(`多余的参数：${args.positional.slice(1).join(' ')}（用法：tongbao serve [DATA_ROOT]）`);
    const rootArg = args.positional[0] ?? 'data';
    const root = path.resolve(io.cwd, rootArg);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
      io.err(`tongbao serve：找不到数据文件夹 ${rootArg}`);
      return 1;
    }
    const portText = stringFlag(args, 'port');
    if (portText !== undefined && !/^\d{1,5}$/.test(portText)) throw new UsageError(`--port 应为 1–65535 的数字，而不是“${portText}”`);
    const port = portText === undefined ? DEFAULT_PORT : Number(portText);
    if (port < 1 || port > 65535) throw new UsageError(`--port 应为 1–65535 的数字，而不是“${portText}”`);
    let running;
    try {
      running = await startServer({ root, cwd: io.cwd, host: stringFlag(args, 'host'), port, tryNext: portText === undefined });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') io.err(`tongbao serve：端口 ${port} 已被占用，请用 --port 换一个`);
      else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') io.err(`tongbao serve：本机没有地址 ${stringFlag(args, 'host')}`);
      else if (code === 'EACCES') io.err(`tongbao serve：没有权限使用端口 ${port}，请换一个大于 1024 的端口`);
      else throw e;
      return 1;
    }
    io.out(`tongbao 网页已启动：${running.url}`);
    io.out(`数据文件夹：${rootArg}　（按 Ctrl+C 结束）`);
    if (running.host !== DEFAULT_HOST && running.host !== 'localhost') io.err(`注意：监听 ${running.host}，同一网络中的其他电脑也能打开这个网页。`);
    // Ctrl+C (or SIGTERM) while nothing is running is the normal end (0); during a build, import or
    // package it interrupts that job as in any command (write/interrupt.ts: temporary files removed, 130/143)
    await new Promise<void>((resolve) => {
      stopWhenIdle(() => void running.close().then(resolve));
    });
    io.out('已停止。');
    return 0;
  },
};
