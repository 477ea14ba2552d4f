/**
 * The chat-completion contract the app relies on: the OpenAI wire format (a subset), plus Aide's own request
 * extension `aide` that the gateway strips before any upstream call.
 */
import { z } from 'zod';
import { langSchema, roleSchema, OFFLINE_TASKS } from '../prompts/schema';

export const chatMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** What the pane tells the gateway about the run (never content): used for the access log and the offline engine. */
export const aideExtensionSchema = z.object({
  promptId: z.string().max(100).optional(),
  promptVersion: z.number().int().optional(),
  role: roleSchema.optional(),
  lang: langSchema.optional(),
  /** What the offline engine should do (from the prompt's `offline` field). */
  task: z.enum(OFFLINE_TASKS).optional(),
  /** The form's variables, for the offline engine's letter filling (content: never logged, never stored). */
  variables: z.record(z.string(), z.string()).optional(),
  /** The letter skeleton to fill (offline `fill`). */
  letter: z.string().optional(),
  /** Which of `variables` holds the text to work on (the one filled from the mail, selection or document). */
  contentVariable: z.string().max(100).optional(),
  /** Which of `variables` names the sender (who asks, for offline `actions`). */
  senderVariable: z.string().max(100).optional(),
  /**
   * When the text was written: the mail's sent date (a thread: its latest message's), a Word document's date. The
   * offline engine reads relative dates and dates without a year against it (ISO 8601 or a mail header's date).
   */
  sentDate: z.string().max(100).optional(),
  /**
   * Display names of the people the pane knows (the mail's sender, recipients and cc, the document's author): the
   * gateway hides every occurrence of them whatever its detectors say. Content: never logged, never sent upstream.
   */
  participants: z.array(z.string().max(200)).max(200).optional(),
});
export type AideExtension = z.infer<typeof aideExtensionSchema>;

export const chatRequestSchema = z.object({
  model: z.string().min(1).max(200),
  messages: z.array(chatMessageSchema).min(1).max(200),
  stream: z.boolean().optional(),
  max_tokens: z.number().int().positive().optional(),
  max_completion_tokens: z.number().int().positive().optional(),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).optional(),
  aide: aideExtensionSchema.optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** One streamed piece of an answer. */
export type ChatDelta = { type: 'text'; text: string } | { type: 'usage'; usage: Usage };

/** An engine answers a chat request as a stream of deltas; `signal` aborts it (the pane's cancel). */
export interface ChatEngine {
  readonly kind: 'offline' | 'azure' | 'openai' | 'compatible';
  /** Inside the hospital: no text leaves it (no pseudonymization needed by default). */
  readonly onPremises: boolean;
  models(): Promise<string[]>;
  stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<ChatDelta>;
}

/** The model id the offline engine answers to. */
export const OFFLINE_MODEL = 'aide-offline';
