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

  it.each(['N.S.S. :', 'NSS :', 'SSN', 'CPAM n°', "n° d'affiliation", 'N° de sécurité sociale\n', 'Assuré\n  '])(
    'any key after « %s » (abbreviations, the insurer, the label on the line above)',
    (context) => {
      expect(ofType(`${context} 2 92 41 87 653 298 90 fin`, 'NIR')).toEqual(['2 92 41 87 653 298 90']);
    },
  );

  it('the key named or bracketed after the 13 digits comes along; a label two lines up does not count', () => {
    expect(ofType('NIR 1 85 07 75 123 456 clé 12.', 'NIR')).toEqual(['1 85 07 75 123 456 clé 12']);
    expect(ofType('N° SS : 1 85 07 75 123 456 (12)', 'NIR')).toEqual(['1 85 07 75 123 456 (12)']);
    expect(ofType('Assuré\nMesures\n292418765329890', 'NIR')).toEqual([]);
  });

  it('a NIR of Corsica (2A, 2B) in context: its key set apart, named, bracketed or missing comes along', () => {
    expect(ofType('N° SS : 2 85 03 2B 123 456 - 78', 'NIR')).toEqual(['2 85 03 2B 123 456 - 78']);
    expect(ofType('Assuré : 285032B123456 / 78 fin', 'NIR')).toEqual(['285032B123456 / 78']);
    expect(ofType('INS : 1 76 05 2A 004 012 (45)', 'INS')).toEqual(['1 76 05 2A 004 012 (45)']);
    expect(ofType('NIR 2 85 03 2A 123 456 clé 78.', 'NIR')).toEqual(['2 85 03 2A 123 456 clé 78']);
    expect(ofType('N° SS : 2 85 03 2B 123 456, merci', 'NIR')).toEqual(['2 85 03 2B 123 456']);
    // without a context, the key decides (here a wrong one)
    expect(ofType('Réf. 2 85 03 2B 123 456 - 78', 'NIR')).toEqual([]);
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

  it('boxed digits: the form\'s date, then the NIR, then the birth date, all one digit per box', () => {
    const r = found('Pour Mr. MATIS Quentin 1 5 0 3 2 0 2 4 4 5 2 4 3 7 4 4 7 4 3 9 9 1 5 0 3 1 9 8 5 Adaptation');
    expect(r).toContainEqual(['NIR', '4 5 2 4 3 7 4 4 7 4 3 9 9']);
    expect(r).toContainEqual(['DATE_NAISSANCE', '1 5 0 3 1 9 8 5']);
  });

  it('13 or 15 digits right after the person\'s phone or mail address on the same line, whatever the key', () => {
    expect(ofType('Tél. 07 12 34 56 78 j.martin@free.fr 29 241 876 532 98 90.', 'NIR')).toEqual(['29 241 876 532 98 90']);
    expect(ofType('Tél. 07 12 34 56 78, 1850775123499 et', 'NIR')).toEqual(['1850775123499']);
    // Not any long number: 16 digits, or far from any identifier.
    expect(ofType('Tél. 07 12 34 56 78 puis 1234567890123456', 'NIR')).toEqual([]);
    expect(ofType('Le lot de la pharmacie porte le numéro 2924187653298 depuis longtemps.', 'NIR')).toEqual([]);
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

  it('nirShapedNumbers reads invisible characters between the groups as spaces', () => {
    const text = 'NIR 1\u200B85\u200B07\u200B75\u200B123\u200B017\u200B59.';
    expect(nirShapedNumbers(text).map(([s, e]) => text.slice(s, e))).toEqual(['1\u200B85\u200B07\u200B75\u200B123\u200B017\u200B59']);
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
    '+1 (514) 555-1234',
    '(514) 555-1234',
    '06/12/34/56/78',
    '020 7946 0958',
    '07700 900123',
    'O1.42.15.23.35',
  ])('%s', (tel) => {
    expect(ofType(`Merci de rappeler au ${tel} demain.`, 'TEL')).toEqual([tel]);
  });

  it('a number after a word naming a phone, whatever its length', () => {
    expect(ofType('appeler notre ligne téléphonique 031478923 ou écrire', 'TEL')).toEqual(['031478923']);
  });

  it('not a tracking number, an order number or a free service number', () => {
    expect(ofType('Suivi 1Z 999 AA1 01 2345 6784, commande 0612-3345-78, numéro vert 0 800 130 000.', 'TEL')).toEqual([]);
  });

  it('"number" names a phone, not after the word of a thing\'s number', () => {
    expect(ofType('Please call this number: 2109887766', 'TEL')).toEqual(['2109887766']);
    expect(ofType('Order number 45001234 (Dräger), serial number SN 2109887766, invoice number 2109887766.', 'TEL')).toEqual([]);
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

  it('« Venue » alone before a long number is a stay, « Num. patient » labels an IPP with letters', () => {
    expect(ofType('Venue 123456789 du 12/03/2025', 'NDA')).toEqual(['123456789']);
    expect(ofType('Num. patient P1234567', 'IPP')).toEqual(['P1234567']);
    expect(found('la venue de 3 patients, salle 123456')).toEqual([]);
  });

  it('a number shaped like a phone right after a file number\'s label, the label in brackets, « visite »', () => {
    expect(ofType('IPP : 801-234-5678. IP: 0012345678', 'IPP')).toEqual(['801-234-5678', '0012345678']);
    expect(ofType("Numéro d'identification (IPP): 80 12 34 56 78", 'IPP')).toEqual(['80 12 34 56 78']);
    expect(ofType('lors de la visite 0123456789 : valide', 'NDA')).toEqual(['0123456789']);
    expect(ofType('Dossier suivi par Mme X, tél (portable) : 06 12 34 56 78', 'TEL')).toEqual(['06 12 34 56 78']);
  });

  it('whatever the case of the label (a mail typed fast, a form in capitals)', () => {
    expect(ofType("son ipp : 8012939402, l’ipp étant le 3456721983 ; ip: 67475839483", 'IPP')).toEqual(['8012939402', '3456721983', '67475839483']);
    expect(ofType('nda : 2345678901. LORS DE LA VISITE 2345678902 ; DOSSIER 1407561893.', 'NDA')).toEqual(['2345678901', '2345678902', '1407561893']);
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
    ['DOB: 3rd March 1950.', '3rd March 1950'],
    ['D.O.B. 03-Mar-1950 seen', '03-Mar-1950'],
    ['née le 3 mars mil neuf cent cinquante.', '3 mars mil neuf cent cinquante'],
    ['né le douze mars mille neuf cent cinquante', 'douze mars mille neuf cent cinquante'],
    ['DN : 12/03/1950', '12/03/1950'],
    ['Date naiss. 12/03/1950', '12/03/1950'],
    ['Date de Naissance : 12/03/1950', '12/03/1950'],
    ['NE(E) LE 12/03/1950', '12/03/1950'],
    ['Date de naissance\n12/03/1950', '12/03/1950'],
  ])('%s', (text, date) => {
    expect(ofType(text, 'DATE_NAISSANCE')).toEqual([date]);
  });

  it('in identity rows: after a name, after a sex, before an age; not a care date after a doctor or "le"', () => {
    expect(ofType('Patientes : Mirella Rousset, 23/04/1976, Perle Defoe, 21/07/1985.', 'DATE_NAISSANCE')).toEqual(['23/04/1976', '21/07/1985']);
    expect(ofType('Dossier | M | 22/02/1962 (68 ans) |', 'DATE_NAISSANCE')).toEqual(['22/02/1962']);
    expect(ofType('Vu par Dr Martin, 12/03/2024 : RAS. Rendez-vous pour PERRIN Lucie le 23/06/2025.', 'DATE_NAISSANCE')).toEqual([]);
  });

  it('in capitals (« NÉE EN 1923 », « NAÎT EN 1950 », a clause « ELLE EST NÉE … LE »)', () => {
    expect(ofType('MARIE LEPHAILLE, NÉE EN 1923 ET MORTE EN 2020. MARTINE NAÎT EN 1950.', 'DATE_NAISSANCE')).toEqual(['1923', '1950']);
    expect(ofType('ELLE EST NÉE DANS LA NUIT DU 01/02/1952.', 'DATE_NAISSANCE')).toEqual(['01/02/1952']);
  });

  it('right before or after a social-security number of the same row; year first at a sentence end; English month first', () => {
    expect(ofType('FADIL MARIONS, Yassine 1 4 2 3 8 5 6 8 3 7 8 3 5 3 12.03.1950 24 avenue Saint Germain', 'DATE_NAISSANCE')).toEqual(['12.03.1950']);
    expect(ofType('12/03/1950 | 1 50 03 75 114 123 45 | Dupont', 'DATE_NAISSANCE')).toEqual(['12/03/1950']);
    // A line break, or a label, between them: not the same row's value.
    expect(ofType('N° SS 1 50 03 75 114 123 45\n12/03/2024 : consultation', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('Patientes : Mirella Rousset, 23/04/1976, Perle Defoe, 1950/03/12.', 'DATE_NAISSANCE')).toEqual(['23/04/1976', '1950/03/12']);
    expect(ofType('Patients: Mirella Rousset, March 12, 1950, and Perle Defoe.', 'DATE_NAISSANCE')).toEqual(['March 12, 1950']);
  });

  it('on the line under a name (forms), and in a row that names a person and goes on with a file number', () => {
    expect(ofType('TAILLARD, TAILLARD PIERRE\n08 . 04 . 1941\nN° FINESS', 'DATE_NAISSANCE')).toEqual(['08 . 04 . 1941']);
    expect(ofType('Patient 1: Azila Marie | FE01 W47 | 12/05/1973 | 5976349378 | 87954386', 'DATE_NAISSANCE')).toEqual(['12/05/1973']);
  });

  it('in a table column headed « Date de naissance », "DOB", « DDN »; not in the other columns', () => {
    const table = 'Nom | Prénom | Date de naissance | Entrée\nX | Y | 12/03/1950 | 01/02/2024\nZ | W | 13/04/1960 | 02/02/2024';
    expect(ofType(table, 'DATE_NAISSANCE')).toEqual(['12/03/1950', '13/04/1960']);
    expect(ofType('Name\tDOB\tAdmitted\nX\t12/03/1950\t01/02/2024', 'DATE_NAISSANCE')).toEqual(['12/03/1950']);
  });

  it('not a date after the birth date in the same clause, nor a threshold (« nés avant le »)', () => {
    expect(ofType('La patiente née le 5 juin 1988 (dossier 24-118765) est suivie depuis le 2 juin 2025.', 'DATE_NAISSANCE')).toEqual(['5 juin 1988']);
    expect(ofType('Mme X, née le 3/4/52, hospitalisée pour AVC le 2/3/25.', 'DATE_NAISSANCE')).toEqual(['3/4/52']);
    expect(ofType('Les patients nés avant le 01/01/1950 sont prioritaires.', 'DATE_NAISSANCE')).toEqual([]);
  });

  it('not a care date after « ne … le », nor two cells read as one date, nor a word that starts with "mil"', () => {
    expect(ofType('Il ne le reverra que le 12/03/2024.', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('Né à Lyon. Opéré le 12/03/2024.', 'DATE_NAISSANCE')).toEqual([]);
    expect(found('Né le 1er | 12/05 | 2024 au milieu de mille choses')).toEqual([]);
  });

  it('written in words in capitals or capitalised; « naquit »; a month and year after « courant », « au mois de »', () => {
    expect(ofType('NÉE LE DOUZE MARS MILLE NEUF CENT CINQUANTE', 'DATE_NAISSANCE')).toEqual(['DOUZE MARS MILLE NEUF CENT CINQUANTE']);
    expect(ofType('Né le Douze Mars Mil Neuf Cent Cinquante', 'DATE_NAISSANCE')).toEqual(['Douze Mars Mil Neuf Cent Cinquante']);
    expect(ofType('Il naquit le 12 mars 1950 à Oran.', 'DATE_NAISSANCE')).toEqual(['12 mars 1950']);
    expect(ofType('Elle est nee dans la nuit entre le 01/02 et le 02/02/1952.', 'DATE_NAISSANCE')).toEqual(['01/02', '02/02/1952']);
    expect(ofType('Patient : philippe roche | m | 13/09/1965 | 8054692357', 'DATE_NAISSANCE')).toEqual(['13/09/1965']);
    expect(ofType("Elle est née au mois de mars 1950. Il est né au mois d'avril 1952. Leur fils est né courant mai 1980.", 'DATE_NAISSANCE')).toEqual(['mars 1950', 'avril 1952', 'mai 1980']);
    // The label after the value without a mark (a form read back), « (DN) »; labels of documents from abroad.
    expect(ofType('12/03/1950 date de naissance ; 13/04/1951 (DN) ; vu le 02/05/2024, date de naissance : 01/01/1950', 'DATE_NAISSANCE')).toEqual(['12/03/1950', '13/04/1951', '01/01/1950']);
    expect(ofType('Geburtsdatum: 12.03.1950. Fecha de nacimiento: 13/04/1951. Data di nascita: 14/05/1952. Nascido em 15/06/1953.', 'DATE_NAISSANCE')).toEqual(['12.03.1950', '13/04/1951', '14/05/1952', '15/06/1953']);
    // Blank lines between a form's label and its value (a PDF); a postcode between the birth word and the date.
    expect(ofType('Date de naissance :\n\n\n\n12/03/1950', 'DATE_NAISSANCE')).toEqual(['12/03/1950']);
    expect(ofType('M. Paul Girard, né à Lyon (69003) le 12/03/1950.', 'DATE_NAISSANCE')).toEqual(['12/03/1950']);
    // A range whose last date is a birth date: its first date too, with or without its year; a stay's dates are not,
    // even with « née le » right after them.
    expect(ofType('Elle est née dans la nuit entre le 01/02 et le 02/02/1952.', 'DATE_NAISSANCE')).toEqual(['01/02', '02/02/1952']);
    expect(ofType('Sa naissance a duré du 1er au 2 février 1952.', 'DATE_NAISSANCE')).toEqual(['1er', '2 février 1952']);
    expect(ofType('Hospitalisée du 12/03/2020 au 15/03/2020, née le 01/01/1950.', 'DATE_NAISSANCE')).toEqual(['01/01/1950']);
    // The month glued to the day or to the year (text extracted from a PDF); not « 12mg », « 10h30 », « 3mai » alone.
    expect(ofType('née le 12 mars1950 ; né le 12mars 1950 ; Née le12septembre1950 ; DDN 3novembre 1950', 'DATE_NAISSANCE')).toEqual(['12 mars1950', '12mars 1950', '12septembre1950', '3novembre 1950']);
    expect(found('Prendre 12mg de furosémide, à 10h30, le 3mai prochain, chambre 12B.')).toEqual([]);
    // Not a year after « de » with no word of birth before it, nor « MILITAIRE », « Milan ».
    expect(ofType('Le plan de 2024 prévoit, au mois de mars 2025, un audit. HÔPITAL MILITAIRE. Milan Neuf', 'DATE_NAISSANCE')).toEqual([]);
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

  it('a greeting after a name of a list starts the next entry, and is no part of the name (« Bonjour Fatoumata, Salut Ndeye »)', () => {
    expect(ofType('Bonjour Fatoumata, Bonjour Kévin-Alexandre, Salut Ndeye,', 'PERSONNE')).toEqual(['Fatoumata', 'Kévin-Alexandre', 'Ndeye']);
    expect(ofType('Marie Dupont, Salut Durand. Merci Paul, Hello Grace et Cheers Tom', 'PERSONNE')).toEqual(['Marie Dupont', 'Durand', 'Paul', 'Grace', 'Tom']);
  });

  it('compound initials before a name (« J.-M. », « J-M ») and an initial after one (« Noah B. », « DUPONT J. »)', () => {
    expect(ofType('Participants : J.-M. Fabre, A. Dupont ; J-M Roux. Signé : J.-P. Martin', 'PERSONNE')).toEqual(['J.-M. Fabre', 'A. Dupont', 'J-M Roux', 'J.-P. Martin']);
    expect(ofType('Prise en charge de Noah B., 6 ans. Patient : DUPONT J., né le 01/02/1950. Vu avec Léa M. ce matin.', 'PERSONNE')).toEqual(['Noah B.', 'DUPONT J.', 'Léa M.']);
    // Two people, each with an initial: the second's is not the first's; a vitamin is no name.
    expect(ofType('C. Carlizian D. Demouchet ; Vitamine D. à doser', 'PERSONNE')).toEqual(['C. Carlizian', 'D. Demouchet']);
  });

  it('in text typed in capitals or without accents: the titles in capitals, « QU’EMILIEN », common words unaccented', () => {
    expect(ofType('ESTIMÉE MADEMOISELLE BERÇOISE, MESDAMES DURAND ET ROUX', 'PERSONNE')).toEqual(['BERÇOISE', 'DURAND', 'ROUX']);
    expect(ofType("IL FAUT QU’Emilien prévienne Rufus.", 'PERSONNE')).toEqual(['Emilien', 'Rufus']);
    // « Equipe Medicale » (« Équipe Médicale » without its accents) is no name before the doctor's.
    expect(ofType('Equipe Medicale Dr Myriam Bureau 04 41 59 64 88', 'PERSONNE')).toEqual(['Myriam Bureau']);
  });

  it('with the letters of Polish, Czech, Turkish, Hungarian and Romanian names (Latin Extended-A, Ș Ț)', () => {
    expect(ofType('Mme Yılmaz a appelé. M. Łukasz Kowalski est venu.', 'PERSONNE')).toEqual(['Yılmaz', 'Łukasz Kowalski']);
    expect(ofType('Dr Dvořák, Pr Ștefan Popescu et Mme Şahin Ayşe', 'PERSONNE')).toEqual(['Dvořák', 'Ștefan Popescu', 'Şahin Ayşe']);
    expect(ofType('Patient : WÓJCIK Łucja, née le 12/03/1950 ; ŻUKOWSKI Paweł', 'PERSONNE')).toEqual(['WÓJCIK Łucja', 'ŻUKOWSKI Paweł']);
  });

  it('after a title and a first name, the surname even when it is a common word; not a role or a service', () => {
    expect(ofType('Mme Claire Petit et le Dr Myriam Bureau', 'PERSONNE')).toEqual(['Claire Petit', 'Myriam Bureau']);
    expect(ofType('Dr Jean Chef de service ; Mme Anne Direction des soins ; Dr Paul IRM demain', 'PERSONNE')).toEqual(['Jean', 'Anne', 'Paul']);
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
    ['350 Bay St, Suite 700, Toronto, Ontario M5H 2S6', '350 Bay St, Suite 700, Toronto, Ontario M5H 2S6'],
    ['42 Baker St., Apt 3B, New York, NY 10001 (USA)', '42 Baker St., Apt 3B, New York, NY 10001'],
    ['Rue du Rhône 12, 1204 Genève', 'Rue du Rhône 12, 1204 Genève'],
    ['chez elle, Via Roma 15, 00184 Roma.', 'Via Roma 15, 00184 Roma'],
    ['3, rue des Lilas - 75012 Paris', '3, rue des Lilas - 75012 Paris'],
  ])('%s', (text, address) => {
    expect(ofType(text, 'ADRESSE')).toEqual([address]);
  });
});

describe('e-mail addresses written with spaces', () => {
  it('are hidden whole', () => {
    expect(ofType('écrire à tlabelle @ medimail . com pour', 'EMAIL')).toEqual(['tlabelle @ medimail . com']);
    expect(ofType('écrire à jean.dupont @chu.fr pour', 'EMAIL')).toEqual(['jean.dupont @chu.fr']);
  });

  it('with accents, and with "at" and "dot" written as words', () => {
    expect(ofType('écrire à élodie.martin@hôpital-nord.fr.', 'EMAIL')).toEqual(['élodie.martin@hôpital-nord.fr']);
    expect(ofType('jean.dupont(at)chu.fr ou j.d [at] chu [dot] fr', 'EMAIL')).toEqual(['jean.dupont(at)chu.fr', 'j.d [at] chu [dot] fr']);
    expect(ofType('in a meeting (at) noon, Twitter @jdupont', 'EMAIL')).toEqual([]);
  });

  it('« arobase », a bare "at … dot", the at typed twice or in full width, a cut domain, an address literal', () => {
    expect(ofType('écrire à j.dupont arobase chu-lyon point fr ou m.durand(arobase)chu.fr', 'EMAIL')).toEqual(['j.dupont arobase chu-lyon point fr', 'm.durand(arobase)chu.fr']);
    expect(ofType('mail: jean.dupont at chu-lyon dot fr', 'EMAIL')).toEqual(['jean.dupont at chu-lyon dot fr']);
    expect(ofType('j.dupont@@chu.fr, j.dupont\uFF20chu.fr, j.dupont\uFE6Bchu.fr, j.dupont  @  chu.fr', 'EMAIL')).toEqual(['j.dupont@@chu.fr', 'j.dupont\uFF20chu.fr', 'j.dupont\uFE6Bchu.fr', 'j.dupont  @  chu.fr']);
    expect(ofType('secretariat.cardio@ch-x.f | root@10.2.0.15 | root@[10.2.0.15].', 'EMAIL')).toEqual(['secretariat.cardio@ch-x.f', 'root@10.2.0.15', 'root@[10.2.0.15]']);
    // Prose is not an address: a bare "at" needs a "dot", a local part with a dot, a digit or a dash, a usual domain.
    expect(ofType('Meet me at noon dot com. Look at this dot pattern. Le signe arobase seul. RDV@10h30, prix @ 5.00', 'EMAIL')).toEqual([]);
  });

  it('a bare "at … dot" with a plain local part right after the label of a mail address', () => {
    expect(ofType('Courriel : jdupont at wanadoo dot fr\nE-mail: mdurand at gmail dot com', 'EMAIL')).toEqual(['jdupont at wanadoo dot fr', 'mdurand at gmail dot com']);
    // Without the label, prose.
    expect(ofType('Rendez-vous : me at noon dot com', 'EMAIL')).toEqual([]);
  });

  it('a bare "at" before a domain written with its dots, the at in angle brackets or as (a)', () => {
    expect(ofType('écrire à jean.dupont at aphp.fr ou j_dupont75 AT chu-lyon.fr', 'EMAIL')).toEqual(['jean.dupont at aphp.fr', 'j_dupont75 AT chu-lyon.fr']);
    expect(ofType('jean.dupont<at>aphp.fr, jean.dupont(a)aphp.fr', 'EMAIL')).toEqual(['jean.dupont<at>aphp.fr', 'jean.dupont(a)aphp.fr']);
    // Prose and numbers are not: a local part with no mark nor label, or with fewer than two letters.
    expect(ofType('Please look at www.aphp.fr. Seen at 10.30 at aphp.fr, 10h at Paris.fr, items 2-3 at site.com, x <a> y.fr, voir (a) ci-dessus.', 'EMAIL')).toEqual([]);
  });

  it('an address whose domain is lost keeps its local part hidden when it is shaped like a person\'s', () => {
    expect(ofType('e-mail : jean.dupont@\nAdresse : j_dupont@ ; mail dupont75@ (coupé)', 'EMAIL')).toEqual(['jean.dupont@', 'j_dupont@', 'dupont75@']);
    expect(ofType('RDV@10h, prix @ 5 euros, suivez @jdupont, texte@ fin', 'EMAIL')).toEqual([]);
    // A domain that no rule reads: the local part (shaped like a person's) and what follows the at are hidden.
    expect(ofType('mail : jean.dupont@ap hp.fr ; j_dupont@aphp_fr', 'EMAIL')).toEqual(['jean.dupont@ap', 'j_dupont@aphp_fr']);
  });

  it('a domain cut after a hyphen by a line break goes on on the next line; a line that only follows an address does not', () => {
    expect(ofType('Courriel : jean.dupont@chu-\nlyon.fr, merci', 'EMAIL')).toEqual(['jean.dupont@chu-\nlyon.fr']);
    expect(ofType('Courriel : jean.dupont@chu-lyon.fr\nMerci', 'EMAIL')).toEqual(['jean.dupont@chu-lyon.fr']);
    expect(ofType('Courriel : jean.dupont@chu-lyon.fr-\nMerci', 'EMAIL')).toEqual(['jean.dupont@chu-lyon.fr']);
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
