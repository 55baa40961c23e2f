// JSON Schemas for editors (yaml-language-server), generated from the zod schemas so the two
// cannot drift: `npm run schema` writes schema/*.schema.json; a test fails when they differ.
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { rectifySchema } from '../rectify/schema';
import { FILE_KINDS, SCHEMAS } from './schema';

// draft-07: the dialect every YAML editor plugin understands.
const TITLES = { notice: 'tongbao notice.yaml', sites: 'tongbao sites.yaml', accounts: 'tongbao accounts.yaml', rectify: 'tongbao rectify.yaml' };

/** The round's own files, and the optional rectify.yaml (src/rectify). */
export const SCHEMA_KINDS = [...FILE_KINDS, 'rectify'] as const;
const ALL_SCHEMAS = { ...SCHEMAS, rectify: rectifySchema };

export function jsonSchemaText(kind: (typeof SCHEMA_KINDS)[number]): string {
  const schema = z.toJSONSchema(ALL_SCHEMAS[kind], { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Record<string, unknown>;
  return JSON.stringify({ ...schema, title: TITLES[kind] }, null, 2) + '\n';
}

export function schemaDir(root: string): string {
  return path.join(root, 'schema');
}

if (require.main === module) {
  const root = path.join(__dirname, '..', '..', '..');
  fs.mkdirSync(schemaDir(root), { recursive: true });
  for (const kind of SCHEMA_KINDS) {
    const file = path.join(schemaDir(root), `${kind}.schema.json`);
    fs.writeFileSync(file, jsonSchemaText(kind));
    process.stdout.write(`已写入 ${path.relative(process.cwd(), file)}\n`);
  }
}
