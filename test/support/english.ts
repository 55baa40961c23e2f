// Finds English words and internal key names in a message the user reads. Allowed: what the
// user typed (in “…”), a data key right after its Chinese name (成文日期（issued）), file names,
// URLs, a command to run, and a few technical words a clerk meets anyway.
import * as fs from 'fs';
import * as path from 'path';

const SCHEMA_DIR = path.join(__dirname, '..', '..', 'schema');

/** Every property name in the JSON Schemas of the data files: the keys a clerk types. */
export function dataKeys(): Set<string> {
  const keys = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'properties' && x && typeof x === 'object') for (const p of Object.keys(x)) keys.add(p);
        walk(x);
      }
    }
  };
  for (const f of fs.readdirSync(SCHEMA_DIR)) walk(JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8')));
  return keys;
}

const KEYS = dataKeys();
const ALLOWED = new Set(['YAML', 'UTF', 'GBK', 'GB18030', 'ANSI', 'Unicode', 'Tab', 'MB', 'KB', 'README', 'Excel', 'Word', 'WPS', 'Windows', 'http', 'https', 'true', 'false']);

export function englishIn(message: string): string[] {
  let s = message;
  s = s.replace(/“[^”]*”/g, ' ');
  s = s.replace(/https?:\/\/[\w./:%?=&-]*/g, ' ');
  s = s.replace(/[\w.-]+\.(yaml|xlsx|docx|json|zip|pdf)\b/g, ' ');
  s = s.replace(/tongbao [a-z]+/g, ' ');
  s = s.replace(/--[a-z-]+/g, ' ');
  s = s.replace(/YYYY-MM-DD|YYYY-Qn|\d{4}-Q[1-4]/g, ' ');
  // A data key glossing the Chinese name before it: 成文日期（issued）
  s = s.replace(/（([A-Za-z_][A-Za-z0-9_]*)）/g, (m, k: string) => (KEYS.has(k) ? ' ' : m));
  return (s.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []).filter((w) => !ALLOWED.has(w));
}
