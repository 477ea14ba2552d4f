/**
 * Structured identifiers read from their published formats (issue 12, third pass): overseas NIRs, the context after
 * the number, phones with the national 0 kept after +33, birth dates with roman months, spaces, two-digit years and
 * month-year, addresses with no number before a postcode, post-office boxes, abbreviated street types; and the false
 * alarms not raised: street words that are common nouns, file numbers under an establishment's or a date's label.
 * The texts are written here from the formats, not taken from any corpus.
 */
import { detectIdentifiers, nirKey, pseudonymize, type EntityType } from '../../../src/core/privacy';

const found = (text: string): Array<[EntityType, string]> => detectIdentifiers(text).map((e) => [e.type, e.value]);
const ofType = (text: string, type: EntityType): string[] => found(text).filter(([t]) => t === type).map(([, v]) => v);

describe('NIR', () => {
  it('an overseas département (three digits, commune of two) keeps its grouping, with no context', () => {
    const nir = `2 82 03 971 12 345 ${nirKey('2820397112345')}`;
    expect(ofType(`Référence ${nir} enregistrée.`, 'NIR')).toEqual([nir]);
  });

  it('after its label, a NIR with letters read for digits (O for 0, l for 1), and its key in brackets', () => {
    expect(ofType('NIR 1 84 O5 75 123 456 78 ; N° SS : 2 9l 07 75 O56 017 28', 'NIR')).toEqual(['1 84 O5 75 123 456 78', '2 9l 07 75 O56 017 28']);
    expect(ofType('INS : 1 63 O7 13 055 089 12', 'INS')).toEqual(['1 63 O7 13 055 089 12']);
    expect(ofType('n° SS: 1 84 05 75 123 456 (clé 78)', 'NIR')).toEqual(['1 84 05 75 123 456 (clé 78)']);
    // Not without a label.
    expect(ofType('Le 1 84 O5 75 123 456 78 sans contexte', 'NIR')).toEqual([]);
  });

  it('a wrong key is hidden when the context follows the number, not when the words after it name an order', () => {
    expect(ofType('1 84 12 75 123 456 99 (n° de sécurité sociale)', 'NIR')).toEqual(['1 84 12 75 123 456 99']);
    expect(ofType('1 84 12 75 123 456 99 (référence de commande)', 'NIR')).toEqual([]);
  });

  it('a wrong key is hidden when the number is written in a NIR’s own layout, with no context at all', () => {
    expect(ofType('patient 2 83 10 82 509 374 12 vu ce jour', 'NIR')).toEqual(['2 83 10 82 509 374 12']);
    expect(ofType('Numéro d’identification : 1 85 03 75 123 456 78', 'NIR')).toEqual(['1 85 03 75 123 456 78']);
    expect(ofType('1 85 03 75 123 456', 'NIR')).toEqual(['1 85 03 75 123 456']);
    // Not its digits in another grouping, nor a month that no NIR has (19), nor a first digit that is not a sex.
    expect(ofType('patient 1850 3751 2345 678 vu', 'NIR')).toEqual([]);
    expect(ofType('patient 2 83 19 82 509 374 12 vu', 'NIR')).toEqual([]);
    expect(ofType('patient 5 83 10 82 509 374 12 vu', 'NIR')).toEqual([]);
  });

  it('any key in a table column headed « N° SS », none in a column of order numbers', () => {
    expect(ofType('| Nom | N° SS |\n| X | 1 85 05 78 006 084 99 |\n', 'NIR')).toEqual(['1 85 05 78 006 084 99']);
    expect(ofType('| Nom | Commande |\n| X | 1 85 05 78 006 084 99 |\n', 'NIR')).toEqual([]);
  });

  it('a boxed NIR may start with 3, 4, 7 or 8 (born abroad, temporary numbers)', () => {
    expect(ofType('Mme X 3 1 4 4 1 2 0 9 7 4 2 8 7 2 suite', 'NIR')).toEqual(['3 1 4 4 1 2 0 9 7 4 2 8 7 2']);
  });

  it('a NIR does not take the birth date written right after it (its day, or boxes)', () => {
    const found2 = (t: string): string[] => detectIdentifiers(t).map((e) => `${e.type}:${e.value}`);
    expect(found2('N° SS : 1 85 05 75 123 456 12/05/1978')).toEqual(['NIR:1 85 05 75 123 456', 'DATE_NAISSANCE:12/05/1978']);
    expect(found2('N° SS : 1850575123456 12051978')).toEqual(['NIR:1850575123456', 'DATE_NAISSANCE:12051978']);
    expect(found2('DUPONT Jean 1 4 2 3 8 5 6 8 3 7 8 3 1 2 0 5 1 9 7 8')).toEqual(['PERSONNE:DUPONT Jean', 'NIR:1 4 2 3 8 5 6 8 3 7 8 3', 'DATE_NAISSANCE:1 2 0 5 1 9 7 8']);
    expect(found2("N° d'immatriculation 1 8 5 0 5 7 5 1 2 3 4 5 6 1 2 0 5 1 9 7 8")).toEqual(['NIR:1 8 5 0 5 7 5 1 2 3 4 5 6', 'DATE_NAISSANCE:1 2 0 5 1 9 7 8']);
    expect(found2('N° SS : 1 85 05 75 123 456 12 05 1978')).toEqual(['NIR:1 85 05 75 123 456', 'DATE_NAISSANCE:12 05 1978']);
    expect(found2('N° SS : 1 8 5 0 5 7 5 1 2 3 4 5 6 1 2 / 0 5 / 1 9 7 8')).toEqual(['NIR:1 8 5 0 5 7 5 1 2 3 4 5 6', 'DATE_NAISSANCE:1 2 / 0 5 / 1 9 7 8']);
    // A two-digit year in boxes, when the run is too long for a NIR.
    expect(found2('N° SS 1 4 2 3 8 5 6 8 3 7 8 3 5 3 1 1 2 0 5 7 8')).toEqual(['NIR:1 4 2 3 8 5 6 8 3 7 8 3 5 3 1', 'DATE_NAISSANCE:1 2 0 5 7 8']);
    // A NIR written with dots, or with its key, stays whole.
    expect(found2('N° SS : 1.85.05.75.123.456.78')).toEqual(['NIR:1.85.05.75.123.456.78']);
  });

  it('a whole date before boxed digits is a birth date, and the NIR starts after it', () => {
    const text = "N° d'immatriculation, né le 12/05/1978 1 8 5 0 5 7 8 0 0 6 0 8 4 9 9";
    expect(found(text)).toEqual([['DATE_NAISSANCE', '12/05/1978'], ['NIR', '1 8 5 0 5 7 8 0 0 6 0 8 4 9 9']]);
    expect(ofType('N° SS 1.85.05.78.006.084.99', 'NIR')).toEqual(['1.85.05.78.006.084.99']);
  });

  it('a NIR-shaped number right after a person’s name is hidden whatever its key, not after a doctor’s nor alone', () => {
    expect(ofType('DUPONT Jean 1 85 05 78 006 084 99 vu ce jour', 'NIR')).toEqual(['1 85 05 78 006 084 99']);
    expect(ofType('Dr DUPONT Jean 1 85 05 78 006 084 99', 'NIR')).toEqual([]);
    expect(ofType('Réf 1 85 05 78 006 084 99', 'NIR')).toEqual([]);
  });

  it.each(['Carte Vitale :', 'Ayant droit :', 'N° AMO', 'numéro de sécurité social', 'N° SÉCURITÉ SOCIALE'])('any key after « %s »', (context) => {
    expect(ofType(`${context} 2 78 12 69 123 789 61`, 'NIR')).toEqual(['2 78 12 69 123 789 61']);
  });
});

