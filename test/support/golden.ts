// Golden files: compared byte for byte; UPDATE_GOLDEN=1 rewrites them (review the diff!).
import * as fs from 'fs';
import * as path from 'path';

export function expectGolden(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN || !fs.existsSync(file)) {
    if (!process.env.UPDATE_GOLDEN && process.env.CI) throw new Error(`golden file missing: ${file}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  }
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
