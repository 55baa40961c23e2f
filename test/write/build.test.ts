// The write stage: atomic sets, history numbering, unchanged rebuilds, failures midway.
import * as fs from 'fs';
import * as path from 'path';
import { build } from '../../src/build';
import { DataError } from '../../src/diagnostics';
import { sha256 } from '../../src/write/hash';
import { parseManifest } from '../../src/write/manifest';
import { edit, fakeRenderers, seedCopy, snapshot, topLevel } from './helpers';

const NOTICE = '关于2023年第四季度全州政府网站和政务新媒体检查情况的通报.docx';
const SET = [NOTICE, '附件1 网站.xlsx', '附件2 新媒体.xlsx', 'manifest.json'];

function setup() {
  const t = seedCopy();
  const run = (extra: Partial<Parameters<typeof build>[0]> = {}) =>
    build({ dataDir: '2023-q4', cwd: t.cwd, renderers: fakeRenderers(), ...extra });
  return { ...t, run };
}

test('writes the three outputs and a manifest that records their bytes and the inputs', async () => {
  const t = setup();
  const r = await t.run();
  expect(r.status).toBe('written');
  expect(r.outDir).toBe(t.out); // default: out/<data folder name>
  expect(fs.readdirSync(t.out).sort()).toEqual([...SET].sort());
  const m = parseManifest(fs.readFileSync(path.join(t.out, 'manifest.json'), 'utf8'), 'manifest');
  for (const o of m.outputs) {
    const bytes = fs.readFileSync(path.join(t.out, o.name));
    expect({ name: o.name, size: bytes.length, sha256: sha256(bytes) }).toEqual({ name: o.name, size: o.size, sha256: o.sha256 });
    expect(o.data).toBe(m.data.fingerprint);
  }
  expect(m.outputs.map((o) => o.role)).toEqual(['notice', 'annex1', 'annex2']);
  expect(m.data.files.map((f) => f.name)).toEqual(['accounts.yaml', 'notice.yaml', 'sites.yaml']);
  const sites = fs.readFileSync(path.join(t.data, 'sites.yaml'));
  expect(m.data.files[2]).toEqual({ name: 'sites.yaml', size: sites.length, sha256: sha256(sites) });
  // the fingerprint is what `sha256sum accounts.yaml notice.yaml sites.yaml | sha256sum` prints
  const listing = m.data.files.map((f) => `${f.sha256}  ${f.name}\n`).join('');
  expect(m.data.fingerprint).toBe(sha256(listing));
  expect(m.notice.totals.accounts.failing).toBe(23);
  expect(m.notice.failingAccounts).toContain('黔东南商务（政务微信）');
});

test('rebuilding unchanged data changes no byte and adds no history', async () => {
  const t = setup();
  await t.run();
  const before = snapshot(t.out);
  const mtimes = SET.map((n) => fs.statSync(path.join(t.out, n)).mtimeMs);
  const r = await t.run();
  expect(r.status).toBe('unchanged');
  expect(r.written).toEqual([]);
  expect(snapshot(t.out)).toEqual(before);
  expect(SET.map((n) => fs.statSync(path.join(t.out, n)).mtimeMs)).toEqual(mtimes);
  expect(fs.existsSync(path.join(t.out, 'history'))).toBe(false);
});

test('a fresh build of the same data elsewhere gives byte-identical files', async () => {
  const a = setup();
  const b = setup();
  await a.run();
  await b.run();
  expect(snapshot(b.out)).toEqual(snapshot(a.out));
});

test('changed data moves the previous set whole to history/1, then history/2', async () => {
  const t = setup();
  await t.run();
  const v1 = snapshot(t.out);
  edit(t.data, 'sites.yaml', 'http://kjj.qdn.gov.cn', 'http://kjj2.qdn.gov.cn');
  const r = await t.run();
  expect(r.status).toBe('written');
  expect(r.history).toBe(path.join('history', '1'));
  expect(snapshot(path.join(t.out, 'history', '1'))).toEqual(v1);
  const v2 = topLevel(snapshot(t.out));
  expect(v2.get('附件1 网站.xlsx')).not.toBe(v1.get('附件1 网站.xlsx'));
  expect(v2.get('manifest.json')).not.toBe(v1.get('manifest.json'));

  edit(t.data, 'sites.yaml', 'http://kjj2.qdn.gov.cn', 'http://kjj3.qdn.gov.cn');
  const r3 = await t.run();
  expect(r3.history).toBe(path.join('history', '2'));
  expect(snapshot(path.join(t.out, 'history', '2'))).toEqual(v2);
  expect(fs.readdirSync(path.join(t.out, 'history')).sort()).toEqual(['1', '2']);
});

test('bad data throws DataError before anything is written', async () => {
  const t = setup();
  await t.run();
  const before = snapshot(t.out);
  edit(t.data, 'sites.yaml', 'result: 合格', 'result: 合规');
  await expect(t.run()).rejects.toBeInstanceOf(DataError);
  expect(snapshot(t.out)).toEqual(before);
  // and a first build with bad data does not even create the folder
  await expect(t.run({ outDir: 'fresh' })).rejects.toBeInstanceOf(DataError);
  expect(fs.existsSync(path.join(t.cwd, 'fresh'))).toBe(false);
});