describe('phones', () => {
  it.each(['+33 06 12 34 56 78', '00 33 6 12 34 56 78', '+33\u202F6\u202F12\u202F34\u202F56\u202F78', '0 6 1 2 3 4 5 6 7 8', '06-12-34-56.78', '01-45 67-89-10'])('%s', (tel) => {
    expect(ofType(`Joindre le ${tel} demain.`, 'TEL')).toEqual([tel]);
  });

  it('not a date and a time written with dashes', () => {
    expect(ofType('Prélevé le 01-02-2024 12:30.', 'TEL')).toEqual([]);
  });

  it.each(['(0)1 42 16 00 00', '(01) 42 16 00 00', '+ 33 1 42 16 00 00'])('the national 0 or the area code in brackets, a space after the plus: %s', (tel) => {
    expect(ofType(`Standard : ${tel}.`, 'TEL')).toEqual([tel]);
  });

  it('a number glued to the word before it (a PDF extraction), in its five pairs only', () => {
    expect(ofType('Dr MARTIN06 12 34 56 78 Dr DURAND', 'TEL')).toEqual(['06 12 34 56 78']);
    expect(ofType('Secrétariat01.42.16.00.00', 'TEL')).toEqual(['01.42.16.00.00']);
    expect(ofType('Réf AB0612345678 et lot X06-12', 'TEL')).toEqual([]);
  });
});

