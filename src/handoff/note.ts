// 送签说明.txt, the note inside a handoff archive, and reading its checksum lines back.
import { sha256 } from '../write/hash';
import { MANIFEST_NAME, ROLE_LABEL } from '../write/manifest';
import type { Manifest } from '../write/manifest';

export const HANDOFF_NOTE = '送签说明.txt';

export interface ArchiveEntry {
  name: string;
  data: Buffer;
}

const CHECKSUM_LINE = /^([0-9a-f]{64}) {2}(.+)$/;

/** The `sha256sum` lines of a 送签说明.txt (the rest of the text is for people). */
export function parseChecksums(text: string): { sha256: string; name: string }[] {
  const out: { sha256: string; name: string }[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const m = CHECKSUM_LINE.exec(line);
    if (m) out.push({ sha256: m[1], name: m[2] });
  }
  return out;
}

/** After `annexes`: how many annex rows were corrected, the 正文 the same as first built. */
function correctionLines(m: Manifest): string[] {
  const n = m.body?.corrections ?? 0;
  const u = m.body?.unitemized ?? [];
  const file = m.outputs.find((o) => o.role === 'corrections');
  if (!n && !u.length) return [];
  const unlisted = u.length ? `${n ? '，另有' : '附件有'} ${u.length} 次更正未能逐行列出（${[...new Set(u)].join('、')}）` : '';
  return [`更正：${n ? `附件已更正 ${n} 处` : ''}${unlisted}，正文未变${file ? `（每一处的原内容和新内容见${file.name}）` : ''}`];
}

const dateText = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * 送签说明.txt, written for the people who sign: first what the archive holds and how many
 * pages each file prints (counted from the PDFs with --pdf; without PDFs the pages are not
 * counted, so the archive stays the same whether or not LibreOffice is installed), then what
 * the notice states, how to check the files, and last the checksums: the data fingerprint and
 * one `sha256sum` line per file, so `sha256sum -c 送签说明.txt` checks them (it skips the rest).
 * Every line passes the project's own proofreading rules (a test runs them). UTF-8 with a BOM
 * so Windows Notepad and WPS read it as UTF-8.
 */
export function handoffNote(m: Manifest, entries: ArchiveEntry[], pdfs: string[], pages: ReadonlyMap<string, number> = new Map()): string {
  const f = m.notice;
  const t = f.totals;
  const lv = f.levels;
  const pageText = (name: string) => (pages.has(name) ? `，共 ${pages.get(name)} 页` : '');
  const describe = (name: string): string => {
    const o = m.outputs.find((x) => x.name === name);
    if (o?.role === 'notice') return `通报正文（Word 文件）：${name}${pageText(name)}`;
    if (o?.role === 'corrections') return `更正记录（文本文件）：${name}（送签后对附件的每一处更正，原内容和新内容）`;
    if (o) return `${ROLE_LABEL[o.role]}（Excel 文件）：${name}${pageText(name)}`;
    if (pdfs.includes(name)) {
      const source = m.outputs.find((x) => x.name.replace(/\.(docx|xlsx)$/i, '.pdf') === name);
      const of = source ? (source.role === 'notice' ? '通报正文' : ROLE_LABEL[source.role]) : '文件';
      return `${of}的 PDF 阅读稿：${name}${pageText(name)}`;
    }
    if (name.startsWith('整改/')) return `整改材料（tongbao rectify）：${name}`;
    if (name === MANIFEST_NAME) return `清单：${name}（记录数据文件和上列各文件的校验值，以及通报所写的合计、名单和日期）`;
    return name;
  };
  const listed = [...entries.map((e) => describe(e.name)), `本说明：${HANDOFF_NOTE}`];
  const lines = [
    `${f.title}（送签稿）`,
    '',
    '一、送签包里有什么',
    `本压缩包是《${f.title}》的送签稿，共 ${listed.length} 个文件：`,
    ...listed.map((x, i) => `${i + 1}. ${x}。`),
    pdfs.length
      ? 'PDF 是用 LibreOffice 按替代字体转换的阅读稿，正式文本以 Word 和 Excel 文件为准；页数按 PDF 统计，附件的页数是打印的附件表格的页数。'
      : '本送签包没有附 PDF，未统计页数；需要页数时，请用 tongbao package 加 --pdf 重新生成送签包。',
    '',
    '二、通报要点',
    `发文机关：${f.issuer}`,
    `轮次：${f.round}`,
    `成文日期：${dateText(f.issued)}`,
    `整改截止日期：${dateText(f.deadline)}`,
    `政府网站 ${t.sites.total} 个（${lv.department} ${t.sites.department} 个，${lv.county} ${t.sites.county} 个），不合格 ${t.sites.failing} 个`,
    `政务新媒体 ${t.accounts.total} 个（${lv.department} ${t.accounts.department} 个，${lv.county} ${t.accounts.county} 个），不合格 ${t.accounts.failing} 个`,
    `不合格政府网站：${f.failingSites.length ? f.failingSites.join('、') : '无'}`,
    `不合格政务新媒体：${f.failingAccounts.length ? f.failingAccounts.join('、') : '无'}`,
    ...correctionLines(m),
    '',
    '三、怎样核对',
    '每个文件的 SHA-256 校验值列在本说明末尾。',
    'Windows：在文件所在的文件夹打开命令提示符，运行 certutil -hashfile 文件名 SHA256，把结果与末尾所列对照。',
    'Linux：运行 sha256sum -c 送签说明.txt（会提示其余各行格式不符，可以忽略）。',
    '也可以用 tongbao verify 核对这个压缩包，或解压后的文件夹。',
    `生成工具：tongbao ${m.tool.version}`,
    '',
    '四、数据指纹',
    m.data.fingerprint,
    '（各数据文件 sha256sum 结果按文件名排序后再算的 SHA-256；各数据文件的 SHA-256 如下）',
    ...m.data.files.map((x) => `${x.name}：${x.sha256}`),
    '',
    '五、文件校验值（SHA-256）',
    ...entries.map((e) => `${sha256(e.data)}  ${e.name}`),
    '',
  ];
  return '\uFEFF' + lines.join('\n');
}
