/**
 * One case per class of mail the cleaner recognises (issue 13): reply headers in the main European languages and
 * the clients' forms, forward headers, signatures (closing formula, sender's name), mobile footers, disclaimers,
 * banners, top-, bottom- and inline-posted replies. Each row is its own test, so that breaking one rule fails it.
 */
import { cleanMail, cleanText, forwardedMessage, rebuildThread, withForwarded } from '../../../src/core/mail';

const NEW = 'Merci, je valide le planning.';
const OLD = '> Pouvez-vous valider le planning du bloc ?';

describe('reply headers, whatever the language or client: the quote under them goes', () => {
  const headers: [string, string][] = [
    ['fr Gmail', 'Le lun. 4 mars 2024 à 10:12, Marie Dupont <m.dupont@chu.fr> a écrit :'],
    ['fr Apple', 'Le 4 mars 2024 à 10:12, Marie Dupont <m.dupont@chu.fr> a écrit :'],
    ['en Gmail', 'On Mon, Mar 4, 2024 at 10:12 AM Marie Dupont <m.dupont@chu.fr> wrote:'],
    ['en Thunderbird', 'On 04/03/2024 10:12, Marie Dupont wrote:'],
    ['de', 'Am 04.03.2024 um 10:12 schrieb Marie Dupont <m.dupont@chu.fr>:'],
    ['de Gmail', 'Marie Dupont <m.dupont@chu.fr> schrieb am Mo., 4. März 2024, 10:12:'],
    ['nl', 'Op 4 mrt. 2024 om 10:12 heeft Marie Dupont <m.dupont@chu.fr> het volgende geschreven:'],
    ['es', 'El lun, 4 mar 2024 a las 10:12, Marie Dupont (<m.dupont@chu.fr>) escribió:'],
    ['it', 'Il giorno lun 4 mar 2024 alle ore 10:12 Marie Dupont <m.dupont@chu.fr> ha scritto:'],
    ['pt', 'Em seg., 4 de mar. de 2024 às 10:12, Marie Dupont <m.dupont@chu.fr> escreveu:'],
    ['pl', 'W dniu 4.03.2024 o 10:12, Marie Dupont <m.dupont@chu.fr> napisał(a):'],
    ['sv', 'Den 4 mars 2024 kl. 10:12 skrev Marie Dupont <m.dupont@chu.fr>:'],
    ['no', 'Den 4. mar. 2024 kl. 10.12 skrev Marie Dupont <m.dupont@chu.fr>:'],
    ['da', 'Den 4. mar. 2024 kl. 10.12 skrev Marie Dupont <m.dupont@chu.fr>:'],
    ['ru', '4 марта 2024 г., в 10:12, Marie Dupont <m.dupont@chu.fr> написал(а):'],
    ['uk', '4 бер. 2024 р. о 10:12 Marie Dupont <m.dupont@chu.fr> пише:'],
    ['Zoho', '---- On Mon, 04 Mar 2024 10:12:36 +0100 Marie Dupont <m.dupont@chu.fr> wrote ----'],
    ['Gmail, date first', '2024-03-04 10:12 GMT+01:00 Marie Dupont <m.dupont@chu.fr>:'],
    ['wrapped inside the address', 'Le 4 mars 2024 à 10:12, Marie Dupont <\nm.dupont@chu.fr> a écrit :'],
    // Any language's Gmail by its shape (a time, the sender's <address>, a short verb or none, a colon).
    ['pl "pisze"', 'W dniu 4.03.2024 o 10:12, Marie Dupont <m.dupont@chu.fr> pisze:'],
    ['ja Gmail', '2024年3月4日(月) 10:12 田中 太郎 <tanaka@hospital.jp>:'],
    ['ko Gmail', '2024년 3월 4일 (월) 오전 10:12, 홍길동 <hong@hospital.kr>님이 작성:'],
  ];
  it.each(headers)('%s', (_name, header) => {
    expect(cleanText(`${NEW}\n\n${header}\n\n${OLD}\n> Merci.`).text).toBe(NEW);
    // Without `>` (Outlook-style bodies below a reply header): still history.
    expect(cleanText(`${NEW}\n\n${header}\n\nPouvez-vous valider le planning du bloc ?`).text).toBe(NEW);
  });
  it('a sentence with a date that mentions writing is not a header', () => {
    const text = `Le 4 mars, la direction nous a écrit pour confirmer.\n\n${NEW}`;
    expect(cleanText(text).text).toBe(text);
    expect(cleanText(`J'ai écrit au service le 4 mars 2024 à ce sujet.\nIl répond demain.`).text).toContain('Il répond demain.');
    // A line naming someone's address before a colon, without a time, is no header.
    const contact = `Pour toute question, écrire à Marie Dupont <m.dupont@chu.fr> :\nelle répond sous 48 h.`;
    expect(cleanText(contact).text).toBe(contact);
  });
});