describe('e-mail addresses with no dot in their domain', () => {
  it('an address of the hospital’s own mail system is hidden, a mention or an at sign between digits is not', () => {
    expect(ofType('Mail : jean.dupont@aphp', 'EMAIL')).toEqual(['jean.dupont@aphp']);
    expect(ofType('Réponse de @Jean et 5@10 mg, puis a@b', 'EMAIL')).toEqual([]);
    // The spaced form keeps its whole domain.
    expect(ofType('tlabelle@medimail . com', 'EMAIL')).toEqual(['tlabelle@medimail . com']);
  });

  it('the at sign in brackets, an underscore in the domain, a line break at the at sign', () => {
    expect(ofType('Écrire à jean.dupont(@)aphp.fr demain', 'EMAIL')).toEqual(['jean.dupont(@)aphp.fr']);
    expect(ofType('Écrire à jean_dupont@ap_hp.fr demain', 'EMAIL')).toEqual(['jean_dupont@ap_hp.fr']);
    expect(ofType('Écrire à jean.dupont@\naphp.fr demain', 'EMAIL')).toEqual(['jean.dupont@\naphp.fr']);
  });
});

describe('e-mail addresses', () => {
  it('text glued after the top-level domain is left out', () => {
    expect(ofType('Mail dupont@aphp.fr0612345678', 'EMAIL')).toEqual(['dupont@aphp.fr']);
  });

  it('a space after a dot of the domain', () => {
    expect(ofType('Écrire à jean.dupont@chu-lyon. fr ce soir', 'EMAIL')).toEqual(['jean.dupont@chu-lyon. fr']);
  });
});

