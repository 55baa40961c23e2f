// Requests a script or a clerk might send that the server must refuse, each leaving everything
// as it was: the data and output folders byte for byte with their mtimes, no history entry, no
// temporary file in the temp folder, the round as the server shows it. Errors are Chinese and say
// where as a clerk reads it, without the server's absolute paths. In-process (createApp).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createApp } from '../../src/serve/app';
import { runImport } from '../../src/serve/actions';
import { convertToPdf } from '../../src/handoff/pdf';
import { cleanUpAfter, pendingTemps } from '../../src/write/interrupt';
import { SEED_DIR } from '../support/round-fixture';
import { tempDir } from '../support/tmp';

const TOKEN = 'a'.repeat(64);
const HOST = '127.0.0.1:7355';

let work: string;
let app: ReturnType<typeof createApp>['app'];

const roundDir = () => path.join(work, 'data', '2023-q4');

// one server for the file: every request here is refused, so the round stays as copied (each
// test removes the links and folders it made)
beforeAll(() => {
  work = tempDir('tongbao-refusals-');
  fs.mkdirSync(path.join(work, 'data'));
  fs.cpSync(SEED_DIR, roundDir(), { recursive: true });
  app = createApp({ root: path.join(work, 'data'), cwd: work, token: TOKEN, bound: { host: '127.0.0.1', port: 7355 } }).app;
});

afterEach(() => {
  for (const made of [path.join(work, 'out'), path.join(work, 'elsewhere'), path.join(roundDir(), 'history')]) fs.rmSync(made, { recursive: true, force: true });
});


interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

async function send(method: string, p: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = { Host: HOST };
  if (method !== 'GET') Object.assign(headers, { 'Content-Type': 'application/json', 'X-Tongbao-Token': TOKEN, Origin: `http://${HOST}` });
  const res = await app.request(p, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // a download
  }
  return { status: res.status, json };
}

/** Every entry under the work folder (data, out) with its bytes and mtime. */
function snapshot(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      const st = fs.lstatSync(f);
      if (e.isSymbolicLink()) out.set(f, `-> ${fs.readlinkSync(f)}`);
      else if (e.isDirectory()) {
        out.set(f, `dir ${st.mtimeMs}`);
        walk(f);
      } else out.set(f, `${st.mtimeMs} ${fs.readFileSync(f).toString('base64')}`);
    }
  };
  walk(work);
  return out;
}

/** What the server shows of the round: file hashes, preview, history. */
async function shown(): Promise<string> {
  const v = (await send('GET', '/api/rounds/2023-q4')).json;
  const h = (await send('GET', '/api/rounds/2023-q4/history')).json;
  return JSON.stringify({ hashes: v.hashes, previewKey: v.previewKey, errors: v.errors, diagnostics: v.diagnostics, history: h });
}

/** Send a request that must be refused: nothing on disk or in the server changes. */
async function refused(method: string, p: string, body?: unknown): Promise<Answer> {
  const before = snapshot();
  const seen = await shown();
  const a = await send(method, p, body);
  expect(snapshot()).toEqual(before);
  expect(pendingTemps()).toEqual([]);
  expect(await shown()).toBe(seen);
  return a;
}

describe('an import leaves no temporary folder, whatever happens', () => {
  const cases: [string, string, Buffer][] = [
    ['not a zip', 'a.xlsx', Buffer.from('hello')],
    ['empty', 'a.xlsx', Buffer.alloc(0)],
    ['a zip without its directory', 'a.xlsx', Buffer.from('PK\u0003\u0004broken')],
  ];
  test.each(cases)('%s: the temp folder is registered for the interrupt cleanup while the import runs, and gone after', async (_what, name, bytes) => {
    const t = { dataDir: roundDir(), outDir: path.join(work, 'out', '2023-q4'), cwd: work };
    const running = runImport(t, name, bytes, false);
    const pending = pendingTemps();
    expect(pending).toEqual([expect.stringMatching(/[\\/]tongbao-import-[^\\/]+$/)]);
    expect(path.dirname(pending[0])).toBe(os.tmpdir());
    expect(fs.existsSync(pending[0])).toBe(true);
    const r = await running;
    expect(r.ok).toBe(false);
    expect(pendingTemps()).toEqual([]);
    expect(fs.existsSync(pending[0])).toBe(false);
  });

  test('Ctrl+C (SIGINT) or SIGTERM during an import removes its temp folder', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const t = { dataDir: roundDir(), outDir: path.join(work, 'out', '2023-q4'), cwd: work };
      const running = runImport(t, 'a.xlsx', Buffer.from('hello'), false).catch(() => null);
      const [folder] = pendingTemps();
      expect(fs.existsSync(folder)).toBe(true);
      expect(await cleanUpAfter(signal)).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(fs.existsSync(folder)).toBe(false);
      await running;
      expect(fs.existsSync(folder)).toBe(false);
    }
  });
});

