/** One case per quoting form, signature and disclaimer the cleaner knows, plus the look-alikes it must keep. */
import { cleanMail, cleanText } from '../../../src/core/mail';

const visible = (text: string): string => cleanText(text).text;
const visibleHtml = (html: string): string => cleanMail({ html }).text;

describe('quoted history in text mail', () => {
  it('Outlook fr: "De : … Envoyé : … À : … Objet :" and everything after', () => {
    const r = cleanText('Bonjour,\n\nC’est noté.\n\nDe : Marie Lefèvre <m.lefevre@chu.fr>\nEnvoyé : lundi 4 mars 2024 10:12\nÀ : Paul Garnier\nObjet : RE: Consultation\n\nTexte précédent.');
    expect(r.text).toBe('Bonjour,\n\nC’est noté.');
    expect(r.removed.quoted).toContain('Texte précédent.');
  });
  it('Outlook en: "From: … Sent: … To: … Subject:" under a separator line', () => {
    expect(visible('Fine by me.\n\n________________________________\nFrom: Laura <l@x.com>\nSent: Monday, March 4, 2024 10:12 AM\nTo: Julien\nSubject: Delivery\n\nOld text')).toBe('Fine by me.');
  });
  it('Outlook with "*From:*" in bold markers (HTML turned to text by another client)', () => {
    expect(visible('Yes.\n\n*From:* A [mailto:a@x.com]\n*Sent:* Thursday, February 09, 2012 1:36 PM\n*To:* b@x.com\n*Subject:* Hi\n\nOld')).toBe('Yes.');
  });
  it('"-----Message d\'origine-----" and "-----Original Message-----"', () => {
    expect(visible("Pour action.\n\n-----Message d'origine-----\nDe : X\nEnvoyé : lundi\nÀ : Y\nObjet : Z\n\nOld")).toBe('Pour action.');
    expect(visible('Done.\n-----Original Message-----\nFrom: X\nSent: Monday\nTo: Y\nSubject: Z\n\nOld')).toBe('Done.');
  });
  it('forwarded markers (Gmail, Thunderbird, Apple Mail, fr and en)', () => {
    for (const marker of ['---------- Forwarded message ---------', '---------- Message transféré ---------', '-------- Message transféré --------', 'Début du message réexpédié :', 'Begin forwarded message:'])
      expect(visible(`Pour info.\n\n${marker}\nDe : X <x@y.fr>\nDate: lun. 4 mars 2024\nSubject: Z\n\nForwarded body`)).toBe('Pour info.');
  });
  it('Gmail / Apple / Thunderbird attributions, one line or wrapped over two', () => {
    expect(visible('Merci !\n\nLe lun. 4 mars 2024 à 10:12, Marie Lefèvre <marie.lefevre@chu-montclair.fr> a écrit :\n\n> Texte cité')).toBe('Merci !');
    expect(visible('Merci !\n\nLe lun. 4 mars 2024 à 10:12, Marie Lefèvre <marie.lefevre@chu-montclair.fr> a\nécrit :\n\n> Texte cité')).toBe('Merci !');
    expect(visible('Thanks!\n\nOn Mon, Mar 4, 2024 at 10:12 AM Marie <m@x.fr>\nwrote:\n> quoted')).toBe('Thanks!');
    expect(visible('Vu.\n\nLe 04/03/2024 à 10:12, Marie Lefèvre a écrit :\n> cité')).toBe('Vu.');
    // Gmail's text part wrapping right after an address: the next line starts with the address's ">".
    expect(visible('Réponse.\n\nLe mer. 29 juin 2022 à 12:32, Rick Sanchez <rick.sanchez@example.com\n> a écrit :\n\n> Bonjour\n>')).toBe('Réponse.');
    // An attribution with nothing quoted after it (Apple Mail HTML once the blockquote is gone) still ends the mail.
    expect(visible('Vu.\n\nLe 4 mars 2024 à 10:12, Marie <m@x.fr> a écrit :')).toBe('Vu.');
  });
  it('`>` quoting at the bottom is removed; inline replies keep the lines they answer', () => {
    expect(visible('Réponse.\n\n> ancien\n>> plus ancien\n')).toBe('Réponse.');
    const inline = 'Le 05/03/2024 à 11:20, J a écrit :\n> Combien de lits ?\n\nDouze.\n\n> Quand ?\n\nLe 2 avril.\n\n> Autre chose\n';
    expect(visible(inline)).toBe('> Combien de lits ?\n\nDouze.\n\n> Quand ?\n\nLe 2 avril.');
  });
  it('keeps look-alikes: "Le … a écrit :" without a date, "De : 9h", "On … :" text', () => {
    expect(visible('Le patient a écrit :\n"Je n’ai pas reçu la convocation."\nMerci de vérifier.')).toContain('Je n’ai pas reçu la convocation.');
    expect(visible('Horaires :\nDe : 9h à 12h\nÀ : 14h répondeur.\n\nMerci.')).toBe('Horaires :\nDe : 9h à 12h\nÀ : 14h répondeur.\n\nMerci.');
    expect(visible('On your remote host you can run:\n\n  telnet 127.0.0.1 52698\n\nThat is all.')).toContain('telnet 127.0.0.1 52698');
  });
});

