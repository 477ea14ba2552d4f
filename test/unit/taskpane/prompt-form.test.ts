/** The prompt form's logic: the file it writes (same format, same schema), errors placed by field, in fr and en. */
import { parsePromptFile, serializePrompt } from '../../../src/core/prompts';
import { blankPrompt } from '../../../src/taskpane/library';
import { translatePromptError } from '../../../src/taskpane/prompt-errors';
import { checkDraft, draftOf, type PromptDraft } from '../../../src/taskpane/PromptForm';
import { withPersonalPrompts } from '../../../src/taskpane/prefs';
import { checkPersonalPrompt } from '../../../src/taskpane/prompt-files';

function written(): PromptDraft {
  const draft = draftOf(blankPrompt('secretary', 'outlook', []), 'fr');
  return {
    ...draft,
    id: 'accuse-reception',
    title: 'Accusé de réception',
    description: 'Un accusé de réception court.',
    category: 'reply',
    instructions: 'Rédige un accusé de réception court et courtois.',
    fields: [
      { ...draft.fields[0], label: 'Mail reçu', source: 'mail.body' },
      { name: 'urgence', label: 'Urgence', type: 'choice', required: false, source: '', choices: 'normale\nurgent = Très urgent' },
      { name: 'dateRdv', label: 'Date du rendez-vous', type: 'date', required: true, source: '', choices: '' },
    ],
  };
}

test('the form writes a prompt file the checker reads back as the same prompt, and the form reads it again', () => {
  const checked = checkDraft(written(), 'fr');
  expect(checked.errors).toEqual({});
  const prompt = checked.prompt!;
  expect(prompt).toMatchObject({ id: 'accuse-reception', category: 'reply', origin: 'personal', title: { fr: 'Accusé de réception', en: 'Accusé de réception' } });
  expect(prompt.variables.map((v) => [v.name, v.type, v.required, v.source])).toEqual([
    ['content', 'longtext', true, 'mail.body'],
    ['urgence', 'choice', false, undefined],
    ['dateRdv', 'date', true, undefined],
  ]);
  expect(prompt.variables[1].choices).toEqual([
    { value: 'normale', label: { fr: 'normale', en: 'normale' } },
    { value: 'urgent', label: { fr: 'Très urgent', en: 'Très urgent' } },
  ]);
  expect(prompt.templates.fr.user).toBe('Rédige un accusé de réception court et courtois.\n\nÉléments fournis :\n\nMail reçu :\n{{content}}\n- Urgence : {{urgence}}\n- Date du rendez-vous : {{dateRdv}}');
  const file = serializePrompt(prompt);
  const back = parsePromptFile(file, 'accuse-reception.md', { checkPath: false });
  expect(back.ok).toBe(true);
  const again = draftOf(prompt, 'fr');
  expect(again.instructionsEditable).toBe(true);
  expect(again.instructions).toBe('Rédige un accusé de réception court et courtois.');
  expect(again.fields.map((f) => f.name)).toEqual(['content', 'urgence', 'dateRdv']);
});

test('errors are placed next to their field, in the pane language', () => {
  const bad = written();
  bad.title = '';
  bad.hosts = [];
  bad.instructions = ' ';
  bad.fields = [bad.fields[0], { ...bad.fields[1], name: 'nom demandeur' }, { ...bad.fields[2], name: 'content' }, { name: 'liste', label: '', type: 'choice', required: false, source: '', choices: '' }];
  const fr = checkDraft(bad, 'fr');
  expect(fr.prompt).toBeNull();
  expect(fr.errors.title).toEqual(['À remplir.']);
  expect(fr.errors.hosts).toEqual(['Choisissez au moins une application.']);
  expect(fr.errors.instructions).toEqual(['Écrivez ce que la tâche doit faire.']);
  expect(fr.errors['field-2-name']).toEqual(['Ce nom est déjà utilisé par un autre champ.']);
  const en = checkDraft({ ...bad, fields: [bad.fields[0], bad.fields[1], bad.fields[3]], instructions: 'x' }, 'en');
  expect(en.errors['field-1-name']?.[0]).toMatch(/^Letters and digits only/);
  expect(en.errors['field-2-label']).toEqual(['Required.']);
  expect(en.errors['field-2-choices']?.[0]).toMatch(/needs at least one choice/);
});