describe('nothing is written through an output folder that is a symbolic link', () => {
  // [the link, what the answer names]
  const links: [string, string][] = [
    ['out', 'out'],
    ['out/2023-q4', 'out/2023-q4'],
    ['out/2023-q4/history', 'out/2023-q4/history'],
  ];
  const cases = links.flatMap(([link, named]) => ['build', 'annexes', 'package'].map((action) => [action, link, named] as const));
  test.each(cases)('%s with %s a link', async (action, link, named) => {
    const elsewhere = path.join(work, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.mkdirSync(path.dirname(path.join(work, link)), { recursive: true });
    fs.symlinkSync(elsewhere, path.join(work, link));
    const a = await refused('POST', `/api/rounds/2023-q4/${action}`, {});
    expect(a.status).toBe(422);
    expect(a.json.error).toBe(`输出文件夹 ${named} 是符号链接（快捷方式）：为安全起见，网页不向它写入，未做任何改动`);
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });
});

describe('nothing is written through a history folder that is a symbolic link', () => {
  const requests: [string, (hashes: unknown) => unknown][] = [
    ['edit', (hashes) => ({ hashes, edits: [{ op: 'set', file: 'accounts.yaml', path: ['weibo', 'department', 1, 'results', 0], value: '不合格' }] })],
    ['restore', (hashes) => ({ n: 1, hashes })],
    ['import', () => ({ filename: 'a.xlsx', base64: Buffer.from('hello').toString('base64'), apply: true })],
    ['rectify', () => ({ hash: null, changes: [] })],
  ];
  test.each(requests)('%s is refused', async (action, body) => {
    const elsewhere = path.join(work, 'elsewhere');
    fs.mkdirSync(path.join(elsewhere, '1'), { recursive: true });
    fs.copyFileSync(path.join(roundDir(), 'notice.yaml'), path.join(elsewhere, '1', 'notice.yaml'));
    fs.symlinkSync(elsewhere, path.join(roundDir(), 'history'));
    const hashes = (await send('GET', '/api/rounds/2023-q4')).json.hashes;
    const a = await refused('POST', `/api/rounds/2023-q4/${action}`, body(hashes));
    expect(a.status).toBe(422);
    expect(a.json.error).toBe('history 文件夹（历史版本） 是符号链接（快捷方式）：为安全起见，网页不读取也不修改它们，未做任何改动');
    // nor is it read: no versions listed
    expect((await send('GET', '/api/rounds/2023-q4/history')).json.versions).toEqual([]);
    expect((await send('GET', '/api/rounds/2023-q4/history/1')).status).toBe(404);
  });
});

describe('a body with a key naming prototype machinery, or nested too deep, is refused (400) before anything is looked at', () => {
  const edit = (h: string) => `[{"op":"set","file":"accounts.yaml","path":["weibo","department",1,"results",0],"value":"不合格"${h}}]`;
  // [endpoint, body as sent (HASHES stands for the file hashes), the key named]
  const cases: [string, string, string][] = [
    ['edit', `{"hashes":HASHES,"edits":${edit(',"__proto__":{"index":0}')}}`, '__proto__'],
    ['edit', `{"hashes":HASHES,"edits":${edit(',"constructor":1')}}`, 'constructor'],
    ['edit', `{"hashes":HASHES,"edits":${edit('')},"prototype":{}}`, 'prototype'],
    ['edit', `{"hashes":{"__proto__":{"accounts.yaml":"x"}},"edits":${edit('')}}`, '__proto__'],
    ['edit', `{"hashes":HASHES,"edits":[{"op":"set","file":"notice.yaml","path":["basis"],"value":[[{"__proto__":1}]]}]}`, '__proto__'],
    ['restore', '{"n":1,"hashes":HASHES,"__proto__":{"n":2}}', '__proto__'],
    ['build', '{"__proto__":{"pdf":true}}', '__proto__'],
    ['package', '{"pdf":false,"constructor":{"prototype":1}}', 'constructor'],
    ['annexes', '{"prototype":1}', 'prototype'],
    ['import', '{"filename":"a.xlsx","base64":"","apply":true,"__proto__":{}}', '__proto__'],
    ['rectify', '{"hash":null,"changes":[{"key":"x","review":"合格","constructor":1}]}', 'constructor'],
    ['../../init', '{"from":"2023-q4","quarter":"2024-Q1","name":"2024-q1","__proto__":{}}', '__proto__'],
  ];
  test.each(cases)('%s: %s', async (endpoint, body, key) => {
    const hashes = JSON.stringify((await send('GET', '/api/rounds/2023-q4')).json.hashes);
    const a = await refused('POST', path.posix.join('/api/rounds/2023-q4', endpoint), body.replace('HASHES', hashes));
    expect(a.status).toBe(400);
    expect(a.json.error).toBe(`请求中有不允许的字段名“${key}”（__proto__、prototype、constructor 一律不接受），未做任何改动`);
  });

  test.each([
    ['a value nested 100,000 deep', (h: string) => `{"hashes":${h},"edits":[{"op":"set","file":"notice.yaml","path":["title"],"value":${'['.repeat(100000)}1${']'.repeat(100000)}}]}`],
    ['a value nested 65 deep', (h: string) => `{"hashes":${h},"edits":[{"op":"set","file":"notice.yaml","path":["title"],"value":${'{"a":'.repeat(65)}1${'}'.repeat(65)}}]}`],
  ])('%s: 400 in Chinese, not a stack overflow', async (_what, body) => {
    const hashes = JSON.stringify((await send('GET', '/api/rounds/2023-q4')).json.hashes);
    const a = await refused('POST', '/api/rounds/2023-q4/edit', body(hashes));
    expect(a.status).toBe(400);
    expect(a.json.error).toBe('请求的内容嵌套超过 64 层，未做任何改动');
  });

  test.each(['__proto__', 'prototype', 'constructor'])('新建一季度 refuses the folder name %s', async (name) => {
    const a = await refused('POST', '/api/init', { from: '2023-q4', quarter: '2024-Q1', name });
    expect(a.status).toBe(400);
    expect(a.json.error).toBe(`文件夹名“${name}”不能用：不能含有 / \\ : * ? " < > | 等字符，不能以 . 开头，也不能是 __proto__、prototype、constructor`);
  });
});

describe('a value of the wrong type is refused (400), not taken as a default', () => {
  const unit = { name: '新单位', owner: '某局', results: ['合格', '合格', '合格'] };
  const cases: [string, (hashes: unknown) => unknown, string][] = [
    ['package', () => ({ pdf: 'yes' }), '请求格式不对：pdf 应为 true 或 false'],
    ['package', () => ({ pdf: 1 }), '请求格式不对：pdf 应为 true 或 false'],
    ['import', () => ({ filename: 'a.xlsx', base64: '', apply: 'true' }), '请求格式不对：apply 应为 true 或 false'],
    ['import', () => ({ filename: 'a.xlsx', base64: '', apply: true, rename: 1 }), '请求格式不对：rename 应为 true 或 false'],
    ...['0', 1.5, -1, null].map((index): [string, (hashes: unknown) => unknown, string] => [
      'edit',
      (hashes) => ({ hashes, edits: [{ op: 'insert', file: 'accounts.yaml', path: ['weibo', 'department'], value: unit, index }] }),
      '新增的位置（index）应为从 0 起的整数',
    ]),
  ];
  test.each(cases)('%s %#', async (endpoint, body, error) => {
    const hashes = (await send('GET', '/api/rounds/2023-q4')).json.hashes;
    const a = await refused('POST', `/api/rounds/2023-q4/${endpoint}`, body(hashes));
    expect(a.status).toBe(400);
    expect(a.json.error).toBe(error);
  });
});

describe('errors say where as the page names it: no absolute path of the server, no command-line advice, no English', () => {
  const annex1 = '附件1 抽查网站名单及问题曝光情况.xlsx';
  // [what is in the way, the action, the answer's message]
  const inTheWay: [string, () => void, string][] = [
    ['out/2023-q4 is a file', () => fs.writeFileSync(path.join(work, 'out', '2023-q4'), 'x'), '输出位置 out/2023-q4 是一个文件，不是文件夹：请把它移走或改名后再试'],
    ['a folder named as 附件1', () => fs.mkdirSync(path.join(work, 'out', '2023-q4', annex1), { recursive: true }), `无法写入 out/2023-q4/${annex1}：同名的文件夹挡住了这个文件。请把该文件夹移走或改名后重试。`],
  ];
  test.each(inTheWay)('build with %s: ok false, the output folder named relative to the working folder', async (_what, make, message) => {
    fs.mkdirSync(path.join(work, 'out'));
    make();
    const before = snapshot().get(roundDir());
    const a = await send('POST', '/api/rounds/2023-q4/build', {});
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ ok: false, message, files: [] });
    expect(snapshot().get(roundDir())).toBe(before);
  });

  const historyFile: [string, string, (hashes: unknown) => unknown, string][] = [
    ...(['edit', 'restore', 'import', 'rectify'] as const).map((action): [string, string, (hashes: unknown) => unknown, string] => [
      action,
      'data/2023-q4/history',
      (hashes) =>
        action === 'edit'
          ? { hashes, edits: [{ op: 'set', file: 'accounts.yaml', path: ['weibo', 'department', 1, 'results', 0], value: '不合格' }] }
          : action === 'restore'
            ? { n: 1, hashes }
            : action === 'import'
              ? { filename: 'a.xlsx', base64: '', apply: true }
              : { hash: null, changes: [] },
      'history 不是文件夹：修改前的数据要存入 history 文件夹中，请把这个同名文件移走或改名，未做任何改动',
    ]),
    ...(['build', 'annexes', 'package'] as const).map((action): [string, string, (hashes: unknown) => unknown, string] => [
      action,
      'out/2023-q4/history',
      () => ({}),
      'out/2023-q4/history 不是文件夹：上一版输出文件要存入这个文件夹，请把这个同名文件移走或改名，未做任何改动',
    ]),
  ];
  test.each(historyFile)('%s with %s a file: 422 before anything is written (was a 500 naming ENOTDIR and the absolute path)', async (action, file, body, error) => {
    fs.mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
    fs.writeFileSync(path.join(work, file), 'x');
    const hashes = (await send('GET', '/api/rounds/2023-q4')).json.hashes;
    const a = await refused('POST', `/api/rounds/2023-q4/${action}`, body(hashes));
    expect(a.status).toBe(422);
    expect(a.json.error).toBe(error);
    // and the lists read past it
    expect((await send('GET', '/api/rounds/2023-q4/files')).json).toMatchObject({ outDir: 'out/2023-q4', history: [] });
  });

  test('a failure of the system is said in Chinese with the path relative to the working folder; a bug is not said in English', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const realFs = require('fs') as typeof fs;
    const cases: [Error, string][] = [
      [Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: path.join(work, 'data') }), '服务出错了：没有权限：data'],
      [Object.assign(new Error('EIO'), { code: 'EIO', path: '/somewhere/else' }), '服务出错了：程序出错（详情已显示在运行 tongbao serve 的窗口中）'],
      [Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', path: '/somewhere/else/file' }), '服务出错了：磁盘空间不足：file'],
      [new TypeError("Cannot read properties of undefined (reading 'x')"), '服务出错了：程序出错（详情已显示在运行 tongbao serve 的窗口中）'],
    ];
    const said = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const [e, error] of cases) {
        const spy = jest.spyOn(realFs, 'readdirSync').mockImplementationOnce(() => {
          throw e;
        });
        const a = await send('GET', '/api/rounds');
        spy.mockRestore();
        expect(a).toEqual({ status: 500, json: { error } });
      }
    } finally {
      said.mockRestore();
    }
  });
});

