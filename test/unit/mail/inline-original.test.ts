/**
 * Answers typed inside a quoted original (issue 13): kept in the inline-reply convention, in `aide clean`'s cleaner
 * (cleanMail), the pane (same function) and the thread builder (rebuildThread cleans the open mail the same way).
 */
import { cleanMail, cleanText, cleanThreadMessage, rebuildThread } from '../../../src/core/mail';
import { announcesAnswers } from '../../../src/core/mail/inline-original';
import { inlineOriginalCases, normalizeWs, score } from '../../../bench/mail';

const ORIGINAL = [
  '________________________________',
  'De : Marc Durand <marc.durand@labo-exemple.fr>',
  'Envoyé : mardi 10 mars 2026 11:02',
  'À : Chloé Marchand <c.marchand@ch-valmont.fr>',
  'Objet : Tournées',
  '',
  'Bonjour,',
  "L'heure limite de dépôt le samedi ?",
  'CM : 11 h, à l’accueil.',
  'Le nombre de boîtes par tournée ?',
  'CM : quatre.',
  '',
  'Bien à vous,',
  'Marc Durand',
  'Responsable logistique',
].join('\n');

describe('answers inside a quoted original', () => {
  it('gives the expected text for every tune fixture, and at least 4 of the 6 measure ones', async () => {
    const tune = await score('aide', await inlineOriginalCases('tune'));
    expect(tune.length).toBeGreaterThanOrEqual(7);
    expect(tune.filter((r) => !r.ok).map((r) => r.file)).toEqual([]);
    const measure = await score('aide', await inlineOriginalCases('measure'));
    expect(measure.filter((r) => r.ok).length).toBeGreaterThanOrEqual(4);
  });

  it("keeps the replier's initialled answers with the questions above them, and drops the rest of the original", () => {
    const out = cleanText(`Bonjour Marc,\n\nVoici.\n\n${ORIGINAL}`, { senderName: 'Chloé Marchand' });
    expect(out.text.startsWith('Bonjour Marc,\n\nVoici.\n\n> Bonjour,')).toBe(true);
    // The header goes, as a reply header above answered quotes does.
    expect(out.text).not.toContain('Marc Durand');
    expect(out.text).toContain("> L'heure limite de dépôt le samedi ?\nCM : 11 h, à l’accueil.");
    expect(out.text.endsWith('CM : quatre.')).toBe(true);
    expect(out.text).not.toContain('Objet');
    expect(out.text).not.toContain('Responsable logistique');
    expect(out.answersInOriginal).toBe(2);
    expect(out.removed.quoted).toContain('Objet : Tournées');
    // Stable: cleaning the cleaned text changes nothing.
    expect(cleanText(out.text, { senderName: 'Chloé Marchand' }).text).toBe(out.text);
  });

  it('a single mark is not enough when it is not the replier’s and nothing announces answers', () => {
    const one = ORIGINAL.replace('CM : quatre.', 'Quatre en général.');
    expect(cleanText(`Bonjour,\n\nBien reçu.\n\n${one}`).text).toBe('Bonjour,\n\nBien reçu.');
    // The replier's own initials are.
    expect(cleanText(`Bonjour,\n\nBien reçu.\n\n${one}`, { senderName: 'Chloé Marchand' }).text).toContain('CM : 11 h');
  });

  it('the thread known: lines the earlier message does not have are answers', () => {
    const earlier = 'Bonjour,\nLa salle est-elle libre ?\nLe projecteur marche-t-il ?\n\nMerci,\nPaul';
    const mail = `Bonjour Paul,\n\nVu.\n\n-----Message d'origine-----\nDe : Paul <p@chu.fr>\nEnvoyé : lundi 2 mars 2026 10:00\nÀ : Anne <a@chu.fr>\nObjet : Salle\n\nBonjour,\nLa salle est-elle libre ?\nOui, jusqu'à 17 h.\nLe projecteur marche-t-il ?\n\nMerci,\nPaul`;
    expect(cleanText(mail).text).toBe('Bonjour Paul,\n\nVu.');
    expect(normalizeWs(cleanText(mail, { earlier: [earlier] }).text)).toBe(
      normalizeWs("Bonjour Paul, Vu. > Bonjour, > La salle est-elle libre ? Oui, jusqu'à 17 h."),
    );
  });

  it('reads the announcement of answers, not a forwarded answer', () => {
    for (const yes of ['Mes réponses ci-dessous en rouge.', 'Je vous ai répondu directement dans votre message.', 'Réponses dans le texte.', 'Please find my answers inline below.', "I've replied in blue in your email."])
      expect(announcesAnswers(yes)).toBe(true);
    for (const no of ['Ci-dessous la réponse de la clinique partenaire.', 'Voir ci-dessous.', 'See the answer from the supplier below.', 'Je vous transfère sa réponse.'])
      expect(announcesAnswers(no)).toBe(false);
  });

  it('HTML: a line in another colour than the original is an answer only in the replier’s ink or when announced', () => {
    const html = (top: string, ink: string) =>
      `<html><body><p class=MsoNormal><span style='color:#1F497D'>${top}</span></p>` +
      `<div style='border:none;border-top:solid #E1E1E1 1.0pt'><p class=MsoNormal><b>De :</b> Paul &lt;p@chu.fr&gt;<br><b>Envoyé :</b> lundi 2 mars 2026 10:00<br><b>À :</b> Anne<br><b>Objet :</b> Salle</p></div>` +
      `<p class=MsoNormal>Bonjour,</p><p class=MsoNormal>La salle est-elle libre ?</p><p class=MsoNormal><span style='color:${ink}'>Oui, jusqu’à 17 h.</span></p><p class=MsoNormal>Merci,</p><p class=MsoNormal>Paul</p></body></html>`;
    expect(cleanMail({ html: html('Bonjour Paul, c’est noté.', '#1F497D') }).text).toContain('> La salle est-elle libre ?\nOui, jusqu’à 17 h.');
    expect(cleanMail({ html: html('Bonjour Paul, c’est noté.', '#C00000') }).text).toBe('Bonjour Paul, c’est noté.');
    expect(cleanMail({ html: html('Mes réponses ci-dessous en rouge.', '#C00000') }).text).toContain('Oui, jusqu’à 17 h.');
  });

  it('the thread builder keeps the same answers in the open mail', () => {
    const mail = `Bonjour Marc,\n\nVoici.\n\n${ORIGINAL}`;
    const thread = rebuildThread({ text: mail, from: 'Chloé Marchand <c.marchand@ch-valmont.fr>' });
    expect(thread[thread.length - 1].text).toBe(cleanText(mail, { senderName: 'Chloé Marchand' }).text);
  });
});

