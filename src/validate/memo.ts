// What validation keeps between runs over the same round, for a caller that validates it again
// after each edit (tongbao serve). The round's values keep their identity between edits: an edit
// replaces the object of the unit it changes and leaves every other unit's object as it was
// (src/serve/window.ts). So what a unit alone decides — its schema check, its part of the
// cross-field rules, its judged form — is kept per unit (src/memo.ts), and what depends on
// several units (repeated names and URLs) is counted and the counts moved only for the units
// that changed. Every shortcut only proves that the full check would say nothing; whenever a
// unit or a repeat has something to say, the full check runs and says it, word for word.

import { KeyCounts, ListMemos } from '../memo';

export interface ValidateMemo {
  /** per list of units: the schema's output of each unit, whether the unit-by-unit rules have
   *  anything to say about it (rules.ts), the judged form of an account whose results are given */
  lists: ListMemos;
  /** repeated site names (per group), site URLs (over all sites), account names (per platform and group) */
  siteNames: KeyCounts;
  siteUrls: KeyCounts;
  accountNames: KeyCounts;
}

export function createValidateMemo(): ValidateMemo {
  return { lists: new ListMemos(), siteNames: new KeyCounts(true), siteUrls: new KeyCounts(), accountNames: new KeyCounts(true) };
}