describe('a value the schema refuses is a 422 that says where, as the page names it', () => {
  const acct = (p: (string | number)[], value: unknown) => ({ op: 'set', file: 'accounts.yaml', path: ['weibo', 'department', 0, ...p], value });
  const cases: [string, unknown[], string][] = [
    ['a result', [acct(['results', 1], '优秀')], '这个值不能保存：州直部门政务微博“黔东南州生态环境局” · 9月结果：结果“优秀”无效，只能是“合格”或“不合格”'],
    ['a month far past the list, said once', [acct(['results', 99], '合格')], '这个值不能保存：州直部门政务微博“黔东南州生态环境局” · 第 100 个月结果：缺少必填“各月结果”（只能是“合格”或“不合格”）'],
    ['a name', [{ op: 'set', file: 'sites.yaml', path: ['county', 2, 'name'], value: '' }], '这个值不能保存：县（市）网站“麻江县” · 名称：“名称”不能为空'],
    ['a date of the notice', [{ op: 'set', file: 'notice.yaml', path: ['issued'], value: '2023-02-30' }], '这个值不能保存：通报信息 · 成文日期：日期“2023-02-30”不存在（该月没有这一天）'],
    [
      'two units of a bulk fill, each at its place',
      [acct(['results', 0], '良'), { op: 'set', file: 'accounts.yaml', path: ['wechat', 'county', 1, 'results', 2], value: '差' }],
      '这个值不能保存：州直部门政务微博“黔东南州生态环境局” · 8月结果：结果“良”无效，只能是“合格”或“不合格”；县（市）政务微信“从江县人民政府网” · 10月结果：结果“差”无效，只能是“合格”或“不合格”',
    ],
    [
      'a unit added without its 网址',
      [{ op: 'insert', file: 'sites.yaml', path: ['county'], value: { name: '新网站', result: '合格' } }],
      '这个值不能保存：县（市）网站第 17 个（新增）：缺少必填“网址”（url）：应为文本；请写在“result”之前',
    ],
  ];
  test.each(cases)('%s', async (_what, edits, error) => {
    const hashes = (await send('GET', '/api/rounds/2023-q4')).json.hashes;
    const a = await refused('POST', '/api/rounds/2023-q4/edit', { hashes, edits });
    expect(a.status).toBe(422);
    expect(a.json.error).toBe(error);
    expect(a.json.diagnostics.length).toBeGreaterThan(0);
  });
});

