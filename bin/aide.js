#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is TypeScript compiled to dist/ by `npm run build`.
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'src', 'cli', 'index.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('aide: not built yet. Run `npm run build` (or `npm start`) in ' + path.join(__dirname, '..') + '\n');
  process.exit(1);
}
require(entry).run();
