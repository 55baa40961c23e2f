// The floor for loading a round: js-yaml's load of the round's three files and nothing else
// (no positions, no validation). node dist/bench/yaml-floor.js RESULT.json DATA_DIR
import { readFileSync, writeFileSync } from 'fs';

/** CPU time of the whole process so far, ms */
const cpuMs = () => {
  const c = process.cpuUsage();
  return Math.round((c.user + c.system) / 1000);
};
import { join } from 'path';

// js-yaml is a devDependency only for this floor (it has no types here)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsyaml = require('js-yaml') as { load(text: string): unknown };

const [out, dir] = process.argv.slice(2);
let keys = 0;
for (const f of ['notice.yaml', 'sites.yaml', 'accounts.yaml']) {
  const v = jsyaml.load(readFileSync(join(dir, f), 'utf8'));
  keys += Object.keys(v as object).length;
}
writeFileSync(out, JSON.stringify({ code: keys > 0 ? 0 : 1, peakMB: Math.round(process.resourceUsage().maxRSS / 1024), cpuMs: cpuMs() }));
