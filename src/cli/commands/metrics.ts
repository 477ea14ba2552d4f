/**
 * `aide metrics seed-demo` (a realistic, deterministic pilot to try the dashboard at once) and
 * `aide metrics report` (the dashboard's figures, same filters and same suppression, for monthly reporting).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ROLES, type Role } from '../../core/prompts/schema';
import { isSuppressed, type DashboardReport, type Figure, type Rate } from '../../core/metrics/report-types';
import { databaseUrl, loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db';
import { demoTruth, libraryPromptIds, seedDemo } from '../../server/metrics/demo';
import { minutesSavedFor } from '../../server/metrics/minutes';
import { buildReport, parseReportFilters, ReportFilterError, reportToCsv } from '../../server/metrics/report';
import { packageRoot } from '../../server/paths';
import { compareExports, CompareError, makeExport, readExport, type Comparison } from '../../core/metrics/compare';
import { CliError, printJson } from '../io';

function positiveInt(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new CliError(`--${name}: expected a whole number from 1 to ${max} (got ${value})`, `--${name} : nombre entier de 1 à ${max} attendu (reçu ${value})`);
    return n;
  };
}

const show = (f: Figure | Rate, k: number, percent = false): string =>
  f === null ? '–' : isSuppressed(f) ? `< ${k}` : percent ? `${Math.round(f * 100)} %` : String(f);

function printSummary(r: DashboardReport): void {
  const lines = [
    `Aide usage ${r.filters.since} → ${r.filters.until}${r.filters.site ? ` site ${r.filters.site}` : ''}${r.filters.role ? ` role ${r.filters.role}` : ''} (groups under ${r.k} devices hidden)`,
    `  active people/month ${show(r.summary.activeUsers, r.k)}`,
    `  device tokens       ${show(r.summary.activeTokens, r.k)}`,
    `  runs                ${show(r.summary.runs, r.k)}`,
    `  acceptance          ${show(r.summary.acceptance, r.k, true)}`,
    `  real benefit        ${show(r.summary.benefitShare, r.k, true)}`,
    `  hours saved/week    ${show(r.summary.hoursSavedPerWeek, r.k)}`,
  ];
  for (const s of r.sites) lines.push(`  ${s.site.padEnd(18)} people/month ${show(s.activeUsers, r.k)}, runs ${show(s.runs, r.k)}, acceptance ${show(s.acceptance, r.k, true)}`);
  process.stdout.write(lines.join('\n') + '\n');
}

function printComparison(c: Comparison): void {
  const show2 = (v: Figure | Rate, format: string) => (v === null ? '–' : isSuppressed(v) ? (v.reason === 'linked' ? 'hidden' : `< ${c.k}`) : format === 'pct' ? `${Math.round(v * 100)} %` : String(v));
  const width = Math.max(12, ...c.hospitals.map((h) => h.name.length + 2));
  const lines = [
    `Hospitals compared ${c.period.since} → ${c.period.until}${c.mixed.periods ? ' (periods differ!)' : ''}, k = ${c.k}${c.mixed.k ? ' (k differs!)' : ''}; each figure as its hospital published it`,
    `${''.padEnd(34)}${c.hospitals.map((h) => h.name.padStart(width)).join('')}`,
  ];
  for (const r of c.rows) lines.push(`${(r.role ? `${r.role} · ${r.metric}` : r.metric).padEnd(34)}${r.values.map((v) => show2(v, r.format).padStart(width)).join('')}`);
  process.stdout.write(lines.join('\n') + '\n');
}

/** The generator's truth, to hold the dashboard's people figures against (`aide metrics report` over the same dates). */
function truthText(summary: Parameters<typeof demoTruth>[0]): string {
  const truth = demoTruth(summary);
  const fmt = (v: number) => (Math.round(v * 10) / 10).toFixed(1).padStart(7);
  const lines = [
    `Truth of the generator, ${summary.since} → ${summary.until} (staff active per month, mean over the period's months; at least once in the period):`,
    `  ${'all'.padEnd(30)} ${fmt(truth.all.perMonth)} per month  ${String(truth.all.atLeastOnce).padStart(5)} at least once`,
    ...truth.bySiteRole.map((r) => `  ${`${r.site} · ${r.role}`.padEnd(30)} ${fmt(r.perMonth)} per month  ${String(r.atLeastOnce).padStart(5)} at least once`),
    `The dashboard's "active people" estimates the per-month figure (tokens are renewed every calendar month, so "at least once" over several months cannot be counted anonymously).`,
  ];
  return lines.join('\n') + '\n';
}

