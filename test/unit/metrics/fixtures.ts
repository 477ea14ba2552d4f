/** Small hand-made event sets for the metrics tests (ids and tokens are deterministic). */
import type { MetricEvent } from '../../../src/core/metrics/events';

let seq = 0;
export function uuid(): string {
  seq++;
  const h = seq.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${h}`;
}
export function token(name: string): string {
  let h = '';
  for (const c of name) h += c.charCodeAt(0).toString(16).padStart(2, '0');
  return h.padEnd(32, '0').slice(0, 32);
}

type Role = 'secretary' | 'physician' | 'quality' | 'engineer';
const base = (tok: string, day: string, site = 'chu-a') => ({ id: uuid(), token: token(tok), ts: `${day}T09:00:00.000Z`, site, appVersion: '0.1.0' });

export const ev = {
  open: (tok: string, role: Role, promptId: string, host: 'outlook' | 'word' | 'preview', day: string, site?: string): MetricEvent => ({
    type: 'prompt_open',
    ...base(tok, day, site),
    role,
    promptId,
    promptVersion: 1,
    host,
  }),
  run: (
    tok: string,
    role: Role,
    promptId: string,
    host: 'outlook' | 'word' | 'preview',
    day: string,
    outcome: 'inserted' | 'copied' | 'discarded' | 'cancelled' | 'error',
    opts: { site?: string; ttftMs?: number | null; totalMs?: number } = {},
  ): MetricEvent => ({
    type: 'prompt_run',
    ...base(tok, day, opts.site),
    role,
    promptId,
    promptVersion: 1,
    host,
    engine: 'offline',
    outcome,
    ttftMs: opts.ttftMs === undefined ? 100 : opts.ttftMs,
    totalMs: opts.totalMs ?? 1000,
    inputSize: 'lt1k',
    outputSize: 'lt1k',
  }),
  feedback: (tok: string, runId: string, useful: boolean, day: string, site?: string): MetricEvent => ({ type: 'feedback', ...base(tok, day, site), runId, useful }),
  survey: (
    tok: string,
    role: Role | undefined,
    day: string,
    benefit: boolean,
    timeSaved: '0' | 'lt30' | '30to60' | '1to2h' | '2to4h' | 'gt4h',
    comfort: 1 | 2 | 3 | 4 | 5,
    site?: string,
  ): MetricEvent => ({ type: 'survey', ...base(tok, day, site), ...(role ? { role } : {}), benefit, timeSaved, comfort }),
};
