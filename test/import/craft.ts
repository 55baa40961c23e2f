// Workbooks made byte by byte for the import corpus (test/import/cases/): a zip written here
// (so that sizes can lie, entries can share data, a part can be a bomb) around SpreadsheetML
// written as text (so that inline strings, rich text, entities, absolute targets and broken
// XML are exactly what a case says).
import * as zlib from 'zlib';
import { colName } from '../../src/import/workbook';

export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** the compressed bytes as stored (default: deflate of data) */
  raw?: Buffer;
  /** inflated size written in the directory (default: the real one) */
  declaredSize?: number;
  /** store instead of deflate */
  stored?: boolean;
  /** the CRC-32 written in the directory when `raw` is given (default 0) */
  crc?: number;
}

export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const data = typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data;
    const raw = p.raw ?? (p.stored ? data : zlib.deflateRawSync(data));
    const name = Buffer.from(p.name, 'utf8');
    const crc = p.raw ? (p.crc ?? 0) : zlib.crc32(data);
    const size = p.declaredSize ?? data.length;
    const method = p.stored ? 0 : 8;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(crc >>> 0, 14);
    lh.writeUInt32LE(raw.length, 18);
    lh.writeUInt32LE(Math.min(size, 0xfffffffe), 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(crc >>> 0, 16);
    ch.writeUInt32LE(raw.length, 20);
    ch.writeUInt32LE(Math.min(size, 0xfffffffe), 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, raw);
    central.push(ch, name);
    offset += 30 + name.length + raw.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * `times` copies of `unit`, deflated in a few KB: one block of `unit` repeated to 1 MB, flushed
 * so that it stands alone, written `mb` times, then an empty final block.
 */
export function repeatedDeflate(unit: string, mb: number, prefix = '', suffix = ''): { raw: Buffer; size: number } {
  const block = Buffer.from(unit.repeat(Math.floor(1048576 / unit.length)), 'utf8');
  const d = zlib.createDeflateRaw();
  const head = deflateFlushed(Buffer.from(prefix, 'utf8'));
  const one = deflateFlushed(block);
  const tail = zlib.deflateRawSync(Buffer.from(suffix, 'utf8'));
  void d;
  const raw = Buffer.concat([head, ...Array.from({ length: mb }, () => one), tail]);
  return { raw, size: Buffer.byteLength(prefix) + block.length * mb + Buffer.byteLength(suffix) };
}

/**
 * A part of `count` generated lines between `prefix` and `suffix`, deflated a chunk at a time
 * (each chunk fully flushed, so the chunks join into one raw deflate stream, as in
 * repeatedDeflate): hundreds of MB of sheet XML made without ever holding them whole.
 */
export function deflatedLines(prefix: string, line: (i: number) => string, count: number, suffix: string): { raw: Buffer; size: number; crc: number } {
  const CHUNK = 20_000;
  const raws: Buffer[] = [];
  let size = 0;
  let crc = 0;
  const add = (text: string) => {
    const data = Buffer.from(text, 'utf8');
    size += data.length;
    crc = zlib.crc32(data, crc);
    raws.push(zlib.deflateRawSync(data, { level: 1, finishFlush: zlib.constants.Z_FULL_FLUSH }));
  };
  add(prefix);
  for (let from = 0; from < count; from += CHUNK) {
    let text = '';
    for (let i = from; i < Math.min(count, from + CHUNK); i++) text += line(i);
    add(text);
  }
  const data = Buffer.from(suffix, 'utf8');
  size += data.length;
  crc = zlib.crc32(data, crc);
  raws.push(zlib.deflateRawSync(data));
  return { raw: Buffer.concat(raws), size, crc };
}

/** Deflate blocks that end on a byte and refer to nothing before them (a full flush). */
function deflateFlushed(data: Buffer): Buffer {
  const out = zlib.deflateRawSync(data, { finishFlush: zlib.constants.Z_FULL_FLUSH });
  return out;
}

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A cell as a case writes it: text (shared string), a number, or raw XML pieces. */
export type CellSpec =
  | string
  | number
  | null
  | { inline: string }
  | { runs: string[] }
  | { xml: string; t?: string; s?: number }
  | { date: number }
  /** a number, or a text (shared string), shown with a number format of its own */
  | { num: number; fmt: string }
  | { text: string; fmt: string };

export interface SheetSpec {
  name: string;
  rows: CellSpec[][];
  merges?: string[];
  /** the part's name (default xl/worksheets/sheetN.xml) */
  part?: string;
  /** the relationship target as written (default relative) */
  target?: string;
  /** the sheet XML as is (instead of rows) */
  xml?: string;
  /** rows hidden (by hand or by a filter: Excel writes both as hidden="1"), 1-based */
  hidden_rows?: number[];
  /** columns hidden, 1-based */
  hidden_cols?: number[];
  /** the tab's state: hidden, veryHidden */
  state?: string;
}


/** An .xlsx's parts from sheets of cells. */
export function workbookParts(sheets: SheetSpec[]): ZipPart[] {
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const sst = (t: string) => {
    if (!sharedIndex.has(t)) {
      sharedIndex.set(t, shared.length);
      shared.push(t);
    }
    return sharedIndex.get(t)!;
  };
  // number formats of the cells that say one: cell style 2 + k has format 164 + k
  const fmts: string[] = [];
  const fmt = (code: string) => {
    if (!fmts.includes(code)) fmts.push(code);
    return 2 + fmts.indexOf(code);
  };
  const parts: ZipPart[] = [];
  const rels: string[] = [];
  const entries: string[] = [];
  sheets.forEach((s, i) => {
    const part = s.part ?? `xl/worksheets/sheet${i + 1}.xml`;
    const target = s.target ?? part.replace(/^xl\//, '');
    rels.push(`<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${esc(target)}"/>`);
    entries.push(`<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`);
    let xml = s.xml;
    if (xml === undefined) {
      const rows = s.rows
        .map((cells, r) => {
          const cs = cells
            .map((c, k) => {
              const ref = `${colName(k + 1)}${r + 1}`;
              if (c === null || c === undefined) return '';
              if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
              if (typeof c === 'string') return `<c r="${ref}" t="s"><v>${sst(c)}</v></c>`;
              if ('inline' in c) return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(c.inline)}</t></is></c>`;
              if ('runs' in c) return `<c r="${ref}" t="inlineStr"><is>${c.runs.map((t, j) => `<r>${j % 2 ? '' : '<rPr><b/></rPr>'}<t xml:space="preserve">${esc(t)}</t></r>`).join('')}</is></c>`;
              if ('date' in c) return `<c r="${ref}" s="1"><v>${c.date}</v></c>`;
              if ('num' in c) return `<c r="${ref}" s="${fmt(c.fmt)}"><v>${c.num}</v></c>`;
              if ('text' in c) return `<c r="${ref}" t="s" s="${fmt(c.fmt)}"><v>${sst(c.text)}</v></c>`;
              return `<c r="${ref}"${c.t ? ` t="${c.t}"` : ''}${c.s !== undefined ? ` s="${c.s}"` : ''}>${c.xml}</c>`;
            })
            .join('');
          return `<row r="${r + 1}"${s.hidden_rows?.includes(r + 1) ? ' hidden="1"' : ''}>${cs}</row>`;
        })
        .join('');
      const cols = s.hidden_cols?.length ? `<cols>${s.hidden_cols.map((c) => `<col min="${c}" max="${c}" width="9" hidden="1" customWidth="1"/>`).join('')}</cols>` : '';
      const merges = s.merges?.length ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
      xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${cols}<sheetData>${rows}</sheetData>${merges}</worksheet>`;
    }
    parts.push({ name: part, data: xml });
  });
  rels.push(`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`);
  if (shared.length) rels.push(`<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`);
  const head = [
    { name: '[Content_Types].xml', data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>' },
    { name: '_rels/.rels', data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' },
    { name: 'xl/workbook.xml', data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${entries.join('')}</sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>` },
    {
      name: 'xl/styles.xml',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        (fmts.length ? `<numFmts count="${fmts.length}">${fmts.map((f, k) => `<numFmt numFmtId="${164 + k}" formatCode="${esc(f)}"/>`).join('')}</numFmts>` : '') +
        `<cellXfs count="${2 + fmts.length}"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>${fmts.map((_, k) => `<xf numFmtId="${164 + k}" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`,
    },
  ];
  const sstPart = shared.length
    ? [{ name: 'xl/sharedStrings.xml', data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${shared.map((t) => `<si><t xml:space="preserve">${esc(t)}</t></si>`).join('')}</sst>` }]
    : [];
  return [...head, ...parts, ...sstPart];
}
