/** Broken copies of a real prompt file give the right file:line; the file rules are enforced. */
import fs from 'node:fs';
import path from 'node:path';
import { parsePromptFile, serializePrompt, SerializeError } from '../../../src/core/prompts';
import { PROMPTS_DIR } from './helpers';

const FILE = 'prompts/secretary/summarize-mail.md';
const ORIGINAL = fs.readFileSync(path.join(PROMPTS_DIR, 'secretary', 'summarize-mail.md'), 'utf8');

/** 1-based line of the first line matching `pattern` in `text`. */
function lineOf(text: string, pattern: RegExp | string): number {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => (typeof pattern === 'string' ? l.includes(pattern) : pattern.test(l)));
  if (i < 0) throw new Error(`no line matches ${pattern}`);
  return i + 1;
}

function errorsOf(text: string, file = FILE) {
  const result = parsePromptFile(text, file);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.errors;
}

test('the original parses', () => {
  const result = parsePromptFile(ORIGINAL, FILE);
  expect(result.ok).toBe(true);
});

test('bad YAML points at the broken line', () => {
  const broken = ORIGINAL.replace('hosts: [outlook]', 'hosts: [outlook\nbad: : x');
  const errors = errorsOf(broken);
  expect(errors[0].file).toBe(FILE);
  expect(errors[0].message).toMatch(/^YAML: /);
  // The flow sequence opened on the hosts line is never closed: the parser reports it there or just after.
  expect(errors[0].line).toBeGreaterThanOrEqual(lineOf(broken, 'hosts: [outlook'));
  expect(errors[0].line).toBeLessThanOrEqual(lineOf(broken, 'bad: : x'));
});

