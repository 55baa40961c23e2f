// tongbao package: the handoff archive — contents, order, note, determinism, self-verification.
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { packageCommand } from '../../src/cli/commands/package';
import { packageRound } from '../../src/handoff/package';
import { parseChecksums } from '../../src/handoff/note';
import { checkPdfTools, PdfUnavailable } from '../../src/handoff/pdf';
import { verifyArchive, verifyOutDir } from '../../src/handoff/verify';
import { sha256 } from '../../src/write/hash';
import { edit, fakeRenderers, seedCopy } from '../write/helpers';

const TITLE = '关于2023年第四季度全州政府网站和政务新媒体检查情况的通报';
const ARCHIVE = `${TITLE}（送签稿）.zip`;
const renderers = fakeRenderers();

test('the archive holds the notice, both annexes, the manifest and the note, in that order', async () => {
  const t = seedCopy();
  const r = await packageRound({ dataDir: '2023-q4', cwd: t.cwd, renderers });
  expect(r.status).toBe('written');
  const file = path.join(t.out, ARCHIVE);
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const names = Object.keys(zip.files);
  expect(names).toEqual([`${TITLE}.docx`, '附件1 网站.xlsx', '附件2 新媒体.xlsx', 'manifest.json', '送签说明.txt']);
  // every entry is the folder's file, byte for byte, dated by the 成文日期
  for (const n of names.slice(0, 4)) expect(await zip.file(n)!.async('nodebuffer')).toEqual(fs.readFileSync(path.join(t.out, n)));
  const note = await zip.file('送签说明.txt')!.async('string');
  expect(note).toContain(`${TITLE}（送签稿）`);
  expect(note).toContain('政务新媒体 75 个（州直部门 43 个，县（市） 32 个），不合格 23 个');
  expect(note).toContain('不合格政府网站：无');
  const manifest = JSON.parse(fs.readFileSync(path.join(t.out, 'manifest.json'), 'utf8'));
  expect(note).toContain(manifest.data.fingerprint);
  const sums = parseChecksums(note);
  expect(sums.map((s) => s.name)).toEqual(names.slice(0, 4));
  for (const s of sums) expect(s.sha256).toBe(sha256(fs.readFileSync(path.join(t.out, s.name))));
  // the archive verifies on its own and as part of the folder
  expect((await verifyArchive(file, { dataDir: '2023-q4', cwd: t.cwd })).findings).toEqual([]);
  const folder = await verifyOutDir(t.out);
  expect(folder.findings).toEqual([]);
  expect(folder.notes).toContain(`送签包 ${ARCHIVE} 与清单一致。`);
});

test('the same data gives the same archive bytes, in another folder and on a second run', async () => {
  const a = seedCopy();
  const b = seedCopy();
  await packageRound({ dataDir: '2023-q4', cwd: a.cwd, renderers });
  await new Promise((r) => setTimeout(r, 1100));
  await packageRound({ dataDir: '2023-q4', cwd: b.cwd, renderers });
  const bytes = fs.readFileSync(path.join(a.out, ARCHIVE));
  expect(fs.readFileSync(path.join(b.out, ARCHIVE))).toEqual(bytes);
  const again = await packageRound({ dataDir: '2023-q4', cwd: a.cwd, renderers });
  expect(again.status).toBe('unchanged');
  expect(fs.existsSync(path.join(a.out, 'history'))).toBe(false);
});

test('a changed entry in an archive is named by verify', async () => {
  const t = seedCopy();
  await packageRound({ dataDir: '2023-q4', cwd: t.cwd, renderers });
  const file = path.join(t.out, ARCHIVE);
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  zip.file('附件1 网站.xlsx', 'tampered');
  zip.file('多出来.txt', 'x');
  const tampered = path.join(t.cwd, 'tampered.zip');
  fs.writeFileSync(tampered, await zip.generateAsync({ type: 'nodebuffer' }));
  const r = await verifyArchive(tampered);
  expect(r.findings.map((f) => f.message)).toEqual(['已改动：附件1 网站.xlsx（大小或 SHA-256 与清单不符）', '多余：多出来.txt（tampered.zip 中，不在清单和送签说明中）']);
});

test('a rebuild after a correction moves the old archive into history with its set', async () => {
  const t = seedCopy();
  await packageRound({ dataDir: '2023-q4', cwd: t.cwd, renderers });
  const old = fs.readFileSync(path.join(t.out, ARCHIVE));
  edit(t.data, 'sites.yaml', 'http://kjj.qdn.gov.cn', 'http://kjj2.qdn.gov.cn');
  const r = await packageRound({ dataDir: '2023-q4', cwd: t.cwd, renderers });
  expect(r.status).toBe('written');
  expect(fs.readFileSync(path.join(t.out, 'history', '1', ARCHIVE))).toEqual(old);
  expect(fs.readFileSync(path.join(t.out, ARCHIVE))).not.toEqual(old);
  expect((await verifyOutDir(t.out, { dataDir: '2023-q4', cwd: t.cwd })).findings).toEqual([]);
});

test('--pdf without LibreOffice stops before building and names the packages to install', async () => {
  expect(() => checkPdfTools({ PATH: '/nonexistent' })).toThrow(PdfUnavailable);
  expect(() => checkPdfTools({ PATH: '/nonexistent' })).toThrow(
    '未找到 LibreOffice（soffice），无法生成 PDF。请安装（Debian/Ubuntu）：sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk fonts-arphic-ukai fonts-liberation2；其他系统请从 https://zh-cn.libreoffice.org/ 下载安装 LibreOffice；或不加 --pdf。',
  );
  const t = seedCopy();
  const saved = process.env.PATH;
  process.env.PATH = '/nonexistent';
  let err = '';
  try {
    const code = await packageCommand.run({ positional: ['2023-q4'], flags: { pdf: true } }, { out: () => undefined, err: (s) => (err += s), isTTY: false, cwd: t.cwd });
    expect(code).toBe(1);
  } finally {
    process.env.PATH = saved;
  }
  expect(err).toContain('libreoffice-writer-nogui');
  expect(fs.existsSync(t.out)).toBe(false);
});

test('package --help names every file the archive can hold, the 更正记录 included', () => {
  for (const name of ['通报 .docx', '附件1和附件2 .xlsx', 'manifest.json', '更正记录.txt（每一处更正的原内容和新内容）', '送签说明.txt']) expect(packageCommand.usage).toContain(name);
});