describe('整改: a value that cannot be saved says which unit', () => {
  const cases: [string, (key: string) => Record<string, unknown>, string][] = [
    ['a review result', (key) => ({ key, review: '优秀' }), '政务微博“黔东南州生态环境局”：复查结果“优秀”无效，只能是“合格”“不合格”或“未复查”'],
    ['a date that does not exist', (key) => ({ key, review: '合格', reported: '2023-02-30' }), '政务微博“黔东南州生态环境局”：报送日期“2023-02-30”不是有效日期，应为 YYYY-MM-DD'],
    ['a report before the notice', (key) => ({ key, review: '未复查', reported: '2000-01-01', summary: '已整改' }), '不能保存：政务微博“黔东南州生态环境局”：报送日期 2000-01-01 早于本轮通报的成文日期 2023-11-23：整改报告应在通报印发之后'],
  ];
  test.each(cases)('%s', async (_what, change, error) => {
    const list = (await send('GET', '/api/rounds/2023-q4/rectify')).json;
    const a = await refused('POST', '/api/rounds/2023-q4/rectify', { hash: list.hash, changes: [change(list.items[0].key)] });
    expect(a.status).toBe(422);
    expect(a.json.error).toBe(error);
  });
});

describe('an edit of a unit, field or month that is not there says so as the page names it', () => {
  const cases: [string, unknown, string][] = [
    ['a result of a unit past the list', { op: 'set', file: 'accounts.yaml', path: ['weibo', 'department', 999, 'results', 0], value: '合格' }, '州直部门政务微博只有 10 个，没有第 1000 个'],
    ['removing a site past the list', { op: 'delete', file: 'sites.yaml', path: ['county', 16] }, '县（市）网站只有 16 个，没有第 17 个'],
    ['removing a field the unit does not have', { op: 'delete', file: 'accounts.yaml', path: ['weibo', 'department', 0, 'updates'] }, '州直部门政务微博“黔东南州生态环境局”没有“更新日期”这一项'],
    ['removing a month past the list', { op: 'delete', file: 'accounts.yaml', path: ['wechat', 'county', 1, 'results', 5] }, '县（市）政务微信“从江县人民政府网” · 各月结果只有 3 项，没有第 6 项'],
    ['removing an item of the notice past its list', { op: 'delete', file: 'notice.yaml', path: ['requirements', 40] }, '通报信息 · 下步要求只有 3 项，没有第 41 项'],
  ];
  test.each(cases)('%s', async (_what, edit, where) => {
    const hashes = (await send('GET', '/api/rounds/2023-q4')).json.hashes;
    const a = await refused('POST', '/api/rounds/2023-q4/edit', { hashes, edits: [edit] });
    expect(a.status).toBe(422);
    expect(a.json.error).toBe(`这处修改不能保存：${where}，未做任何改动`);
  });
});