test('a missing section is reported, near the other section of its language', () => {
  const broken = ORIGINAL.replace(/## en: user[\s\S]*$/, '');
  const errors = errorsOf(broken);
  expect(errors).toEqual([{ file: FILE, line: lineOf(broken, '## en: system'), message: 'missing section "## en: user"' }]);
});

test('an empty section is reported on its heading', () => {
  const broken = ORIGINAL.replace(/## fr: user[\s\S]*?## en: system/, '## fr: user\n\n## en: system');
  expect(errorsOf(broken)).toContainEqual({ file: FILE, line: lineOf(broken, '## fr: user'), message: 'section "## fr: user" is empty' });
});

test('an undeclared variable is reported on the template line that uses it', () => {
  const broken = ORIGINAL.replace('Format attendu :', 'Pour le patient {{patientName}}.\n\nFormat attendu :');
  expect(errorsOf(broken)).toEqual([{ file: FILE, line: lineOf(broken, '{{patientName}}'), message: '{{patientName}} is used but not declared in variables' }]);
});

test('a bad variable type is reported on the type line, naming the variable', () => {
  const broken = ORIGINAL.replace('type: longtext', 'type: essay');
  const errors = errorsOf(broken);
  expect(errors).toHaveLength(1);
  expect(errors[0].line).toBe(lineOf(broken, 'type: essay'));
  expect(errors[0].message).toMatch(/variables\[0\] \(mailBody\)\.type/);
});

test('an unknown key is reported on its own line', () => {
  const broken = ORIGINAL.replace('minutesSaved: 3', 'minutesSaved: 3\nauthor: moi');
  expect(errorsOf(broken)).toEqual([{ file: FILE, line: lineOf(broken, 'author: moi'), message: 'unknown key "author"' }]);
});

test('a missing required key is reported', () => {
  const broken = ORIGINAL.replace(/^output: markdown\n/m, '');
  expect(errorsOf(broken).map((e) => e.message)).toContain('output is missing');
});

test('a language missing in a title is reported on the title', () => {
  const broken = ORIGINAL.replace('  en: Summarize a mail\n', '');
  const errors = errorsOf(broken);
  expect(errors).toEqual([{ file: FILE, line: lineOf(broken, 'title:'), message: 'title.en is missing' }]);
});

test('id must equal the file name, role the folder', () => {
  expect(errorsOf(ORIGINAL, 'prompts/secretary/resume.md')).toEqual([
    { file: 'prompts/secretary/resume.md', line: lineOf(ORIGINAL, /^id:/), message: 'id "summarize-mail" must equal the file name "resume" (rename the file or the id)' },
  ]);
  expect(errorsOf(ORIGINAL, 'prompts/quality/summarize-mail.md')).toEqual([
    { file: 'prompts/quality/summarize-mail.md', line: lineOf(ORIGINAL, /^role:/), message: 'role "secretary" does not match the folder "quality"' },
  ]);
  // A shared file renamed on the way is accepted when the path is not checked (import in the pane).
  expect(parsePromptFile(ORIGINAL, 'prompt (1).md', { checkPath: false }).ok).toBe(true);
});

test('a declared variable unused in one language, an unclosed section, a duplicate heading, stray text', () => {
  const unused = ORIGINAL.replace(/\{\{#mailSender\}\} from \{\{mailSender\}\}\{\{\/mailSender\}\}/, '');
  expect(errorsOf(unused)).toEqual([{ file: FILE, line: lineOf(unused, 'name: mailSender'), message: 'variable "mailSender" is declared but not used in the en templates' }]);

  const unclosed = ORIGINAL.replace('{{#mailSubject}} (objet', '{{#mailSubject}}{{#mailSender}} (objet');
  expect(errorsOf(unclosed).map((e) => e.message)).toContain('{{/mailSubject}} closes {{#mailSender}}: sections must be closed in order');

  const twice = ORIGINAL.replace('## en: system', '## fr: user\n\nencore\n\n## en: system');
  expect(errorsOf(twice)[0]).toMatchObject({ line: lineOf(twice, 'encore') - 2, message: expect.stringMatching(/appears twice/) });

  const stray = ORIGINAL.replace('---\n\n## fr: system', '---\n\nUn titre\n\n## fr: system');
  expect(errorsOf(stray)).toEqual([{ file: FILE, line: lineOf(stray, 'Un titre'), message: expect.stringMatching(/^text before the first section/) }]);

  const typo = ORIGINAL.replace('## en: user', '## en: usr');
  expect(errorsOf(typo).map((e) => e.line)).toContain(lineOf(typo, '## en: usr'));
});

test('several problems are all reported, in line order', () => {
  const broken = ORIGINAL.replace('type: longtext', 'type: essay').replace('Format attendu :', '{{oops}}\nFormat attendu :');
  const errors = errorsOf(broken);
  expect(errors.length).toBe(2);
  expect(errors[0].line).toBeLessThan(errors[1].line);
});

test('no front matter, unclosed front matter', () => {
  expect(errorsOf('## fr: system\nx\n')[0]).toMatchObject({ line: 1, message: expect.stringMatching(/front matter/) });
  expect(errorsOf('---\nid: x\n')[0]).toMatchObject({ line: 1, message: expect.stringMatching(/never closed/) });
});

test('CRLF files and a BOM parse like LF files', () => {
  const crlf = '\uFEFF' + ORIGINAL.replace(/\n/g, '\r\n');
  const a = parsePromptFile(crlf, FILE);
  const b = parsePromptFile(ORIGINAL, FILE);
  expect(a.ok && b.ok && a.prompt).toEqual(b.ok && b.prompt);
});

test('serialize refuses a template that would be read back as a heading', () => {
  const parsed = parsePromptFile(ORIGINAL, FILE);
  if (!parsed.ok) throw new Error('fixture');
  const prompt = { ...parsed.prompt, templates: { ...parsed.prompt.templates, fr: { ...parsed.prompt.templates.fr, user: 'a\n## en: system\nb' } } };
  expect(() => serializePrompt(prompt)).toThrow(SerializeError);
});