describe('birth dates', () => {
  it.each([
    ['Née le 3 mars 52 à Brest', '3 mars 52'],
    ['Date de naissance : 12 III 1950', '12 III 1950'],
    ['Date de naissance : 12-III-1950', '12-III-1950'],
    ['DDN : 12 03 1950', '12 03 1950'],
    ['NÉE LE 12 JANVIER 1950', '12 JANVIER 1950'],
    ['né en 03/1950 à Oran', '03/1950'],
    ['ne le 12/03/1950', '12/03/1950'],
    ['D.N. 12/03/1950', '12/03/1950'],
    ['Date de naissance : 12031950', '12031950'],
    ['né le 0 6 / 0 2 / 1 9 9 3', '0 6 / 0 2 / 1 9 9 3'],
    ['né le 12/03-1950', '12/03-1950'],
    ['born on the 3rd of March 1950', '3rd of March 1950'],
    ['née le 12/03 à Paris', '12/03'],
    ['née le 1er mars à Paris', '1er mars'],
    ['Mme Marie DUPONT, 12/03/1950 - 72 ans', '12/03/1950'],
    ['M. DUPONT Jean (12/03/1950) vu le 02/03/2024', '12/03/1950'],
    ['Présents : Kpodar Aboubakar, 31/12/1975 ; revu le 12/03/2024', '31/12/1975'],
    ['née le vingt-deux août 1923 à Oran', 'vingt-deux août 1923'],
    ['né le premier mars 1950', 'premier mars 1950'],
    ['Il est né à Lyon en 1950.', '1950'],
    ['Année de naissance : 1950', '1950'],
    // Glued to its context, as text pasted from a PDF or a form often is.
    ['Née le22|8|1923 N° 12', '22|8|1923'],
    ['Date de nais21/05/1956', '21/05/1956'],
    ['Date naissance14/02/1936', '14/02/1936'],
    ['née le 12 ,Mai 1973', '12 ,Mai 1973'],
    ['née le 1923.08.22', '1923.08.22'],
    ['DOB 1952/03/03', '1952/03/03'],
    ['Age : 70 ans (DN 01/03/1952)', '01/03/1952'],
    ['D.N : 22/08/1923', '22/08/1923'],
    ['D.o.B. 03/03/1952', '03/03/1952'],
    ['Dt naiss : 22/08/1923', '22/08/1923'],
    ['naissance en 1952 à Oran', '1952'],
    ['Mme HEGE Sophie, 46 ans, 12/05/1978', '12/05/1978'],
    ['HEGE Sophie / 12/05/1978 / IPP 8001234567', '12/05/1978'],
    ['HEGE SOPHIE 12051978 F', '12051978'],
    // The label after the date, or a blank line between the label and its value (a form read from a PDF).
    ['Mme HEGE : 12/05/1978 (date de naissance)', '12/05/1978'],
    ['Date de naissance :\n\n12/05/1978', '12/05/1978'],
    // An age just before the date, the date at least that many years ago; a sex in brackets.
    ['Patient (M, 45 ans, 12/03/1979)', '12/03/1979'],
    ['M. X, 45 ans (12/03/1979)', '12/03/1979'],
    // A scan read by OCR: O for 0, I or l for 1, after a birth context.
    ['né le 14/O2/1936', '14/O2/1936'],
    ['née le 14/02/I936', '14/02/I936'],
    // Month abbreviations in capitals; « vers », « en l'an »; a label typed with a slip.
    ['Philippe ROCHE née le 13 SEPT 1965', '13 SEPT 1965'],
    ['né vers 1950 à Oran', '1950'],
    ['né en l’an 1950', '1950'],
    ['date de naissence : 12/03/1950', '12/03/1950'],
    // A sex cell in words, or followed by an age; an age after « âgé de ».
    ['Philippe Roche | Homme | 13/09/1965', '13/09/1965'],
    ['Philippe Roche | H | 68 ans | 13/09/1965', '13/09/1965'],
    ['Jean DUPONT, âgé de 45 ans (12/05/1978)', '12/05/1978'],
    // From the name to the date, only identifiers (found or long unlabelled numbers) and their labels.
    ['Mme DUPONT Jeanne IPP 12345678 12/05/1978', '12/05/1978'],
    ['DUPONT Jean 14238568378353 09/01/1987', '09/01/1987'],
    ['DUPONT Jeanne jeanne.dupont@free.fr 12/05/1978', '12/05/1978'],
    // Boxes: a date followed by another number, or by a NIR in boxes.
    ['DUPONT Jean 1 2 0 5 1 9 7 8 24 avenue Saint Germain', '1 2 0 5 1 9 7 8'],
    ['DUPONT, Jean 1 2 0 5 1 9 7 8 1 4 2 3 8 5 6 8 3 7 8 3 5 3', '1 2 0 5 1 9 7 8'],
    ['DUPONT Jean 0 9 0 1 1 9 8 7 1 4 2 3 8 5 6 8 3 7 8 3 5 3', '0 9 0 1 1 9 8 7'],
    // One old date standing as a value, in a text with no later date (counted from this year).
    ['Mme X, 12/03/1950, demeurant rue de la Paix', '12/03/1950'],
    // Boxes: the year is read across them, so an old date in boxes at a line's start is a birth date next to the
    // form's own date, even when the name above it is not found (here in lower case).
    ['gomau, gomau francisco\n1 2 0 2 1 9 4 0\n n° finess\n0 1 1 5 2 0 2 1', '1 2 0 2 1 9 4 0'],
    // A phone's context word earlier (« téléphonique ») does not make a date in its grouping a phone.
    ['Consultation téléphonique avec M. X né le 24.06.1971 - IPP 34567', '24.06.1971'],
    // Idioms of birth before an old date; the birth after the year.
    ['Il voit le jour le 12 mars 1950 à Lyon.', '12 mars 1950'],
    ['Elle est venue au monde en 1950.', '1950'],
    ['En 1953 naît Jean-Paul.', '1953'],
    ['1950 : naissance de Martine', '1950'],
    ["C'est en 1950 qu'elle naît, à Lyon.", '1950'],
    // The birth after the date; a lifespan in brackets after a name.
    ['Le 12 mars 1950 naît Martine.', '12 mars 1950'],
    ['Marie Lephaille (1923-2020) épouse Jean.', '1923'],
    // An age given elsewhere in the text, and the date that many years before the text's latest date.
    ['Patiente de 73 ans. Date relevée : 15/04/1951 ; consultation le 02/03/2024.', '15/04/1951'],
    // More labels: « Naiss : », "Birthday:", « Anniversaire : », « ne(e) le », inclusive writing « Né.e le ».
    ['Naiss : 12/03/1950', '12/03/1950'],
    ['Birthday: 12/03/1950', '12/03/1950'],
    ['Anniversaire : 12/03/1950', '12/03/1950'],
    ['ne(e) le 12/03/1950', '12/03/1950'],
    ['Né.e le 12/03/1950', '12/03/1950'],
    // A year alone in words after a birth.
    ['née en mille neuf cent vingt-trois à Oran', 'mille neuf cent vingt-trois'],
    ['Leur fils naît en février mille neuf-cent quatre-vingt 2.', 'février mille neuf-cent quatre-vingt 2'],
    ['née en deux mille trois', 'deux mille trois'],
    // A number after the date that is its age now.
    ['Identité vérifiée : 12/03/1950 (76)', '12/03/1950'],
    // Right after a tight birth label, the value whatever its shape (a typo, an odd mark), when shaped like a date.
    ['née le 12/003/1950 à Lyon', '12/003/1950'],
    ['DDN : 12:03:1950', '12:03:1950'],
    ['né le 120350', '120350'],
    ['Date de naissance : 12/03/195', '12/03/195'],
    ['née le 1950', '1950'],
    ['née le mars 1950', 'mars 1950'],
  ])('%s', (text, date) => {
    expect(ofType(text, 'DATE_NAISSANCE')).toEqual([date]);
  });

  it('not a care date, nor « ne le » with words between', () => {
    expect(ofType('Vu le 12 03 2025, revu le 3 mars 25.', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('Il ne le verra que le 12/03/2025.', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('Contrôle en 03/2025.', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('Vu le 12/03 à Paris.', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('Vu le vingt-deux août 2023, revu en 2024.', 'DATE_NAISSANCE')).toEqual([]);
    // An old date after « le » or « depuis » is a care date, however old.
    expect(ofType('Opérée le 12/03/1998, suivie depuis 03/04/2001 ; revue le 12/03/2024.', 'DATE_NAISSANCE')).toEqual([]);
    // A date glued to a word that is no birth context, a DN with words before the date, a year-first care date.
    expect(ofType('Contrôle J12/03/2024, bilan T1-2024.', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('DN positive le 12/03/2024', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('Examen du 2024.03.12, revu le 2024/03/19.', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('Lot 12051978 périmé', 'DATE_NAISSANCE')).toEqual([]);
    // « ans » of a duration, or an age the date cannot be the birth of.
    expect(ofType('Il y a 3 ans (12/03/2021) il a été opéré.', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('Il a 45 ans, 12/03/2024 : bilan.', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('Vu le 14/O2/2024.', 'DATE_NAISSANCE')).toEqual([]);
    // A name then a care date after words that are no identifier's label; a doctor's name; a range of days; a
    // year-first date (its year is its first four digits); a recent date alone.
    expect(ofType('Mme DUPONT Jeanne a rappelé le 12/05/2025', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('Dr Martin, tél. 06 12 34 56 78, 12/03/2024', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('Premier traitement autour du 08-09/08/07', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('Reprise 01/09/2020, Constat 2021/12/10.', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('POUR MME ANA PREDAN RDV  12.1.2023 AU 12 RUE DU DOCTEUR GACHET', 'DATE_NAISSANCE')).toEqual([]);
    // The next values of an enumeration of births, of the same kind; not a care date after « et » and a verb.
    expect(ofType('Leurs enfants sont nés respectivement le 12/03/1950 et le 01/02/1952.', 'DATE_NAISSANCE')).toEqual(['12/03/1950', '01/02/1952']);
    expect(ofType('Ses enfants, nés en 1950, 1953 et 1955, vivent à Lyon.', 'DATE_NAISSANCE')).toEqual(['1950, 1953', '1955']);
    expect(ofType('né le 12 mars 1950 et le 3 avril 1952', 'DATE_NAISSANCE')).toEqual(['12 mars 1950', '3 avril 1952']);
    expect(ofType('Martine naît en 1950 puis Jean-Paul en 1953.', 'DATE_NAISSANCE')).toEqual(['1950', '1953']);
    expect(ofType('Née le 12/03/1950 et hospitalisée le 02/03/2024.', 'DATE_NAISSANCE')).toEqual(['12/03/1950']);
    // A plan's years in brackets are no lifespan.
    expect(ofType('Le plan stratégique (2023-2027) est adopté. Le Budget (2024-2025) aussi.', 'DATE_NAISSANCE')).toEqual([]);
    // An age and a date that does not fit it, or a duration in years.
    expect(ofType('Patient âgé de 73 ans, opéré le 15/04/1998 ; revu le 02/03/2024.', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('Suivi depuis 26 ans, opéré le 15/04/1998 ; revu le 02/03/2024.', 'DATE_NAISSANCE')).toEqual([]);
    // A number after a date that is no age of it, or a time.
    expect(ofType('RDV le 12/03/2026 (2) salle 3. Vu le 12/03/2020 (3 fois). Envoyé : mardi 4 mars 2025 10:02', 'DATE_NAISSANCE')).toEqual([]);
    // A table laid out with spaces (a PDF's extraction): the date in the column its header names the birth's.
    expect(ofType('nom      prénom      date entrée   date de naissance\ndupont   jean        02/03/2024   12/03/1950\nmartin   paul        03/03/2024   01/01/1960', 'DATE_NAISSANCE')).toEqual(['12/03/1950', '01/01/1960']);
    // Not prose under a line that mentions a birth, nor a row with no column gap.
    expect(ofType('Elle est née le jour même, dit-on.\nRDV prévu le 02/03/2024 pour la suite.', 'DATE_NAISSANCE')).toEqual([]);
    // A project « voit le jour » too: the idioms count before an old date only; a year followed by other words.
    expect(ofType('Le projet a vu le jour en 2023, le service voit le jour le 12/03/2024.', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('En 1953 il part à Lyon, sa fille naît plus tard.', 'DATE_NAISSANCE')).toEqual([]);
    // After a birth label, a number that is no date: a weight, a postcode, an age, a rank, a count.
    expect(ofType('Poids de naissance : 3250 g. Lieu de naissance : 75014 Paris. Date de naissance : 45 ans.', 'DATE_NAISSANCE')).toEqual([]);
    expect(ofType('né le 3e enfant de la fratrie. Naissance : 2 enfants, 3 grossesses.', 'DATE_NAISSANCE')).toEqual([]);
  });
});

describe('file numbers that look like phones', () => {
  it.each([['IPP 0045127893', 'IPP'], ['IPP : 0612345678', 'IPP'], ['Dossier n° 0612345678', 'NDA']])('%s', (text, type) => {
    expect(found(text).map(([t]) => t)).toEqual([type]);
  });

  it.each([
    ['IPP 80 01 23 45 67', 'IPP', '80 01 23 45 67'],
    ['IPP 8001 234 567', 'IPP', '8001 234 567'],
    ['Numéro de séjour: 26 103 412', 'NDA', '26 103 412'],
    ['IPP/8001234567', 'IPP', '8001234567'],
  ])('in groups or glued to its label: %s', (text, type, value) => {
    expect(found(text)).toEqual([[type, value]]);
  });

  it.each([
    ['Son IPP est le 80 012 345.', 'IPP', '80 012 345'],
    ['Her hospital number is 7731 0042 19.', 'IPP', '7731 0042 19'],
    ['Hospital number: 7731 0042 19', 'IPP', '7731 0042 19'],
    ['Le numéro de séjour est le 26 103 412.', 'NDA', '26 103 412'],
    // A British patient's NHS number, after its abbreviated label too.
    ['NHS No. 485 777 3456', 'IPP', '485 777 3456'],
    ['His NHS number is 943 476 5919.', 'IPP', '943 476 5919'],
  ])('in groups after a label of several words or in a sentence: %s', (text, type, value) => {
    expect(found(text)).toEqual([[type, value]]);
  });

  it.each([
    ['Hospital No. K1234567', 'IPP', 'K1234567'],
    ['Hospital No: 1234567', 'IPP', '1234567'],
    ['Record No. 88812345', 'IPP', '88812345'],
  ])('after "Hospital No.", "Record No.", "Case No.": %s', (text, type, value) => {
    expect(found(text)).toEqual([[type, value]]);
  });

  it.each([
    ['Le numéro de dossier de la patiente est le 2026A004512.', 'NDA', '2026A004512'],
    ['Episode number 26/004512', 'NDA', '26/004512'],
    ['N° de passage aux urgences : 26U004512', 'NDA', '26U004512'],
  ])('a stay\'s number after « de la patiente », "episode", « n° de passage »: %s', (text, type, value) => {
    expect(found(text)).toEqual([[type, value]]);
  });

  it('"hospital" or "unit" without "No." before a number is no label', () => {
    expect(found('The hospital 2024 budget. Unit 12345 is closed.')).toEqual([]);
  });

  it('« numéro » alone before a number in groups is no file number’s label', () => {
    expect(found('Son numéro est le 26 103 412.')).toEqual([]);
    expect(ofType('Appelez le numéro 06 12 34 56 78', 'TEL')).toEqual(['06 12 34 56 78']);
  });

  it('a label followed by a small count is no file number', () => {
    expect(found('IPP 12 ans plus tard')).toEqual([]);
  });

  it('a device’s serial number is no file number', () => {
    expect(found('Pousse-seringue Alaris (SN 800123456), défibrillateur n° de série 900123456.')).toEqual([]);
  });

  it('a phone whose label names the patient stays a phone', () => {
    expect(ofType('Portable du patient : 06 12 34 56 78', 'TEL')).toEqual(['06 12 34 56 78']);
  });
});

describe('addresses', () => {
  it('a city, a street or a value that starts with an accented capital (Évry, Österreichstraße, ÉLAN)', () => {
    expect(ofType('Österreichstraße 13, 3049 Leipzig', 'ADRESSE')).toEqual(['Österreichstraße 13, 3049 Leipzig']);
    expect(ofType('BP 12 75001 Évry', 'ADRESSE')).toEqual(['BP 12 75001 Évry']);
    expect(ofType('Résidence Les Pins 91000 Évry', 'ADRESSE')).toEqual(['Résidence Les Pins 91000 Évry']);
    expect(ofType('Dossier ÉLAN 12/03/1950 vu', 'DATE_NAISSANCE')).toEqual(['12/03/1950']);
  });

  it.each([
    ['Adresse : Rue de la Paix, 75002 Paris', 'Rue de la Paix, 75002 Paris'],
    ['Adresse : Lieu-dit Le Bourg, 24310 Brantôme', 'Lieu-dit Le Bourg, 24310 Brantôme'],
    ['Centre hospitalier, BP 123, 59037 Lille Cedex', 'BP 123, 59037 Lille Cedex'],
    ['Domicile : 5 imp. des Lilas, 31000 Toulouse', '5 imp. des Lilas, 31000 Toulouse'],
    ['Adresse : 8 rte de Lyon 38000 Grenoble', '8 rte de Lyon 38000 Grenoble'],
    // The postal standard's abbreviations in capitals, as La Poste prints them.
    ['MME DURAND\n22 IMP DES LILAS\n69003 LYON', '22 IMP DES LILAS\n69003 LYON'],
    ['22 CHE DU MOULIN 24310 BRANTOME', '22 CHE DU MOULIN 24310 BRANTOME'],
    ['Domicile : 4 PL BELLECOUR', '4 PL BELLECOUR'],
    // No type of street: a number and a name before a postcode, at the start of a field.
    ['Adresse : 22 Grande Rue 69003 Lyon', '22 Grande Rue 69003 Lyon'],
    ['Mme Durand, 22 Le Bourg 24310 Brantôme', '22 Le Bourg 24310 Brantôme'],
    // The number glued to the type of street.
    ['Domicile : 22rue des Lilas', '22rue des Lilas'],
    // « Le », « La », « Les » in the street's name; after the postcode they start the next sentence.
    ['Son adresse : 3 rés. Les Tilleuls.', '3 rés. Les Tilleuls'],
    ['Chaussée de Waterloo 1234, 1180 Uccle', 'Chaussée de Waterloo 1234, 1180 Uccle'],
    ['Rua Augusta 100, 1100-053 Lisboa', 'Rua Augusta 100, 1100-053 Lisboa'],
    ['12 rue Le Nôtre 75002 Paris Le patient est vu', '12 rue Le Nôtre 75002 Paris'],
    // An initial in the street's name; the flat, the building and the residence before it; the city's postcode in
    // brackets after it.
    ['Domicilié 22 av. J. Jaurès 75019 Paris', '22 av. J. Jaurès 75019 Paris'],
    ['Adresse : Résidence Les Tilleuls, Bât. B, Appt 24, 3 rue Pasteur, 13001 Marseille', 'Résidence Les Tilleuls, Bât. B, Appt 24, 3 rue Pasteur, 13001 Marseille'],
    ['Habite chez sa fille, 7 impasse du Moulin, Saint-Jean-de-Luz (64500).', '7 impasse du Moulin, Saint-Jean-de-Luz (64500)'],
    ['Vu au 5 rue X. Le patient est venu.', '5 rue X'],
  ])('%s', (text, address) => {
    expect(ofType(text, 'ADRESSE')).toEqual([address]);
  });

  it('no address from capitals that are other words, nor from a mail address', () => {
    expect(ofType('Prévoir 2 pl de sang et 3 lot de compresses.', 'ADRESSE')).toEqual([]);
    expect(ofType('Adresse mail Professionnelle : x@y.fr', 'ADRESSE')).toEqual([]);
    expect(ofType('Le 12 Mars 2024 Service Cardiologie 69003 Lyon', 'ADRESSE')).toEqual([]);
  });

  it('street words that are common nouns are no address in prose, but are after « au »', () => {
    for (const text of ['Il est revenu pour 1 passage aux urgences hier.', 'Pose de 1 voie veineuse périphérique.', "J'ai envoyé 1 mail de relance.", 'Prévoir 2 cours de rattrapage.'])
      expect(ofType(text, 'ADRESSE')).toEqual([]);
    expect(ofType('Envoyé chez lui au 45 passage de ternes', 'ADRESSE')).toEqual(['45 passage de ternes']);
  });
});

describe('file numbers', () => {
  it('« Numéro d’examen », « N° de demande » are stay numbers', () => {
    expect(found("Numéro d'examen : 987654321")).toEqual([['NDA', '987654321']]);
    expect(found('N° de demande : 2024A12345')).toEqual([['NDA', '2024A12345']]);
  });

  it('a table column headed NDA holds stay numbers, a column headed IPP patient numbers', () => {
    const table = '| Nom | IPP | NDA |\n| DURAND Paul | 8012345678 | 2312345678 |\n';
    expect(found(table).filter(([t]) => t === 'IPP' || t === 'NDA')).toEqual([['IPP', '8012345678'], ['NDA', '2312345678']]);
  });

  it('a code with letters inside is a file number alone on its line only', () => {
    expect(found('Fax : 01 20 95 23 02\n28BG04493\n').map(([t]) => t)).toEqual(['TEL', 'IPP']);
    expect(found('Le code 28BG04493 est affiché.')).toEqual([]);
  });

  it('a number under an establishment’s or a date’s label is no file number', () => {
    expect(found('N° FINESS\n12345067\n')).toEqual([]);
    expect(found("Date de l'examen:\n383838383838\n")).toEqual([]);
    expect(found('Patient :\n8012345678\n')).toEqual([['IPP', '8012345678']]);
  });
});

describe('thin spaces (U+202F before « : » in French typography, as Outlook writes it)', () => {
  it('are read as spaces by every rule, and the values keep them', () => {
    expect(found('Mme Dupont\u202F: née le 12\u202Fmars\u202F1952')).toEqual([['PERSONNE', 'Dupont'], ['DATE_NAISSANCE', '12\u202Fmars\u202F1952']]);
    expect(found('Nom\u202F: aziz')).toEqual([['PERSONNE', 'aziz']]);
  });

  it('invisible characters inside a number, a name or an address do not let it through; its span covers them', () => {
    expect(found('Tél 06\u200B12\u200B34\u200B56\u200B78 ok')).toEqual([['TEL', '06\u200B12\u200B34\u200B56\u200B78']]);
    expect(found('Mme Du\u00ADpont est venue')).toEqual([['PERSONNE', 'Du\u00ADpont']]);
    expect(found('\uFEFFBonjour Fatoumata, écrire à jean\u200B.dupont@aphp.fr')).toEqual([['PERSONNE', 'Fatoumata'], ['EMAIL', 'jean\u200B.dupont@aphp.fr']]);
    expect(pseudonymize('Tél 06\u2060 12 34 56 78.').text).toBe('Tél [TEL_1].');
  });

  it('no-break spaces everywhere (Outlook\'s HTML) and Windows line ends find what plain spaces and \\n find', () => {
    // Forms whose rules were written with plain spaces and \n: a name line over a date in boxes, a spaced e-mail.
    const plain = 'GOMAU, GOMAU FRANCISCO\n1 2 0 2 1 9 4 0\n N° FINESS\nDr A. LABELLE tlabelle @ medimail . com\nEstimé(e) Mademoiselle Chloe Berçoise';
    const expected = found(plain).map(([t]) => t);
    expect(expected).toEqual(['PERSONNE', 'PERSONNE', 'DATE_NAISSANCE', 'PERSONNE', 'EMAIL', 'PERSONNE']);
    expect(found(plain.replace(/ /g, '\u00A0')).map(([t]) => t)).toEqual(expected);
    const crlf = plain.replace(/\n/g, '\r\n');
    const r = found(crlf);
    expect(r.map(([t]) => t)).toEqual(expected);
    // The values are cut from the text as given (its \r and no-break spaces kept), and a lone \r ends a line too.
    expect(r[2]).toEqual(['DATE_NAISSANCE', '1 2 0 2 1 9 4 0']);
    expect(found(plain.replace(/\n/g, '\r')).map(([t]) => t)).toEqual(expected);
  });

  it('two spaces between words (a PDF\'s extraction, a justified line) find what one space finds; the values keep them', () => {
    const plain = 'Mme VERRIER Marie-Anne née le 18 juillet 1975 a été admise.\nROBERT, ROBERT HENRI\n07 . 03 . 1958\nN° FINESS';
    const expected = found(plain).map(([t]) => t);
    expect(expected).toEqual(['PERSONNE', 'DATE_NAISSANCE', 'PERSONNE', 'PERSONNE', 'DATE_NAISSANCE']);
    const doubled = plain.replace(/ /g, '  ');
    const r = found(doubled);
    expect(r.map(([t]) => t)).toEqual(expected);
    expect(r[1]).toEqual(['DATE_NAISSANCE', '18  juillet  1975']);
    expect(r[4]).toEqual(['DATE_NAISSANCE', '07  .  03  .  1958']);
    // With no-break spaces and \r\n as well, the offsets still map back to the text as given.
    const mixed = doubled.replace(/\n/g, '\r\n').replace('18  juillet', '18\u00A0 juillet');
    const m = detectIdentifiers(mixed);
    expect(m.map((e) => e.type)).toEqual(expected);
    for (const e of m) expect(mixed.slice(e.start, e.end)).toBe(e.value);
  });
});
