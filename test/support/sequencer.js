// The order test files start in: the longest first, so that the two workers of a 2-core machine
// finish together instead of one running a 30-second suite alone at the end. jest orders by the
// durations it cached from the last run, but a fresh clone (CI) has none and falls back to file
// size, which puts the slowest files (short files that spawn the CLI, LibreOffice or a browser)
// last. So files without a cached duration take theirs from SLOW below (seconds measured in a
// full run; update it when the slowest-files list printed after a run changes a lot), and any
// other file counts as short.
const Sequencer = require('@jest/test-sequencer').default;
const path = require('path');

const SLOW = {
  'test/import/corpus.test.ts': 60,
  'test/cli-build/national.test.ts': 50,
  'test/serve/quarter.test.ts': 33,
  'test/serve/browser.test.ts': 31,
  'test/cli-build/e2e-kill.test.ts': 18,
  'test/serve/incremental.test.ts': 13,
  'test/handoff/pdf.test.ts': 13,
  'test/cli-build/interrupt.test.ts': 10,
  'test/render-xlsx/print.test.ts': 9.6,
  'test/serve/http.test.ts': 9.4,
  'test/edit/property.test.ts': 9.2,
  'test/serve/state.test.ts': 9.2,
  'test/handoff/notice-tables.test.ts': 8.7,
  'test/acceptance/ooxml.test.ts': 8.6,
  'test/handoff/corrections.test.ts': 8.2,
  'test/import/roundtrip.test.ts': 7.5,
  'test/cli-build/e2e.test.ts': 7.2,
  'test/calendar/property.test.ts': 7,
  'test/rectify/followup.test.ts': 7,
  'test/cli-build/e2e-package.test.ts': 6.9,
  'test/acceptance/seed.test.ts': 6.9,
  'test/serve/browser-large.test.ts': 6.8,
  'test/render-docx/render.test.ts': 6.8,
  'test/lint/property.test.ts': 6.5,
};
const SHORT = 1;

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const root = path.join(__dirname, '..', '..');
    const expected = (t) => this.time(t) ?? SLOW[path.relative(root, t.path).split(path.sep).join('/')] ?? SHORT;
    // failed last time first (quick feedback), then the longest first; the path breaks ties
    return [...tests].sort((a, b) => {
      const fa = this.hasFailed(a);
      if (fa !== this.hasFailed(b)) return fa ? -1 : 1;
      return expected(b) - expected(a) || (a.path < b.path ? -1 : 1);
    });
  }
}

module.exports = SlowFirstSequencer;
