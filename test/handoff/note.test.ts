// 送签说明.txt is read by the people who sign: what is in the bundle and how many pages each file
// prints come first, the checksums last, and every line passes the project's own proofreading
// rules (the earlier note, in test/fixtures/handoff-note, did not: indented lines, 轮　　次).
import * as fs from 'fs';
import * as path from 'path';
import { HANDOFF_NOTE, handoffNote, parseChecksums } from '../../src/handoff/note';
import { lintText } from '../../src/lint';
import { loadModel } from '../../src/pipeline';
import { makeManifest } from '../../src/write/manifest';
import { SEED_DIR } from '../support/round-fixture';

const ROOT = path.join(__dirname, '..', '..');

async function seedNote(withPdfs: boolean): Promise<{ text: string; names: string[] }> {
  const model = await loadModel(SEED_DIR, ROOT);
  const outputs = [
    { role: 'notice' as const, name: `${model.title}.docx`, size: 3, sha256: 'a'.repeat(64), data: 'f' },
    { role: 'annex1' as const, name: '附件1 抽查网站名单及问题曝光情况.xlsx', size: 3, sha256: 'b'.repeat(64), data: 'f' },
    { role: 'annex2' as const, name: '附件2 抽查新媒体名单及问题曝光情况.xlsx', size: 3, sha256: 'c'.repeat(64), data: 'f' },
  ];
  const m = makeManifest({ version: '0.1.0', model, inputs: [{ name: 'notice.yaml', size: 1, sha256: 'd'.repeat(64) }], outputs });
  const pdfs = withPdfs ? outputs.map((o) => o.name.replace(/\.(docx|xlsx)$/, '.pdf')) : [];
  const entries = [...outputs.map((o) => o.name), ...pdfs, 'manifest.json'].map((name) => ({ name, data: Buffer.from(name) }));
  const pages = new Map<string, number>(withPdfs ? [[outputs[0].name, 11], [pdfs[0], 11], [outputs[1].name, 2], [pdfs[1], 2], [outputs[2].name, 3], [pdfs[2], 3]] : []);
  return { text: handoffNote(m, entries, pdfs, pages), names: entries.map((e) => e.name) };
}

const findings = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .flatMap((line, i) => (line ? lintText(line, { kind: 'prose' }).map((f) => `${i + 1}: [${f.rule}] ${f.message}「${line}」`) : []));

describe.each([
  ['with PDFs', true],
  ['without PDFs', false],
])('the note %s', (_label, withPdfs) => {
  test('passes the project’s proofreading rules, line by line', async () => {
    const { text } = await seedNote(withPdfs);
    expect(findings(text)).toEqual([]);
  });

  test('says first what is in the bundle, then the facts, and ends with the checksums', async () => {
    const { text, names } = await seedNote(withPdfs);
    const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\n');
    expect(lines[2]).toBe('一、送签包里有什么');
    expect(lines[3]).toBe(`本压缩包是《关于2023年第四季度全州政府网站和政务新媒体检查情况的通报》的送签稿，共 ${names.length + 1} 个文件：`);
    expect(lines[4]).toBe(`1. 通报正文（Word 文件）：关于2023年第四季度全州政府网站和政务新媒体检查情况的通报.docx${withPdfs ? '，共 11 页' : ''}。`);
    expect(lines).toContain(`${names.length + 1}. 本说明：${HANDOFF_NOTE}。`);
    // the checksum lines are the last lines, one per file, in archive order
    const tail = lines.slice(-names.length);
    expect(parseChecksums(tail.join('\n')).map((c) => c.name)).toEqual(names);
    expect(lines[lines.length - names.length - 1]).toBe('五、文件校验值（SHA-256）');
    expect(lines.indexOf('二、通报要点')).toBeLessThan(lines.indexOf('四、数据指纹'));
    if (withPdfs) {
      expect(lines).toContain('3. 附件2（Excel 文件）：附件2 抽查新媒体名单及问题曝光情况.xlsx，共 3 页。');
      expect(lines).toContain('6. 附件2的 PDF 阅读稿：附件2 抽查新媒体名单及问题曝光情况.pdf，共 3 页。');
    } else {
      expect(text).toContain('本送签包没有附 PDF，未统计页数；需要页数时，请用 tongbao package 加 --pdf 重新生成送签包。');
      expect(text).not.toMatch(/共 \d+ 页/);
    }
  });
});

test('the earlier note fails the same rules (the check has teeth)', () => {
  const earlier = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'handoff-note', 'earlier-note.txt'), 'utf8');
  const found = findings(earlier);
  expect(found.some((f) => f.includes('[spacing] 开头有多余的空格'))).toBe(true);
  expect(found.some((f) => f.includes('[spacing] 中文字符之间有全角空格'))).toBe(true);
});

test('after annexes: the 更正记录 is listed and the corrections said, in lines that pass the same rules', async () => {
  const model = await loadModel(SEED_DIR, ROOT);
  const outputs = [
    { role: 'notice' as const, name: `${model.title}.docx`, size: 3, sha256: 'a'.repeat(64), data: 'f' },
    { role: 'annex1' as const, name: '附件1 抽查网站名单及问题曝光情况.xlsx', size: 3, sha256: 'b'.repeat(64), data: 'f' },
    { role: 'annex2' as const, name: '附件2 抽查新媒体名单及问题曝光情况.xlsx', size: 3, sha256: 'c'.repeat(64), data: 'f' },
    { role: 'corrections' as const, name: '更正记录.txt', size: 3, sha256: 'e'.repeat(64), data: 'f' },
  ];
  const m = makeManifest({ version: '0.1.0', model, inputs: [{ name: 'notice.yaml', size: 1, sha256: 'd'.repeat(64) }], outputs, body: { sha256: '0'.repeat(64), since: 'f', corrections: 3 } });
  const entries = [...outputs.map((o) => o.name), 'manifest.json'].map((name) => ({ name, data: Buffer.from(name) }));
  const text = handoffNote(m, entries, []);
  expect(findings(text)).toEqual([]);
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  expect(lines).toContain('4. 更正记录（文本文件）：更正记录.txt（送签后对附件的每一处更正，原内容和新内容）。');
  expect(lines).toContain('更正：附件已更正 3 处，正文未变（每一处的原内容和新内容见更正记录.txt）');
  // before any correction the note says nothing of it
  const plain = handoffNote({ ...m, body: { ...m.body!, corrections: 0 }, outputs: outputs.slice(0, 3) }, entries.filter((e) => e.name !== '更正记录.txt'), []);
  expect(plain).not.toContain('更正');
});
