// templates/rectify.yaml compiled once: titles, file names and column names of the
// rectification documents. Kept out of code like templates/annexes.yaml.
import * as fs from 'fs';
import * as path from 'path';
import Handlebars from 'handlebars';
import { parse } from 'yaml';
import { templatesDir } from '../paths';

export interface RectifyWording {
  noticeFile: (v: { unit: string; round: string }) => string;
  noticeTitle: (v: { unit: string; round: string }) => string;
  ledger: {
    file: (v: { round: string }) => string;
    title: (v: { round: string }) => string;
    sheet: string;
    columns: Record<'seq' | 'unit' | 'kind' | 'name' | 'url' | 'problems' | 'deadline' | 'reported' | 'overdue' | 'summary' | 'review' | 'reviewed', string>;
    yes: string;
    no: string;
    notReported: string;
  };
  annex3: { label: string; title: string; columns: Record<'seq' | 'unit' | 'name' | 'kind', string> };
}

const WHERE = 'templates/rectify/wording.yaml';

function text(v: unknown, where: string): string {
  if (typeof v !== 'string' || !v) throw new Error(`${WHERE}：${where} 应为文本`);
  return v;
}

function compile<T>(v: unknown, where: string): (x: T) => string {
  const t = Handlebars.compile(text(v, where), { strict: true, noEscape: true, knownHelpersOnly: true });
  return (x: T) => t(x);
}

function columns<K extends string>(v: unknown, keys: readonly K[], where: string): Record<K, string> {
  const o = (v ?? {}) as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, text(o[k], `${where}.${k}`)])) as Record<K, string>;
}

let cache: RectifyWording | null = null;

export function rectifyWording(file: string = path.join(templatesDir(), 'rectify', 'wording.yaml')): RectifyWording {
  if (cache && file === path.join(templatesDir(), 'rectify', 'wording.yaml')) return cache;
  const w = parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  const l = w.ledger ?? {};
  const a = w.annex3 ?? {};
  const out: RectifyWording = {
    noticeFile: compile(w.notice?.file, 'notice.file'),
    noticeTitle: compile(w.notice?.title, 'notice.title'),
    ledger: {
      file: compile(l.file, 'ledger.file'),
      title: compile(l.title, 'ledger.title'),
      sheet: text(l.sheet, 'ledger.sheet'),
      columns: columns(l.columns, ['seq', 'unit', 'kind', 'name', 'url', 'problems', 'deadline', 'reported', 'overdue', 'summary', 'review', 'reviewed'] as const, 'ledger.columns'),
      yes: text(l.yes, 'ledger.yes'),
      no: text(l.no, 'ledger.no'),
      notReported: text(l.not_reported, 'ledger.not_reported'),
    },
    annex3: { label: text(a.label, 'annex3.label'), title: text(a.title, 'annex3.title'), columns: columns(a.columns, ['seq', 'unit', 'name', 'kind'] as const, 'annex3.columns') },
  };
  if (file === path.join(templatesDir(), 'rectify', 'wording.yaml')) cache = out;
  return out;
}
