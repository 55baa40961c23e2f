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

const dateText = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * 送签说明.txt: what the archive holds, the totals and failing lists, the data fingerprint, and
 * one `sha256sum` line per file so `sha256sum -c 送签说明.txt` checks them (it skips the rest).
 * UTF-8 with a BOM so Windows Notepad and WPS read it as UTF-8.
 */
export function handoffNote(m: Manifest, entries: ArchiveEntry[], pdfs: string[]): string {
  const f = m.notice;
  const t = f.totals;
  const lv = f.levels;
  const role = (name: string) => {
    const o = m.outputs.find((x) => x.name === name);
    if (o) return ROLE_LABEL[o.role];
    if (name === MANIFEST_NAME) return '清单';
    return pdfs.includes(name) ? 'PDF 阅读稿' : '';
  };
  const lines = [
    `${f.title}（送签稿）`,
    '',
    `发文机关：${f.issuer}`,
    `轮　　次：${f.round}`,
    `成文日期：${dateText(f.issued)}`,
    `整改截止：${dateText(f.deadline)}`,
    '',
    '一、文件',
    ...entries.map((e) => `  ${role(e.name)}：${e.name}`),
    `  （manifest.json 记录数据文件和上列各文件的 SHA-256 以及通报所写的合计、名单、日期；`,
    `  可用 tongbao verify 核对本压缩包或解压后的文件夹。）`,
    ...(pdfs.length ? ['  PDF 为 LibreOffice 按替代字体转换的阅读稿，正式文本以 .docx 和 .xlsx 为准。'] : []),
    '',
    '二、合计',
    `  政府网站 ${t.sites.total} 个（${lv.department} ${t.sites.department} 个，${lv.county} ${t.sites.county} 个），不合格 ${t.sites.failing} 个`,
    `  政务新媒体 ${t.accounts.total} 个（${lv.department} ${t.accounts.department} 个，${lv.county} ${t.accounts.county} 个），不合格 ${t.accounts.failing} 个`,
    `  不合格政府网站：${f.failingSites.length ? f.failingSites.join('、') : '无'}`,
    `  不合格政务新媒体：${f.failingAccounts.length ? f.failingAccounts.join('、') : '无'}`,
    '',
    '三、数据指纹',
    `  ${m.data.fingerprint}`,
    '  （各数据文件 sha256sum 结果按文件名排序后的 SHA-256。数据文件：）',
    ...m.data.files.map((x) => `  ${x.name}：${x.sha256}`),
    '',
    '四、文件校验值（SHA-256）',
    '  核对：Linux 下 sha256sum -c 送签说明.txt（会提示其余行格式不符，可忽略）；',
    '  Windows 下 certutil -hashfile 文件名 SHA256',
    ...entries.map((e) => `${sha256(e.data)}  ${e.name}`),
    '',
    `生成工具：tongbao ${m.tool.version}`,
    '',
  ];
  return '\uFEFF' + lines.join('\n');
}

