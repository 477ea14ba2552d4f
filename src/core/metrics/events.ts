/**
 * The anonymous usage events, one schema shared by the pane (which records them) and the server (which ingests them).
 * Anonymous by construction: every field is an enum, a number, a short identifier matched by a pattern, a uuid or a
 * timestamp; no free text can be carried, and an unknown key rejects the event (strict objects). A random device
 * token, rotated every 30 days, is the only thing that lets distinct users be counted.
 */
import { z } from 'zod';
import { roleSchema } from '../prompts/schema';

export const EVENT_TYPES = ['prompt_open', 'prompt_run', 'feedback', 'survey'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const METRIC_HOSTS = ['outlook', 'word', 'preview'] as const;
export const ENGINES = ['offline', 'azure', 'openai', 'compatible'] as const;
export const RUN_OUTCOMES = ['inserted', 'copied', 'discarded', 'cancelled', 'error'] as const;
/** Input and output sizes in characters, in buckets (an exact size could help recognise a document). */
export const SIZE_BUCKETS = ['lt1k', '1to5k', '5to20k', '20to100k', 'gt100k'] as const;
export const TIME_SAVED = ['0', 'lt30', '30to60', '1to2h', '2to4h', 'gt4h'] as const;

export const MAX_BATCH = 50;

/** Lowercase uuid (v4 from crypto.randomUUID, or any version): the idempotency key of an event. */
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'expected a lowercase uuid');
/** 32 lowercase hex characters (128 random bits). */
export const deviceTokenSchema = z.string().regex(/^[0-9a-f]{32}$/, 'expected a device token of 32 hex characters');
/**
 * A prompt of the organisation's library (a file name: a-z, 0-9, -), or `personal` for any prompt the user wrote or
 * imported: its id is the user's own words and can hold a patient's name (`reponse-mme-claire-dubois`).
 */
export const promptIdSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/, 'expected a prompt id (a-z, 0-9, -)');
export const PERSONAL_PROMPT_ID = 'personal';
/** The id a prompt is recorded under (metrics, the gateway's access log): `personal` for the user's own prompts. */
export function metricPromptId(prompt: { id: string; origin?: string }): string {
  return prompt.origin === 'personal' ? PERSONAL_PROMPT_ID : prompt.id;
}
/**
 * A site identifier chosen by IT (AIDE_SITE): lowercase letters, digits and inner hyphens, at most 40 — no dots,
 * no capitals, nothing shaped like `Claire.Dubois`.
 */
export const SITE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
export const siteSchema = z.string().regex(SITE_PATTERN, 'expected a site identifier (a-z, 0-9, -)');
/** The pane's version: 1.2.3, optionally -alpha / -beta / -rc with a number. */
export const APP_VERSION_PATTERN = /^\d{1,4}\.\d{1,4}\.\d{1,4}(?:-(?:alpha|beta|rc)(?:\.\d{1,4})?)?$/;
const appVersion = z.string().regex(APP_VERSION_PATTERN, 'expected a version like 1.2.3');
/** ISO 8601 UTC timestamp with milliseconds, as produced by Date.prototype.toISOString. */
const timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'expected an ISO UTC timestamp')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'invalid date');
const durationMs = z.number().int().min(0).max(3_600_000);

const common = {
  id: uuid,
  token: deviceTokenSchema,
  ts: timestamp,
  site: siteSchema,
  appVersion,
};

export const promptOpenSchema = z.strictObject({
  type: z.literal('prompt_open'),
  ...common,
  role: roleSchema,
  promptId: promptIdSchema,
  promptVersion: z.number().int().min(1).max(100000),
  host: z.enum(METRIC_HOSTS),
});

export const promptRunSchema = z.strictObject({
  type: z.literal('prompt_run'),
  ...common,
  role: roleSchema,
  promptId: promptIdSchema,
  promptVersion: z.number().int().min(1).max(100000),
  host: z.enum(METRIC_HOSTS),
  engine: z.enum(ENGINES),
  outcome: z.enum(RUN_OUTCOMES),
  /** Time to first token; null when no token came (error or cancelled before). */
  ttftMs: durationMs.nullable(),
  totalMs: durationMs,
  inputSize: z.enum(SIZE_BUCKETS),
  outputSize: z.enum(SIZE_BUCKETS),
});

export const feedbackSchema = z.strictObject({
  type: z.literal('feedback'),
  ...common,
  /** The `id` of the prompt_run event the feedback is about. */
  runId: uuid,
  useful: z.boolean(),
});

export const surveySchema = z.strictObject({
  type: z.literal('survey'),
  ...common,
  /** Optional: when absent, the server attributes the answer to the role of the token's runs. */
  role: roleSchema.optional(),
  benefit: z.boolean(),
  timeSaved: z.enum(TIME_SAVED),
  comfort: z.number().int().min(1).max(5),
});

export const metricEventSchema = z.discriminatedUnion('type', [promptOpenSchema, promptRunSchema, feedbackSchema, surveySchema]);
export type MetricEvent = z.infer<typeof metricEventSchema>;
export type PromptOpenEvent = z.infer<typeof promptOpenSchema>;
export type PromptRunEvent = z.infer<typeof promptRunSchema>;
export type FeedbackEvent = z.infer<typeof feedbackSchema>;
export type SurveyEvent = z.infer<typeof surveySchema>;

/**
 * A batch as sent by the client: the envelope is validated strictly, the events loosely (`unknown`), so the server
 * can accept the valid ones and give a reason for each rejected one (partial acceptance).
 */
export const eventBatchSchema = z.strictObject({
  events: z.array(z.unknown()).min(1).max(MAX_BATCH),
});
export type EventBatch = z.infer<typeof eventBatchSchema>;

/** A batch whose every event is valid (what the client builds). */
export const validEventBatchSchema = z.strictObject({
  events: z.array(metricEventSchema).min(1).max(MAX_BATCH),
});

/** Event fields without the envelope the client adds (id, token, ts, site, appVersion). */
type Payload<T> = T extends MetricEvent ? Omit<T, 'id' | 'token' | 'ts' | 'site' | 'appVersion'> : never;
export type MetricEventInput = Payload<MetricEvent>;

export function sizeBucket(chars: number): (typeof SIZE_BUCKETS)[number] {
  if (chars < 1000) return 'lt1k';
  if (chars < 5000) return '1to5k';
  if (chars < 20000) return '5to20k';
  if (chars < 100000) return '20to100k';
  return 'gt100k';
}

/** One short reason for a rejected event: the first issue, with its path (never the offending value). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid event';
  const where = issue.path.length ? issue.path.join('.') + ': ' : '';
  return (where + issue.message).slice(0, 200);
}
