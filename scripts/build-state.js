'use strict';
/**
 * Is a build older than its sources? Each build writes a digest of the files it was made from (paths and contents,
 * so a checkout that only touches timestamps is no change); a build is stale when today's digest differs.
 *   web     dist/web (webpack): the browser code, the webpack config and its loader, the lock file
 *   server  dist/ (tsc): the server, CLI, core and benches, the TypeScript configs, the lock file
 * Used by `npm start` (scripts/start.js: build only what is stale), `aide serve` (says when the build is stale) and
 * the web bench. Command line: node scripts/build-state.js stamp web|server — check [web|server] (exit 1 when stale).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const LOCK = ['package.json', 'package-lock.json'];
const KINDS = {
  web: {
    inputs: ['src/core', 'src/hosts', 'src/taskpane', 'src/dashboard', 'src/commands', 'webpack.config.js', 'scripts/icon-imports-loader.js', 'tsconfig.json', ...LOCK],
    stamp: 'dist/web/.sources',
    output: 'dist/web/taskpane.html',
  },
  server: {
    inputs: ['src/core', 'src/server', 'src/cli', 'bench', 'tsconfig.json', 'tsconfig.build.json', ...LOCK],
    stamp: 'dist/.server-sources',
    output: 'dist/src/cli/index.js',
  },
};

function filesUnder(rel) {
  const abs = path.join(ROOT, rel);
  let stat;
  try {
    stat = fs.statSync(abs);
  } catch {
    return [];
  }
  if (stat.isFile()) return [rel];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules')
    .flatMap((e) => filesUnder(path.join(rel, e.name)));
}

/** sha256 of every input file's path and content, in a stable order. */
function digest(kind) {
  const hash = crypto.createHash('sha256');
  for (const file of KINDS[kind].inputs.flatMap(filesUnder).sort()) {
    hash.update(file.split(path.sep).join('/') + '\0');
    hash.update(fs.readFileSync(path.join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Why the build must be made again ("no build yet", "sources changed since the last build"), or null when current. */
function staleReason(kind, current = digest(kind)) {
  const { stamp, output } = KINDS[kind];
  if (!fs.existsSync(path.join(ROOT, output))) return 'no build yet';
  let recorded = '';
  try {
    recorded = fs.readFileSync(path.join(ROOT, stamp), 'utf8').trim();
  } catch {
    return 'built without a record of its sources';
  }
  return recorded === current ? null : 'sources changed since the last build';
}

function stamp(kind, value = digest(kind)) {
  const file = path.join(ROOT, KINDS[kind].stamp);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, value + '\n');
}

/** A source checkout (not an installed package without its sources): only then can a build be stale. */
function isSourceCheckout() {
  return fs.existsSync(path.join(ROOT, 'src', 'taskpane')) && fs.existsSync(path.join(ROOT, 'webpack.config.js'));
}

module.exports = { KINDS, digest, staleReason, stamp, isSourceCheckout, webIsStale: () => staleReason('web') };

if (require.main === module) {
  const [command, kind] = process.argv.slice(2);
  const kinds = kind ? [kind] : Object.keys(KINDS);
  if (kinds.some((k) => !KINDS[k]) || !['stamp', 'check'].includes(command)) {
    console.error('usage: node scripts/build-state.js stamp web|server | check [web|server]');
    process.exit(2);
  }
  if (command === 'stamp') for (const k of kinds) stamp(k);
  else {
    let stale = false;
    for (const k of kinds) {
      const reason = staleReason(k);
      console.log(`${k}: ${reason ?? 'up to date'}`);
      stale = stale || reason !== null;
    }
    process.exit(stale ? 1 : 0);
  }
}
