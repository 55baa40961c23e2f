// The committed JSON Schemas (used by editors through the data files' $schema lines) must be
// what the zod schemas generate: run `npm run schema` after changing src/validate/schema.ts.
import * as fs from 'fs';
import * as path from 'path';
import { jsonSchemaText } from '../../src/validate/json-schema';
import { FILE_KINDS } from '../../src/validate/schema';

const ROOT = path.join(__dirname, '..', '..');

describe.each(FILE_KINDS)('schema/%s.schema.json', (kind) => {
  test('is in sync with the zod schema', () => {
    expect(fs.readFileSync(path.join(ROOT, 'schema', `${kind}.schema.json`), 'utf8')).toBe(jsonSchemaText(kind));
  });
  test('the seed data file points at it', () => {
    const first = fs.readFileSync(path.join(ROOT, 'data', '2023-q4', `${kind}.yaml`), 'utf8').split('\n')[0];
    expect(first).toBe(`# yaml-language-server: $schema=../../schema/${kind}.schema.json`);
  });
});
