// Preloaded into the CLI's process by the import corpus test (node -r): at exit, the peak
// resident memory of this process goes to the file named by TONGBAO_TEST_PEAK_FILE. VmHWM
// is this process's own high-water mark; getrusage's maxRSS would carry over the (larger)
// jest worker the child was forked from, since Linux keeps it across exec.
'use strict';
const fs = require('fs');
process.on('exit', () => {
  const file = process.env.TONGBAO_TEST_PEAK_FILE;
  if (!file) return;
  let kb = process.resourceUsage().maxRSS;
  try {
    const m = /VmHWM:\s*(\d+)\s*kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) kb = Number(m[1]);
  } catch {
    // not Linux: maxRSS
  }
  fs.writeFileSync(file, String(Math.round(kb / 1024)));
});
