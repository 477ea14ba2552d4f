/** Search (both languages, accents, prefixes), filters, merge order and library checks. */
import { checkLibrary, foldText, mergePrompts, searchPrompts, type PromptDefinition } from '../../../src/core/prompts';
import { shippedPrompts } from './helpers';

const all = shippedPrompts();
const ids = (list: PromptDefinition[]) => list.map((p) => p.id);

test('folding removes accents, case and punctuation', () => {
  expect(foldText("Procédure QUALITÉ, l'été")).toBe('procedure qualite l ete');
});

test('search is accent-insensitive and works in both languages', () => {
  expect(ids(searchPrompts(all, { query: 'reclamation' }))).toContain('complaint-reply');
  expect(ids(searchPrompts(all, { query: 'RÉCLAMATION' }))).toContain('complaint-reply');
  expect(ids(searchPrompts(all, { query: 'complaint' }))).toContain('complaint-reply');
  expect(ids(searchPrompts(all, { query: 'procedure qualite' }))).toEqual(['quality-procedure']);
  expect(ids(searchPrompts(all, { query: 'lettre de liaison' }))).toEqual(['discharge-letter']);
});

test('words match as prefixes, all words must match, title matches come first', () => {
  expect(ids(searchPrompts(all, { query: 'convoc' }))).toContain('meeting-invitation');
  expect(searchPrompts(all, { query: 'convocation zzzz' })).toEqual([]);
  const summaries = searchPrompts(all, { query: 'résumer' });
  expect(summaries.length).toBeGreaterThanOrEqual(4);
  for (const p of summaries.slice(0, 4)) expect(foldText(p.title.fr)).toContain('resumer');
});

test('filters by role, host and category combine with the query', () => {
  const word = searchPrompts(all, { host: 'word' });
  expect(word.length).toBeGreaterThan(0);
  expect(word.every((p) => p.hosts.includes('word'))).toBe(true);
  const physicianSummaries = searchPrompts(all, { role: 'physician', category: 'summarize' });
  // A role sees its own library and the common selection actions, never another role's prompts.
  expect(physicianSummaries.every((p) => (p.role === 'physician' || p.role === 'common') && p.category === 'summarize')).toBe(true);
  expect(physicianSummaries.some((p) => p.role === 'physician')).toBe(true);
  expect(physicianSummaries.some((p) => p.role === 'common')).toBe(true);
  expect(ids(searchPrompts(all, { role: 'engineer', host: 'outlook', query: 'panne' }))).toEqual(['outage-alert']);
  expect(searchPrompts(all, { role: 'quality', query: 'cahier des charges' })).toEqual([]);
});

test('merge: builtin < organization < personal by id, keeping the first layer order', () => {
  const [a, b] = all;
  const org = { ...a, title: { fr: 'Version établissement', en: 'Hospital version' }, origin: 'organization' as const };
  const personal = { ...a, title: { fr: 'Ma version', en: 'My version' }, origin: 'personal' as const };
  const extra = { ...b, id: 'my-own', origin: 'personal' as const };
  const merged = mergePrompts([a, b], [org], [personal, extra]);
  expect(ids(merged)).toEqual([a.id, b.id, 'my-own']);
  expect(merged[0].title.fr).toBe('Ma version');
  expect(mergePrompts([a, b], [org])[0].origin).toBe('organization');
});

test('library checks find duplicate ids and fr/en differences', () => {
  const [a] = all;
  const skew = { ...a, id: 'skew', templates: { ...a.templates, en: { ...a.templates.en, user: a.templates.en.user + ' {{extra}}' } } };
  const problems = checkLibrary([a, a, skew]);
  expect(problems).toContainEqual({ id: a.id, message: `id "${a.id}" is used by more than one prompt` });
  expect(problems).toContainEqual({ id: 'skew', message: '{{extra}} is used in English but not in French' });
});
