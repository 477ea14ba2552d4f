/**
 * Nothing identifying reaches the metrics or the access log through a side door: a personal prompt travels as
 * `personal` (its id is the user's words), and the access log keeps a prompt id only in the metrics' strict shape.
 */
import { prepareRun } from '../../../src/core/llm/run';
import type { PromptDefinition } from '../../../src/core/prompts/schema';
import { safePromptId } from '../../../src/server/gateway/access-log';
import { shippedPrompts } from '../prompts/helpers';

// A shipped prompt the user duplicated and renamed after a patient.
const personal: PromptDefinition = { ...shippedPrompts()[0]!, id: 'reponse-mme-claire-dubois', origin: 'personal' };

test('a personal prompt is sent to the gateway as "personal"; a library prompt by its id', () => {
  expect(prepareRun(personal, { lang: 'fr', values: {} }).aide?.promptId).toBe('personal');
  expect(prepareRun({ ...personal, id: 'reply-standard', origin: 'builtin' }, { lang: 'fr', values: {} }).aide?.promptId).toBe('reply-standard');
});

test.each([
  ['summarize-mail', 'summarize-mail'],
  ['personal', 'personal'],
  ['Claire.Dubois', null],
  ['claire.dubois', null],
  ['Résumé patient Dupont', null],
  ['a'.repeat(81), null],
  ['trailing-', null],
  [undefined, null],
])('access log prompt id %p → %p', (id, logged) => {
  expect(safePromptId(id)).toBe(logged);
});
