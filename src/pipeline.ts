// The stages in order: load → validate → aggregate. Rendering and writing take the model
// from here (see src/build.ts). Options are resolved by the caller once and passed down.
import { aggregate } from './aggregate/aggregate';
import type { AggregateMemo } from './aggregate/aggregate';
import type { ReportModel } from './aggregate/model';
import { loadWording } from './aggregate/wording';
import type { Wording } from './aggregate/wording';
import { resolvePrevious } from './compare/previous';
import { previousRectification } from './rectify/previous';
import { DataError } from './diagnostics';
import { loadRound } from './load/round';
import type { LoadedRound } from './load/round';
import { validateRound } from './validate';
import type { ValidatedRound } from './validate';

let wordingCache: Wording | null = null;
function wording(): Wording {
  wordingCache ??= loadWording();
  return wordingCache;
}

export interface LoadOptions {
  /** also find and validate the previous round (default true; see src/compare/previous.ts) */
  previous?: boolean;
}

/** Load and validate a data folder (and the round before it); throws DataError with every problem found. */
export function loadValidated(dataDir: string, cwd: string = process.cwd(), options: LoadOptions = {}): ValidatedRound {
  return validatedOf(loadRound(dataDir, cwd), cwd, options);
}

/** loadValidated of a round a caller has loaded already (lint reads the files and builds the model from one load). */
export function validatedOf(loaded: LoadedRound, cwd: string = process.cwd(), options: LoadOptions = {}): ValidatedRound {
  const { value, diagnostics } = validateRound(loaded);
  if (!value) throw new DataError(diagnostics);
  if (options.previous !== false) {
    const p = resolvePrevious(value, cwd);
    if (p.errors.length) throw new DataError(p.errors);
    value.previous = p.previous;
    value.warnings.push(...p.warnings);
    // compare.rectification: the previous round's rectify.yaml, checked like its other files
    if (value.round.notice.compare?.rectification) {
      const r = previousRectification(value, cwd, (round) => aggregate(round, wording(), null));
      if (r.errors.length) throw new DataError(r.errors);
      value.rectification = r.followUp;
      value.warnings.push(...r.warnings);
    }
  }
  return value;
}

/** The report model of a validated round; `memo`: what aggregate keeps between runs (the server). */
export function modelOf(v: ValidatedRound, memo?: AggregateMemo): ReportModel {
  const model = aggregate(v.round, wording(), v.previous?.round ?? null, memo);
  if (v.rectification) {
    model.rectification = v.rectification;
    model.compare = { ...model.compare!, rectification: true };
  }
  return model;
}

export { wording as annexWording };

/** The report model of a data folder; throws DataError on bad data. */
export async function loadModel(dataDir: string, cwd: string = process.cwd()): Promise<ReportModel> {
  return modelOf(loadValidated(dataDir, cwd));
}
