// The stages in order: load → validate → aggregate. Rendering and writing take the model
// from here (see src/build.ts). Options are resolved by the caller once and passed down.
import { aggregate } from './aggregate/aggregate';
import type { ReportModel } from './aggregate/model';
import { loadWording } from './aggregate/wording';
import type { Wording } from './aggregate/wording';
import { DataError } from './diagnostics';
import { loadRound } from './load/round';
import { validateRound } from './validate';
import type { ValidatedRound } from './validate';

let wordingCache: Wording | null = null;
function wording(): Wording {
  wordingCache ??= loadWording();
  return wordingCache;
}

/** Load and validate a data folder; throws DataError with every problem found. */
export function loadValidated(dataDir: string, cwd: string = process.cwd()): ValidatedRound {
  const { value, diagnostics } = validateRound(loadRound(dataDir, cwd));
  if (!value) throw new DataError(diagnostics);
  return value;
}

export function modelOf(v: ValidatedRound): ReportModel {
  return aggregate(v.round, wording());
}

/** The report model of a data folder; throws DataError on bad data. */
export async function loadModel(dataDir: string, cwd: string = process.cwd()): Promise<ReportModel> {
  return modelOf(loadValidated(dataDir, cwd));
}