export function register(program: Command): void {
  const metrics = program.command('metrics').description('Anonymous usage metrics: demo data and reports');

  metrics
    .command('seed-demo')
    .description('Fill the metrics store with a realistic pilot (deterministic) to try the dashboard')
    .option('--users <n>', 'staff enrolled in the pilot', positiveInt('users', 1_000_000), 300)
    .option('--weeks <n>', 'length of the pilot in weeks, ending this week', positiveInt('weeks', 520), 16)
    .option('--sites <n>', 'number of sites', positiveInt('sites', 100), 2)
    .option('--seed <n>', 'random seed (same seed, same data)', positiveInt('seed', 2 ** 31), 42)
    .option('--db <url>', 'sqlite:PATH or postgres://… (default: AIDE_DATABASE_URL or the data directory)')
    .action(async (opts: { users: number; weeks: number; sites: number; seed: number; db?: string }) => {
      const url = opts.db ?? databaseUrl(loadConfig());
      const store = await openDatabase(url);
      try {
        const started = Date.now();
        const summary = await seedDemo(store.db, { users: opts.users, weeks: opts.weeks, sites: opts.sites, seed: opts.seed, prompts: libraryPromptIds(path.join(packageRoot, 'prompts')) });
        process.stdout.write(
          `Seeded ${summary.events} events for ${summary.users} staff on ${summary.sites.join(', ')} from ${summary.since} to ${summary.until} ` +
            `in ${((Date.now() - started) / 1000).toFixed(1)} s into ${store.location}\n`,
        );
        process.stdout.write(truthText(summary));
      } finally {
        await store.close();
      }
    });

  metrics
    .command('export')
    .description("This hospital's k-suppressed report as one JSON file (period, k, schema version, content hash), to compare hospitals without pooling events")
    .requiredOption('--since <date>', 'first day, YYYY-MM-DD (rounded down to its ISO week)')
    .requiredOption('--until <date>', 'last day, YYYY-MM-DD (rounded up to its ISO week)')
    .option('--hospital <name>', 'name shown in comparisons (default: AIDE_SITE)')
    .option('--db <url>', 'sqlite:PATH or postgres://… (default: AIDE_DATABASE_URL or the data directory)')
    .action(async (opts: { since: string; until: string; hospital?: string; db?: string }) => {
      const config = loadConfig();
      let filters;
      try {
        filters = parseReportFilters({ since: opts.since, until: opts.until });
      } catch (err) {
        throw new CliError('--' + (err as Error).message, '--' + (err as Error).message);
      }
      const hospital = (opts.hospital ?? config.site).trim();
      if (!/^[^\u0000-\u001f]{1,80}$/.test(hospital)) throw new CliError('--hospital: expected a name of 1 to 80 characters', '--hospital : un nom de 1 à 80 caractères est attendu');
      const url = opts.db ?? databaseUrl(config);
      if (!opts.db && url.startsWith('sqlite:') && !fs.existsSync(url.slice('sqlite:'.length))) throw new CliError(`no metrics store at ${url.slice('sqlite:'.length)}: pass --db`, `aucune base de mesures à ${url.slice('sqlite:'.length)} : indiquez --db`);
      const store = await openDatabase(url);
      try {
        const report = await buildReport(store.db, filters, { k: config.metricsK, minutesSaved: minutesSavedFor(config) });
        printJson(await makeExport(report, hospital));
      } catch (err) {
        if (err instanceof ReportFilterError) throw new CliError(err.message, err.message);
        throw err;
      } finally {
        await store.close();
      }
    });

  metrics
    .command('compare')
    .description('Hospitals side by side from their export files; a figure one hospital suppressed stays suppressed')
    .argument('<files...>', 'files written by "aide metrics export"')
    .option('--json', 'print the comparison as JSON')
    .option('--allow-different-periods', 'compare files of different periods anyway')
    .option('--allow-different-k', 'compare files made with different k anyway')
    .action(async (files: string[], opts: { json?: boolean; allowDifferentPeriods?: boolean; allowDifferentK?: boolean }) => {
      try {
        const exports = [];
        for (const file of files) {
          let raw: unknown;
          try {
            raw = JSON.parse(fs.readFileSync(file, 'utf8'));
          } catch (err) {
            throw new CliError(`${file}: cannot read it as JSON (${(err as Error).message})`, `${file} : illisible en JSON (${(err as Error).message})`);
          }
          exports.push(await readExport(raw, file));
        }
        const comparison = compareExports(exports, { allowDifferentPeriods: opts.allowDifferentPeriods, allowDifferentK: opts.allowDifferentK });
        if (opts.json) printJson(comparison);
        else printComparison(comparison);
      } catch (err) {
        if (err instanceof CompareError) throw new CliError(err.message, err.message);
        throw err;
      }
    });

  metrics
    .command('report')
    .description('The dashboard figures (same filters, same suppression of small groups)')
    .option('--json', 'print the report as JSON (the dashboard API format)')
    .option('--csv', 'print the report as CSV (suppressed figures left out)')
    .option('--db <url>', 'sqlite:PATH or postgres://… (default: AIDE_DATABASE_URL or the data directory)')
    .option('--since <date>', 'first day, YYYY-MM-DD (rounded down to its ISO week)')
    .option('--until <date>', 'last day, YYYY-MM-DD (rounded up to its ISO week)')
    .option('--site <site>', 'only this site')
    .option('--role <role>', 'only this role')
    .option('--host <host>', 'only this host: outlook, word or preview')
    .action(async (opts: { json?: boolean; csv?: boolean; db?: string; since?: string; until?: string; site?: string; role?: string; host?: string }) => {
      const config = loadConfig();
      let filters;
      try {
        filters = parseReportFilters({ since: opts.since, until: opts.until, site: opts.site, role: opts.role, host: opts.host });
      } catch (err) {
        throw new CliError('--' + (err as Error).message, '--' + (err as Error).message);
      }
      const url = opts.db ?? databaseUrl(config);
      if (!opts.db && url.startsWith('sqlite:') && !fs.existsSync(url.slice('sqlite:'.length)))
        throw new CliError(
          `no metrics store at ${url.slice('sqlite:'.length)}: start the server once, run "aide metrics seed-demo", or pass --db`,
          `aucune base de mesures à ${url.slice('sqlite:'.length)} : démarrez le serveur une fois, lancez « aide metrics seed-demo » ou indiquez --db`,
        );
      const store = await openDatabase(url);
      try {
        const report = await buildReport(store.db, filters, { k: config.metricsK, minutesSaved: minutesSavedFor(config) });
        if (opts.json) printJson(report);
        else if (opts.csv) process.stdout.write(reportToCsv(report));
        else printSummary(report);
      } catch (err) {
        if (err instanceof ReportFilterError) throw new CliError(err.message, err.message);
        throw err;
      } finally {
        await store.close();
      }
    });
}