describe('Outlook header blocks and markers in several languages', () => {
  const blocks: [string, string][] = [
    ['fr', 'De : Marie Dupont\nEnvoyé : lundi 4 mars 2024 10:12\nÀ : Bloc\nObjet : Planning'],
    ['en', 'From: Marie Dupont\nSent: Monday, March 4, 2024 10:12 AM\nTo: Bloc\nSubject: Planning'],
    ['de', 'Von: Marie Dupont\nGesendet: Montag, 4. März 2024 10:12\nAn: Bloc\nBetreff: Planning'],
    ['nl', 'Van: Marie Dupont\nVerzonden: maandag 4 maart 2024 10:12\nAan: Bloc\nOnderwerp: Planning'],
    ['es', 'De: Marie Dupont\nEnviado: lunes, 4 de marzo de 2024 10:12\nPara: Bloc\nAsunto: Planning'],
    ['it', 'Da: Marie Dupont\nInviato: lunedì 4 marzo 2024 10:12\nA: Bloc\nOggetto: Planning'],
    ['pt', 'De: Marie Dupont\nEnviada em: segunda-feira, 4 de março de 2024 10:12\nPara: Bloc\nAssunto: Planning'.replace('Enviada em', 'Enviado')],
    ['sv', 'Från: Marie Dupont\nSkickat: den 4 mars 2024 10:12\nTill: Bloc\nÄmne: Planning'],
    ['pl', 'Od: Marie Dupont\nWysłano: poniedziałek, 4 marca 2024 10:12\nDo: Bloc\nTemat: Planning'],
    ['ru', 'От: Marie Dupont\nОтправлено: 4 марта 2024 г. 10:12\nКому: Bloc\nТема: Planning'],
    ['original marker (de)', '-----Ursprüngliche Nachricht-----\nVon: Marie Dupont\nGesendet: Montag\nAn: Bloc'],
    ['original marker (es)', '-----Mensaje original-----\nDe: Marie Dupont'],
    ['original marker in bold', '*-------- Original Message --------*'],
  ];
  it.each(blocks)('%s', (_name, block) => {
    expect(cleanText(`${NEW}\n\n${block}\n\nPouvez-vous valider le planning du bloc ?`).text).toBe(NEW);
  });
});

describe('forwards', () => {
  it.each([
    ['Gmail (fr)', '---------- Message transféré ---------\nDe : Marie Dupont <m.dupont@chu.fr>\nDate: lun. 4 mars 2024 à 10:12\nSubject: Planning\nTo: <bloc@chu.fr>'],
    ['Gmail (de)', '---------- Weitergeleitete Nachricht ---------\nVon: Marie Dupont <m.dupont@chu.fr>\nDate: Mo., 4. März 2024 um 10:12'],
    ['Apple (en)', 'Begin forwarded message:\n\nFrom: Marie Dupont <m.dupont@chu.fr>\nSubject: Planning\nDate: 4 March 2024 at 10:12:00 CET'],
  ])('a note above a forward (%s) is the message; the forward is history', (_name, header) => {
    expect(cleanText(`Pour info.\n\n${header}\n\nLe planning du bloc est en pièce jointe.`).text).toBe('Pour info.');
  });
  it('a forward with nothing written above: the forwarded text is the message (its wrapped subject included in the header)', () => {
    const mail = '---------- Forwarded message ----------\nFrom: Marie Dupont <m.dupont@chu.fr>\nDate: Mon, Mar 4, 2024 at 10:12 AM\nSubject: Planning du bloc\nsemaine 11\nTo: bloc@chu.fr\n\n\nLe planning du bloc est en pièce jointe.';
    expect(cleanText(mail).text).toBe('Le planning du bloc est en pièce jointe.');
  });
});

