// Put one entry into a finished zip (a .docx), deflated by Node's zlib. JSZip's JavaScript
// deflate takes ~80 ms on the notice's 150 KB document.xml in a fresh process; zlib takes ~2 ms.
import { deflateRawSync } from 'zlib';

const LOC_SIG = 0x04034b50;
const CEN_SIG = 0x02014b50;
const EOCD_SIG = 0x06054b50;
const DESCRIPTOR_SIG = 0x08074b50;
const DEFLATE = 8;

let crcTable: Uint32Array | null = null;

export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function findEocd(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  }
  throw new Error('不是有效的 zip 文件：找不到中央目录结尾');
}

/**
 * A copy of the zip with the entry `name` holding `content` (deflated), every other entry
 * copied byte for byte, in the same order. The entry must already exist.
 */
export function replaceZipEntry(zip: Buffer, name: string, content: Buffer): Buffer {
  const eocd = findEocd(zip);
  const count = zip.readUInt16LE(eocd + 10);
  let cen = zip.readUInt32LE(eocd + 16);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let found = false;
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(cen) !== CEN_SIG) throw new Error('zip 中央目录损坏');
    const nameLen = zip.readUInt16LE(cen + 28);
    const cenLen = 46 + nameLen + zip.readUInt16LE(cen + 30) + zip.readUInt16LE(cen + 32);
    const central = Buffer.from(zip.subarray(cen, cen + cenLen));
    const entryName = zip.toString('utf8', cen + 46, cen + 46 + nameLen);
    const loc = zip.readUInt32LE(cen + 42);
    if (zip.readUInt32LE(loc) !== LOC_SIG) throw new Error(`zip 条目 ${entryName} 的本地头损坏`);
    const locHead = 30 + zip.readUInt16LE(loc + 26) + zip.readUInt16LE(loc + 28);
    let local: Buffer;
    if (entryName === name) {
      found = true;
      const data = deflateRawSync(content);
      const crc = crc32(content);
      // local header: no data descriptor, no extra field; times are pinned later
      const head = Buffer.alloc(30 + nameLen);
      head.writeUInt32LE(LOC_SIG, 0);
      head.writeUInt16LE(20, 4);
      head.writeUInt16LE(zip.readUInt16LE(loc + 6) & ~0x0008, 6);
      head.writeUInt16LE(DEFLATE, 8);
      head.writeUInt16LE(zip.readUInt16LE(loc + 10), 10);
      head.writeUInt16LE(zip.readUInt16LE(loc + 12), 12);
      head.writeUInt32LE(crc, 14);
      head.writeUInt32LE(data.length, 18);
      head.writeUInt32LE(content.length, 22);
      head.writeUInt16LE(nameLen, 26);
      head.writeUInt16LE(0, 28);
      zip.copy(head, 30, loc + 30, loc + 30 + nameLen);
      local = Buffer.concat([head, data]);
      central.writeUInt16LE(zip.readUInt16LE(cen + 8) & ~0x0008, 8);
      central.writeUInt16LE(DEFLATE, 10);
      central.writeUInt32LE(crc, 16);
      central.writeUInt32LE(data.length, 20);
      central.writeUInt32LE(content.length, 24);
    } else {
      let end = loc + locHead + zip.readUInt32LE(cen + 20);
      if (zip.readUInt16LE(cen + 8) & 0x0008) end += zip.readUInt32LE(end) === DESCRIPTOR_SIG ? 16 : 12;
      local = zip.subarray(loc, end);
    }
    central.writeUInt32LE(offset, 42);
    offset += local.length;
    locals.push(local);
    centrals.push(central);
    cen += cenLen;
  }
  if (!found) throw new Error(`zip 中没有 ${name}`);
  const cd = Buffer.concat(centrals);
  const end = Buffer.from(zip.subarray(eocd, eocd + 22));
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20); // no comment
  return Buffer.concat([...locals, cd, end]);
}
