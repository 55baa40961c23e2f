// Temporary folders for tests, removed after the test file that made them (afterAll, registered
// when a test file imports this module). Tests leave nothing in the temp folder; the jest
// global teardown fails the run if a `tongbao-*` folder is left anyway.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const made: string[] = [];

/** A new folder under the temp folder, removed after this test file. */
export function tempDir(prefix = 'tongbao-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Remove the folders made so far (also run after every test file). */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

if (typeof afterAll === 'function') afterAll(removeTempDirs);