describe('top-, bottom- and inline-posted replies (one choice for the pane, aide clean and the thread builder)', () => {
  const header = 'Le 4 mars 2024 à 10:12, Marie Dupont <m.dupont@chu.fr> a écrit :';
  it('top-posted: the new text above, the quote goes', () => {
    expect(cleanText(`${NEW}\n\n${header}\n${OLD}`).text).toBe(NEW);
  });
  it('bottom-posted: header and quote above, the new text under them; the quote goes', () => {
    expect(cleanText(`${header}\n${OLD}\n>\n> Marie\n\n${NEW}`).text).toBe(NEW);
  });
  const inline = `${header}\n> Combien de lits sont équipés ?\n\nDouze lits.\n\n> Et la date de mise en service ?\n\nLe 2 avril.\n\n> Marie Dupont\n> Cadre de santé`;
  const kept = `> Combien de lits sont équipés ?\n\nDouze lits.\n\n> Et la date de mise en service ?\n\nLe 2 avril.`;
  it('inline: each answered question stays above its answer, the reply header goes, and so does the unanswered rest', () => {
    expect(cleanText(inline).text).toBe(kept);
  });
  it('the thread builder gives the newest message the same text as the pane', () => {
    const messages = rebuildThread({ text: inline, from: 'Paul Martin <p.martin@chu.fr>' });
    expect(messages[messages.length - 1].text).toBe(cleanMail({ text: inline }).text);
    expect(messages[0].text).toContain('Combien de lits');
  });
  it('a mail that is only a quote keeps it (it has nothing else)', () => {
    expect(cleanText('> Réunion maintenue jeudi.').text).toBe('> Réunion maintenue jeudi.');
  });
});

describe('signatures, mobile footers, disclaimers, banners', () => {
  it('a closing formula and the block under it are the signature', () => {
    expect(cleanText(`${NEW}\n\nCordialement,\n\nMarie Dupont\nCadre de santé — Bloc opératoire\nCHU de Valmont\nPoste 4127`).text).toBe(NEW);
  });
  it.each([
    ['name, title, establishment', 'Marie Dupont\nCadre de santé — Bloc opératoire\nCHU de Valmont'],
    ['name, blank line, service, DECT', 'Sophie Laurent\nInfirmière coordinatrice\n\nPôle médecine – Hôpital Nord\nDECT 4512'],
    ['service first, then name and title', 'Secrétariat de chirurgie viscérale\nNadia Benali – Secrétaire médicale\nFax : 01 45 21 33 09'],
    ['initial, title and unit', 'M. Perrin – IDE de nuit\nRéanimation chirurgicale – poste 4471'],
    ['a long address line', 'Dr Antoine Lefèvre\nCentre hospitalier universitaire de Valmont – Hôpital Sud – 14 avenue des Tilleuls – 49033 Valmont Cedex 01'],
  ])('a block of signature lines is the signature without formula or sender name: %s', (_kind, block) => {
    expect(cleanText(`${NEW}\n\n${block}`).text).toBe(NEW);
  });
  it.each([
    ['a name, then a sentence', 'Marie Dupont\nJe serai absente lundi'],
    ['a list of names', 'Marie Dupont\nPaul Martin\nJeanne Petit'],
    ['sentences about a service', 'Le service de cardiologie est fermé samedi.\nMerci de prévenir les familles.'],
    ['a list of services', '- Service de cardiologie : 3 lits\n- Service de pneumologie : 2 lits'],
    ['a list of people', 'Dr Martin (cardiologie)\nMme Durand, cadre de santé\nM. Petit, pharmacien'],
    ['an announced list', 'Les participants :\n\nDr Martin\nCadre de santé du bloc'],
    ['an appointment address', 'Le rendez-vous aura lieu ici.\nHôpital Nord – Bâtiment C\n12 rue des Lilas\n49000 Valmont'],
    ['useful numbers', 'Contacts utiles\nStandard : 02 41 35 35 35\nSecrétariat : 02 41 35 70 00'],
    ['a question with a phone number under a name', 'Marie Lefèvre\n\nPouvez-vous rappeler le 02 41 35 12 34 ?'],
  ])('lines that only look like a signature stay: %s', (_kind, block) => {
    expect(cleanText(`${NEW}\n\n${block}`).text).toBe(`${NEW}\n\n${block}`);
  });
  it('the formula and the name on one line, the block under it', () => {
    expect(cleanText(`${NEW}\n\nCordialement, Julien Petit\nIngénieur biomédical\nTél. 02 98 44 12 30 / Bip 512`).text).toBe(NEW);
    expect(cleanText(`${NEW}\n\nMit freundlichen Grüßen\nAnna Schmidt\nKlinik am See`).text).toBe(NEW);
  });
  it('a closing formula alone at the end stays (the message’s last words)', () => {
    expect(cleanText(`${NEW}\n\nBien cordialement`).text).toBe(`${NEW}\n\nBien cordialement`);
  });
  it('with the sender’s display name, a block starting with it is the signature even without a closing formula', () => {
    // A name and a motto: nothing says it is a signature, unless the name is the sender's.
    const text = `${NEW}\n\nMarie Dupont\n« Prendre soin, ensemble »`;
    expect(cleanText(text).text).toBe(text);
    expect(cleanText(text, { senderName: 'Dupont, Marie (CHU Valmont)' }).text).toBe(NEW);
    // The name in the body is not a signature.
    expect(cleanText(`Marie Dupont a validé le planning.\n\n${NEW}`, { senderName: 'Marie Dupont' }).text).toBe(`Marie Dupont a validé le planning.\n\n${NEW}`);
  });
  it.each([
    'Envoyé de mon iPhone',
    'Sent from Outlook Mobile<https://aka.ms/ghei36>',
    'Get [Outlook for Android](https://aka.ms/ghei36)',
    'Von meinem iPhone gesendet',
    'Sendt fra min iPad',
    'Verzonden met BlackBerry Work',
    '(sent from a phone)',
    'Obtenir Outlook pour iOS',
  ])('mobile footer: %s', (footer) => {
    expect(cleanText(`${NEW}\n\n${footer}`).text).toBe(NEW);
  });
  it('a sentence that mentions a phone is not a footer', () => {
    expect(cleanText(`${NEW}\n\nSent from my desk, is much easier then my mobile phone.`).text).toContain('my desk');
    expect(cleanText('This is a reply from Outlook!').text).toBe('This is a reply from Outlook!');
  });
  it('a confidentiality notice is a disclaimer', () => {
    const mail = cleanText(`${NEW}\n\nCe message et ses pièces jointes sont confidentiels et destinés exclusivement à leurs destinataires. Si vous avez reçu ce message par erreur, merci de le détruire.`);
    expect(mail.text).toBe(NEW);
    expect(mail.removed.disclaimer).toContain('confidentiels');
  });
  it('an external-sender banner at the top is a notice', () => {
    expect(cleanText(`[EXTERNE] Ce message provient de l'extérieur de l'établissement.\n\n${NEW}`).text).toBe(NEW);
  });
  it('decoration lines and Gmail’s tracking mark at the end go', () => {
    expect(cleanText(`${NEW}\n\nᐧ\n--\n***\n~~~~~`).text).toBe(NEW);
  });
});