test('the checker’s messages in French: each known sentence, names kept, unknown ones shown as they are', () => {
  const cases: [string, string][] = [
    ['description is missing', 'description manque'],
    ['title.fr: Too small: expected string to have >=1 characters', 'title.fr : ne peut pas être vide'],
    ['variables[0] (content).name: variable names are camelCase letters and digits', 'variables[0] (content).name : un nom de champ est fait de lettres et de chiffres, sans espace, en commençant par une minuscule (camelCase)'],
    ['unknown key "extra"', 'clé inconnue "extra"'],
    ['{{nope}} is used but not declared in variables', '{{nope}} est utilisé mais n’est pas déclaré dans les champs (variables)'],
    ['missing section "## en: user"', 'section « ## en: user » manquante'],
    ['something new', 'something new'],
  ];
  for (const [en, fr] of cases) expect(translatePromptError(en, 'fr')).toBe(fr);
  expect(translatePromptError('description is missing', 'en')).toBe('description is missing');
});

test('every built-in prompt goes through the form unchanged when nothing is edited (other language, choices, defaults kept)', () => {
  const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
  const path = jest.requireActual<typeof import('node:path')>('node:path');
  const root = path.join(__dirname, '..', '..', '..', 'prompts');
  let count = 0;
  for (const role of fs.readdirSync(root).filter((d) => fs.statSync(path.join(root, d)).isDirectory())) {
    for (const name of fs.readdirSync(path.join(root, role)).filter((f) => f.endsWith('.md'))) {
      const parsed = parsePromptFile(fs.readFileSync(path.join(root, role, name), 'utf8'), name, { checkPath: false });
      if (!parsed.ok) continue;
      const original = { ...parsed.prompt, origin: 'personal' as const };
      const checked = checkDraft(draftOf(original, 'fr'), 'fr');
      expect([name, checked.errors]).toEqual([name, {}]);
      const { offline: _a, ...kept } = checked.prompt!;
      const { offline: _b, ...before } = original;
      expect([name, kept]).toEqual([name, before]);
      count++;
    }
  }
  expect(count).toBeGreaterThan(40);
});

describe('one check and one save for every personal prompt (raw editor, form, import)', () => {
  test('a valid file: the prompt, marked personal whatever its file says, its file name free', () => {
    const prompt = checkDraft(written(), 'fr').prompt!;
    const file = serializePrompt({ ...prompt, origin: 'builtin' });
    const checked = checkPersonalPrompt(file, 'accuse-reception (1).md', 'fr');
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.prompt).toMatchObject({ id: 'accuse-reception', origin: 'personal' });
  });

  test('a broken file: each error with its file and line, in the pane language', () => {
    const broken = '---\nid: x\n---\n';
    const fr = checkPersonalPrompt(broken, 'x.md', 'fr');
    const en = checkPersonalPrompt(broken, 'x.md', 'en');
    expect(fr.ok || en.ok).toBe(false);
    if (fr.ok || en.ok) return;
    expect(fr.errors.length).toBeGreaterThan(0);
    expect(fr.errors.map((e) => e.file)).toEqual(fr.errors.map(() => 'x.md'));
    expect(fr.errors.every((e) => e.line >= 1)).toBe(true);
    expect(en.errors.map((e) => e.line)).toEqual(fr.errors.map((e) => e.line));
    // The same errors, said in each language (the checker's own words are English).
    expect(fr.errors.map((e) => e.message)).not.toEqual(en.errors.map((e) => e.message));
    expect(fr.errors.map((e) => e.message)).toEqual(en.errors.map((e) => translatePromptError(e.message, 'fr')));
  });

  test('saved prompts replace those of their id and the one they were edited from; imports merge', () => {
    const a = { ...checkDraft(written(), 'fr').prompt!, id: 'a' };
    const b = { ...a, id: 'b' };
    const c = { ...a, id: 'c', origin: 'builtin' as const };
    expect(withPersonalPrompts([a, b], [{ ...a, version: 2 }]).map((p) => [p.id, p.version])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
    // Edited from b into a new id: b goes.
    expect(withPersonalPrompts([a, b], [c], 'b').map((p) => [p.id, p.origin])).toEqual([
      ['a', 'personal'],
      ['c', 'personal'],
    ]);
    expect(withPersonalPrompts([], [a, b]).map((p) => p.id)).toEqual(['a', 'b']);
  });
});
