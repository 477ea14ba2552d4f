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
import { seedDemo } from '../../server/metrics/demo';
import { minutesSavedFor } from '../../server/metrics/minutes';
import { buildReport, parseReportFilters, ReportFilterError, reportToCsv } from '../../server/metrics/report';
import { packageRoot } from '../../server/paths';
import { CliError, printJson } from '../io';

function positiveInt(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new CliError(`--${name}: expected a whole number from 1 to ${max} (got ${value})`);
    return n;
  };
}

/** Prompt ids per role from the built-in library (prompts/<role>/<id>.md), so demo runs match real prompts. */
function libraryPrompts(): Partial<Record<Role, string[]>> {
  const out: Partial<Record<Role, string[]>> = {};
  for (const role of ROLES) {
    const dir = path.join(packageRoot, 'prompts', role);
    if (!fs.existsSync(dir)) continue;
    const ids = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f) => f.slice(0, -3))
      .filter((id) => /^[a-z0-9-]{1,80}$/.test(id));
    if (ids.length) out[role] = ids;
  }
  return out;
}

const show = (f: Figure | Rate, k: number, percent = false): string =>
  f === null ? '–' : isSuppressed(f) ? `< ${k}` : percent ? `${Math.round(f * 100)} %` : String(f);

function printSummary(r: DashboardReport): void {
  const lines = [
    `Aide usage ${r.filters.since} → ${r.filters.until}${r.filters.site ? ` site ${r.filters.site}` : ''}${r.filters.role ? ` role ${r.filters.role}` : ''} (groups under ${r.k} devices hidden)`,
    `  active devices     ${show(r.summary.activeTokens, r.k)}`,
    `  runs               ${show(r.summary.runs, r.k)}`,
    `  acceptance         ${show(r.summary.acceptance, r.k, true)}`,
    `  real benefit       ${show(r.summary.benefitShare, r.k, true)}`,
    `  hours saved/week   ${show(r.summary.hoursSavedPerWeek, r.k)}`,
  ];
  for (const s of r.sites) lines.push(`  ${s.site.padEnd(18)} devices ${show(s.activeTokens, r.k)}, runs ${show(s.runs, r.k)}, acceptance ${show(s.acceptance, r.k, true)}`);
  process.stdout.write(lines.join('\n') + '\n');
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
        const summary = await seedDemo(store.db, { users: opts.users, weeks: opts.weeks, sites: opts.sites, seed: opts.seed, prompts: libraryPrompts() });
        process.stdout.write(
          `Seeded ${summary.events} events for ${summary.users} staff on ${summary.sites.join(', ')} from ${summary.since} to ${summary.until} ` +
            `in ${((Date.now() - started) / 1000).toFixed(1)} s into ${store.location}\n`,
        );
      } finally {
        await store.close();
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
        throw new CliError('--' + (err as Error).message);
      }
      const url = opts.db ?? databaseUrl(config);
      if (!opts.db && url.startsWith('sqlite:') && !fs.existsSync(url.slice('sqlite:'.length)))
        throw new CliError(`no metrics store at ${url.slice('sqlite:'.length)}: start the server once, run "aide metrics seed-demo", or pass --db`);
      const store = await openDatabase(url);
      try {
        const report = await buildReport(store.db, filters, { k: config.metricsK, minutesSaved: minutesSavedFor(config) });
        if (opts.json) printJson(report);
        else if (opts.csv) process.stdout.write(reportToCsv(report));
        else printSummary(report);
      } catch (err) {
        if (err instanceof ReportFilterError) throw new CliError(err.message);
        throw err;
      } finally {
        await store.close();
      }
    });
}