test('a history/ that is a link or a file does not stop what does not write it: build and 新建一季度 work', async () => {
  fs.mkdirSync(path.join(work, 'elsewhere'));
  fs.symlinkSync(path.join(work, 'elsewhere'), path.join(roundDir(), 'history'));
  const b = await send('POST', '/api/rounds/2023-q4/build', {});
  expect(b.json).toMatchObject({ ok: true, message: expect.stringMatching(/^已生成到 out\/2023-q4/) });
  // the build's temporary files are in place: nothing is left for Ctrl+C to remove (or to say it removed)
  expect(pendingTemps()).toEqual([]);
  fs.unlinkSync(path.join(roundDir(), 'history'));
  fs.writeFileSync(path.join(roundDir(), 'history'), 'x');
  const i = await send('POST', '/api/init', { from: '2023-q4', quarter: '2024-Q1', name: '2024-q1' });
  expect(i.json).toMatchObject({ ok: true, name: '2024-q1' });
  fs.rmSync(path.join(work, 'data', '2024-q1'), { recursive: true });
  expect(fs.readdirSync(path.join(work, 'elsewhere'))).toEqual([]);
});

describe('新建一季度 into a data folder that takes no new files: 422 with init’s own words, nothing left behind (was a 500)', () => {
  const isRoot = process.getuid?.() === 0;
  const newFolder = '无法在 data 中新建文件夹 2024-q1：文件夹是只读的、没有写入权限或正被占用。请检查后重试；没有写入任何文件。';
  const intoEmpty = '无法在 data/2024-q1 中写入文件：文件夹是只读的、没有写入权限或正被占用。请检查后重试；已写入的文件都已删除，data/2024-q1 仍是空的。';
  // as root chmod stops nothing, so the system's refusal is injected where init meets it: the
  // new folder's mkdir in DATA_ROOT, or the first file written into a folder made in Explorer first
  const cases: [string, string, 'mkdirSync' | 'writeFileSync', boolean, string][] = [
    ...['EACCES', 'EPERM', 'EBUSY', 'EROFS'].map((code): [string, string, 'mkdirSync', boolean, string] => [code, 'a new folder', 'mkdirSync', false, newFolder]),
    ['EACCES', 'an empty folder made first', 'writeFileSync', true, intoEmpty],
  ];
  test.each(cases)('%s on %s', async (code, _what, call, empty, error) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const realFs = require('fs') as typeof fs;
    const target = path.join(work, 'data', '2024-q1');
    if (empty) fs.mkdirSync(target);
    const real = realFs[call] as (...args: unknown[]) => unknown;
    const spy = jest.spyOn(realFs, call).mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
      if (String(p).startsWith(path.join(work, 'data') + path.sep)) throw Object.assign(new Error(`${code}: refused, ${call} '${p}'`), { code, path: String(p) });
      return real(p, ...rest);
    }) as never);
    try {
      const a = await refused('POST', '/api/init', { from: '2023-q4', quarter: '2024-Q1', name: '2024-q1' });
      expect(a).toEqual({ status: 422, json: { error } });
    } finally {
      spy.mockRestore();
      if (empty) fs.rmdirSync(target);
    }
    expect(fs.readdirSync(path.join(work, 'data'))).toEqual(['2023-q4']);
  });

  (isRoot ? test.skip : test)('a real read-only data folder (chmod 555; skipped as root, where it stops nothing)', async () => {
    const data = path.join(work, 'data');
    fs.chmodSync(data, 0o555);
    try {
      const a = await refused('POST', '/api/init', { from: '2023-q4', quarter: '2024-Q1', name: '2024-q1' });
      expect(a).toEqual({ status: 422, json: { error: newFolder } });
    } finally {
      fs.chmodSync(data, 0o755);
    }
  });
});

