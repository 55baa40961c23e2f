// The page's own words (web/src): no YAML key glossed after a Chinese name (更新日期（updates）)
// or quoted as a field (字段“owner”) in what a clerk reads; file names are said in Chinese words
// first. A scan of the page's string literals, so a new one that slips is caught without a browser.
import * as fs from 'fs';
import * as path from 'path';
import { dataKeys } from '../support/english';

const WEB = path.join(__dirname, '..', '..', 'web', 'src');

/** The string literals with Chinese in them, outside comments, with their file. */
function pageStrings(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const files = fs.readdirSync(WEB, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
  for (const f of files) {
    const code = fs.readFileSync(path.join(WEB, f), 'utf8').replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of code.matchAll(/'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)) {
      const text = m[1] ?? m[2];
      if (/[\u4e00-\u9fff]/.test(text)) out.push({ file: f, text });
    }
  }
  return out;
}

test('the page names no YAML key in its own words', () => {
  const keys = dataKeys();
  const strings = pageStrings();
  expect(strings.length).toBeGreaterThan(100);
  const bad = strings.filter(({ text }) => [...text.matchAll(/（([a-z_]+)）|字段“([a-z_]+)”/g)].some((m) => keys.has(m[1] ?? m[2])));
  expect(bad).toEqual([]);
  // a file name is not the subject of a sentence: 通报信息的文件 notice.yaml, not notice.yaml 读不出来
  expect(strings.filter(({ text }) => /^[a-z]+\.yaml/.test(text))).toEqual([]);
});
