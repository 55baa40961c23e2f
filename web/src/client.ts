// Requests to the server (docs/serve.md). Each endpoint is typed with the shapes in
// api-types.ts, which the server's handlers use too.
import type { ActionAnswer, EditRequest, ErrorAnswer, FilesAnswer, HistoryAnswer, ImportRequest, InitAnswer, InitRequest, OverviewAnswer, PackageRequest, RectifyAnswer, RectifyRequest, RestoreRequest, RoundView, RoundsList, UnitsFound, VersionDiff } from './api-types.js';

const TOKEN = document.querySelector('meta[name="tongbao-token"]')?.getAttribute('content') ?? '';

export const enc = encodeURIComponent;
export const roundUrl = (name: string, rest = ''): string => `/api/rounds/${enc(name)}${rest}`;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly data: ErrorAnswer | null,
  ) {
    super(message);
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: '请求有误，服务没有执行。',
  403: '服务拒绝了这个请求（页面可能已过期，请刷新页面后再试）。',
  404: '没有找到要找的内容（这一轮的文件夹可能已被移走或改名）。',
  409: '数据文件已在别处被修改，这次修改没有保存。',
  413: '内容太大，服务没有接收。',
  422: '填写的内容不符合数据格式要求，没有保存。',
  500: '服务内部出错，请查看运行 tongbao serve 的命令行窗口。',
};

/** fetch a JSON answer; state-changing requests are POSTed as JSON with the page's token. */
export async function api<T>(path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const opts: RequestInit = { method: 'GET', headers, credentials: 'same-origin' };
  if (body !== undefined) {
    opts.method = 'POST';
    headers['Content-Type'] = 'application/json';
    headers['X-Tongbao-Token'] = TOKEN;
    opts.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, opts);
  } catch {
    throw new ApiError(0, '无法连接到通报助手服务。请确认运行 tongbao serve 的命令行窗口没有关闭，然后刷新页面。', null);
  }
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = data as ErrorAnswer | null;
    const msg = err && typeof err.error === 'string' ? err.error : STATUS_TEXT[res.status] ?? `服务返回了错误（${res.status}）。`;
    throw new ApiError(res.status, msg, err);
  }
  return data as T;
}

/** The endpoints, one function each. */
export const API = {
  rounds: () => api<RoundsList>('/api/rounds'),
  init: (req: InitRequest) => api<InitAnswer>('/api/init', req),
  round: (name: string) => api<RoundView>(roundUrl(name)),
  overview: (name: string) => api<OverviewAnswer>(roundUrl(name, '/overview')),
  units: (name: string, q: string) => api<UnitsFound>(roundUrl(name, `/units?q=${enc(q)}`)),
  files: (name: string) => api<FilesAnswer>(roundUrl(name, '/files')),
  edit: (name: string, req: EditRequest) => api<RoundView>(roundUrl(name, '/edit'), req),
  build: (name: string) => api<ActionAnswer>(roundUrl(name, '/build'), {}),
  annexes: (name: string) => api<ActionAnswer>(roundUrl(name, '/annexes'), {}),
  package: (name: string, req: PackageRequest) => api<ActionAnswer>(roundUrl(name, '/package'), req),
  import: (name: string, req: ImportRequest) => api<ActionAnswer>(roundUrl(name, '/import'), req),
  history: (name: string) => api<HistoryAnswer>(roundUrl(name, '/history')),
  version: (name: string, n: number) => api<VersionDiff>(roundUrl(name, `/history/${n}`)),
  restore: (name: string, req: RestoreRequest) => api<RoundView>(roundUrl(name, '/restore'), req),
  rectify: (name: string) => api<RectifyAnswer>(roundUrl(name, '/rectify')),
  saveRectify: (name: string, req: RectifyRequest) => api<RectifyAnswer>(roundUrl(name, '/rectify'), req),
  downloadUrl: (name: string, path: string) => roundUrl(name, `/download?path=${enc(path)}`),
};
