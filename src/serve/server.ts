// Start the page's server: 127.0.0.1 (or --host), port 7355 or the next free one.
import type { AddressInfo } from 'net';
import type { Server } from 'http';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from './app';
import type { AppOptions } from './app';
import { newToken } from './security';

export const DEFAULT_PORT = 7355;
export const DEFAULT_HOST = '127.0.0.1';

export interface ServeOptions extends Partial<Omit<AppOptions, 'bound' | 'token'>> {
  root: string;
  cwd: string;
  host?: string;
  /** 0: any free port; a busy port is refused unless `tryNext` */
  port?: number;
  /** when the port is busy, try the next ones (the default port only) */
  tryNext?: boolean;
  token?: string;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  token: string;
  server: Server;
  /** files the kept round states have read and parsed since the start */
  stats(): { reads: number; parses: number };
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? DEFAULT_HOST;
  const token = opts.token ?? newToken();
  const bound = { host, port: 0 };
  const { app, stats } = createApp({ ...opts, token, bound });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  let port = opts.port ?? DEFAULT_PORT;
  for (let tries = 0; ; tries++) {
    try {
      bound.port = await listen(server, port, host);
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && opts.tryNext && tries < 50) {
        port++;
        continue;
      }
      throw e;
    }
  }
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${bound.port}/`,
    host,
    port: bound.port,
    token,
    server,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