describe('the thread builder and answers inside the original', () => {
  it('gives the answers to the reply, not to the original they were typed in', () => {
    const mail = `Bonjour Marc,\n\nVoici.\n\n${ORIGINAL}`;
    const thread = rebuildThread({ text: mail, from: 'Chloé Marchand <c.marchand@ch-valmont.fr>' });
    expect(thread).toHaveLength(2);
    expect(thread[0].from).toContain('Marc Durand');
    expect(thread[0].text).toContain("L'heure limite de dépôt le samedi ?");
    expect(thread[0].text).not.toContain('CM :');
    expect(thread[1].text).toContain('CM : quatre.');
  });
});

describe('a thread read from the server (Graph)', () => {
  it('finds the answers typed inside the original from the whole body and the earlier message', () => {
    const earlier = { text: "Bonjour,\nL'heure limite de dépôt le samedi ?\nLe nombre de boîtes par tournée ?\n\nBien à vous,\nMarc Durand\nResponsable logistique" };
    const whole = { text: `Bonjour Marc,\n\nC'est fait.\n\n${ORIGINAL.replace(/CM : /g, '')}` };
    // Exchange's unique part has the reply only: the answers inside the original are not in it.
    const own = { text: "Bonjour Marc,\n\nC'est fait." };
    expect(cleanThreadMessage(own).text).toBe("Bonjour Marc,\n\nC'est fait.");
    const read = cleanThreadMessage(own, { whole, earlier });
    expect(read.text).toContain("> L'heure limite de dépôt le samedi ?\n11 h, à l’accueil.");
    expect(read.text).toContain('quatre.');
    // Nothing typed inside: the unique part, as before.
    expect(cleanThreadMessage(own, { whole: { text: `Bonjour Marc,\n\nC'est fait.\n\n${ORIGINAL.replace(/\nCM : .*/g, '')}` }, earlier }).text).toBe("Bonjour Marc,\n\nC'est fait.");
  });
});
