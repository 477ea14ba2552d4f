/**
 * Identifiers by grammar and context, not by one spelling (issue 12): every separator and grouping, NIR/INS in
 * context whatever the key, phones in every French form, IPP in sentences and tables, birth dates in identity rows,
 * names after greetings, titles, initials and role labels, addresses abroad; and the false alarms not raised.
 * The texts are written here (not taken from the public corpus, which is only measured: see public-corpus.test.ts).
 */
import { detectIdentifiers, nirKey, nirShapedNumbers, pseudonymize, type EntityType } from '../../../src/core/privacy';

const found = (text: string, options = {}): Array<[EntityType, string]> => detectIdentifiers(text, options).map((e) => [e.type, e.value]);
const ofType = (text: string, type: EntityType): string[] => found(text).filter(([t]) => t === type).map(([, v]) => v);

const body = '1850775123456';
const key = nirKey(body);

describe('NIR and INS', () => {
  it.each([
    ['spaces', `1 85 07 75 123 456 ${key}`],
    ['no-break spaces', `1\u00A085\u00A007\u00A075\u00A0123\u00A0456\u00A0${key}`],
    ['narrow no-break spaces', `1\u202F85\u202F07\u202F75\u202F123\u202F456\u202F${key}`],
    ['dots', `1.85.07.75.123.456.${key}`],
    ['none', `${body}${key}`],
    ['key set apart by a dash', `1 85 07 75 123 456 - ${key}`],
    ['key set apart by a slash', `185077512345 6 / ${key}`.replace('185077512345 6', '1850775123456')],
  ])('a NIR with a valid key, %s, is found without context', (_name, nir) => {
    expect(ofType(`Référence ${nir} pour le dossier.`, 'NIR')).toEqual([nir]);
  });

  it('a wrong key is hidden after a social-security context, and only there', () => {
    const wrong = `1 85 07 75 123 456 ${key === '00' ? '01' : String((Number(key) % 97) + 1).padStart(2, '0')}`;
    for (const context of ['N° SS :', 'Assuré :', "N° d'immatriculation", 'Numéro de sécurité sociale', 'Code de l’Assurance Maladie :'])
      expect(found(`${context} ${wrong}`).map(([t]) => t)).toContain('NIR');
    expect(ofType(`Référence ${wrong}`, 'NIR')).toEqual([]);
  });

  it('a 12- to 16-digit number in context is hidden (the synthetic numbers of forms), an INS as INS', () => {
    expect(ofType('Assuré : Pierre FAIRMAN 292418765329890', 'NIR')).toEqual(['292418765329890']);
    expect(ofType('INS 2 91 03 13 055 096 / 23', 'INS')).toEqual(['2 91 03 13 055 096 / 23']);
  });

  it('digits in the boxes of a printed form, and the birth date boxed after it', () => {
    const r = found('AID MERGHAD, ZINEDINE 1 4 2 3 8 5 6 8 3 7 8 3 5 3 0 9 0 1 1 9 8 7 24 avenue Saint Germain');
    expect(r).toContainEqual(['NIR', '1 4 2 3 8 5 6 8 3 7 8 3 5 3']);
    expect(r).toContainEqual(['DATE_NAISSANCE', '0 9 0 1 1 9 8 7']);
  });

  it('a random run of a numeric table is no NIR, even when its digits happen to make a valid key', () => {
    // 15 digits with a valid key, but grouped where no NIR has a boundary.
    const digits = `${body}${key}`;
    const odd = `${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4, 8)} ${digits.slice(8)}`;
    expect(ofType(`Mesures : ${odd}`, 'NIR')).toEqual([]);
  });

  it('nirShapedNumbers finds 13 or 15 digits starting 1–4, 7, 8, whatever the key and the context (AIDE_PRIVACY=block)', () => {
    const text = 'Bon 1 85 07 75 123 456 - 00, ticket 2850775123456, colis 12345678901234, tel 0612345678.';
    expect(nirShapedNumbers(text).map(([s, e]) => text.slice(s, e))).toEqual(['1 85 07 75 123 456 - 00', '2850775123456']);
  });
});

