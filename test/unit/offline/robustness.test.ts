import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { offlineAnswer, toDeltas } from '../../../src/core/llm/offline';
import { OFFLINE_TASKS } from '../../../src/core/prompts/schema';
import type { ChatRequest } from '../../../src/core/llm/types';
import { growth, linearBound } from '../mail/scaling';

const today = new Date(2026, 2, 2, 10);
const req = (task: (typeof OFFLINE_TASKS)[number], body: string, lang: 'fr' | 'en' = 'fr'): ChatRequest => ({
  model: 'aide-offline',
  messages: [{ role: 'user', content: body || ' ' }],
  aide: { task, lang, variables: { body }, letter: body },
});

describe('offline engine on any input', () => {
  it('never throws and its deltas always concatenate back to the answer', () => {
    const text = fc.array(fc.constantFrom(...'abc éà. ,?!\n:/0123456789-M.Dr{}#^'.split(''), 'merci de ', 'avant le 12/03', '{{x}}', '{{#x}}', '{{/x}}', 'Mme Dupont'), {
      maxLength: 120,
    }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom(...OFFLINE_TASKS), fc.constantFrom('fr' as const, 'en' as const), (body, task, lang) => {
        const answer = offlineAnswer(req(task, body, lang), today);
        expect(answer.length).toBeGreaterThan(0);
        expect(toDeltas(answer).join('')).toBe(answer);
      }),
      { numRuns: 300 },
    );
  });

  it('answers every mail of the email_reply_parser corpus (English mails, real-world layout)', () => {
    const dir = path.join(__dirname, '..', '..', '..', '..', 'shared', 'corpora', 'github-email_reply_parser', 'emails');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const body = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const task of ['summarize', 'actions', 'triage'] as const) expect(offlineAnswer(req(task, body, 'en'), today)).toMatch(/^### /);
    }
  });

  it('summarizes a long document (6000 sentences), in time linear in its length', () => {
    const words = 'patient service bloc planning réunion maintenance scanner dossier médecin cadre direction qualité procédure audit'.split(' ');
    const document = (sentences: number): string => {
      let seed = 7;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      let text = '';
      for (let i = 0; i < sentences; i++) text += 'Le ' + Array.from({ length: 12 }, () => words[Math.floor(random() * words.length)]).join(' ') + '. ';
      return text;
    };
    const answer = offlineAnswer(req('summarize', document(6000)), today);
    expect(answer.split('\n').filter((l) => l.startsWith('- Le ')).length).toBe(6);
    // No time budget: 750 and 6000 sentences, timed in the same test; the quadratic ranking this replaced gave ×64.
    const g = growth(document, (text) => offlineAnswer(req('summarize', text), today), 750);
    expect(g.ratio).toBeLessThan(linearBound(g));
  });
});
