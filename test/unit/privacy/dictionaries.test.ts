/**
 * Names in English sentences (issue 12: "names in English sentences" missed on the hidden mail set): the English
 * and French dictionaries (dictionaries.ts), the English-prose step and the neighbours of a name found (detect.ts).
 * The sentences are written here; none comes from the public corpora, which are only measured.
 */
import { detectIdentifiers } from '../../../src/core/privacy';
import { englishWordSet, expandStem, isEnglishWord, isFrenchWord, parseAffixes } from '../../../src/core/privacy/dictionaries';

const persons = (text: string): string[] => detectIdentifiers(text).filter((e) => e.type === 'PERSONNE').map((e) => e.value);

describe('English common words (dictionary-en with its affix rules)', () => {
  it('expands suffixes and prefixes as the affix file says', () => {
    const classes = parseAffixes(
      ['PFX U Y 1', 'PFX U   0     un         .', 'SFX S Y 2', 'SFX S   y     ies        [^aeiou]y', 'SFX S   0     s          [aeiou]y', 'SFX D N 1', 'SFX D   0     ed         [^y]'].join('\n'),
    );
    const forms = new Set<string>();
    expandStem('tidy', 'SU', classes, forms);
    expandStem('play', 'SD', classes, forms);
    expandStem('lock', 'DU', classes, forms);
    expect([...forms].sort()).toEqual(['lock', 'locked', 'play', 'plays', 'tidies', 'tidy', 'unlock', 'untidies', 'untidy']);
  });

  it('knows the common words of hospital mail, in every form, and not the names', () => {
    expect(englishWordSet().size).toBeGreaterThan(80_000);
    for (const word of ['nurse', 'nurses', 'matron', 'pharmacy', 'wards', 'rounds', 'surely', 'unable', 'discourse', 'x-forwarded-protocol', "patient's", 'paediatrics', 'haematology', 'generalised'])
      expect([word, isEnglishWord(word)]).toEqual([word, true]);
    // Written with a capital in the dictionary (names, places) or absent: possible names.
    for (const word of ['london', 'ingrid', 'chidi', 'oksana', 'kovalenko', 'ogunleye']) expect([word, isEnglishWord(word)]).toEqual([word, false]);
  });
});

describe('French common words (dictionary-fr, its lower-case stems)', () => {
  it('knows the words and their plurals, and not the names', () => {
    for (const word of ['société', 'seringues', 'pousse-seringue', 'matériel', 'visite', 'pharmacie', 'œuvre']) expect([word, isFrenchWord(word)]).toEqual([word, true]);
    for (const word of ['dupont', 'lyon', 'kowalczyk', 'thandiwe']) expect([word, isFrenchWord(word)]).toEqual([word, false]);
  });
});

describe('names in English sentences', () => {
  it.each([
    ['I met Svetlana Morozova at the handover.', ['Svetlana Morozova']],
    ['Nurse Ogunleye will review the drug chart.', ['Ogunleye']],
    ['Please copy in Radhika Venkatesan.', ['Radhika Venkatesan']],
    ['Babajide and I will attend.', ['Babajide']],
    ['Could you check the rota with Thandiwe before Friday?', ['Thandiwe']],
    ['Many thanks,\nBabajide', ['Babajide']],
    ['Cheers,\nEilidh', ['Eilidh']],
    ['Thank you Aoife for sorting this.', ['Aoife']],
    ['I spoke with Hamish McAllister today.', ['Hamish McAllister']],
    // "in" of a phrasal verb, not of a place.
    ['Copying in Declan and Niamh.', ['Declan', 'Niamh']],
  ])('%j', (text, names) => {
    expect(persons(text)).toEqual(names);
  });

  it.each([
    'Spoke with Pharmacy about the delivery.',
    'Matron rounds start at nine.',
    'The meeting moved to Tuesday.',
    'We will meet in Leeds next week.',
    // First names of the lexicon that are places after "in".
    'The meeting is in London on Monday.',
    'She grew up in Florence.',
    'Thanks for your help with the incident report.',
    'Could you forward it to the Estates team?',
    'Our Trust Board meets on Thursday.',
    'On Fri, Feb 5, 2016 at 10:43 AM the server restarted.',
    'See https://example.org/page?LinkId=550986 for the form.',
    'Attendees: to be confirmed',
    // Words of the dictionary only in one of their forms (sure → surely, able → unable, regretful → regretfully).
    'Surely, everyone else is getting these mails?',
    'Unable to create the group on the portal.',
    'Regretfully I only have time to test this today.',
    // Brands and things: after a determiner, or with a capital inside (not a surname's prefix: McAllister).
    'The Datix reference is attached.',
    'The Fresenius pumps are back from repair.',
    'Use SharePoint for the minutes, or the WhatsApp group.',
  ])('no name in %j', (text) => {
    expect(persons(text)).toEqual([]);
  });

  it('leaves French lines to the French rules', () => {
    expect(persons('Poursuivre Kardegic et Inexium.')).toEqual([]);
    expect(persons('Vu avec Thandiwe ce matin.')).toEqual([]);
  });
});