describe('signatures', () => {
  it('"-- " delimiter, but not "--" inside a line', () => {
    expect(visible('Texte.\n\n-- \nDr Paul Garnier\nRéanimation')).toBe('Texte.');
    expect(visible('Here is a fix -- not a signature.\n\nSee you.')).toBe('Here is a fix -- not a signature.\n\nSee you.');
  });
  it('closing formulas followed by a short block (fr/en)', () => {
    for (const closing of ['Cordialement,', 'Bien cordialement', 'Bien à vous,', 'Très cordialement,', 'Best regards,', 'Kind regards,', 'Sincères salutations,'])
      expect(visible(`Le dossier est complet.\n\n${closing}\n\nMarie Lefèvre\nSecrétaire médicale – Cardiologie\nTél. : 02 41 35 12 34 – Poste 51234`)).toBe('Le dossier est complet.');
  });
  it('mobile taglines, but not a sentence that starts the same way', () => {
    expect(visible('OK.\n\nEnvoyé de mon iPhone')).toBe('OK.');
    expect(visible('OK.\n\nSent from my Verizon Wireless BlackBerry')).toBe('OK.');
    expect(visible('OK.\n\nObtenir Outlook pour iOS')).toBe('OK.');
    expect(visible('Here.\n\nSent from my desk, is much easier then my mobile phone.')).toBe('Here.\n\nSent from my desk, is much easier then my mobile phone.');
  });
  it('a contact block without closing formula, and a lone first name', () => {
    expect(visible('Le scanner est réparé.\n\nSophie Martin\nCadre de santé – Urgences\nTél : 01 45 67 89 10')).toBe('Le scanner est réparé.');
    expect(visible('Parfait, merci.\n\nAnne')).toBe('Parfait, merci.');
    expect(visible('Bonne journée,\nMarie')).toBe('Bonne journée,');
    // A closing sentence that mentions a phone number is text, not a signature.
    expect(visible('Bonjour,\n\nLe bureau des entrées est joignable au 02 41 35 10 00 si besoin.')).toContain('02 41 35 10 00');
    expect(visible('Bonjour,\n\nMerci')).toBe('Bonjour,\n\nMerci');
  });
});

describe('disclaimers and banners', () => {
  it('French and English confidentiality notices, environment lines, decorated notices', () => {
    const r = cleanText(
      'Texte.\n\nCordialement,\nMarie\n\nCe message et toutes les pièces jointes sont confidentiels et établis à l’intention exclusive de leurs destinataires. Si vous avez reçu ce message par erreur, merci de le détruire.\n\nThis e-mail and any attachments are confidential and intended solely for the addressee.\n\n*****\nPensez à l’environnement avant d’imprimer ce message.',
    );
    expect(r.text).toBe('Texte.');
    expect(r.removed.disclaimer).toContain('confidentiels');
    expect(r.removed.disclaimer).toContain('intended solely');
    expect(r.removed.signature).toContain('Cordialement');
  });
  it('an external-sender banner at the top', () => {
    const r = cleanText('[EXTERNE] Ce message provient de l’extérieur de l’établissement.\n\nBonjour,\nMerci pour votre retour.');
    expect(r.text).toBe('Bonjour,\nMerci pour votre retour.');
    expect(r.removed.disclaimer).toContain('[EXTERNE]');
  });
});

describe('quoted history in HTML mail', () => {
  it('Gmail .gmail_quote and signature', () => {
    const html = '<div dir="ltr">Bonjour,<div><br></div><div>C’est fait.</div><br clear="all"><div><br></div><span class="gmail_signature_prefix">-- </span><br><div class="gmail_signature">Marie<br>Poste 51234</div></div><div class="gmail_quote"><div class="gmail_attr">Le lun. 4 mars 2024 à 10:12, X &lt;x@y.fr&gt; a écrit&nbsp;:<br></div><blockquote class="gmail_quote">Ancien</blockquote></div>';
    const r = cleanMail({ html });
    expect(r.text).toBe('Bonjour,\n\nC’est fait.');
    expect(r.removed.quoted).toContain('Ancien');
    expect(r.removed.signature).toContain('Poste 51234');
  });
  it('blockquote[type=cite] (Apple Mail, Thunderbird) and .moz-cite-prefix', () => {
    expect(visibleHtml('<div>Oui.</div><div><br><blockquote type="cite"><div>Le 6 mars 2024 à 18:40, M &lt;m@x.fr&gt; a écrit :</div><div>Ancien</div></blockquote></div>')).toBe('Oui.');
    expect(visibleHtml('<p>Oui.</p><div class="moz-cite-prefix">Le 04/03/2024 à 10:12, M a écrit&nbsp;:<br></div><blockquote type="cite">Ancien</blockquote>')).toBe('Oui.');
  });
  it('Outlook #divRplyFwdMsg / #appendonsend and all that follows, x_ prefixes included', () => {
    const owa = '<div>Réponse.</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>De :</b> X<br><b>Envoyé :</b> lundi<br><b>À :</b> Y<br><b>Objet :</b> Z</div><div>Ancien message</div><div>encore</div>';
    expect(visibleHtml(owa)).toBe('Réponse.');
    expect(visibleHtml('<div>Réponse.</div><div id="x_divRplyFwdMsg">De : X</div><p>Ancien</p>')).toBe('Réponse.');
  });
  it('Outlook desktop header div (border-top), and the text rule when the style is unknown', () => {
    const head = (style: string) => `<p class=MsoNormal>Réponse.<o:p></o:p></p><div style='border:none;${style};padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal><b>De&nbsp;:</b> X<br><b>Envoyé&nbsp;:</b> lundi 4 mars 2024 10:12<br><b>À&nbsp;:</b> Y<br><b>Objet&nbsp;:</b> Z</p></div><p class=MsoNormal>Ancien</p>`;
    expect(visibleHtml(head('border-top:solid #E1E1E1 1.0pt'))).toBe('Réponse.');
    expect(visibleHtml(head('border-top:solid #123456 1.0pt'))).toBe('Réponse.');
  });
});