test('a failure after the first file is rendered leaves the previous set whole and no temp files', async () => {
  const t = setup();
  await t.run();
  const before = snapshot(t.out);
  edit(t.data, 'sites.yaml', 'http://kjj.qdn.gov.cn', 'http://kjj2.qdn.gov.cn');
  let staged = 0;
  await expect(
    t.run({
      hooks: {
        afterStage: () => {
          if (++staged === 1) throw new Error('injected: render failed');
        },
      },
    }),
  ).rejects.toThrow('injected');
  expect(snapshot(t.out)).toEqual(before);
});

test('a renderer that throws leaves the previous set whole', async () => {
  const t = setup();
  await t.run();
  const before = snapshot(t.out);
  edit(t.data, 'sites.yaml', 'http://kjj.qdn.gov.cn', 'http://kjj2.qdn.gov.cn');
  const renderers = fakeRenderers({ writeAnnex2: async () => Promise.reject(new Error('磁盘已满')) });
  await expect(build({ dataDir: '2023-q4', cwd: t.cwd, renderers })).rejects.toThrow('磁盘已满');
  expect(snapshot(t.out)).toEqual(before);
});

test('a file whose temporary name the file system refuses: every other temp file is removed too', async () => {
  const t = setup();
  // 245 bytes: the name itself fits in 255, `.tongbao-tmp-` before it does not (ENAMETOOLONG)
  const long = '关'.repeat(80) + '.docx';
  const renderers = fakeRenderers({ noticeFileName: () => long });
  await expect(build({ dataDir: '2023-q4', cwd: t.cwd, renderers })).rejects.toThrow(/ENAMETOOLONG/);
  expect(fs.readdirSync(t.out)).toEqual([]);
});

test('a failure after the first file is renamed into place restores the previous set', async () => {
  const t = setup();
  await t.run();
  const before = snapshot(t.out);
  edit(t.data, 'sites.yaml', 'http://kjj.qdn.gov.cn', 'http://kjj2.qdn.gov.cn');
  let renamed = 0;
  await expect(
    t.run({
      hooks: {
        afterRename: () => {
          if (++renamed === 1) throw new Error('injected: commit failed');
        },
      },
    }),
  ).rejects.toThrow('injected');
  // back in place, and no history folder for a version that never replaced it
  expect(snapshot(t.out)).toEqual(before);
  // the next build completes normally
  const r = await t.run();
  expect(r.history).toBe(path.join('history', '1'));
  expect(snapshot(path.join(t.out, 'history', '1'))).toEqual(before);
});

test('temp files left by a killed run are removed by the next build', async () => {
  const t = setup();
  await t.run();
  fs.writeFileSync(path.join(t.out, `.tongbao-tmp-${NOTICE}`), 'half');
  fs.mkdirSync(path.join(t.out, 'history', '.tongbao-tmp-1'), { recursive: true });
  const r = await t.run();
  expect(r.status).toBe('unchanged');
  expect(fs.readdirSync(t.out).filter((n) => n.startsWith('.tongbao-tmp-'))).toEqual([]);
  expect(fs.readdirSync(path.join(t.out, 'history'))).toEqual([]);
});

test('files already in the folder without a manifest are kept in history, not overwritten', async () => {
  const t = setup();
  fs.mkdirSync(t.out, { recursive: true });
  fs.writeFileSync(path.join(t.out, NOTICE), 'hand-made draft');
  fs.writeFileSync(path.join(t.out, 'notes.txt'), 'unrelated');
  const r = await t.run();
  expect(r.history).toBe(path.join('history', '1'));
  expect(fs.readFileSync(path.join(t.out, 'history', '1', NOTICE), 'utf8')).toBe('hand-made draft');
  expect(fs.readFileSync(path.join(t.out, 'notes.txt'), 'utf8')).toBe('unrelated');
});

test('unchanged data restores a deleted output without history, and keeps an altered one in history first', async () => {
  const t = setup();
  await t.run();
  const good = snapshot(t.out);
  fs.rmSync(path.join(t.out, '附件1 网站.xlsx'));
  const r = await t.run();
  expect(r.status).toBe('repaired');
  expect(r.written).toEqual(['附件1 网站.xlsx']);
  expect(r.history).toBeNull();
  expect(snapshot(t.out)).toEqual(good);

  fs.appendFileSync(path.join(t.out, NOTICE), 'edited by hand');
  const altered = fs.readFileSync(path.join(t.out, NOTICE));
  const r2 = await t.run();
  expect(r2.status).toBe('repaired');
  expect(fs.readFileSync(path.join(t.out, 'history', '1', NOTICE))).toEqual(altered);
  expect(topLevel(snapshot(t.out))).toEqual(good);
});

test('--out places the set where asked; progress steps are reported in order', async () => {
  const t = setup();
  const steps: string[] = [];
  const r = await t.run({ outDir: 'elsewhere', onStep: (label, i, n) => steps.push(`${i}/${n} ${label}`) });
  expect(r.outDir).toBe(path.join(t.cwd, 'elsewhere'));
  expect(fs.existsSync(path.join(t.cwd, 'elsewhere', 'manifest.json'))).toBe(true);
  expect(steps[0]).toBe('1/5 读取并检查数据');
  expect(steps[1]).toBe(`2/5 生成通报：${NOTICE}`);
  expect(steps[4]).toBe('5/5 写入文件');
});
