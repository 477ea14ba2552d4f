'use strict';
// Browser bundles: the task pane (in Office), the preview (task pane on the preview host, in a plain browser),
// the ribbon function commands and the adoption dashboard. Output: dist/web, served by the Aide server.
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');
const zlib = require('node:zlib');
const { promisify } = require('node:util');
const buildState = require('./scripts/build-state');

/**
 * Writes `file.br` (Brotli, best) and `file.gz` (gzip -9) beside every page, script and style sheet, so that the
 * server sends them as they are, chosen by the browser's Accept-Encoding (src/server/static.ts). Source maps are left
 * for the server to compress if a developer ever opens them.
 */
class PrecompressPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    const brotli = promisify(zlib.brotliCompress);
    const gzip = promisify(zlib.gzip);
    compiler.hooks.thisCompilation.tap('PrecompressPlugin', (compilation) => {
      compilation.hooks.processAssets.tapPromise({ name: 'PrecompressPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER }, async (assets) => {
        const names = Object.keys(assets).filter((name) => /\.(js|mjs|css|html)$/.test(name));
        await Promise.all(
          names.map(async (name) => {
            const raw = compilation.getAsset(name).source.buffer();
            if (raw.length < 1024) return;
            const [br, gz] = await Promise.all([
              brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
              gzip(raw, { level: 9 }),
            ]);
            compilation.emitAsset(`${name}.br`, new sources.RawSource(br));
            compilation.emitAsset(`${name}.gz`, new sources.RawSource(gz));
          }),
        );
      });
    });
  }
}

const page = (name, title, { officeJs = false, chunks = [name] } = {}) =>
  new HtmlWebpackPlugin({
    filename: `${name}.html`,
    chunks,
    templateContent: `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="/assets/icon-32.png">
${officeJs ? '<script src="/office-js/office.js"></script>' : ''}
<style>html,body{margin:0;height:100%;font-family:"Segoe UI",system-ui,sans-serif}#root{height:100%}</style>
</head>
<body><div id="root"></div></body>
</html>`,
  });

/** Records what this build was made from (dist/web/.sources), for `npm start` and `aide serve` to tell a stale build. */
class SourcesStampPlugin {
  apply(compiler) {
    const digest = buildState.digest('web');
    compiler.hooks.done.tap('SourcesStampPlugin', (stats) => {
      if (!stats.hasErrors()) buildState.stamp('web', digest);
    });
  }
}

module.exports = (_env, argv) => ({
  mode: argv.mode || 'production',
  devtool: argv.mode === 'development' ? 'eval-source-map' : 'source-map',
  entry: {
    taskpane: './src/taskpane/index.tsx',
    preview: './src/taskpane/preview.tsx',
    commands: './src/commands/commands.ts',
    dashboard: './src/dashboard/index.tsx',
    'auth-dialog': './src/taskpane/auth-dialog.ts',
  },
  output: {
    path: path.resolve(__dirname, 'dist/web'),
    filename: '[name].[contenthash:8].js',
    publicPath: '/',
    clean: true,
  },
  resolve: {
    extensions: ['.tsx', '.ts', '.js', '.mjs'],
    // A dynamic import of Aide's own module is written with its .js name (as Node resolves it once built).
    extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    // core/ is shared with the server; in the browser it must not pull Node built-ins.
    fallback: { fs: false, path: false, crypto: false, stream: false, url: false, util: false, os: false, http: false, https: false, zlib: false, buffer: false },
  },
  module: {
    rules: [
      { test: /\.[jt]sx?$/, exclude: /node_modules/, loader: 'esbuild-loader', options: { target: 'es2020', jsx: 'automatic' } },
      // Each icon from its family's module, so that a page ships the icons it renders (see the loader's comment).
      { test: /\.tsx?$/, include: path.resolve(__dirname, 'src'), enforce: 'pre', loader: path.resolve(__dirname, 'scripts/icon-imports-loader.js') },
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
      // Aide's own modules do nothing on import (entries aside, which webpack always keeps): an unused re-export
      // (e.g. parseEml from core/mail) then drops its module and the library behind it from the bundle.
      { test: /\.[jt]sx?$/, include: path.resolve(__dirname, 'src'), sideEffects: false },
    ],
  },
  optimization: {
    minimizer: [new EsbuildPlugin({ target: 'es2020' })],
    // One file per page holds everything that page renders first (one request, one compression window; no shared
    // vendor chunk that would carry another page's libraries). What is imported dynamically (the run panel, the
    // editor, MSAL, the Graph client, pdf.js, mammoth, postal-mime, the charts) gets chunks of its own, shared between
    // pages where they overlap, fetched on first use. `npm run bench web` prints what each page loads.
    splitChunks: { chunks: 'async' },
  },
  performance: { hints: false },
  plugins: [
    page('taskpane', 'Aide', { officeJs: true }),
    page('preview', 'Aide — aperçu / preview'),
    page('commands', 'Aide commands', { officeJs: true }),
    page('dashboard', 'Aide — tableau de bord / dashboard'),
    page('auth-dialog', 'Aide — connexion / sign-in', { officeJs: true }),
    ...(argv.mode === 'development' ? [] : [new PrecompressPlugin(), new SourcesStampPlugin()]),
  ],
});
