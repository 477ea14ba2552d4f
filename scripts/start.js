'use strict';
/**
 * `npm start`: builds only what is older than its sources (server with tsc, pages with webpack; see
 * build-state.js), then runs `aide serve` with the arguments given (npm start -- --port 4000).
 * A restart with nothing changed goes straight to serving.
 */
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');
const state = require('./build-state');

const ROOT = path.resolve(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

for (const [kind, script] of [
  ['server', 'build:server'],
  ['web', 'build:web'],
]) {
  const reason = state.staleReason(kind);
  if (!reason) {
    console.log(`aide: ${kind} build is up to date, not rebuilt`);
    continue;
  }
  console.log(`aide: building the ${kind} (${reason})…`);
  const started = Date.now();
  const result = spawnSync(npm, ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`aide: the ${kind} build failed (npm run ${script}); nothing was started.`);
    process.exit(result.status ?? 1);
  }
  console.log(`aide: ${kind} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'aide.js'), 'serve', ...process.argv.slice(2)], { cwd: process.cwd(), stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
