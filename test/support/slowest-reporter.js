// Prints the slowest test files of a run and the run's wall time, so a suite that grows slow
// is seen (npm test is meant to stay under 90 s on a 2-core machine).
class SlowestReporter {
  constructor(_globalConfig, options = {}) {
    this.count = options.count ?? 8;
    this.started = Date.now();
  }

  onRunComplete(_contexts, results) {
    const suites = results.testResults
      .map((r) => ({ name: r.testFilePath.replace(/^.*?\/test\//, 'test/'), s: (r.perfStats.end - r.perfStats.start) / 1000 }))
      .filter((r) => Number.isFinite(r.s))
      .sort((a, b) => b.s - a.s);
    if (suites.length < 2) return;
    const lines = suites.slice(0, this.count).map((r) => `  ${r.s.toFixed(1).padStart(6)} s  ${r.name}`);
    const total = suites.reduce((a, r) => a + r.s, 0);
    process.stderr.write(`\nSlowest test files (${suites.length} files, ${total.toFixed(0)} s of suite time, ${((Date.now() - this.started) / 1000).toFixed(0)} s wall):\n${lines.join('\n')}\n`);
  }
}
module.exports = SlowestReporter;
