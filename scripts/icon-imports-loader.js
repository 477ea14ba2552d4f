'use strict';
/**
 * Webpack loader (Aide's own sources only): `import { CopyRegular } from '@fluentui/react-icons'` becomes
 * `import { CopyRegular } from '@fluentui/react-icons/svg/copy'`, the module of that one icon family.
 * Why: the package index re-exports icons from a few dozen large modules (hundreds of icons each). Webpack keeps the
 * exports used anywhere in the build, per module, so an icon of the run panel (a lazy chunk) sharing a module with an
 * icon of the gallery was shipped in the pane's first bytes. One module per family gives each icon to the chunk
 * that renders it. A name whose family file is not found is left on the index import, so nothing breaks.
 */
const fs = require('node:fs');
const path = require('node:path');

const SVG_DIR = path.join(path.dirname(require.resolve('@fluentui/react-icons/package.json')), 'lib', 'atoms', 'svg');
const IMPORT = /import\s*\{([^}]*)\}\s*from\s*['"]@fluentui\/react-icons['"];?/g;

/** CopySelectRegular → copy-select; Warning12Filled → warning; Battery0Regular → battery-0. */
function familyFile(name) {
  const family = name.replace(/\d*(Regular|Filled|Light|Color)$/, '');
  const kebab = family
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([a-zA-Z])(\d)/g, '$1-$2')
    .toLowerCase();
  return fs.existsSync(path.join(SVG_DIR, `${kebab}.js`)) ? kebab : null;
}

function rewrite(source) {
  return source.replace(IMPORT, (whole, list) => {
    const kept = [];
    const lines = [];
    for (const raw of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const typeOnly = raw.startsWith('type ');
      const imported = raw.replace(/^type\s+/, '').split(/\s+as\s+/)[0].trim();
      const file = typeOnly ? null : familyFile(imported);
      if (file) lines.push(`import { ${raw} } from '@fluentui/react-icons/svg/${file}';`);
      else kept.push(raw);
    }
    if (kept.length) lines.push(`import { ${kept.join(', ')} } from '@fluentui/react-icons';`);
    return lines.join(' ');
  });
}

module.exports = function iconImports(source) {
  return source.includes('@fluentui/react-icons') ? rewrite(source) : source;
};
module.exports.rewrite = rewrite;
