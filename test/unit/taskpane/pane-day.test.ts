/**
 * The pane all day long: answers kept with their item, limits in the server's own terms, letters a secretary can
 * sign (titles once, French long dates, one signature block), replies in the mail's language.
 */
import OpenAI from 'openai';
import { fillAnswer, letterDate } from '../../../src/core/llm/offline-fill';
import { dedupeTitles, letterToWordHtml } from '../../../src/core/word/markdown';
import type { PromptDefinition } from '../../../src/core/prompts/schema';
import { answersFor, HISTORY_PER_ITEM, putAside, type AnswerRecord } from '../../../src/taskpane/history';
import { allowanceCheck, describeError, describeLimit, detectTextLang, estimateLongRunTokens, fetchAllowance, formatResetTime, letterValues, paneClientId, withLetterhead } from '../../../src/taskpane/run';
import { translate } from '../../../src/taskpane/i18n';
import { HostError } from '../../../src/hosts/types';

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

const record = (id: string, item: string, at: number): AnswerRecord => ({
  id,
  item: { kind: 'mail', id: item, label: item },
  promptId: 'summarize-mail',
  title: { fr: 'Résumer', en: 'Summarize' },
  markdown: `réponse ${id}`,
  lang: 'fr',
  status: 'done',
  inserted: false,
  at,
});

describe('history of answers per item', () => {
  test("an item's answers only, newest first; bounded per item; the same answer put aside twice is kept once", () => {
    let h = putAside([], record('1', 'dossier', 1));
    h = putAside(h, record('2', 'lits', 2));
    h = putAside(h, record('3', 'dossier', 3));
    h = putAside(h, { ...record('1', 'dossier', 1), inserted: true });
    expect(answersFor(h, { kind: 'mail', id: 'dossier', label: '' }).map((r) => [r.id, r.inserted])).toEqual([
      ['3', false],
      ['1', true],
    ]);
    expect(answersFor(h, { kind: 'mail', id: 'lits', label: '' }).map((r) => r.id)).toEqual(['2']);
    expect(answersFor(h, { kind: 'draft', id: 'dossier', label: '' })).toEqual([]);
    for (let i = 10; i < 20; i++) h = putAside(h, record(String(i), 'dossier', i));
    expect(answersFor(h, { kind: 'mail', id: 'dossier', label: '' })).toHaveLength(HISTORY_PER_ITEM);
  });
});

