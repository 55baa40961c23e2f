// Tests that depend on something outside the repository (../shared/acceptance, python3-lxml,
// LibreOffice). Locally a missing tool skips the test and says why; in CI (CI set, as CI
// services do) it fails, naming what is missing, so a broken CI machine cannot pass quietly.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..', '..');
export const ACCEPTANCE = path.join(ROOT, '..', 'shared', 'acceptance');

export const inCI = (): boolean => !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

/** Why a requirement is not met, or null when it is. */
export type Requirement = () => string | null;

export const sharedFile =
  (...parts: string[]): Requirement =>
  () => {
    const p = path.join(ACCEPTANCE, ...parts);
    return fs.existsSync(p) ? null : `${p} not found (the shared acceptance folder is a sibling of the repository)`;
  };

export const pythonLxml: Requirement = () => {
  // check-ooxml falls back to /usr/bin/python3 when the first python3 lacks lxml; so do we
  for (const py of ['python3', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import lxml.etree'], { stdio: 'ignore' }).status === 0) return null;
  }
  return 'python3 with lxml not found (Debian: apt-get install python3-lxml)';
};

export const command =
  (name: string, pkg: string): Requirement =>
  () =>
    spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0 ? null : `${name} not found (Debian: ${pkg})`;

/**
 * `test` when every requirement is met; otherwise `test.skip` with the reason printed, or in CI
 * a test that fails with the reason.
 */
export function testIf(...reqs: Requirement[]): jest.It {
  const missing = reqs.map((r) => r()).filter((x): x is string => x !== null);
  if (missing.length === 0) return test;
  if (inCI()) {
    const failing = ((name: string) => test(name, () => { throw new Error(`required in CI: ${missing.join('; ')}`); })) as unknown as jest.It;
    return failing;
  }
  // eslint-disable-next-line no-console
  console.warn(`skipped (${missing.join('; ')})`);
  return test.skip;
}

/** As testIf, for a describe block: in CI the block is replaced by one failing test. */
export function describeIf(...reqs: Requirement[]): jest.Describe {
  const missing = reqs.map((r) => r()).filter((x): x is string => x !== null);
  if (missing.length === 0) return describe;
  if (inCI()) {
    return ((name: string) =>
      describe(name, () => {
        test('has what it needs', () => {
          throw new Error(`required in CI: ${missing.join('; ')}`);
        });
      })) as unknown as jest.Describe;
  }
  // eslint-disable-next-line no-console
  console.warn(`skipped (${missing.join('; ')})`);
  return describe.skip;
}
