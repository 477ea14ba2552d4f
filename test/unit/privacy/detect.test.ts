/** Detection rules changed for speed or for the known misses: what they find, and what they leave alone. */
import { detectIdentifiers } from '../../../src/core/privacy';

const found = (text: string): Array<[string, string]> => detectIdentifiers(text).map((e) => [e.type, e.value]);

describe('birth dates', () => {
  it('are found after their keyword, French or English, day-first or month-first', () => {
    expect(found('Mme X, née le 12/03/1948.')).toContainEqual(['DATE_NAISSANCE', '12/03/1948']);
    expect(found('DDN : 3 mars 1950')).toContainEqual(['DATE_NAISSANCE', '3 mars 1950']);
    expect(found('Date of birth: March 3, 1950.')).toEqual([['DATE_NAISSANCE', 'March 3, 1950']]);
    expect(found('DOB: Mar. 3, 1950')).toEqual([['DATE_NAISSANCE', 'Mar. 3, 1950']]);
    expect(found('born on July 14th, 1948 in Lyon')).toEqual([['DATE_NAISSANCE', 'July 14th, 1948']]);
  });

  it('other dates stay, including one far from a birth-date keyword', () => {
    expect(found('Meeting on March 3, 2025 at noon.')).toEqual([]);
    expect(found('Réunion le 12/03/2025 en salle 214.')).toEqual([]);
    expect(found('Date de naissance : voir le dossier. La consultation du service aura lieu le 12/03/2025.')).toEqual([]);
  });
});

describe('maiden and married names', () => {
  it('are found after née, épouse, veuve', () => {
    expect(found('Mme Durand née Kowalczyk, 80 ans')).toContainEqual(['PERSONNE', 'Kowalczyk']);
    expect(found('Mme Lefèvre, épouse Garnier, est hospitalisée.')).toContainEqual(['PERSONNE', 'Garnier']);
    expect(found('Mme Roux veuve Tessier')).toContainEqual(['PERSONNE', 'Tessier']);
  });
  it('the name before « épouse », « veuve », « née » is the same person\'s other name', () => {
    expect(found('Identité : BERNARD épouse MARTIN Josiane, née le 02.11.1940')).toEqual([
      ['PERSONNE', 'BERNARD'], ['PERSONNE', 'MARTIN Josiane'], ['DATE_NAISSANCE', '02.11.1940']]);
    expect(found('Dubois épouse Martin est sortie.')).toEqual([['PERSONNE', 'Dubois'], ['PERSONNE', 'Martin']]);
    expect(found('Marie DUBOIS épouse MARTIN')).toEqual([['PERSONNE', 'Marie DUBOIS'], ['PERSONNE', 'MARTIN']]);
    // the word before a particle is not taken with it; a title or a lower-case word is no name
    expect(found('Transfert de Dubois épouse Martin vers le SSR.')).toEqual([['PERSONNE', 'Dubois'], ['PERSONNE', 'Martin']]);
    expect(found('Madame veuve Dupuis a appelé.')).toEqual([['PERSONNE', 'Dupuis']]);
    expect(found('elle est née Dupuis.')).toEqual([['PERSONNE', 'Dupuis']]);
  });
  it('a capitalised common word before a particle and an upper-case surname is not part of the name', () => {
    expect(found('Transfert de DUBOIS vers le SSR.')).toEqual([['PERSONNE', 'DUBOIS']]);
    expect(found('Demande du LEROY pour le dossier.')).toEqual([['PERSONNE', 'LEROY']]);
    expect(found('Jean de LATTRE a signé.')).toEqual([['PERSONNE', 'Jean de LATTRE']]);
  });
  it('but not inside a word or before a lower-case word', () => {
    expect(found("Une journée Portes ouvertes")).toEqual([]);
    expect(found('La donnée manquante est signalée.')).toEqual([]);
  });
});

