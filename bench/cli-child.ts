// One tongbao command run in this process, as bin/tongbao.js runs it, then its peak resident
// memory written to a file: node dist/bench/cli-child.js RESULT.json COMMAND ARGS…
import { writeFileSync } from 'fs';

/** CPU time of the whole process so far (all threads), ms */
const cpuMs = () => {
  const c = process.cpuUsage();
  return Math.round((c.user + c.system) / 1000);
};
import { main } from '../src/cli/main';

const [out, ...args] = process.argv.slice(2);
main(args).then(
  (code) => {
    writeFileSync(out, JSON.stringify({ code, peakMB: Math.round(process.resourceUsage().maxRSS / 1024), cpuMs: cpuMs() }));
    process.exitCode = code;
  },
  (e) => {
    console.error(e);
    process.exitCode = 70;
  },
);
