// SHA-256 of bytes and files, as lowercase hex (what sha256sum and certutil print).
import { createHash } from 'crypto';
import { createReadStream } from 'fs';

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Streams the file, so a large workbook is never held in memory just to be hashed. */
export function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    let size = 0;
    createReadStream(file)
      .on('data', (chunk) => {
        size += chunk.length;
        h.update(chunk);
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: h.digest('hex'), size }));
  });
}