describe('a name after a verb whose object is a person', () => {
  it('is found even when it is no known first name, in English and in French', () => {
    expect(found('Please ask Ngozi to call the ward.')).toEqual([['PERSONNE', 'Ngozi']]);
    expect(found('Can you tell Oluwaseun that the room is ready?')).toEqual([['PERSONNE', 'Oluwaseun']]);
    expect(found('Please let Chidi know.')).toEqual([['PERSONNE', 'Chidi']]);
    expect(found('Merci de prévenir Maëlys avant midi.')).toEqual([['PERSONNE', 'Maëlys']]);
  });
  it('but a service is not a person ("call", "contact" are no cue: "call Security")', () => {
    expect(found('Please ask Security to come.')).toEqual([]);
    expect(found('Please remind Finance about the invoice.')).toEqual([]);
    expect(found('Merci de prévenir Radiologie et Pharmacie.')).toEqual([]);
    expect(found('Please call Switchboard or contact Helpdesk.')).toEqual([]);
  });
});

describe('one capitalised word after « patient », « interne », « collègue »… in mid-sentence', () => {
  it('is a person, known or not', () => {
    expect(found('Le patient Dupont est sorti hier.')).toEqual([['PERSONNE', 'Dupont']]);
    expect(found('La patiente Okonkwo est sortie.')).toEqual([['PERSONNE', 'Okonkwo']]);
    expect(found("L'interne Ngozi a vu la patiente.")).toEqual([['PERSONNE', 'Ngozi']]);
    expect(found('Mon collègue Haddad vous appellera.')).toEqual([['PERSONNE', 'Haddad']]);
  });
  it('not after "son", « agent », nor a word of a service', () => {
    expect(found('Il a repris son Traitement.')).toEqual([]);
    expect(found('Un agent Technique viendra.')).toEqual([]);
    expect(found('Le patient Transport arrive.')).toEqual([]);
  });
});

describe('a name after a family word and its possessive', () => {
  it('is found even when it is no known first name', () => {
    expect(found("Mme Diallo et sa sœur Aïssatou ont été reçues.")).toContainEqual(['PERSONNE', 'Aïssatou']);
    expect(found('Il viendra avec leur fils Enguerrand.')).toContainEqual(['PERSONNE', 'Enguerrand']);
  });
  it('needs both the family word and the possessive', () => {
    expect(found('Le directeur et son Conseil ont validé.')).toEqual([]);
    expect(found('La sœur Urgences a appelé.')).toEqual([]);
    expect(found('Prévenir la fille Kowalczyk.')).toEqual([]);
  });
});

describe('stay numbers (NDA)', () => {
  it('are found after "séjour" alone', () => {
    expect(found('Le séjour 250001234 (n° de séjour) reste rattaché au premier.')).toEqual([['NDA', '250001234']]);
  });
  it('but a date or a short number after "séjour" is not one', () => {
    expect(found('Le séjour du 12/03/2025 est clos.')).toEqual([]);
    expect(found('Séjour 2024 : bilan.')).toEqual([]);
    expect(found('Le séjour 12/03/2025 est clos.')).toEqual([]);
  });
});

describe('stay numbers after "séjour" alone', () => {
  it('must be a long number (a weaker context than "n° de séjour")', () => {
    expect(found('Le séjour S240001 est clos.')).toEqual([]);
    expect(found('Le séjour 12345 est clos.')).toEqual([]);
    expect(found('N° de séjour : S240001')).toEqual([['NDA', 'S240001']]);
  });
});

describe('rules counted from the current year', () => {
  afterEach(() => jest.useRealTimers());
  it('read the year of the moment of each call, also across New Year in a running gateway', () => {
    // « vu le jour en 2014 » is a birth year only for someone 15 or older: false on 31 December 2028, true a minute
    // into 2029, in the same process (the year is not read once at start-up, nor kept past its end).
    const text = 'Il a vu le jour en 2014 à Lyon.';
    jest.useFakeTimers({ now: new Date(2028, 11, 31, 23, 59) });
    expect(found(text)).toEqual([]);
    jest.setSystemTime(new Date(2029, 0, 1, 0, 1));
    expect(found(text)).toEqual([['DATE_NAISSANCE', '2014']]);
    jest.setSystemTime(new Date(2028, 5, 1));
    expect(found(text)).toEqual([]);
  });
});
