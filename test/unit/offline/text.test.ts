import { splitSentences } from '../../../src/core/llm/text/sentences';
import { daysUntil, findDates, formatDay, formatTime } from '../../../src/core/llm/text/dates';
import { contentWords } from '../../../src/core/llm/text/stopwords';

// A fixed Monday, 2 March 2026, 10:00 local time: every relative deadline resolves against it.
const today = new Date(2026, 2, 2, 10);

describe('splitSentences', () => {
  it('does not cut after civilités, titles, cf., initials or inside dates', () => {
    const s = splitSentences(
      'Suite à notre échange avec M. Dupont et le Dr. Martin, cf. la note du 12.03.2026, je confirme. J. Leroy a validé. Mrs. Smith agreed, e.g. on Friday. Fin.',
    ).map((x) => x.text);
    expect(s).toEqual([
      'Suite à notre échange avec M. Dupont et le Dr. Martin, cf. la note du 12.03.2026, je confirme.',
      'J. Leroy a validé.',
      'Mrs. Smith agreed, e.g. on Friday.',
      'Fin.',
    ]);
  });

  it('joins wrapped lines, keeps list items and greetings apart, and ends at blank lines', () => {
    const s = splitSentences('Bonjour Madame,\n\nLe planning du bloc\nest modifié à partir du 16 mars\n- salle 4 le lundi\n- salle 2 le jeudi\nMerci\n\nCordialement,\nJean');
    expect(s.map((x) => x.text)).toEqual([
      'Bonjour Madame,',
      'Le planning du bloc est modifié à partir du 16 mars',
      '- salle 4 le lundi',
      '- salle 2 le jeudi',
      'Merci',
      'Cordialement,',
      'Jean',
    ]);
    expect(s.filter((x) => x.listItem)).toHaveLength(2);
    expect(new Set(s.map((x) => x.paragraph))).toEqual(new Set([0, 1, 2]));
  });

  it('splits on ! ? and … followed by a capital', () => {
    expect(splitSentences('Pouvez-vous venir ? Oui ! Peut-être… Non.').map((x) => x.text)).toEqual(['Pouvez-vous venir ?', 'Oui !', 'Peut-être…', 'Non.']);
  });
});

describe('findDates', () => {
  const one = (text: string) => {
    const found = findDates(text, today);
    expect(found).toHaveLength(1);
    return found[0];
  };

  it.each([
    ['avant le 12/03', '2026-03-12', true],
    ["d'ici vendredi", '2026-03-06', true],
    ['au plus tard le 15 mars 2026', '2026-03-15', true],
    ['1er avril', '2026-04-01', false],
    ['demain', '2026-03-03', false],
    ['sous 48 h', '2026-03-04', true],
    ['dans 3 jours', '2026-03-05', true],
    ['fin du mois', '2026-03-31', true],
    ['by Friday', '2026-03-06', true],
    ['no later than March 20th, 2026', '2026-03-20', true],
    ['within two weeks', '2026-03-16', true],
    ['next Monday', '2026-03-09', false],
    ['2026-04-30', '2026-04-30', false],
  ])('%s → %s', (text, iso, deadline) => {
    const f = one(`Texte ${text} fin`);
    expect(f.date).toBe(iso);
    expect(f.deadline).toBe(deadline);
    expect(f.raw).toBe(text);
  });

  it('reads ASAP and "dès que possible" as deadlines of today', () => {
    for (const t of ['Please send it ASAP.', 'Merci de répondre dès que possible.']) {
      const f = one(t);
      expect(f).toMatchObject({ asap: true, deadline: true, date: '2026-03-02' });
    }
  });

  it('does not take doses, ranges or fractions for dates', () => {
    expect(findDates('3.5 mg, 10-12 patients, 1/2 comprimé, 45.3 %', today)).toEqual([]);
  });

  it('puts a past day-month without a year in next year', () => {
    expect(findDates('avant le 10/01', new Date(2026, 11, 20))[0].date).toBe('2027-01-10');
    // …but a recent one stays in this year (a reference to last week, not to next year).
    expect(one('le 20/02').date).toBe('2026-02-20');
  });

  it('formats days in both languages and counts days', () => {
    expect(formatDay('2026-03-12', 'fr')).toBe('jeudi 12 mars 2026');
    expect(formatDay('2026-04-01', 'fr', false)).toBe('1er avril 2026');
    expect(formatDay('2026-03-12', 'en')).toBe('Thursday 12 March 2026');
    expect(daysUntil('2026-03-03', today)).toBe(1);
  });
});

describe('contentWords', () => {
  it('drops fr/en stop words and elisions, folds accents and plurals', () => {
    expect(contentWords("Les patients de l'hôpital et the patient's réunions")).toEqual(['patient', 'hopital', 'patient', 'reunion']);
  });
});

describe('findDates with a weekday', () => {
  it('picks the year whose day matches the weekday written when that year is a plausible reading, else reports the contradiction', () => {
    // Said on 2 March 2026: 28 March 2026 is a Saturday, and the Friday 28 March of 2025 is a year ago: the date stays
    // in 2026 and the weekday written is reported, never silently kept.
    expect(findDates('le vendredi 28 mars', today)[0]).toMatchObject({ date: '2026-03-28', weekdayConflict: 'vendredi' });
    expect(findDates('le jeudi 12 mars', today)[0].weekdayConflict).toBeUndefined();
    expect(findDates('le lundi 1er mars', today)[0].date).toBe('2027-03-01');
    expect(findDates('le jeudi 12 mars', today)[0].date).toBe('2026-03-12');
  });
});

describe('deadline cues', () => {
  it('only count as whole words ("attendue" is not "due", "nearby" is not "by")', () => {
    const [f] = findDates('une réponse est attendue sous 15 jours', today);
    expect(f.raw).toBe('sous 15 jours');
    expect(findDates('the lab nearby Friday', today)[0]).toMatchObject({ raw: 'Friday', deadline: false });
  });
});

describe('times after a date', () => {
  it.each([
    ['le 19 mars à 14h30', '2026-03-19', '14:30', '14 h 30'],
    ['vendredi à 9 h', '2026-03-06', '09:00', '9 h'],
    ['on Friday at 2 pm', '2026-03-06', '14:00', '2 pm'],
    ['12/03/2026 10:15', '2026-03-12', '10:15', '10 h 15'],
    ['à rendre demain midi', '2026-03-03', '12:00', '12 h'],
    ['by tomorrow noon', '2026-03-03', '12:00', '12 pm'],
    ['OK pour mardi prochain 14 h.', '2026-03-03', '14:00', '14 h'],
  ])('%s', (text, date, time, shown) => {
    const [f] = findDates(text, today);
    expect(f).toMatchObject({ date, time });
    expect(formatTime(time, /pm/.test(shown) ? 'en' : 'fr')).toBe(shown);
  });

  it('leaves a number that is not a time alone', () => {
    expect(findDates('le 19 mars 12 patients', today)[0].time).toBeUndefined();
  });
});