describe('a write the system refuses (read-only, busy, no permission, disk full) is a 422 in Chinese, not a 500, and changes nothing', () => {
  const monthEdit = (hashes: unknown) => ({ hashes, edits: [{ op: 'set', file: 'accounts.yaml', path: ['weibo', 'department', 1, 'results', 0], value: '不合格' }] });
  const rectify = (_hashes: unknown, key?: string) => ({ hash: null, changes: [{ key, review: '合格', summary: '已整改' }] });
  // [endpoint, code, body, the answer]
  const cases: [string, string, (hashes: unknown, key?: string) => unknown, unknown][] = [
    ['edit', 'EACCES', monthEdit, [422, { error: '无法在 data/2023-q4 中写入文件：文件夹是只读的或没有写入权限。请检查文件夹属性；原有文件都未改动。' }]],
    ['edit', 'EBUSY', monthEdit, [422, { error: '无法在 data/2023-q4 中写入文件：文件夹是只读的或没有写入权限。请检查文件夹属性；原有文件都未改动。' }]],
    ['edit', 'ENOSPC', monthEdit, [422, { error: '未能保存：磁盘空间不足：data/2023-q4' }]],
    ['rectify', 'EPERM', rectify, [422, { error: '无法在 data/2023-q4 中写入文件：文件夹是只读的或没有写入权限。请检查文件夹属性；原有文件都未改动。' }]],
    ['rectify', 'ENOSPC', rectify, [422, { error: '未能保存：磁盘空间不足：data/2023-q4' }]],
    // an action's refusals are answers (ok: false), as a folder in the way is
    ['build', 'ENOSPC', () => ({}), [200, { ok: false, message: '无法写入 out/2023-q4：磁盘空间不足。' }]],
    ['build', 'EROFS', () => ({}), [200, { ok: false, message: '无法在 out/2023-q4 中写入文件：文件夹是只读的或没有写入权限。请检查文件夹属性；原有文件都未改动。' }]],
  ];
  test.each(cases)('%s with %s', async (endpoint, code, body, answer) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const realFs = require('fs') as typeof fs;
    const hashes = (await send('GET', '/api/rounds/2023-q4')).json.hashes;
    const key = (await send('GET', '/api/rounds/2023-q4/rectify')).json.items[0].key;
    const refuse = (p: unknown) => {
      if (String(p).startsWith(work + path.sep) && path.basename(String(p)).startsWith('.tongbao-tmp-')) throw Object.assign(new Error(`${code}: refused '${p}'`), { code, path: String(p) });
    };
    const open = realFs.openSync;
    const write = realFs.writeFileSync;
    const spies = [
      jest.spyOn(realFs, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => (refuse(p), (open as (...a: unknown[]) => number)(p, ...rest))) as never),
      jest.spyOn(realFs, 'writeFileSync').mockImplementation(((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => (refuse(p), (write as (...a: unknown[]) => void)(p, ...rest))) as never),
    ];
    try {
      const a = endpoint === 'build' ? await send('POST', '/api/rounds/2023-q4/build', body(hashes, key)) : await refused('POST', `/api/rounds/2023-q4/${endpoint}`, body(hashes, key));
      expect([a.status, endpoint === 'build' ? { ok: a.json.ok, message: a.json.message } : a.json]).toEqual(answer);
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect(pendingTemps()).toEqual([]);
  });
});

