'use strict';
// Browser bundles: the task pane (in Office), the preview (task pane on the preview host, in a plain browser),
// the ribbon function commands and the adoption dashboard. Output: dist/web, served by the Aide server.
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');

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
    // core/ is shared with the server; in the browser it must not pull Node built-ins.
    fallback: { fs: false, path: false, crypto: false, stream: false, url: false, util: false, os: false, http: false, https: false, zlib: false, buffer: false },
  },
  module: {
    rules: [
      { test: /\.[jt]sx?$/, exclude: /node_modules/, loader: 'esbuild-loader', options: { target: 'es2020', jsx: 'automatic' } },
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
    ],
  },
  optimization: {
    minimizer: [new EsbuildPlugin({ target: 'es2020' })],
    // The shared vendor chunk holds what the pages load at start only: libraries imported dynamically (pdf.js and
    // mammoth, for attachments) get chunks of their own, fetched the first time an attachment is read.
    splitChunks: { chunks: 'all', cacheGroups: { vendor: { test: /node_modules/, name: 'vendor', chunks: 'initial', priority: -10 } } },
  },
  performance: { hints: false },
  plugins: [
    page('taskpane', 'Aide', { officeJs: true, chunks: ['vendor', 'taskpane'] }),
    page('preview', 'Aide — aperçu / preview', { chunks: ['vendor', 'preview'] }),
    page('commands', 'Aide commands', { officeJs: true, chunks: ['vendor', 'commands'] }),
    page('dashboard', 'Aide — tableau de bord / dashboard', { chunks: ['vendor', 'dashboard'] }),
    page('auth-dialog', 'Aide — connexion / sign-in', { officeJs: true, chunks: ['vendor', 'auth-dialog'] }),
  ],
});
