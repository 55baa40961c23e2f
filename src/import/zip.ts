// The zip container of an .xlsx, read by hand before any XML is parsed: the central directory
// is checked first (entry count, declared sizes, compression ratio), then each part is
// inflated as a stream with the limits enforced on the bytes actually produced, so a file
// that lies in its directory is stopped as soon as it passes them. Nothing is written to disk.
import * as fs from 'fs';
import { Readable } from 'stream';
import * as zlib from 'zlib';

/**
 * What a workbook may hold (documented in README.md, like the 100 MB limit on data files).
 * A national annex workbook (150,000 accounts) is about 60 MB of sheet XML in total; Excel
 * compresses XML 5–30 times, a zip bomb about 1,000 times.
 */
export const ZIP_LIMITS = {
  /** parts in the zip (a workbook has tens) */
  entries: 10_000,
  /** one part, inflated */
  part: 512 * 1024 * 1024,
  /** all parts read, inflated */
  total: 1024 * 1024 * 1024,
  /** the shared strings, which are kept in memory while the sheets are read */
  sharedStrings: 100 * 1024 * 1024,
  /** strings in the shared strings table (a national workbook saved by Excel has about 500,000) */
  sharedStringCount: 2_000_000,
  /** declared inflated size ÷ compressed size, for parts over 1 MB inflated */
  ratio: 200,
  /** the size from which the ratio is checked */
  ratioFrom: 1024 * 1024,
};

export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export interface Zip {
  fd: number;
  entries: Map<string, ZipEntry>;
  /** inflated bytes produced so far (for the total limit) */
  produced: number;
}

const MB = (n: number) => `${Math.round(n / 1048576)} MB`;

function readAt(fd: number, pos: number, len: number): Buffer {
  const b = Buffer.alloc(len);
  let got = 0;
  while (got < len) {
    const n = fs.readSync(fd, b, got, len - got, pos + got);
    if (!n) break;
    got += n;
  }
  return got === len ? b : b.subarray(0, got);
}

/** Open a zip and check its directory. The caller closes zip.fd. */
export function openZip(fd: number, fileSize: number): Zip {
  // the end record is in the last 22 + 65,535 bytes (its comment is at most 65,535 bytes)
  const tailLen = Math.min(fileSize, 22 + 65535);
  const tail = readAt(fd, fileSize - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('文件不完整或已损坏（找不到 zip 目录）');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new ZipError('是 ZIP64 格式（超过 4 GB 或 65,535 个部件），不是 Excel 或 WPS 保存的工作簿');
  if (count > ZIP_LIMITS.entries) throw new ZipError(`含有 ${count} 个部件，超过上限 ${ZIP_LIMITS.entries}`);
  if (cdOffset + cdSize > fileSize) throw new ZipError('文件不完整或已损坏（zip 目录超出文件末尾）');
  const cd = readAt(fd, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new ZipError('文件已损坏（zip 目录不完整）');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const compressedSize = cd.readUInt32LE(p + 20);
    const size = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const offset = cd.readUInt32LE(p + 42);
    const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw new ZipError('已加密（设置了打开密码）：请在 Excel 或 WPS 中取消密码后另存，再导入');
    if (size > ZIP_LIMITS.part) throw new ZipError(`部件 ${name} 解压后有 ${MB(size)}，超过单个部件的上限 ${MB(ZIP_LIMITS.part)}`);
    if (size >= ZIP_LIMITS.ratioFrom && size / Math.max(compressedSize, 1) > ZIP_LIMITS.ratio) {
      throw new ZipError(`部件 ${name} 的压缩比异常（${MB(compressedSize) === '0 MB' ? `${compressedSize} 字节` : MB(compressedSize)} 解压为 ${MB(size)}），不像正常的工作簿，可能是“压缩炸弹”`);
    }
    if (offset + compressedSize > cdOffset) throw new ZipError(`文件已损坏（部件 ${name} 超出数据区）`);
    total += size;
    if (!entries.has(name)) entries.set(name.replace(/\\/g, '/'), { name, method, flags, compressedSize, size, offset });
  }
  if (total > ZIP_LIMITS.total) throw new ZipError(`解压后共 ${MB(total)}，超过上限 ${MB(ZIP_LIMITS.total)}`);
  return { fd, entries, produced: 0 };
}

/**
 * A part's inflated bytes, in chunks. Stops with a ZipError as soon as it produces more than
 * its declared size, the per-part limit (or `limit`), or the workbook's total.
 */
export async function* readEntry(zip: Zip, entry: ZipEntry, limit = ZIP_LIMITS.part): AsyncGenerator<Buffer> {
  const head = readAt(zip.fd, entry.offset, 30);
  if (head.length < 30 || head.readUInt32LE(0) !== 0x04034b50) throw new ZipError(`文件已损坏（部件 ${entry.name} 的位置不对）`);
  const start = entry.offset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`部件 ${entry.name} 用了不支持的压缩方法（${entry.method}）`);
  const max = Math.min(entry.size, limit);
  const over = () => {
    if (entry.size > limit) return new ZipError(`部件 ${entry.name} 解压后超过上限 ${MB(limit)}`);
    return new ZipError(`部件 ${entry.name} 解压后比 zip 目录所写的大小（${entry.size} 字节）更大：文件已损坏或被改过`);
  };
  if (entry.size > limit) throw over();
  let produced = 0;
  const CHUNK = 64 * 1024;
  const inflate = entry.method === 8 ? zlib.createInflateRaw({ chunkSize: CHUNK }) : null;
  // the compressed bytes, read at their offset (the descriptor stays open for the next part)
  const fd = zip.fd;
  const end = start + entry.compressedSize;
  const source = Readable.from(
    (async function* () {
      for (let at = start; at < end; ) {
        const want = Math.min(CHUNK, end - at);
        const b = Buffer.allocUnsafe(want);
        const { bytesRead } = await new Promise<{ bytesRead: number }>((res, rej) => fs.read(fd, b, 0, want, at, (e, n) => (e ? rej(e) : res({ bytesRead: n }))));
        if (!bytesRead) throw new ZipError(`文件不完整（部件 ${entry.name} 在文件末尾被截断）`);
        at += bytesRead;
        yield b.subarray(0, bytesRead);
      }
    })(),
    { objectMode: false },
  );
  const stream: NodeJS.ReadableStream = inflate ? source.pipe(inflate) : source;
  source.on('error', (e) => inflate?.destroy(e));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      produced += chunk.length;
      zip.produced += chunk.length;
      if (produced > max) throw over();
      if (zip.produced > ZIP_LIMITS.total) throw new ZipError(`解压后超过上限 ${MB(ZIP_LIMITS.total)}`);
      yield chunk;
    }
  } catch (e) {
    if (e instanceof ZipError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_')) throw new ZipError(`文件已损坏（部件 ${entry.name} 无法解压）`);
    throw e;
  } finally {
    source.destroy();
    inflate?.destroy();
  }
}