test.each(['-5', '0', 'abc', '1.5', ''])('the units search refuses limit=%s (400) instead of cutting the list from the end', async (limit) => {
  const a = await send('GET', `/api/rounds/2023-q4/units?q=&limit=${limit}`);
  expect(a).toEqual({ status: 400, json: { error: `limit 应为从 1 起的整数，而不是“${limit}”` } });
  const all = await send('GET', '/api/rounds/2023-q4/units?limit=3');
  expect([all.json.sites.length, all.json.accounts.length]).toEqual([3, 3]);
});

test.each([
  ['too long', `${'名'.repeat(300)}.xlsx`],
  ['with a line break', 'a\nb.xlsx'],
])('an import whose file name is %s is a 400', async (_what, filename) => {
  const a = await refused('POST', '/api/rounds/2023-q4/import', { filename, base64: '', apply: true });
  expect(a).toEqual({ status: 400, json: { error: '工作簿的文件名太长或含有控制字符' } });
});

test("送签包's PDF: LibreOffice's own temporary files go into the tool's work folder, removed with it, not into the temp folder", async () => {
  // a stand-in for soffice that leaves a temp file where it is told to, says where, and fails
  const bin = tempDir('tongbao-fake-soffice-');
  const said = path.join(bin, 'tmpdir.txt');
  const fake = path.join(bin, 'soffice');
  fs.writeFileSync(fake, `#!/bin/sh\nmkdir -p "$TMPDIR/lu1234.tmp"\necho "$TMPDIR|$TMP|$TEMP" > "${said}"\nexit 1\n`, { mode: 0o755 });
  const before = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('lu'));
  const docx = path.join(bin, 'a.docx');
  fs.writeFileSync(docx, 'x');
  await expect(convertToPdf([docx], { soffice: fake, issuedIso: '2023-11-23' })).rejects.toThrow(/LibreOffice 未能把 a\.docx 转换为 PDF/);
  const [tmpdir, tmp, temp] = fs.readFileSync(said, 'utf8').trim().split('|');
  // <work>/tmp: inside the tool's own work folder, which goes with it
  expect(path.basename(path.dirname(tmpdir))).toMatch(/^tongbao-pdf-/);
  expect([tmp, temp]).toEqual([tmpdir, tmpdir]);
  expect(fs.existsSync(path.dirname(tmpdir))).toBe(false);
  expect(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('lu'))).toEqual(before);
});