describe('forwards: the message forwarded is what "this mail" is about', () => {
  const outlook = 'Pour info.\n\n________________________________\nDe : Biomed <biomed@chu.fr>\nEnvoyé : lundi 30 novembre 2026 09:00\nÀ : Cadre réa\nObjet : Panne scope\n\nLe scope du box 3 est en panne.';
  it.each([
    ['fr Outlook « TR : »', 'TR : Panne scope'],
    ['en "Fwd:"', 'Fwd: Panne scope'],
    ['de "WG:"', 'WG: Panne scope'],
    ['with a tag first', '[EXTERNE] TR: Panne scope'],
  ])('%s', (_name, subject) => {
    const cleaned = cleanText(outlook);
    const forwarded = forwardedMessage({ text: outlook }, subject, cleaned.removed.quoted);
    expect(forwarded).toMatchObject({ from: 'Biomed <biomed@chu.fr>', subject: 'Panne scope', text: 'Le scope du box 3 est en panne.' });
    expect(withForwarded(cleaned.text, forwarded!)).toBe(
      'Pour info.\n\n---------- Message transféré / Forwarded message ----------\nDe / From : Biomed <biomed@chu.fr>\nDate : lundi 30 novembre 2026 09:00\nObjet / Subject : Panne scope\n\nLe scope du box 3 est en panne.',
    );
  });
  it('a reply, or a mail with no history, carries no forwarded message', () => {
    expect(forwardedMessage({ text: outlook }, 'RE : Panne scope', cleanText(outlook).removed.quoted)).toBeNull();
    expect(forwardedMessage({ text: 'TR sans historique.' }, 'TR : note', '')).toBeNull();
    // "Trésorerie : …" is no forward's subject.
    expect(forwardedMessage({ text: outlook }, 'Trésorerie : point', cleanText(outlook).removed.quoted)).toBeNull();
  });
});
