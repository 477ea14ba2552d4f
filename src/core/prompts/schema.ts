/**
 * The one schema for prompt files (`prompts/<role>/<id>.md`): YAML front matter validated here, then the system and
 * user templates per language in Markdown sections (see ./README.md for the file format).
 */
import { z } from 'zod';

export const ROLES = ['secretary', 'quality', 'physician', 'engineer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * A prompt belongs to one role's library, or to `common`: the selection actions every role needs (rewrite, correct,
 * translate, simplify, summarize), shown in every role's gallery. `common` is never a user's role.
 */
export const PROMPT_ROLES = [...ROLES, 'common'] as const;
export const promptRoleSchema = z.enum(PROMPT_ROLES);
export type PromptRole = z.infer<typeof promptRoleSchema>;

/** True when a prompt is offered to a user of this role (its role's library or the common actions). */
export function isForRole(prompt: { role: PromptRole }, role: Role): boolean {
  return prompt.role === role || prompt.role === 'common';
}

export const LANGS = ['fr', 'en'] as const;
export const langSchema = z.enum(LANGS);
export type Lang = z.infer<typeof langSchema>;

export const HOSTS = ['outlook', 'word'] as const;
export const hostSchema = z.enum(HOSTS);
export type HostKind = z.infer<typeof hostSchema>;

const localized = z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict();
export type Localized = z.infer<typeof localized>;

/** Where the host can fill a variable from (the user can always edit it in the form). */
export const VARIABLE_SOURCES = [
  'mail.body', // cleaned visible text of the open mail
  'mail.thread', // the whole conversation, cleaned and de-duplicated
  'mail.subject',
  'mail.sender', // display name of the sender
  'mail.attachment', // text extracted from a chosen attachment
  'selection', // selected text (Word or compose body)
  'document', // whole Word document or compose body
] as const;

export const variableSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/, 'variable names are camelCase letters and digits'),
    label: localized,
    type: z.enum(['text', 'longtext', 'date', 'choice', 'person']),
    required: z.boolean().default(false),
    default: z.string().optional(),
    /** For type `choice`: the allowed values with their labels. */
    choices: z.array(z.object({ value: z.string().min(1), label: localized }).strict()).optional(),
    source: z.enum(VARIABLE_SOURCES).optional(),
    placeholder: localized.optional(),
  })
  .strict()
  .refine((v) => v.type !== 'choice' || (v.choices && v.choices.length > 0), {
    message: 'a variable of type choice needs a non-empty choices list',
  });
export type PromptVariable = z.infer<typeof variableSchema>;

/**
 * What the offline engine (no generative model) does with this prompt: an extractive summary, the requests and
 * deadlines, the letter filled from the `letter` template of the prompt, or an honest "needs a model" answer.
 */
export const OFFLINE_TASKS = ['summarize', 'actions', 'fill', 'triage', 'rewrite', 'none'] as const;

export const promptFrontMatterSchema = z
  .object({
    // At most 80 characters: the id travels in the metrics events (core/metrics/events.ts promptIdSchema).
    id: z.string().max(80).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lowercase words joined by hyphens'),
    version: z.number().int().positive(),
    role: promptRoleSchema,
    hosts: z.array(hostSchema).min(1),
    category: z.enum(['summarize', 'reply', 'draft', 'minutes', 'analyze', 'rewrite', 'organize', 'inform']),
    title: localized,
    description: localized,
    variables: z.array(variableSchema).default([]),
    output: z.enum(['plain', 'markdown', 'letter', 'table']),
    minutesSaved: z.number().min(0).max(480),
    offline: z.enum(OFFLINE_TASKS).default('none'),
    tags: z.array(z.string()).default([]),
  })
  .strict();

export const templatesSchema = z.object({
  fr: z.object({ system: z.string().min(1), user: z.string().min(1) }),
  en: z.object({ system: z.string().min(1), user: z.string().min(1) }),
});

export const promptSchema = promptFrontMatterSchema.extend({
  templates: templatesSchema,
  /** Optional letter skeletons per language, used by the offline engine's `fill` task. */
  letter: z.object({ fr: z.string(), en: z.string() }).partial().optional(),
  /** `builtin` (shipped in prompts/), `organization` (AIDE_PROMPTS_DIR), `personal` (the user's own). */
  origin: z.enum(['builtin', 'organization', 'personal']).default('builtin'),
});
export type PromptDefinition = z.infer<typeof promptSchema>;
