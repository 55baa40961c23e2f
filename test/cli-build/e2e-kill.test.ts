// End to end through the installed bin (compiled dist/, built by the jest globalSetup):
// builds killed midway, the annex worker thread, output folders that cannot be made (split from e2e.test.ts).
// What is about the process stays a process: the SIGKILLed builds, the worker thread against the
// inline writers, the exit of a command that had prestarted the worker. What a clerk runs after a
// killed build (verify, build) is about what those commands do: in process (`clerk`, e2e-helpers.ts).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { builtSeedCopy, edit, seedCopy, snapshot } from '../write/helpers';

import { ANNEX1, ANNEX2, BIN, NOTICE, clerk, tongbao, killedBuild } from './e2e-helpers';

test('a build killed while rendering leaves the earlier outputs intact; the next build cleans up', async () => {
  const t = builtSeedCopy();
  const v1 = snapshot(t.out);
  edit(t.data, 'sites.yaml', 'http://kjj.qdn.gov.cn', 'http://kjj2.qdn.gov.cn');
  const k = killedBuild(t.cwd, 'afterStage');
  expect(k.signal).toBe('SIGKILL');
  // the earlier set is whole; the half-done run left only a temp file, which verify names
  expect(new Map([...snapshot(t.out)].filter(([n]) => !n.startsWith('.tongbao-tmp-')))).toEqual(v1);
  const r = await clerk(t.cwd, 'verify', 'out/2023-q4');
  expect(r.code).toBe(1);
  expect(r.out).toContain(`未完成：.tongbao-tmp-${NOTICE}`);
  expect((await clerk(t.cwd, 'build', '2023-q4')).code).toBe(0);
  expect((await clerk(t.cwd, 'verify', 'out/2023-q4', '--data', '2023-q4')).code).toBe(0);
  expect(snapshot(path.join(t.out, 'history', '1'))).toEqual(v1);
});

test('a build killed after the first file is renamed into place: the earlier set is whole in history, and the next build finishes without a duplicate', async () => {
  const t = builtSeedCopy();
  const v1 = snapshot(t.out);
  edit(t.data, 'sites.yaml', 'http://kjj.qdn.gov.cn', 'http://kjj2.qdn.gov.cn');
  expect(killedBuild(t.cwd, 'afterRename').signal).toBe('SIGKILL');
  expect(snapshot(path.join(t.out, 'history', '1'))).toEqual(v1);
  // the manifest in place is still the earlier one: verify sees the half-replaced folder
  expect(fs.readFileSync(path.join(t.out, 'manifest.json'), 'utf8')).toBe(Buffer.from(v1.get('manifest.json')!, 'base64').toString('utf8'));
  const r = await clerk(t.cwd, 'verify', 'out/2023-q4');
  expect(r.code).toBe(1);
  expect(r.out).toContain(`已改动：${NOTICE}`);
  expect((await clerk(t.cwd, 'build', '2023-q4')).code).toBe(0);
  expect(fs.readdirSync(path.join(t.out, 'history'))).toEqual(['1']);
  expect(snapshot(path.join(t.out, 'history', '1'))).toEqual(v1);
  expect((await clerk(t.cwd, 'verify', 'out/2023-q4', '--data', '2023-q4')).code).toBe(0);
});

test('annexes written on the worker thread are byte-identical to those written in process', async () => {
  const t = seedCopy();
  // the bin starts the worker thread; clerk runs the same build with the annexes written in process
  const a = spawnSync(process.execPath, [BIN, 'build', '2023-q4', '--out', 'threaded'], { cwd: t.cwd, encoding: 'utf8' });
  const b = await clerk(t.cwd, 'build', '2023-q4', '--out', 'inline');
  expect([a.status, b.code]).toEqual([0, 0]);
  // what a clerk sees of a build through the bin
  expect(a.stderr).toBe('');
  expect(a.stdout).toBe(`已生成 threaded：\n  ${NOTICE}\n  ${ANNEX1}\n  ${ANNEX2}\n  manifest.json\n`);
  expect(b.out).toBe(a.stdout.replace('threaded', 'inline'));
  expect(snapshot(path.join(t.cwd, 'threaded'))).toEqual(snapshot(path.join(t.cwd, 'inline')));
});

test('a command that stops before writing annexes exits at once (the prestarted worker is let go)', () => {
  const t = seedCopy();
  const started = Date.now();
  const r = tongbao(t.cwd, 'annexes', '2023-q4'); // no earlier build: exit 1, nothing written
  expect(r.code).toBe(1);
  expect(Date.now() - started).toBeLessThan(15_000);
});

test('an output folder that cannot be made is a Chinese usage error (exit 2), never a hang', () => {
  const t = seedCopy();
  fs.writeFileSync(path.join(t.cwd, 'a-file'), 'x');
  let r = tongbao(t.cwd, 'build', '2023-q4', '--out', 'a-file/out');
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/输出位置 .*a-file 是一个文件，不是文件夹/);
  fs.symlinkSync(path.join(t.cwd, 'nowhere', 'deeper'), path.join(t.cwd, 'dangling'));
  r = tongbao(t.cwd, 'build', '2023-q4', '--out', 'dangling');
  expect(r.code).toBe(2);
  expect(r.err).toContain('已有同名的文件或失效的链接');
});