describe('phones', () => {
  it.each([
    '0 969 32 15 48',
    '01 2048 3632',
    '06\u202F12\u202F34\u202F56\u202F78',
    '06\u00A012\u00A034\u00A056\u00A078',
    '06.45.0945.87',
    '+33 6 12 34 56 78',
    '+33 (0)1 45 56 78 90',
    '0033 1 45 56 78 90',
    '(33) 1 45 56 78 90',
    '+44 20 7946 0958',
  ])('%s', (tel) => {
    expect(ofType(`Merci de rappeler au ${tel} demain.`, 'TEL')).toEqual([tel]);
  });

  it('a number after a word naming a phone, whatever its length', () => {
    expect(ofType('appeler notre ligne téléphonique 031478923 ou écrire', 'TEL')).toEqual(['031478923']);
  });

  it('not a tracking number, an order number or a free service number', () => {
    expect(ofType('Suivi 1Z 999 AA1 01 2345 6784, commande 0612-3345-78, numéro vert 0 800 130 000.', 'TEL')).toEqual([]);
  });
});

describe('IPP and NDA', () => {
  it('from their labels in French and English sentences', () => {
    expect(ofType("l’IPP étant le 3456721983.", 'IPP')).toEqual(['3456721983']);
    expect(ofType('The patient ID is 80123456 and his IPP is 8012939402.', 'IPP')).toEqual(['80123456', '8012939402']);
    expect(ofType('Monsieur PAUL BERNARD, IP: 67475839483, nous a contacté', 'IPP')).toEqual(['67475839483']);
    expect(ofType('Nº de la visite: 42bg98765 http://x', 'NDA')).toEqual(['42bg98765']);
    expect(ofType("Son identifiant d’hospitalisation est 02890512938.", 'NDA')).toEqual(['02890512938']);
  });

  it('a bare long number in a row of an identity table, not an establishment, a professional or an amount', () => {
    expect(ofType('Philippe Roche | M | 13/09/1965 | 8054692357 | 1063486532', 'IPP')).toEqual(['8054692357', '1063486532']);
    expect(found('FINESS 690781810, RPPS 10101234567, montant 12345678 €, le 23022018.')).toEqual([]);
  });
});

describe('birth dates', () => {
  it.each([
    ['Née le 22|8|1923 à Lyon', '22|8|1923'],
    ['M. Jean Dupont (° 17.10.1966)', '17.10.1966'],
    ['née le 12, Mai 1973.', '12, Mai 1973'],
    ['DDN : 03/04/1950', '03/04/1950'],
    ['DOB: 03/04/1950', '03/04/1950'],
    ['Date de nais. : 02/02/1992', '02/02/1992'],
    ['né le deux janvier mille neuf cent soixante dix huit', 'deux janvier mille neuf cent soixante dix huit'],
    ['Vous êtes né en mars 1982.', 'mars 1982'],
  ])('%s', (text, date) => {
    expect(ofType(text, 'DATE_NAISSANCE')).toEqual([date]);
  });

  it('in identity rows: after a name, after a sex, before an age; not a care date after a doctor or "le"', () => {
    expect(ofType('Patientes : Mirella Rousset, 23/04/1976, Perle Defoe, 21/07/1985.', 'DATE_NAISSANCE')).toEqual(['23/04/1976', '21/07/1985']);
    expect(ofType('Dossier | M | 22/02/1962 (68 ans) |', 'DATE_NAISSANCE')).toEqual(['22/02/1962']);
    expect(ofType('Vu par Dr Martin, 12/03/2024 : RAS. Rendez-vous pour PERRIN Lucie le 23/06/2025.', 'DATE_NAISSANCE')).toEqual([]);
  });
});

