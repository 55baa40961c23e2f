// Lint a whole round: every prose field of notice.yaml, sites.yaml and accounts.yaml at its
// position in the file, and the paragraphs of the rendered notice (FILE:PARAGRAPH:COL).
import * as fs from 'fs';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { sortDiagnostics } from '../diagnostics';
import { parseYamlText } from '../load/yaml-file';
import type { SourceFile } from '../load/yaml-file';
import { byPlace, lintText, mayFind } from './lint-text';
import { RULE_IDS } from './rules';
import { contradictsDataRule, mayClaim } from './rules/data-claims';
import { eachUnitField, proseFields, quickFieldsOfUnit, scalarSpans, unitLists } from './source';
import { quickValue } from '../load/yaml-file';
import { ListMemos } from '../memo';
import type { FileRole, ProseField } from './source';
import { defaultTermsPath, readTerms } from './terms';
import type { DataCounts, LintDiagnostic, LintFacts, TermList, TextFinding } from './types';
import { occurrences } from './text';

export interface RoundFiles {
  notice: SourceFile;
  sites?: SourceFile;
  accounts?: SourceFile;
  /** the round's own terms.yaml; without it the project's data/terms.yaml is used */
  terms?: SourceFile;
}

export interface LintRoundOptions {
  /** FILE shown for findings in the rendered notice (default 通报正文) */
  noticeName?: string;
  /** rule ids to switch off besides notice.yaml `lint.disable` */
  disable?: string[];
  /** the term list to use instead of files.terms / data/terms.yaml */
  terms?: TermList;
  /** what the data says passed and failed, for contradicts-data (from the report model) */
  counts?: DataCounts;
  /** findings of each text already linted, kept by a caller that lints the same round again
   *  (valid while facts, terms and disabled rules stay the same) */
  memo?: Map<string, TextFinding[]>;
  /** with `memo`: the findings of the rule that reads the data's counts, kept apart (valid while
   *  the counts stay the same), so that `memo` stays valid when only the data changed */
  countsMemo?: Map<string, TextFinding[]>;
  /** with `memo` and `countsMemo`: what each unit of a quick-read sites.yaml / accounts.yaml
   *  gave, kept per unit object (valid as long as `memo`) — see UnitsMemo */
  units?: UnitsMemo;
}

/**
 * What proofreading keeps per unit between runs over the same round (the server): the unit's
 * texts (for telling data quoted in the notice) and which of its fields can have findings —
 * those with findings of the rules that do not read the counts, and those the counts rule may
 * speak about. Every other field is skipped without being looked at again. Units keep their
 * object between edits (src/serve/window.ts), so a unit's entry holds until it is edited.
 */
export interface UnitsMemo {
  /** per list of units: each unit's { strings, hot } (src/memo.ts) */
  lists: ListMemos;
  /** the data strings the last findings in the notice were checked against, and what was found in them */
  strings: string[][] | null;
  index: DataIndex | null;
  covering: Map<string, string[]>;
}
export function createUnitsMemo(): UnitsMemo {
  return { lists: new ListMemos(), strings: null, index: null, covering: new Map() };
}
const NO_FIELDS = { strings: [] as string[], hot: [] as number[] };

/** The strings a field gives for telling text quoted from the data (see lintRound). */
function stringsOf(value: string, into: string[]): void {
  // Lines apart: the renderer may join the lines of a block scalar differently.
  // Lines apart and joined: the renderer may print a block's line breaks as spaces.
  if (/\n/.test(value)) into.push(value, value.replace(/[ \t]*\r?\n[ \t]*/g, ' '), ...value.split(/[ \t]*\r?\n[ \t]*/));
  else into.push(value);
}

const sameStrings = (a: string[], b: string[]) => a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * Findings by kind and text within one lintRound call (same facts, terms and rules), when the
 * caller keeps no memo: a national round repeats its owners and problems thousands of times.
 * Keyed by the text itself, so a text seen once costs a map entry, not a second string.
 */
type LocalMemo = Map<string, Map<string, TextFinding[]>>;

/** The one rule whose findings depend on the data's counts (facts.counts), and the kinds of text it reads. */
const COUNTS_RULE = 'contradicts-data';
const NOTHING = Object.freeze([]) as unknown as TextFinding[];
const COUNTED_KINDS: ReadonlySet<string> = new Set(contradictsDataRule.kinds);

