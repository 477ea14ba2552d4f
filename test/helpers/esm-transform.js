'use strict';
// Jest loads modules through its own CommonJS runtime, so ESM-only dependencies (jose, htmlparser2, marked,
// @faker-js/faker …) must be turned into CommonJS for tests. Node itself loads them natively (require(esm)).
// A file is ESM when it is .mjs, when its package says "type": "module", or when it plainly uses import/export.
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('esbuild');

const ESM_SYNTAX = /(?:^|[;}\n])\s*(?:import\s*[\w{*'"]|export\s*[{*]|export\s+(?:default|const|let|var|function|class|async))/;
const typeCache = new Map();

function packageType(file) {
  let dir = path.dirname(file);
  const seen = [];
  while (dir !== path.dirname(dir)) {
    if (typeCache.has(dir)) break;
    seen.push(dir);
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      let type = 'commonjs';
      try {
        type = JSON.parse(fs.readFileSync(pkg, 'utf8')).type || 'commonjs';
      } catch {
        /* unreadable package.json: treat as CommonJS */
      }
      typeCache.set(dir, type);
      break;
    }
    dir = path.dirname(dir);
  }
  const type = typeCache.get(dir) || 'commonjs';
  for (const d of seen) typeCache.set(d, type);
  return type;
}

module.exports = {
  process(source, filename) {
    const esm = filename.endsWith('.mjs') || (!filename.endsWith('.cjs') && (packageType(filename) === 'module' || ESM_SYNTAX.test(source)));
    if (!esm) return { code: source };
    const out = transformSync(source, {
      loader: 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      supported: { 'dynamic-import': false },
      // CommonJS has no import.meta: give the file's own URL (pdfjs-dist uses it for createRequire).
      define: { 'import.meta.url': JSON.stringify(require('node:url').pathToFileURL(filename).href) },
    });
    return { code: out.code };
  },
  getCacheKey(source, filename) {
    return require('node:crypto').createHash('sha1').update('esm-v4').update(filename).update(source).digest('hex');
  },
};
