// Changes to rectify.yaml as edits at YAML paths (src/edit): only the values that change are
// touched, comments and layout stay. Shared by the 整改台账 import and the page's 整改 view.
import { stringify } from 'yaml';
import type { Edit, YamlPath } from '../edit';
import { applyEdits } from '../edit';
import type { FailingItem } from './items';
import { keyOf } from './items';
import type { RectifyData, RectifyEntry } from './load';
import type { ReviewResult } from './schema';

export interface ItemState {
  reported: string | null;
  summary: string | null;
  review: ReviewResult;
  reviewed: string | null;
}

export const FIELDS = ['reported', 'summary', 'review', 'reviewed'] as const;
/** the order docs/rectify.md writes an entry's keys in */
const ORDER = ['url', 'name', 'platform', 'owner', ...FIELDS];
type Field = (typeof FIELDS)[number];

const isDefault = (f: Field, v: unknown) => v === null || v === undefined || v === '' || (f === 'review' && v === '未复查');

export function stateOf(e: RectifyEntry | undefined): ItemState {
  return { reported: e?.reported ?? null, summary: e?.summary ?? null, review: e?.review ?? '未复查', reviewed: e?.reviewed ?? null };
}

/** How rectify.yaml names an item: a site by url (and name), an account by name and platform (and owner). */
function identity(it: FailingItem): Record<string, string> {
  return it.kind === 'site' ? { url: it.url!, name: it.name } : { name: it.name, platform: it.kindLabel, owner: it.unit };
}

export const RECTIFY_HEADER = '# yaml-language-server: $schema=../../schema/rectify.schema.json\n# 整改情况：本轮通报列为不合格的单位报回的整改报告和复查结果（格式见 docs/rectify.md）\n';

/**
 * rectify.yaml's new text with each item set to its wanted state (only fields that differ are
 * edited). `text` is the current file's text, or null when there is none yet.
 */
export function rectifyText(text: string | null, items: FailingItem[], data: RectifyData, wanted: Map<string, ItemState>): { text: string; changed: number } {
  const raw = (data.file?.doc.toJS() ?? {}) as Record<string, unknown[] | null | undefined>;
  const edits: Edit[] = [];
  const added: Record<'sites' | 'accounts', Record<string, unknown>[]> = { sites: [], accounts: [] };
  let changed = 0;
  for (const it of items) {
    const key = keyOf(it);
    const want = wanted.get(key);
    if (!want) continue;
    const entry = data.entries.get(key);
    const have = stateOf(entry);
    const diff = FIELDS.filter((f) => (want[f] ?? null) !== (have[f] ?? null) && !(isDefault(f, want[f]) && isDefault(f, have[f])));
    if (!diff.length) continue;
    changed++;
    if (entry) {
      const p = entry.path as YamlPath;
      const rawEntry = (raw[p[0] as string] as Record<string, unknown>[])[p[1] as number] ?? {};
      const present = new Set(Object.keys(rawEntry));
      for (const f of diff) {
        if (isDefault(f, want[f])) {
          if (present.has(f)) edits.push({ op: 'delete', file: 'rectify.yaml', path: [...p, f] });
          present.delete(f);
        } else {
          // a new key goes where the documented order puts it, not at the end
          const after = present.has(f) ? undefined : ORDER.slice(0, ORDER.indexOf(f)).reverse().find((k) => present.has(k));
          edits.push({ op: 'set', file: 'rectify.yaml', path: [...p, f], value: want[f], ...(after ? { after } : {}) });
          present.add(f);
        }
      }
    } else {
      const value: Record<string, unknown> = identity(it);
      for (const f of FIELDS) if (!isDefault(f, want[f])) value[f] = want[f];
      added[it.kind === 'site' ? 'sites' : 'accounts'].push(value);
    }
  }
  if (text === null) {
    const doc: Record<string, unknown> = {};
    for (const k of ['sites', 'accounts'] as const) if (added[k].length) doc[k] = added[k];
    return { text: changed ? RECTIFY_HEADER + stringify(doc, { lineWidth: 0 }) : '', changed };
  }
  for (const k of ['sites', 'accounts'] as const) {
    if (!added[k].length) continue;
    if (Array.isArray(raw[k])) for (const v of added[k]) edits.push({ op: 'insert', file: 'rectify.yaml', path: [k], value: v });
    else edits.push({ op: 'set', file: 'rectify.yaml', path: [k], value: added[k] });
  }
  // one by one: a key added after another one just added needs the text as it then is
  let out = text;
  for (const e of edits) out = applyEdits(out, [e], 'rectify.yaml');
  return { text: out, changed };
}