/**
 * lintText through an optional memo keyed by kind and text. With `countsMemo` (a caller that
 * lints again after the data changed, as the server does), the memo holds the findings of every
 * rule but the one that reads the data's counts, and `countsMemo` — valid only while the counts
 * stay the same — that rule's: the same findings in the same order as one lintText.
 */
function lintMemo(
  memo: Map<string, TextFinding[]> | undefined,
  text: string,
  opts: Parameters<typeof lintText>[1] & { kind: string },
  split?: { countsMemo: Map<string, TextFinding[]>; disableAlso: ReadonlySet<string> },
  local?: LocalMemo,
): TextFinding[] {
  // a text no rule could fault (a name of Chinese characters only) is not looked up, nor kept
  if (!mayFind(text, opts)) return NOTHING;
  if (!memo) {
    if (!local) return lintText(text, opts);
    let byText = local.get(opts.kind);
    if (!byText) local.set(opts.kind, (byText = new Map()));
    let found = byText.get(text);
    if (!found) byText.set(text, (found = lintText(text, opts)));
    return found;
  }
  const key = `${opts.kind}\u0000${text}`;
  if (!split || opts.only) {
    let found = memo.get(key);
    if (!found) memo.set(key, (found = lintText(text, opts)));
    return found;
  }
  let rest = memo.get(key);
  if (!rest) memo.set(key, (rest = lintText(text, { ...opts, disable: split.disableAlso })));
  let counted = split.countsMemo.get(key);
  if (!counted) split.countsMemo.set(key, (counted = lintText(text, { ...opts, only: [COUNTS_RULE] })));
  return counted.length ? [...rest, ...counted].sort(byPlace) : rest;
}

let defaultTerms: { list: TermList; diagnostics: LintDiagnostic[] } | null = null;
/** The project's data/terms.yaml (read once). */
export function loadDefaultTerms(): { list: TermList; diagnostics: LintDiagnostic[] } {
  if (!defaultTerms) {
    const file = defaultTermsPath();
    const { file: src, diagnostics } = parseYamlText(fs.readFileSync(file, 'utf8'), file, 'data/terms.yaml');
    if (diagnostics.length) throw new Error(`默认用词表 data/terms.yaml 有语法错误：${diagnostics[0].message}`);
    defaultTerms = readTerms(src);
  }
  return defaultTerms;
}

/** notice.yaml `lint: {disable: [...]}`, with unknown rule ids reported (rule lint-config). */
export function readDisable(notice: SourceFile): { disable: string[]; diagnostics: LintDiagnostic[] } {
  const out: string[] = [];
  const diagnostics: LintDiagnostic[] = [];
  const root = notice.doc.contents;
  const lint = isMap(root) ? (root.get('lint', true) as Node | undefined) : undefined;
  const list = isMap(lint) ? (lint.get('disable', true) as Node | undefined) : undefined;
  const report = (node: Node | null | undefined, message: string) => {
    const pos = notice.lineCounter.linePos(node?.range?.[0] ?? 0);
    diagnostics.push({ severity: 'error', file: notice.display, line: pos.line, col: pos.col, rule: 'lint-config', message });
  };
  if (lint !== undefined && lint !== null && !isMap(lint)) report(lint, 'lint 应写作 lint: {disable: [规则名, …]}');
  if (list === undefined || list === null) return { disable: out, diagnostics };
  if (!isSeq(list)) {
    report(list, 'lint.disable 应为规则名的列表，如 [repeated-char, terms]');
    return { disable: out, diagnostics };
  }
  for (const item of list.items) {
    const id = isScalar(item) ? String(item.value) : '';
    if (RULE_IDS.includes(id)) out.push(id);
    else report(item as Node, `lint.disable 中的规则“${id}”不存在（可用：${RULE_IDS.join('、')}）`);
  }
  return { disable: out, diagnostics };
}

function factsOf(notice: SourceFile): LintFacts {
  const js = notice.doc.toJS() as Record<string, unknown> | null;
  if (!js || typeof js !== 'object') return {};
  const str = (v: unknown) => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString().slice(0, 10) : undefined);
  const insp = (js.inspection ?? {}) as Record<string, unknown>;
  return { deadline: str(js.deadline), issued: str(js.issued), inspection: { from: str(insp.from), to: str(insp.to) } };
}

