#!/usr/bin/env node
'use strict';
// The CLI runs compiled JavaScript (dist/), built by `npm ci` through the `prepare` script.
const path = require('path');
let main;
try {
  ({ main } = require(path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js')));
} catch (e) {
  process.stderr.write('tongbao：未找到编译结果 dist/，请先运行 npm ci（或 npm run build:ts）。\n');
  process.exit(2);
}
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
