/**
 * Every shipped prompt runs through the offline engine without error, in French and in English: once with every
 * variable filled (as the pane would after reading a mail), once with the required ones only (what a hurried user
 * sends). The answer streams in several deltas, is in the run's language, and never shows template syntax.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parsePromptFile } from '../../../src/core/prompts';
import { createOfflineEngine } from '../../../src/core/llm/offline';
import { missingVariables, prepareRun } from '../../../src/core/llm/run';
import type { ChatDelta } from '../../../src/core/llm/types';
import type { Lang, PromptDefinition, PromptVariable } from '../../../src/core/prompts/schema';

const today = new Date(2026, 2, 2, 10);
const engine = createOfflineEngine({ now: () => today });
const mail: Record<Lang, string> = {
  fr: fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'offline', 'relance-dossier.html'), 'utf8').replace(/<[^>]+>/g, '\n'),
  en: fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'offline', 'outage-en.txt'), 'utf8'),
};
const HEADINGS: Record<Lang, RegExp> = {
  fr: /Résumé|Demandes et échéances|Tri par urgence|Mode hors ligne|informations saisies|\S/,
  en: /Summary|Requests and deadlines|Urgency triage|Offline mode|Information entered|\S/,
};
const OTHER_LANGUAGE: Record<Lang, RegExp> = {
  fr: /\[to complete\]|### (?:Summary|Requests and deadlines|Urgency triage|Offline mode)/,
  en: /\[à compléter\]|### (?:Résumé|Demandes et échéances|Tri par urgence|Mode hors ligne)/,
};

function sample(v: PromptVariable, lang: Lang): string {
  if (v.source && ['mail.body', 'mail.thread', 'selection', 'document', 'mail.attachment'].includes(v.source)) return mail[lang];
  switch (v.type) {
    case 'longtext':
      return mail[lang];
    case 'date':
      return lang === 'fr' ? '12/03/2026' : '12 March 2026';
    case 'choice':
      return v.choices?.[0]?.value ?? '';
    case 'person':
      return 'Dr Martin';
    default:
      return `${v.label[lang]} (exemple)`;
  }
}

async function run(prompt: PromptDefinition, lang: Lang, values: Record<string, string>): Promise<{ deltas: ChatDelta[]; text: string }> {
  const deltas: ChatDelta[] = [];
  for await (const d of engine.stream(prepareRun(prompt, { lang, values, today }), new AbortController().signal)) deltas.push(d);
  return { deltas, text: deltas.map((d) => (d.type === 'text' ? d.text : '')).join('') };
}

/** The shipped library: every `prompts/<role>/<id>.md`, read with the prompts API. */
function shippedPrompts(): PromptDefinition[] {
  const dir = path.join(__dirname, '..', '..', '..', 'prompts');
  const out: PromptDefinition[] = [];
  for (const role of fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()))
    for (const file of fs.readdirSync(path.join(dir, role.name)).filter((f) => f.endsWith('.md'))) {
      const rel = `prompts/${role.name}/${file}`;
      const parsed = parsePromptFile(fs.readFileSync(path.join(dir, role.name, file), 'utf8'), rel);
      if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('\n'));
      out.push(parsed.prompt);
    }
  return out;
}
const prompts = shippedPrompts();

it('the library holds the shipped prompts of every role', () => {
  expect(prompts.length).toBeGreaterThanOrEqual(40);
  expect(new Set(prompts.map((p) => p.role))).toEqual(new Set(['secretary', 'quality', 'physician', 'engineer', 'common']));
});

describe.each(['fr', 'en'] as const)('every shipped prompt through the offline engine (%s)', (lang) => {
  it('answers with every variable filled', async () => {
    const failures: string[] = [];
    for (const prompt of prompts) {
      const values = Object.fromEntries(prompt.variables.map((v) => [v.name, sample(v, lang)]));
      const { deltas, text } = await run(prompt, lang, values);
      const problems = [
        deltas.filter((d) => d.type === 'text').length < 2 && 'fewer than two text deltas',
        deltas[deltas.length - 1]?.type !== 'usage' && 'no usage delta at the end',
        !HEADINGS[lang].test(text) && 'empty answer',
        /\{\{|\}\}/.test(text) && 'template syntax left in the answer',
        OTHER_LANGUAGE[lang].test(text) && 'answer in the other language',
        prompt.offline === 'fill' && /\[(?:à compléter|to complete)\]/.test(text) && !prompt.letter?.[lang]?.match(/\{\{\s*\w+\s*\}\}/) && 'marker without a variable',
      ].filter(Boolean);
      if (problems.length) failures.push(`${prompt.id} (${prompt.offline}): ${problems.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers with the required variables only, marking the letters to complete', async () => {
    const failures: string[] = [];
    for (const prompt of prompts) {
      const values = Object.fromEntries(prompt.variables.filter((v) => v.required).map((v) => [v.name, sample(v, lang)]));
      expect(missingVariables(prompt, values, lang)).toEqual([]);
      const { text } = await run(prompt, lang, values);
      if (!text.trim()) failures.push(`${prompt.id}: empty answer`);
      if (/\{\{|\}\}/.test(text)) failures.push(`${prompt.id}: template syntax left`);
      if (OTHER_LANGUAGE[lang].test(text)) failures.push(`${prompt.id}: answer in the other language`);
      // A letter whose skeleton uses an optional value left empty must show the marker, in the run's language.
      const letter = prompt.letter?.[lang];
      const emptyInLetter = prompt.variables.some((v) => !(v.name in values) && !v.default && new RegExp(`\\{\\{\\s*${v.name}\\s*\\}\\}`).test(letter ?? ''));
      if (prompt.offline === 'fill' && emptyInLetter && !text.includes(lang === 'fr' ? '[à compléter]' : '[to complete]'))
        failures.push(`${prompt.id}: no ${lang} marker for the values left empty`);
    }
    expect(failures).toEqual([]);
  });
});
