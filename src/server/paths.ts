import fs from 'node:fs';
import path from 'node:path';

/** The package root (where package.json is), whether running from src/ (tests) or dist/src/ (built). */
function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + start);
    dir = parent;
  }
  return dir;
}

export const packageRoot = findRoot(__dirname);

/** The package version (from package.json), for banners and metrics events. */
export const packageVersion: string = (JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
