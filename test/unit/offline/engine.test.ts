import fs from 'node:fs';
import path from 'node:path';
import { assembleThread, cleanMail, parseEml } from '../../../src/core/mail';
import { createOfflineEngine, offlineAnswer, toDeltas } from '../../../src/core/llm/offline';
import { findActions, triageText } from '../../../src/core/llm/offline-actions';
import { fillAnswer, fillTemplate } from '../../../src/core/llm/offline-fill';
import { keySentences } from '../../../src/core/llm/offline-summary';
import type { ChatDelta, ChatRequest } from '../../../src/core/llm/types';
import type { AideExtension } from '../../../src/core/llm/types';

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'offline');
const today = new Date(2026, 2, 2, 10); // Monday 2 March 2026

function request(aide: AideExtension, content = 'Résume ce mail.'): ChatRequest {
  return { model: 'aide-offline', messages: [{ role: 'system', content: 'Tu es un assistant.' }, { role: 'user', content }], aide };
}

async function collect(stream: AsyncIterable<ChatDelta>): Promise<ChatDelta[]> {
  const out: ChatDelta[] = [];
  for await (const d of stream) out.push(d);
  return out;
}

describe('summary of a known mail', () => {
  let raw: string;
  let cleaned: string;
  beforeAll(async () => {
    const mail = await parseEml(fs.readFileSync(path.join(fixtures, 'bloc-operatoire.eml')));
    raw = mail.text ?? '';
    cleaned = cleanMail(mail).text;
  });

  it('keeps the key sentences, in order, word for word, and the key facts', () => {
    const answer = offlineAnswer(request({ task: 'summarize', lang: 'fr', variables: { mailBody: cleaned } }), today);
    const bullets = answer.split('\n').filter((l) => l.startsWith('- ') && !l.includes(' : '));
    expect(bullets.length).toBeGreaterThanOrEqual(3);
    expect(bullets.length).toBeLessThanOrEqual(6);
    // The decision is the point of the mail; the request with its deadline too.
    expect(answer).toContain('la direction a validé la réorganisation du planning du bloc opératoire à partir du 16 mars.');
    expect(answer).toContain('Merci de prévenir les patients');
    for (const b of bullets) expect(cleaned.replace(/\s+/g, ' ')).toContain(b.slice(2));
    const positions = bullets.map((b) => cleaned.replace(/\s+/g, ' ').indexOf(b.slice(2)));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(answer).toMatch(/Personnes citées : Dr Martin, Mme Leroy/);
    expect(answer).toContain('« avant le 12/03 » → jeudi 12 mars 2026 (échéance)');
    expect(answer).not.toMatch(/Bonjour|Bonne journée|Cordialement/);
  });

  it('drops the quoted history and the signature when given the cleaned mail', () => {
    const fromCleaned = offlineAnswer(request({ task: 'summarize', lang: 'en', variables: { mailBody: cleaned } }), today);
    expect(fromCleaned).toMatch(/^### Summary/);
    expect(fromCleaned).not.toMatch(/facturation|Madame Fontaine|confidentiels|01 23 45 67 89/);
    // The raw mail does hold them: the cleaning, not luck, keeps them out.
    expect(raw).toContain('facturation');
  });

  it('summarizes the last user message when no content variable is given', () => {
    const text = 'La maintenance du scanner est prévue le 10 mars. Le service de radiologie sera fermé ce jour-là. Les examens urgents seront orientés vers le site nord.';
    const answer = offlineAnswer(request({ task: 'summarize', lang: 'fr' }, text), today);
    expect(answer).toContain('- La maintenance du scanner est prévue le 10 mars.');
    expect(answer).toContain('- Les examens urgents seront orientés vers le site nord.');
  });

  it('prefers central sentences over incidental ones', () => {
    const text = [
      'Le comité qualité a examiné les chutes de patients du service de gériatrie.',
      'Les chutes de patients ont augmenté de 30 % au service de gériatrie depuis janvier.',
      'Le parking visiteurs sera repeint en avril.',
      'Un plan de prévention des chutes de patients sera présenté au comité qualité.',
      'La cafétéria propose un nouveau menu.',
      'Les chutes de patients la nuit concernent surtout le service de gériatrie.',
      'Le standard téléphonique change de numéro.',
    ].join(' ');
    const kept = keySentences(text, 3).map((s) => s.text);
    expect(kept.every((s) => /chutes/.test(s))).toBe(true);
  });
});

describe('actions, fr and en, with deadlines', () => {
  it('finds French requests with who asks and normalised deadlines', () => {
    const items = findActions(
      "Bonjour,\nMerci de m'envoyer le compte rendu avant le 12/03. Pourriez-vous réserver la salle d'ici vendredi ? Je vous remercie de signer le document au plus tard le 20 mars. Le planning est affiché. Il faudrait prévenir l'équipe de nuit.",
      { today, sender: 'Claire Fontaine' },
    );
    expect(items.map((i) => [i.what, i.deadline?.date])).toEqual([
      ["M'envoyer le compte rendu avant le 12/03", '2026-03-12'],
      ["Réserver la salle d'ici vendredi", '2026-03-06'],
      ['Signer le document au plus tard le 20 mars', '2026-03-20'],
      ["Prévenir l'équipe de nuit", undefined],
    ]);
    expect(items.every((i) => i.who === 'Claire Fontaine')).toBe(true);
  });

  it('finds English requests and reads relative deadlines against today', () => {
    const items = findActions(
      'Hi,\nPlease find attached the report. Could you review it by Friday? Please send the invoices ASAP. Can you book a room within 3 days? We met yesterday.',
      { today },
    );
    expect(items.map((i) => [i.cue.toLowerCase(), i.deadline?.date, i.deadline?.asap])).toEqual([
      ['could you', '2026-03-06', false],
      ['please', '2026-03-02', true],
      ['can you', '2026-03-05', false],
    ]);
  });

  it('takes the sender from the header block when the form does not give it, and says when unknown', () => {
    expect(findActions('De : Paul Durand <p.durand@chu.fr>\nMerci de valider le devis.', { today })[0].who).toBe('Paul Durand');
    const answer = offlineAnswer(request({ task: 'actions', lang: 'en', variables: { mailBody: 'Could you call the lab?' } }), today);
    expect(answer).toContain('Asked by: sender not given');
    expect(answer).toContain('Deadline: not stated');
  });

  it('says so when there is nothing to do', () => {
    expect(offlineAnswer(request({ task: 'actions', lang: 'fr', variables: { mailBody: 'Le planning est affiché.' } }), today)).toContain(
      'Aucune demande explicite',
    );
  });
});

describe('triage', () => {
  it('grades urgent, important and normal with the cues that justify it', () => {
    expect(triageText('Le scanner est en panne, intervention immédiate nécessaire.', today)).toMatchObject({ level: 'urgent' });
    const important = triageText('Relance : le dossier de certification HAS est à rendre avant le 6 mars.', today);
    expect(important.level).toBe('important');
    expect(important.reasons.map((r) => r.cue)).toEqual(expect.arrayContaining(['Relance', 'certification', 'HAS', 'avant le 6 mars']));
    expect(triageText('Il faut le rendre demain.', today).level).toBe('urgent');
    expect(triageText('The team has lunch together on Thursday.', today)).toEqual({ level: 'normal', reasons: [] });
  });
});

describe('letter filling', () => {
  const letter = 'Paris, le {{date}}\n\nObjet : {{objet}}\n\n{{#civilite}}{{civilite}},{{/civilite}}{{^civilite}}Madame, Monsieur,{{/civilite}}\n\nVotre rendez-vous du {{dateRdv}} est confirmé.\n{{#remarque}}\nRemarque : {{remarque}}\n{{/remarque}}\n\n{{signataire}}';

  it('fills values, keeps or drops sections, and marks what is missing', () => {
    const { text, missing } = fillTemplate(letter, { objet: 'Rendez-vous', dateRdv: '12 mars 2026', civilite: '' }, 'fr', today);
    expect(text).toContain('Paris, le 2 mars 2026');
    expect(text).toContain('Objet : Rendez-vous');
    expect(text).toContain('Madame, Monsieur,');
    expect(text).not.toContain('Remarque');
    expect(text).toContain('[à compléter]');
    expect(missing).toEqual(['signataire']);
    expect(text).not.toMatch(/\{\{|\}\}/);
  });

  it('uses the English marker and date in English, and leaves the markers in place, with no note inside the letter', () => {
    const answer = fillAnswer('London, {{date}}\n\nDear {{name}},\n\n{{body}}', { name: 'Dr Smith' }, 'en', today);
    expect(answer).toContain('London, 2 March 2026');
    expect(answer).toContain('Dear Dr Smith,');
    expect(answer).toContain('[to complete]');
    expect(answer.match(/\[to complete\]/g)).toHaveLength(1);
    expect(answer.trimEnd().endsWith('[to complete]')).toBe(true);
  });

  it('goes through the engine from the aide extension', () => {
    const answer = offlineAnswer(
      request({ task: 'fill', lang: 'fr', letter, variables: { objet: 'Confirmation', dateRdv: '12 mars', civilite: 'Madame', remarque: 'Venir à jeun', signataire: 'Le secrétariat' } }),
      today,
    );
    expect(answer).toContain('Madame,\n');
    expect(answer).toContain('Remarque : Venir à jeun');
    expect(answer).not.toContain('[à compléter]');
  });

  it('lists the entered values when the prompt has no skeleton', () => {
    const answer = offlineAnswer(request({ task: 'fill', lang: 'fr', variables: { destinataire: 'Dr Martin' } }), today);
    expect(answer).toContain('pas de trame');
    expect(answer).toContain('**destinataire** : Dr Martin');
  });
});

describe('tasks that need a model', () => {
  it.each(['fr', 'en'] as const)('rewrite says so honestly (%s) and gives the cleaned text and key sentences', (lang) => {
    const text = 'Le patient doit être revu dans 3 mois.   \n\n\n\nUn bilan sanguin est prévu avant la consultation. Le traitement est inchangé.';
    const answer = offlineAnswer(request({ task: 'rewrite', lang, variables: { selection: text } }), today);
    expect(answer).toMatch(lang === 'fr' ? /nécessite une IA générative/ : /needs generative AI/);
    expect(answer).toContain('> Le patient doit être revu dans 3 mois.\n>\n> Un bilan sanguin');
    expect(answer).toContain('- Le traitement est inchangé.');
  });

  it('rewrite points out the sentences too long to read easily', () => {
    const long = 'Le patient, qui a été hospitalisé à plusieurs reprises au cours des derniers mois pour des décompensations cardiaques successives, devra être revu en consultation par son cardiologue traitant avant la fin du mois prochain.';
    const answer = offlineAnswer(request({ task: 'rewrite', lang: 'fr', variables: { selection: `${long} Il va bien.` } }), today);
    expect(answer).toContain('Phrases longues à raccourcir (plus de 25 mots)');
    expect(answer).toContain(`- (34 mots) ${long}`);
    expect(answer).not.toContain('mots) Il va bien.');
  });

  it('none without content does not echo the instructions back', () => {
    const answer = offlineAnswer(request({ task: 'none', lang: 'en' }, 'Write a tender specification for 12 infusion pumps.'), today);
    expect(answer).toContain('needs a generative model');
    expect(answer).not.toContain('infusion pumps');
  });

  it('answers a plain OpenAI request without the aide extension (French by default)', () => {
    const answer = offlineAnswer({ model: 'aide-offline', messages: [{ role: 'user', content: 'Bonjour' }] }, today);
    expect(answer).toContain('Mode hors ligne');
  });
});

describe('streaming contract', () => {
  const text = 'La réunion est reportée au 16 mars. Merci de prévenir les équipes. Le Dr Martin présidera la séance. La salle 4 est réservée.';

  it('streams several text deltas whose concatenation is the answer, then usage', async () => {
    const engine = createOfflineEngine({ now: () => today });
    const req = request({ task: 'summarize', lang: 'fr', variables: { mailBody: text } });
    const deltas = await collect(engine.stream(req, new AbortController().signal));
    const texts = deltas.filter((d): d is { type: 'text'; text: string } => d.type === 'text');
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.map((d) => d.text).join('')).toBe(offlineAnswer(req, today));
    const last = deltas[deltas.length - 1];
    expect(last.type).toBe('usage');
    if (last.type === 'usage') {
      expect(last.usage.completion_tokens).toBeGreaterThan(0);
      expect(last.usage.total_tokens).toBe(last.usage.prompt_tokens + last.usage.completion_tokens);
    }
    expect(engine.kind).toBe('offline');
    expect(await engine.models()).toEqual(['aide-offline']);
  });

  it('stops when the signal aborts', async () => {
    const engine = createOfflineEngine({ now: () => today });
    const controller = new AbortController();
    const received: ChatDelta[] = [];
    for await (const d of engine.stream(request({ task: 'summarize', variables: { mailBody: text } }), controller.signal)) {
      received.push(d);
      if (received.length === 2) controller.abort();
    }
    expect(received).toHaveLength(2);
    const none = await collect(engine.stream(request({ task: 'summarize' }), AbortSignal.abort()));
    expect(none).toEqual([]);
  });

  it('cuts any text into pieces that concatenate back exactly', () => {
    for (const s of ['', '   ', 'un', ' deux mots ', 'a b c d e f g h i\n\n- j k\n', '\n\nfin']) expect(toDeltas(s).join('')).toBe(s);
    expect(toDeltas('a b c d e f g h', 4)).toEqual(['a b c d ', 'e f g h']);
  });
});

