// Pin every entry time in a zip (docx/xlsx are zips) to one calendar date, in place.
// Zip writers stamp entries with "now"; the times are outside the CRCs, so rewriting
// them is safe and far cheaper than re-compressing a large workbook.

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;
const EXT_TIMESTAMP = 0x5455;

/** MS-DOS date/time words for midnight of an ISO calendar date (no time zone involved). */
export function dosDateTime(iso: string): { date: number; time: number; unix: number } {
  const [y, m, d] = iso.split('-').map(Number);
  return { date: ((y - 1980) << 9) | (m << 5) | d, time: 0, unix: Math.floor(Date.UTC(y, m - 1, d) / 1000) };
}

function findEocd(buf: Buffer): number {
  // The EOCD record is within the last 64 KiB + 22 bytes (comment length is 16-bit).
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  }
  throw new Error('不是有效的 zip 文件：找不到中央目录结尾');
}

function pinExtra(buf: Buffer, start: number, length: number, unix: number): void {
  let p = start;
  while (p + 4 <= start + length) {
    const id = buf.readUInt16LE(p);
    const size = buf.readUInt16LE(p + 2);
    if (id === EXT_TIMESTAMP && size >= 1) {
      // flags byte, then up to three 32-bit times
      for (let q = p + 5; q + 4 <= p + 4 + size; q += 4) buf.writeUInt32LE(unix >>> 0, q);
    }
    p += 4 + size;
  }
}

export function pinZipTimes(buf: Buffer, iso: string): Buffer {
  const { date, time, unix } = dosDateTime(iso);
  const eocd = findEocd(buf);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== CEN_SIG) throw new Error('zip 中央目录损坏');
    buf.writeUInt16LE(time, p + 12);
    buf.writeUInt16LE(date, p + 14);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    pinExtra(buf, p + 46 + nameLen, extraLen, unix);
    if (buf.readUInt32LE(local) === LOC_SIG) {
      buf.writeUInt16LE(time, local + 10);
      buf.writeUInt16LE(date, local + 12);
      const lName = buf.readUInt16LE(local + 26);
      const lExtra = buf.readUInt16LE(local + 28);
      pinExtra(buf, local + 30 + lName, lExtra, unix);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return buf;
}
