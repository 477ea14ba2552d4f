import { defaultPrompt, invalidChoices, missingVariables, prepareRun, resolveValues, valuesFromSources } from '../../../src/core/llm/run';
import { offlineAnswer } from '../../../src/core/llm/offline';
import { promptSchema, type PromptDefinition } from '../../../src/core/prompts/schema';
import { chatRequestSchema } from '../../../src/core/llm/types';

const today = new Date(2026, 2, 2, 10);

function prompt(over: Partial<PromptDefinition> & { id: string }): PromptDefinition {
  return promptSchema.parse({
    version: 3,
    role: 'secretary',
    hosts: ['outlook'],
    category: 'reply',
    title: { fr: 'Titre', en: 'Title' },
    description: { fr: 'Description', en: 'Description' },
    output: 'letter',
    minutesSaved: 5,
    offline: 'fill',
    variables: [
      { name: 'mailBody', label: { fr: 'Courriel', en: 'Mail' }, type: 'longtext', source: 'mail.body' },
      { name: 'sender', label: { fr: 'Expéditeur', en: 'Sender' }, type: 'person', source: 'mail.sender' },
      { name: 'patientName', label: { fr: 'Nom du patient', en: 'Patient name' }, type: 'person', required: true },
      { name: 'answer', label: { fr: 'Réponse', en: 'Answer' }, type: 'choice', required: true, default: 'yes', choices: [
        { value: 'yes', label: { fr: 'Accepter', en: 'Accept' } },
        { value: 'no', label: { fr: 'Refuser', en: 'Decline' } },
      ] },
    ],
    templates: {
      fr: { system: 'Tu es secrétaire.', user: 'Réponds à {{sender}} pour {{patientName}} : {{answer}}.\n{{mailBody}}' },
      en: { system: 'You are a secretary.', user: 'Reply to {{sender}} about {{patientName}}: {{answer}}.\n{{mailBody}}' },
    },
    letter: { fr: 'Le {{today}}\n\nObjet : {{patientName}} — {{answer}}', en: '{{today}}\n\nRe: {{patientName}} — {{answer}}' },
    ...over,
  });
}

describe('preparing a run', () => {
  const p = prompt({ id: 'reply-test' });

  it('applies defaults, reports missing required values with their labels', () => {
    expect(resolveValues(p, { patientName: '  ', mailBody: 'x' })).toEqual({ mailBody: 'x', answer: 'yes' });
    expect(missingVariables(p, {}, 'fr')).toEqual([{ name: 'patientName', label: 'Nom du patient' }]);
    expect(missingVariables(p, { patientName: 'M. Durand' }, 'en')).toEqual([]);
  });

  it('finds choice values that are not among the choices', () => {
    expect(invalidChoices(p, { answer: 'no' })).toEqual([]);
    expect(invalidChoices(p, { answer: 'maybe' })).toEqual([{ name: 'answer', allowed: ['yes', 'no'] }]);
  });

  it('fills variables from what the host has open, by source', () => {
    expect(valuesFromSources(p, { 'mail.body': 'Bonjour', 'mail.sender': 'Claire Fontaine', 'mail.subject': 'Objet' })).toEqual({
      mailBody: 'Bonjour',
      sender: 'Claire Fontaine',
    });
  });

  it('builds a valid ChatRequest with the aide extension the gateway and the offline engine need', () => {
    const request = prepareRun(p, { lang: 'fr', values: { patientName: 'M. Durand', mailBody: 'Bonjour', sender: 'Claire', unknown: 'ignored' }, today });
    expect(chatRequestSchema.safeParse(request).success).toBe(true);
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(request.messages[1].content).toContain('M. Durand');
    expect(request.aide).toMatchObject({
      promptId: 'reply-test',
      promptVersion: 3,
      role: 'secretary',
      lang: 'fr',
      task: 'fill',
      contentVariable: 'mailBody',
      senderVariable: 'sender',
      letter: 'Le {{today}}\n\nObjet : {{patientName}} — {{answer}}',
    });
    // The offline engine writes a choice's label, in the run's language.
    expect(request.aide?.variables).toEqual({ mailBody: 'Bonjour', sender: 'Claire', patientName: 'M. Durand', answer: 'Accepter' });
    expect(offlineAnswer(request, today)).toBe('Le 2 mars 2026\n\nObjet : M. Durand — Accepter\n');
  });

  it('picks the role default summarize prompt, preferring offline summarize on the mail body', () => {
    const prompts = [
      prompt({ id: 'a-summary-of-a-thread', category: 'summarize', offline: 'none' }),
      prompt({ id: 'z-summary', category: 'summarize', offline: 'summarize' }),
      prompt({ id: 'other-role', role: 'physician', category: 'summarize', offline: 'summarize' }),
      prompt({ id: 'word-only', category: 'summarize', offline: 'summarize', hosts: ['word'] }),
    ];
    expect(defaultPrompt(prompts, 'secretary')?.id).toBe('z-summary');
    expect(defaultPrompt(prompts, 'physician')?.id).toBe('other-role');
    expect(defaultPrompt(prompts, 'engineer')).toBeUndefined();
    expect(defaultPrompt(prompts, 'secretary', 'summarize', 'word')?.id).toBe('word-only');
  });
});