describe('an action refused with ok: false leaves everything as it was', () => {
  const cases: [string, string, unknown, RegExp][] = [
    ['annexes before any build', '/api/rounds/2023-q4/annexes', {}, /^还没有生成过通报：请先点“生成”。$/],
    ['import of a file that is not .xlsx', '/api/rounds/2023-q4/import', { filename: '附件2.csv', base64: Buffer.from('a,b').toString('base64'), apply: true }, /^只能导入 \.xlsx 工作簿/],
    ['import of a .xlsx that is not a workbook', '/api/rounds/2023-q4/import', { filename: '附件2.xlsx', base64: Buffer.from('not a zip').toString('base64'), apply: true }, /^附件2\.xlsx 不是 \.xlsx 格式的 Excel 工作簿$/],
    ['build of a round with an error', '/api/rounds/bad/build', {}, /^数据有 1 处错误，未生成任何文件。请先改正。$/],
  ];
  test.each(cases)('%s', async (_what, url, body, message) => {
    const bad = path.join(work, 'data', 'bad');
    fs.cpSync(roundDir(), bad, { recursive: true });
    const sites = path.join(bad, 'sites.yaml');
    fs.writeFileSync(sites, fs.readFileSync(sites, 'utf8').replace('result: 合格', 'result: 优秀'));
    try {
      const a = await refused('POST', url, body);
      expect(a.status).toBe(200);
      expect(a.json).toMatchObject({ ok: false, files: [], message: expect.stringMatching(message) });
    } finally {
      fs.rmSync(bad, { recursive: true });
    }
  });
});

test('an edit of a file with a YAML syntax error is refused in the page’s words, not the command line’s', async () => {
  const file = path.join(roundDir(), 'accounts.yaml');
  const kept = fs.readFileSync(file);
  fs.writeFileSync(file, `${kept.toString('utf8')}\n  - [broken\n`);
  try {
    const hashes = (await send('GET', '/api/rounds/2023-q4')).json.hashes;
    const a = await refused('POST', '/api/rounds/2023-q4/edit', { hashes, edits: [{ op: 'set', file: 'accounts.yaml', path: ['weibo', 'department', 0, 'results', 0], value: '合格' }] });
    expect(a).toEqual({ status: 422, json: { error: '无法修改 accounts.yaml：文件有 YAML 语法错误，请先改正（错误的位置列在本页）', diagnostics: [] } });
  } finally {
    fs.writeFileSync(file, kept);
  }
});
