/**
 * `npm run bench [name…]`: runs each benchmark module (bench/<name>.ts exporting `run()`), which prints its figures
 * and, where the issue names one, the ratio against a baseline run in the same process.
 */
import fs from 'node:fs';
import path from 'node:path';

const ALL = ['mail', 'privacy', 'metrics', 'gateway', 'web', 'injection'];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : ALL;
  for (const name of names) {
    // Built (dist/bench/*.js, `npm run bench`) or run from source (`npx tsx bench/index.ts`).
    const file = ['.js', '.ts'].map((ext) => path.join(__dirname, name + ext)).find((f) => fs.existsSync(f)) ?? '';
    if (!file) {
      if (wanted.length) throw new Error(`no benchmark named ${name} (have: ${ALL.join(', ')})`);
      continue;
    }
    console.log(`\n=== ${name} ===`);
    const mod = (await import(file)) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().catch((err) => {
  console.error('bench:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
