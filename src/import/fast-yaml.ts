// The quick reader moved to src/load/fast-yaml.ts (load, import and serve share it); this path
// stays so that code importing it from here keeps working.
export { fastParse } from '../load/fast-yaml';
export type { UnitSpan, FastParsed, FastOptions } from '../load/fast-yaml';
