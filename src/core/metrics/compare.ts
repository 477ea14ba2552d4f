/**
 * Hospitals compared without pooling events: each hospital exports its own k-suppressed report
 * (`aide metrics export`), and the comparison (`aide metrics compare`, the dashboard's comparison view) reads only
 * those files. A figure a hospital suppressed arrives as `{suppressed:true}` and stays so: the comparison copies
 * figures, never adds hospitals up, so nothing hidden in one file can be recovered from the others.
 *
 * The file carries its period, k, schema version and a SHA-256 of its canonical JSON, so a file edited by hand (or
 * truncated) is refused, and files of different periods or k are refused unless the reader asks for them.
 * Pure TypeScript (Web Crypto for the hash), shared by the CLI and the dashboard.
 */
import { isSuppressed, type DashboardReport, type Figure, type Rate } from './report-types';

export const EXPORT_FORMAT = 'aide-metrics-export';
export const EXPORT_SCHEMA_VERSION = 1;

export interface HospitalExport {
  format: typeof EXPORT_FORMAT;
  /** Version of this file's envelope; the report inside has its own `schemaVersion`. */
  schemaVersion: typeof EXPORT_SCHEMA_VERSION;
  hospital: string;
  period: { since: string; until: string };
  k: number;
  report: DashboardReport;
  /** `sha256:` + hex of the canonical JSON of every other field. */
  hash: string;
}

/** Why a file was refused, as a code and values (the CLI and the dashboard word it in their languages). */
export class CompareError extends Error {
  constructor(
    readonly code: 'unreadable' | 'format' | 'version' | 'hash' | 'period' | 'k' | 'none' | 'duplicate',
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** JSON with object keys sorted at every level: the same bytes for the same content, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + canonicalJson(v)).join(',') + '}';
  }
  return JSON.stringify(value ?? null);
}

async function sha256(text: string): Promise<string> {
  const subtle = (globalThis as { crypto?: { subtle?: { digest(alg: string, data: Uint8Array): Promise<ArrayBuffer> } } }).crypto?.subtle;
  if (!subtle) throw new Error('Web Crypto (crypto.subtle) is needed to hash an export');
  const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return 'sha256:' + hex;
}

const withoutHash = (e: Omit<HospitalExport, 'hash'> & { hash?: string }) => {
  const { hash: _hash, ...rest } = e;
  return rest;
};

/** The export of one hospital's report (already k-suppressed by the server). */
export async function makeExport(report: DashboardReport, hospital: string): Promise<HospitalExport> {
  const body = {
    format: EXPORT_FORMAT,
    schemaVersion: EXPORT_SCHEMA_VERSION,
    hospital,
    period: { since: report.filters.since, until: report.filters.until },
    k: report.k,
    report,
  } as const;
  return { ...body, hash: await sha256(canonicalJson(body)) };
}

/** Checks one file's envelope and hash; `file` names it in errors. */
export async function readExport(raw: unknown, file: string): Promise<HospitalExport> {
  const e = raw as Partial<HospitalExport> | null;
  if (!e || typeof e !== 'object' || e.format !== EXPORT_FORMAT) throw new CompareError('format', file, `${file}: not an Aide metrics export (made by "aide metrics export")`);
  if (e.schemaVersion !== EXPORT_SCHEMA_VERSION) throw new CompareError('version', file, `${file}: export version ${String(e.schemaVersion)} is not supported (expected ${EXPORT_SCHEMA_VERSION})`);
  const r = e.report as DashboardReport | undefined;
  if (
    typeof e.hospital !== 'string' ||
    !e.hospital ||
    typeof e.k !== 'number' ||
    !e.period ||
    typeof e.period.since !== 'string' ||
    typeof e.period.until !== 'string' ||
    !r ||
    typeof r !== 'object' ||
    !r.summary ||
    !Array.isArray(r.overview) ||
    typeof e.hash !== 'string'
  )
    throw new CompareError('format', file, `${file}: incomplete export (hospital, period, k, report and hash are required)`);
  if ((await sha256(canonicalJson(withoutHash(e as HospitalExport)))) !== e.hash) throw new CompareError('hash', file, `${file}: the content hash does not match: the file was changed after export`);
  // The report's own k and period must be the envelope's (a hand-made envelope around another report is refused).
  if (r.k !== e.k || r.filters?.since !== e.period.since || r.filters?.until !== e.period.until) throw new CompareError('format', file, `${file}: the period or k of the envelope differs from its report's`);
  return e as HospitalExport;
}