describe('limits as the user sees them', () => {
  test('the daily allowance: the renewal time in the user’s time zone, tomorrow when it is', () => {
    const now = new Date('2026-03-12T19:00:00Z');
    expect(formatResetTime('2026-03-13T00:00:00.000Z', 'fr', 'Europe/Paris', now)).toBe('demain à 1 h 00 (heure de Paris)');
    expect(formatResetTime('2026-03-13T00:00:00.000Z', 'en', 'Europe/Paris', now)).toBe('tomorrow at 1:00 am (Paris time)');
    expect(formatResetTime('2026-03-13T00:00:00.000Z', 'fr', 'America/New_York', now)).toBe('à 20 h 00 (heure de New York)');
    expect(formatResetTime('2026-03-13T00:00:00.000Z', 'fr', 'Not/AZone', now)).toBe('demain à 0 h 00 (UTC)');
    expect(formatResetTime('nonsense', 'fr', 'Europe/Paris', now)).toBeNull();
  });

  test('a 429 says the server’s reason: daily allowance, per-minute wait, else its own sentence', () => {
    const daily = describeLimit({ code: 'tokens_per_day_exceeded', resetsAt: new Date(Date.now() + 3_600_000).toISOString(), messages: { fr: 'x', en: 'y' } }, 'fr', 'Europe/Paris');
    expect(daily.key).toBe('limits.daily');
    expect(translate('fr', daily.key, daily.vars)).toMatch(/^Quota quotidien atteint : il se renouvelle (demain )?à \d{1,2} h \d{2} \(heure de Paris\)\.$/);
    expect(describeLimit({ code: 'requests_per_minute_exceeded', retryAfter: 12 }, 'fr')).toEqual({ key: 'limits.perMinute', vars: { seconds: '12' } });
    expect(describeLimit({ code: 'other', messages: { fr: 'Le quota du site est atteint.', en: 'Site quota reached.' } }, 'en')).toEqual({ key: 'limits.server', vars: { message: 'Site quota reached.' } });
    expect(describeLimit(undefined, 'fr')).toEqual({ key: 'error.rateLimit' });
    // Through describeError with the SDK's own error (what runPrompt throws on a 429).
    const err = OpenAI.APIError.generate(429, { error: { message: 'used up', code: 'tokens_per_day_exceeded', resetsAt: '2026-03-13T00:00:00.000Z' } }, 'used up', new Headers({ 'retry-after': '18000' }));
    expect(describeError(err, 'fr').key).toBe('limits.daily');
    expect(describeError(new HostError('changed', 'item-changed')).key).toBe('error.itemChanged');
  });

  test('the per-browser id: random, kept, in the form the gateway accepts', () => {
    const store = memoryStore();
    const id = paneClientId(store);
    expect(id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(paneClientId(store)).toBe(id);
    expect(paneClientId(memoryStore())).not.toBe(id);
  });

  test('a long document: its share of the allowance, asked when large or more than what is left', async () => {
    const prompt = { templates: { fr: { system: 's'.repeat(400), user: 'u'.repeat(400) }, en: { system: 's', user: 'u' } } } as unknown as PromptDefinition;
    const text = Array.from({ length: 40 }, (_, i) => `SECTION ${i + 1}\n\n${'Texte de la recommandation. '.repeat(400)}`).join('\n\n');
    const estimate = estimateLongRunTokens(prompt, text, 'fr');
    expect(estimate.parts).toBeGreaterThan(5);
    expect(estimate.tokens).toBeGreaterThan(text.length / 4);
    expect(allowanceCheck(estimate.tokens, { limit: 500_000, used: 0, resetsAt: '' })).toMatchObject({ ask: true, exceeds: false });
    expect(allowanceCheck(10_000, { limit: 500_000, used: 0, resetsAt: '' })).toMatchObject({ ask: false, exceeds: false, share: 0.02 });
    expect(allowanceCheck(10_000, { limit: 500_000, used: 495_000, resetsAt: '' })).toMatchObject({ ask: true, exceeds: true, left: 5_000 });

    const seen: RequestInit[] = [];
    const ok = (async (_url: string, init: RequestInit) => {
      seen.push(init);
      return new Response(JSON.stringify({ perMinute: { limit: 20, remaining: 20 }, perDay: { limit: 500000, used: 1200, resetsAt: '2026-03-13T00:00:00.000Z' } }));
    }) as unknown as typeof fetch;
    expect(await fetchAllowance('http://x', ok)).toEqual({ limit: 500000, used: 1200, resetsAt: '2026-03-13T00:00:00.000Z' });
    expect((seen[0].headers as Record<string, string>)['X-Aide-Client-Id']).toMatch(/^[0-9a-f]{32}$/);
    // An older server (404) or a body of another shape: no estimate, the run just starts.
    expect(await fetchAllowance('http://x', (async () => new Response('nope', { status: 404 })) as unknown as typeof fetch)).toBeNull();
    expect(await fetchAllowance('http://x', (async () => new Response('{"perDay":{}}')) as unknown as typeof fetch)).toBeNull();
    expect(await fetchAllowance('http://x', (async () => Promise.reject(new TypeError('down'))) as unknown as typeof fetch)).toBeNull();
  });
});

describe('letters a secretary can sign', () => {
  test('titles never doubled; the title typed with the name wins', () => {
    expect(dedupeTitles('Rédige un courrier au Dr Dr Paul Bernard.')).toBe('Rédige un courrier au Dr Paul Bernard.');
    expect(dedupeTitles('Dr Pr Anne Martin')).toBe('Pr Anne Martin');
    expect(dedupeTitles('Docteur Dr. Roux, Dr Martin et Pr Durand')).toBe('Dr. Roux, Dr Martin et Pr Durand');
    expect(dedupeTitles('Drôme Dr Paul')).toBe('Drôme Dr Paul');
  });

  test('dates in French long form in French letters, English in English ones', () => {
    expect(letterDate('2026-03-12', 'fr')).toBe('12 mars 2026');
    expect(letterDate('2026-03-01', 'fr')).toBe('1er mars 2026');
    expect(letterDate('2026-03-12', 'en')).toBe('12 March 2026');
    expect(letterDate('12/03/2026', 'fr')).toBe('12/03/2026');
    expect(letterDate('2026-13-40', 'fr')).toBe('2026-13-40');
    const prompt = { variables: [{ name: 'visitDate', type: 'date' }, { name: 'note', type: 'text' }] } as unknown as PromptDefinition;
    expect(letterValues(prompt, { visitDate: '2026-03-12', note: '2026-03-12' }, 'fr')).toEqual({ visitDate: '12 mars 2026', note: '2026-03-12' });
    const letter = fillAnswer('Le {{visitDate}}, Dr {{colleagueName}}', { visitDate: '2026-03-12', colleagueName: 'Dr Paul Bernard' }, 'fr', new Date('2026-03-10T10:00:00Z'));
    expect(letter.trim()).toBe('Le 12 mars 2026, Dr Paul Bernard');
  });

  test('the letterhead’s signatory and service fill the letter’s empty signer fields, and sign once', () => {
    const prompt = { output: 'letter', variables: [{ name: 'signerName' }, { name: 'department' }, { name: 'reason' }] } as unknown as PromptDefinition;
    const letterhead = { signatory: 'Dr Anne Roux', department: 'Cardiologie', signatoryTitle: 'Cheffe de service' };
    expect(withLetterhead(prompt, { signerName: '', department: '', reason: '' }, letterhead)).toEqual({ signerName: 'Dr Anne Roux', department: 'Cardiologie', reason: '' });
    expect(withLetterhead(prompt, { signerName: 'Dr Jean Vidal', department: '' }, letterhead).signerName).toBe('Dr Jean Vidal');
    expect(withLetterhead({ ...prompt, output: 'markdown' } as PromptDefinition, { signerName: '' }, letterhead).signerName).toBe('');

    const count = (html: string, name: string) => html.split(name).length - 1;
    // The letter names its signatory (filled from the letterhead, with the title doubled by the template): one block.
    const signed = letterToWordHtml('Madame,\n\nBien confraternellement,\n\nDr Dr Anne Roux\nCardiologie\n', letterhead);
    expect(count(signed, 'Anne Roux')).toBe(1);
    expect(signed).not.toContain('Dr Dr');
    // An empty « Dr [à compléter] » block gives way to the letterhead's signatory: still one block.
    const empty = letterToWordHtml('Madame,\n\nCordialement,\n\nDr [à compléter]\n[à compléter]\n', letterhead);
    expect(count(empty, 'Anne Roux')).toBe(1);
    expect(empty).not.toContain('à compléter');
    // Another signatory typed for this letter: theirs only.
    const other = letterToWordHtml('Madame,\n\nCordialement,\n\nDr Jean Vidal\n', letterhead);
    expect(count(other, 'Anne Roux')).toBe(0);
    expect(count(other, 'Jean Vidal')).toBe(1);
    // No closing at all: the letterhead's signature is added.
    expect(count(letterToWordHtml('Madame,\n\nVoici le compte rendu.', letterhead), 'Anne Roux')).toBe(1);
  });

  test('a reply follows the mail’s language', () => {
    expect(detectTextLang('Bonjour, pourriez-vous m’envoyer la copie de mon dossier médical ? Merci, cordialement.')).toBe('fr');
    expect(detectTextLang('Dear colleague, could you please send me the discharge summary of the patient? Thank you, kind regards.')).toBe('en');
    expect(detectTextLang('OK')).toBeNull();
  });
});