describe('names by grammar', () => {
  it.each([
    ['Bonjour Fatoumata,', 'Fatoumata'],
    ['Hello Professor Okonkwo, thanks.', 'Okonkwo'],
    ['Compte rendu frappe : Aurélie', 'Aurélie'],
    ['Radiologues : A. Lemar, U. Jouan', 'A. Lemar'],
    ['Signé P.E. Jilliot et Ph. ROCHE', 'P.E. Jilliot'],
    ['Dr H FERDOIN 02.14.11.00.43', 'H FERDOIN'],
    ['Pr. H-Leonard Armurent (PU-PH)', 'H-Leonard Armurent'],
    ['10:10: CAVALIER S MARION (PHC)', 'CAVALIER S MARION'],
    ['¦ OBAMA Barack ¦ 96.6', 'OBAMA Barack'],
    ['Dr Aditi Rao asked whether the patient could be seen by Tom Hughes.', 'Tom Hughes'],
    ['Patient 1: Azila Marie | F |', 'Azila Marie'],
  ])('%s', (text, name) => {
    expect(ofType(text, 'PERSONNE')).toContain(name);
  });

  it('the local part of the mail address names the person written before it', () => {
    expect(ofType('Fax: 05 04 09 58 55 Berengère Vilbert be.vilbert@parisseine.com', 'PERSONNE')).toEqual(['Berengère Vilbert']);
  });

  it.each(['Transfert au CHRU de Nancy demain.', 'Seen in the Emergency Department today.', 'DOB: 03/04/1950', 'DDN : 12/12/1940', 'vitamine D. Le bilan est normal.'])(
    'no person in "%s"',
    (text) => {
      expect(ofType(text, 'PERSONNE')).toEqual([]);
    },
  );
});

describe('addresses', () => {
  it.each([
    ['221B Baker Street, London NW1 6XE', '221B Baker Street, London NW1 6XE'],
    ['Adresse : 1234 Rue Sainte-Catherine Ouest, Montréal (Québec) H3G 1P1', '1234 Rue Sainte-Catherine Ouest, Montréal (Québec) H3G 1P1'],
    ['vit au 123 Main Street, Toronto, ON M5V 2T6 depuis', '123 Main Street, Toronto, ON M5V 2T6'],
    ['Biotisto Inc, Schlussstraße 13, 3049 Leipzig', 'Schlussstraße 13, 3049 Leipzig'],
    ["situé à 187 Rue de l'église, 94200 Ivry-sur-Seine en date", "187 Rue de l'église, 94200 Ivry-sur-Seine"],
    ['Elodie Bonheur sept allée des roses 77500 Ivry sur Loire', 'sept allée des roses 77500 Ivry sur Loire'],
  ])('%s', (text, address) => {
    expect(ofType(text, 'ADRESSE')).toEqual([address]);
  });
});

describe('e-mail addresses written with spaces', () => {
  it('are hidden whole', () => {
    expect(ofType('écrire à tlabelle @ medimail . com pour', 'EMAIL')).toEqual(['tlabelle @ medimail . com']);
  });
});

describe('known names (the participants of the request)', () => {
  it('every occurrence, in any case, of a word of the display names; not their affiliation or a service mailbox', () => {
    const names = ['Kowalczyk, Zbyszek (CHU Nancy)', 'Secrétariat Cardiologie', 'jean.martin@chu.fr'];
    const text = 'kowalczyk a rappelé ; voir ZBYSZEK. Le secrétariat de cardiologie de Nancy confirme.';
    const r = pseudonymize(text, { knownNames: names }).text;
    expect(r).toBe('[PERSONNE_1] a rappelé ; voir [PERSONNE_2]. Le secrétariat de cardiologie de Nancy confirme.');
    // Without them, the rules alone leave both names in clear (what the option is for).
    expect(pseudonymize(text).text).toBe(text);
  });
});