/** Findings of one field, placed in its file. */
export function lintField(
  file: SourceFile,
  field: ProseField,
  opts: {
    facts: LintFacts;
    terms: TermList;
    disable: Iterable<string>;
    only?: Iterable<string>;
    memo?: Map<string, TextFinding[]>;
    split?: Parameters<typeof lintMemo>[3];
    /** findings already found in this pass (lintRound's own, when `memo` is not given) */
    local?: LocalMemo;
  },
): LintDiagnostic[] {
  const findings = lintMemo(opts.memo, field.value, { kind: field.kind, facts: opts.facts, terms: opts.terms, disable: opts.disable, only: opts.only }, opts.split, opts.local);
  if (!findings.length) return [];
  const spans = scalarSpans(file.text, field.node);
  const start = field.node.range?.[0] ?? 0;
  return findings.map((f) => {
    const span = spans[f.start];
    const pos = file.lineCounter.linePos(span ? span.s : start);
    let { message, suggestion } = f;
    // A space the YAML parser made out of a line break (plain or folded text over several lines).
    if (f.rule === 'spacing' && span && /[\r\n]/.test(file.text.slice(span.s, span.e))) {
      message = '换行处多了空格：YAML 把跨行文字的换行读作空格，正文里会出现这个空格';
      suggestion = '把这段文字写在同一行';
    }
    return { severity: 'warning', file: file.display, line: pos.line, col: pos.col, rule: f.rule, message, suggestion };
  });
}

/** Data strings (each at least 2 characters) by their first characters, to find which of them
 *  a paragraph quotes at a given place without trying every one. */
const PREFIX = 4;
interface DataIndex {
  byPrefix: Map<string, string[]>;
  longest: number;
}

function dataIndex(data: string[]): DataIndex {
  const byPrefix = new Map<string, string[]>();
  let longest = 0;
  for (const v of data) {
    const key = v.slice(0, PREFIX);
    const list = byPrefix.get(key);
    if (list) list.push(v);
    else byPrefix.set(key, [v]);
    if (v.length > longest) longest = v.length;
  }
  return { byPrefix, longest };
}

/**
 * Whether a finding in a paragraph lies inside text quoted from the data: some data string
 * stands in the paragraph at a place that covers the finding. Only the places that can start
 * such a string are tried, each against the strings beginning with the paragraph's characters
 * there, so a national-scale list of names costs a few lookups per finding.
 */
function fromData(para: string, x: TextFinding, index: DataIndex): boolean {
  for (let at = x.start; at >= 0 && at > x.end - index.longest - 1; at--) {
    for (let p = 2; p <= PREFIX; p++) {
      const list = index.byPrefix.get(para.slice(at, at + p));
      if (!list) continue;
      for (const v of list) if (at + v.length >= x.end && para.startsWith(v, at)) return true;
    }
  }
  return false;
}

/**
 * fromData without an index of every data string: some data string that contains the finding's
 * text stands in the paragraph around it (`containing(text)`: the data strings, of at least 2
 * characters, that contain the text). For a finding of at least one character.
 */
export function quotedIn(para: string, x: TextFinding, containing: (text: string) => readonly string[]): boolean {
  const f = para.slice(x.start, x.end);
  for (const v of containing(f)) {
    for (let o = v.indexOf(f); o >= 0; o = v.indexOf(f, o + 1)) {
      const at = x.start - o;
      if (at >= 0 && para.startsWith(v, at)) return true;
    }
  }
  return false;
}

/** fromData over a list of data strings (for tests comparing it with quotedIn). */
export function quotedByIndex(para: string, x: TextFinding, data: readonly string[]): boolean {
  return fromData(para, x, dataIndex([...new Set(data)].filter((v) => v.length >= 2)));
}

/**
 * Lint a round. `facts` are the dates the prose may restate (NoticeInput fits); when omitted
 * they are read from notice.yaml as written. `noticeParagraphs` are the plain-text paragraphs
 * of the rendered notice, reported as `<noticeName>:<paragraph number>:<column>`; a finding
 * inside text that comes from the data is left to the data file, so it is not reported twice.
 */