describe('titles stay out of the name', () => {
  it.each([
    ['Mmes Dupont et Martin sont présentes.', ['Dupont', 'Martin']],
    ['Ainsi que les Prs Leclerc et Fontaine.', ['Leclerc', 'Fontaine']],
    // Mail from abroad, and a second title after the first.
    ['Herr Müller-Lüdenscheidt, Sehr geehrte Frau Weber, Dott.ssa Giulia Bianchi', ['Müller-Lüdenscheidt', 'Weber', 'Giulia Bianchi']],
    ['Frau Dr. Anna Schmidt und Herr Prof. Dr. Weber', ['Anna Schmidt', 'Weber']],
    ['Sister Adeyemi is on the ward.', ['Adeyemi']],
    ['MM Etienne Sandrin et Paul Duclot', ['Etienne Sandrin', 'Paul Duclot']],
  ])('%j', (text, names) => {
    expect(persons(text)).toEqual(names);
  });
});

describe('one word after a French verb of contacting', () => {
  it.each([
    ['Contacter Thandiwe au poste 4521.', ['Thandiwe']],
    ['Je mets Babajide en copie.', ['Babajide']],
    ["Merci d'appeler Eilidh demain.", ['Eilidh']],
  ])('%j', (text, names) => {
    expect(persons(text)).toEqual(names);
  });

  it.each(['Contacter Pharmacie au poste 4521.', 'Je mets Word à jour.', 'Merci de rappeler Standard demain.'])('no name in %j', (text) => {
    expect(persons(text)).toEqual([]);
  });
});

describe('the neighbours of a name found', () => {
  it('joins the first name before a surname found, in any language', () => {
    expect(persons('Au nom de Svetlana Morozova')).toEqual(['Svetlana Morozova']);
    expect(persons('Attendees: Radhika Venkatesan, Dr Venkatesan')).toEqual(['Radhika Venkatesan', 'Venkatesan']);
  });

  it('does not join a French common word written with a capital', () => {
    expect(persons('Matériel Kowalczyk : voir avec M. Kowalczyk.')).toEqual(['Kowalczyk', 'Kowalczyk']);
    expect(persons('Visite Kowalczyk demain, Mme Kowalczyk prévenue.')).toEqual(['Kowalczyk', 'Kowalczyk']);
    // A first name of the lexicon that is also a French word still joins.
    expect(persons('Plan d’action : Constance Okonjo pilote l’audit (Mme Okonjo).')).toEqual(['Constance Okonjo', 'Okonjo']);
  });

  it('takes the capitalised article of a surname inside a sentence or a field', () => {
    expect(persons('Le patient Le Bihan Marie-Thérèse est sorti.')).toEqual(['Le Bihan Marie-Thérèse']);
    expect(persons('De : Le Floch Gwenaëlle (CHU de Lyon)')).toEqual(['Le Floch Gwenaëlle']);
    // And the first name before « de » / « du » / « d' ».
    expect(persons('Dominique de La Fontaine\n32 bd des Tilleuls\n67000 Strasbourg')[0]).toBe('Dominique de La Fontaine');
  });

  it('makes one name of two findings one space apart, but not of two people written with initials', () => {
    // "Testy" is an English word: found again only because the header has the whole name.
    expect(persons('To: Testy McTesterson\n\nYou are a member of the Testy McTesterson project.')).toEqual(['Testy McTesterson', 'Testy McTesterson']);
    expect(persons('C. Carlizian D. Demouchet')).toEqual(['C. Carlizian', 'D. Demouchet']);
  });
});

describe('warm-up', () => {
  it('reads the dictionaries before the first request, and no file afterwards', () => {
    jest.isolateModules(() => {
      const fs = require('node:fs') as typeof import('node:fs');
      const read = jest.spyOn(fs, 'readFileSync');
      const privacy = require('../../../src/core/privacy') as typeof import('../../../src/core/privacy');
      privacy.warmUpDetection();
      const files = read.mock.calls.map(([file]) => String(file));
      expect(files.some((f) => f.endsWith('dictionary-en/index.dic'))).toBe(true);
      expect(files.some((f) => f.endsWith('dictionary-fr/index.dic'))).toBe(true);
      read.mockClear();
      expect(privacy.detectIdentifiers('Spoke with Oksana this morning. Matériel Kowalczyk : voir M. Kowalczyk.').length).toBeGreaterThan(0);
      expect(read).not.toHaveBeenCalled();
      read.mockRestore();
    });
  });
});
