/** fr/en parity of the pane's words, placeholders kept, language detection (French by default). */
import { detectLang, dictionaries, translate } from '../../../src/taskpane/i18n';

test('every key exists in French and English, non-empty, with the same placeholders', () => {
  const fr = dictionaries.fr as Record<string, string>;
  const en = dictionaries.en as Record<string, string>;
  expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
  for (const key of Object.keys(fr)) {
    expect(fr[key].trim()).not.toBe('');
    expect(en[key].trim()).not.toBe('');
    expect([key, placeholders(en[key])]).toEqual([key, placeholders(fr[key])]);
  }
});

test('the labels the issue names exist in both languages', () => {
  expect(translate('fr', 'run.offline')).toBe('Mode hors ligne — sans IA générative');
  expect(translate('en', 'run.offline')).toBe('Offline mode — no generative AI');
  expect(translate('fr', 'run.aiLabel')).toBe('Texte généré par IA — à relire');
  expect(translate('en', 'run.aiLabel')).toBe('AI-generated text — review it');
  expect(translate('fr', 'gallery.imported', { count: 3 })).toBe('3 tâche(s) importée(s).');
});

test('language: English only when the host or browser says English, French otherwise', () => {
  expect(detectLang('en-US')).toBe('en');
  expect(detectLang('fr-FR', 'en-US')).toBe('fr');
  expect(detectLang(undefined, 'en-GB')).toBe('en');
  expect(detectLang('de-DE')).toBe('fr');
  expect(detectLang()).toBe('fr');
});