describe('action wording', () => {
  it('removes an elided cue and keeps short requests whole', () => {
    const items = findActions("Merci d’en informer vos équipes de nuit. Pouvez-vous regarder ? Nous sommes en rupture jusqu'au 22 mars.", { today });
    expect(items.map((i) => i.what)).toEqual(['En informer vos équipes de nuit', 'Pouvez-vous regarder ?']);
  });
});

describe('an assembled thread', () => {
  const messages = [
    { from: 'Nathalie Bernard', date: 'lundi 2 mars 2026 08:00', text: 'Bonjour,\n\nVeuillez trouver le planning du bloc. Merci de me signaler toute modification avant mercredi.' },
    { from: 'Dr Thomas Nguyen', date: 'lundi 2 mars 2026 09:23', text: 'Le Dr Morel sera absent jeudi : ses deux prothèses de hanche doivent être décalées.' },
    { from: 'Marie Lefèvre', date: 'lundi 2 mars 2026 14:55', text: 'Pourriez-vous prévenir les deux patients des prothèses de hanche ?' },
    { from: 'Julien Dupuis', date: 'lundi 2 mars 2026 17:41', text: 'Je confirme : la maintenance de la salle 2 durera de 13h à 17h mardi.' },
  ];
  let thread: string;
  beforeAll(() => {
    thread = assembleThread(messages).text;
  });

  it('summarizes message by message, with who wrote each kept sentence, and lists participants', () => {
    const answer = offlineAnswer(request({ task: 'summarize', lang: 'fr', variables: { mailThread: thread } }), today);
    expect(answer).toMatch(/^### Résumé du fil \(4 messages/);
    expect(answer).toContain('- **Dr Thomas Nguyen** : Le Dr Morel sera absent jeudi');
    expect(answer).toContain('- **Julien Dupuis** : Je confirme');
    expect(answer).toContain('Participants : Nathalie Bernard, Dr Thomas Nguyen, Marie Lefèvre, Julien Dupuis');
    // Headers are not sentences, and "[2/4]" is not the 2nd of April.
    expect(answer).not.toMatch(/\[\d\/4\]|avril/);
  });

  it('says who asks each request: the sender of its message', () => {
    const items = findActions(thread, { today, sender: 'Someone Else' });
    expect(items.map((i) => [i.who, i.what])).toEqual([
      ['Nathalie Bernard', 'Me signaler toute modification avant mercredi'],
      ['Marie Lefèvre', 'Prévenir les deux patients des prothèses de hanche'],
    ]);
  });
});