export interface ComparisonRow {
  /** Stable key, e.g. `summary.activeUsers` or `role.secretary.adoption`. */
  key: string;
  section: 'summary' | 'role';
  role: string | null;
  metric: string;
  format: 'int' | 'pct' | 'hours' | 'decimal';
  /** One value per hospital, in the order of `hospitals`; null where the hospital has no such row. */
  values: (Figure | Rate)[];
}

export interface Comparison {
  hospitals: { name: string; k: number; period: { since: string; until: string }; hash: string }[];
  /** Equal for every file unless allowed otherwise (then the first file's, and `mixed` says which differ). */
  period: { since: string; until: string };
  k: number;
  mixed: { periods: boolean; k: boolean };
  rows: ComparisonRow[];
}

const SUMMARY_METRICS: [keyof DashboardReport['summary'], ComparisonRow['format']][] = [
  ['activeUsers', 'int'],
  ['runs', 'int'],
  ['acceptance', 'pct'],
  ['benefitShare', 'pct'],
  ['hoursSavedPerWeek', 'hours'],
];
const ROLE_METRICS: [keyof DashboardReport['overview'][number], ComparisonRow['format']][] = [
  ['activeUsers', 'int'],
  ['weeklyActive', 'decimal'],
  ['adoption', 'pct'],
  ['benefitShare', 'pct'],
  ['hoursSavedPerPerson', 'hours'],
  ['comfort', 'decimal'],
];

const figureOf = (v: unknown): Figure | Rate => (v === null || typeof v === 'number' ? v : isSuppressed(v) ? { suppressed: true, ...(v.reason ? { reason: v.reason } : {}) } : null);

/** Hospitals side by side: summary figures, then per role (sites differ from one hospital to the next). */
export function compareExports(exports: HospitalExport[], options: { allowDifferentPeriods?: boolean; allowDifferentK?: boolean } = {}): Comparison {
  if (!exports.length) throw new CompareError('none', '', 'no export to compare');
  const first = exports[0]!;
  const names = new Set<string>();
  for (const e of exports) {
    if (names.has(e.hospital)) throw new CompareError('duplicate', e.hospital, `${e.hospital}: two files of the same hospital`);
    names.add(e.hospital);
  }
  const differentPeriod = exports.find((e) => e.period.since !== first.period.since || e.period.until !== first.period.until);
  if (differentPeriod && !options.allowDifferentPeriods)
    throw new CompareError('period', differentPeriod.hospital, `${differentPeriod.hospital}: period ${differentPeriod.period.since} → ${differentPeriod.period.until} differs from ${first.hospital}'s ${first.period.since} → ${first.period.until} (allow it explicitly to compare anyway)`);
  const differentK = exports.find((e) => e.k !== first.k);
  if (differentK && !options.allowDifferentK) throw new CompareError('k', differentK.hospital, `${differentK.hospital}: k = ${differentK.k} differs from ${first.hospital}'s k = ${first.k} (allow it explicitly to compare anyway)`);

  const rows: ComparisonRow[] = SUMMARY_METRICS.map(([metric, format]) => ({
    key: `summary.${metric}`,
    section: 'summary',
    role: null,
    metric,
    format,
    values: exports.map((e) => figureOf(e.report.summary[metric])),
  }));
  const roles = [...new Set(exports.flatMap((e) => e.report.overview.filter((o) => o.site === '*' && o.role !== '*').map((o) => o.role)))].sort();
  for (const role of roles) {
    for (const [metric, format] of ROLE_METRICS) {
      rows.push({
        key: `role.${role}.${metric}`,
        section: 'role',
        role,
        metric,
        format,
        values: exports.map((e) => {
          const row = e.report.overview.find((o) => o.site === '*' && o.role === role);
          return row ? figureOf(row[metric]) : null;
        }),
      });
    }
  }
  return {
    hospitals: exports.map((e) => ({ name: e.hospital, k: e.k, period: e.period, hash: e.hash })),
    period: first.period,
    k: Math.max(...exports.map((e) => e.k)),
    mixed: { periods: !!differentPeriod, k: !!differentK },
    rows,
  };
}