export function lintRound(
  files: RoundFiles,
  facts?: LintFacts,
  noticeParagraphs?: string[],
  options: LintRoundOptions = {},
): LintDiagnostic[] {
  const out: LintDiagnostic[] = [];
  const dis = readDisable(files.notice);
  out.push(...dis.diagnostics);
  const disable = new Set([...dis.disable, ...(options.disable ?? [])]);
  let terms = options.terms;
  if (!terms) {
    const t = files.terms ? readTerms(files.terms) : loadDefaultTerms();
    out.push(...t.diagnostics);
    terms = t.list;
  }
  const f: LintFacts = { ...(facts ?? factsOf(files.notice)), ...(options.counts ? { counts: options.counts } : {}) };
  const split = options.countsMemo ? { countsMemo: options.countsMemo, disableAlso: new Set([...disable, COUNTS_RULE]) } : undefined;
  const local: LocalMemo | undefined = options.memo ? undefined : new Map();
  const dataStrings: string[][] = [];
  const roles: [FileRole, SourceFile | undefined][] = [
    ['notice', files.notice],
    ['sites', files.sites],
    ['accounts', files.accounts],
  ];
  const fieldOpts = { facts: f, terms, disable, memo: options.memo, split, local };
  for (const [role, file] of roles) {
    if (!file) continue;
    const quick = role !== 'notice' && options.units && options.memo && split ? quickValue(file) : null;
    if (quick !== null && typeof quick === 'object' && !Array.isArray(quick)) {
      const lists = options.units!.lists;
      for (const { base, list } of unitLists(quick as Record<string, unknown>, role as 'sites' | 'accounts')) {
        const entries = lists.of<{ strings: string[]; hot: number[] }>(`${role}/${base.join('/')}`).map(list, '', (u, i) => {
          if (u === null || typeof u !== 'object') return NO_FIELDS;
          const strings: string[] = [];
          const hot: number[] = [];
          let k = 0;
          eachUnitField(u, (_key, _item, kind, value) => {
            stringsOf(value, strings);
            // names are nearly all different: the memo by text would only grow (150,000 entries at national scale)
            const opts = { kind, facts: f, terms, disable: split!.disableAlso };
            const rest = kind === 'name' ? lintText(value, opts) : lintMemo(options.memo, value, opts);
            if (rest.length || (COUNTED_KINDS.has(kind) && !disable.has(COUNTS_RULE) && mayClaim(value))) hot.push(k);
            k++;
          });
          return { strings, hot: hot.length ? hot : NO_FIELDS.hot };
        })!;
        for (let i = 0; i < entries.length; i++) {
          const entry = entries[i];
          dataStrings.push(entry.strings);
          if (entry.hot.length) {
            const fields = quickFieldsOfUnit(file, base, i, list[i]);
            for (const k of entry.hot) out.push(...lintField(file, fields[k], fieldOpts));
          }
        }
      }
      continue;
    }
    const strings: string[] = [];
    for (const field of proseFields(file, role)) {
      stringsOf(field.value, strings);
      out.push(...lintField(file, field, fieldOpts));
    }
    dataStrings.push(strings);
  }
  const name = options.noticeName ?? '通报正文';
  // What is quoted from the data, found when a paragraph has a finding to check (most notices
  // have none). The server keeps it while the data's strings stay the same.
  const kept = options.units;
  let keptValid: boolean | null = null;
  const keep = (): UnitsMemo | null => {
    if (!kept) return null;
    keptValid ??= !!kept.strings && kept.strings.length === dataStrings.length && kept.strings.every((l, i) => sameStrings(l, dataStrings[i]));
    if (!keptValid) {
      Object.assign(kept, { strings: dataStrings, index: null, covering: new Map() });
      keptValid = true;
    }
    return kept;
  };
  let data: DataIndex | null = null;
  const quoted = () => {
    const k = keep();
    data ??= k?.index ?? dataIndex([...new Set(dataStrings.flat())].filter((v) => v.length >= 2));
    if (k) k.index = data;
    return data;
  };
  // the data strings that contain a finding's text: one pass over them per different text, not an index of all of them
  let covering = new Map<string, string[]>();
  const containing = (f: string): string[] => {
    const k = keep();
    if (k) covering = k.covering;
    let found = covering.get(f);
    if (!found) {
      found = [];
      for (const list of dataStrings) for (const v of list) if (v.length >= 2 && v.includes(f)) found.push(v);
      covering.set(f, found);
    }
    return found;
  };
  const isQuoted = (para: string, x: TextFinding): boolean => (x.end <= x.start || x.end > para.length ? fromData(para, x, quoted()) : quotedIn(para, x, containing));
  (noticeParagraphs ?? []).forEach((para, k) => {
    for (const x of lintMemo(options.memo, para, { kind: 'paragraph', facts: f, terms, disable }, split)) {
      if (isQuoted(para, x)) continue;
      out.push({ severity: 'warning', file: name, line: k + 1, col: x.start + 1, rule: x.rule, message: x.message, suggestion: x.suggestion });
    }
  });
  const seen = new Set<string>();
  const unique = out.filter((d) => {
    const key = `${d.file}:${d.line}:${d.col}:${d.rule}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return sortDiagnostics(unique) as LintDiagnostic[];
}
