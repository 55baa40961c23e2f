// Preloaded into the CLI's process by the import corpus test (node -r): at exit, the peak
// resident memory of this process goes to the file named by TONGBAO_TEST_PEAK_FILE.
'use strict';
const fs = require('fs');
process.on('exit', () => {
  const file = process.env.TONGBAO_TEST_PEAK_FILE;
  if (file) fs.writeFileSync(file, String(Math.round(process.resourceUsage().maxRSS / 1024)));
});
