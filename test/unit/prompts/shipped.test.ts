/**
 * The shipped library: every file passes the schema and the file rules, the content rules of issue 3 hold (roles,
 * counts, "never invent", letters), fr/en parity, a rendering snapshot per prompt and language, and every prompt
 * runs through the offline engine.
 */
import path from 'node:path';
import {
  checkLibrary,
  contentVariableOf,
  LANGS,
  parsePromptFile,
  renderLetter,
  renderPrompt,
  ROLES,
  senderVariableOf,
  serializePrompt,
  type PromptDefinition,
} from '../../../src/core/prompts';
import { createOfflineEngine } from '../../../src/core/llm/offline';
import type { ChatRequest } from '../../../src/core/llm/types';
import { SAMPLE_MAIL, sampleValues, shippedFiles, shippedPrompts, TODAY } from './helpers';

const files = shippedFiles();
const prompts = shippedPrompts();

describe('shipped prompt files', () => {
  test.each(files.map((f) => [f.file, f.text]))('%s passes the schema and the file rules', (file, text) => {
    const parsed = parsePromptFile(text, file);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (!parsed.ok) return;
    expect(path.basename(file, '.md')).toBe(parsed.prompt.id);
    expect(file.split('/')[1]).toBe(parsed.prompt.role);
  });

  test('at least 10 prompts per role and 40 in all, with unique ids', () => {
    expect(prompts.length).toBeGreaterThanOrEqual(40);
    for (const role of ROLES) expect(prompts.filter((p) => p.role === role).length).toBeGreaterThanOrEqual(10);
    expect(new Set(prompts.map((p) => p.id)).size).toBe(prompts.length);
  });

  test('the common selection actions (issue 5 compose, issue 6 selection) exist for Word and Outlook compose', () => {
    const common = prompts.filter((p) => p.role === 'common');
    // rewrite (clearer / shorter / more formal), correct, simplify for patients, translate, summarize selection / document
    expect(common.map((p) => p.id).sort()).toEqual(
      ['correct-selection', 'rewrite-selection', 'simplify-for-patients', 'summarize-document', 'summarize-selection', 'translate-selection'],
    );
    for (const p of common) {
      const content = p.variables.find((v) => v.name === contentVariableOf(p));
      expect({ id: p.id, source: content?.source }).toEqual({ id: p.id, source: p.id === 'summarize-document' ? 'document' : 'selection' });
      expect(p.hosts).toContain('word');
    }
    const translate = common.find((p) => p.id === 'translate-selection')!;
    expect(translate.variables.find((v) => v.name === 'target')?.choices?.map((c) => c.value)).toEqual(['en', 'fr']);
  });

  test('every role has the Outlook mail summary the pane and the ribbon command rely on', () => {
    for (const role of ROLES) {
      const summary = prompts.find(
        (p) =>
          p.role === role &&
          p.category === 'summarize' &&
          p.hosts.includes('outlook') &&
          p.offline === 'summarize' &&
          p.variables.some((v) => v.source === 'mail.body' && v.name === contentVariableOf(p)),
      );
      expect({ role, found: summary?.id ?? null }).toEqual({ role, found: expect.any(String) });
    }
  });

  test('every prompt says never to invent and to leave [à compléter] / [to complete]', () => {
    const missing: string[] = [];
    for (const p of prompts) {
      if (!/invent/i.test(p.templates.fr.system) || !p.templates.fr.system.includes('[à compléter]')) missing.push(`${p.id} (fr)`);
      if (!/invent/i.test(p.templates.en.system) || !p.templates.en.system.includes('[to complete]')) missing.push(`${p.id} (en)`);
    }
    expect(missing).toEqual([]);
  });

  test('offline "fill" prompts carry a letter skeleton in both languages; letters follow the administrative layout', () => {
    for (const p of prompts.filter((x) => x.offline === 'fill')) {
      expect({ id: p.id, fr: !!p.letter?.fr, en: !!p.letter?.en }).toEqual({ id: p.id, fr: true, en: true });
    }
    // Letters proper (output: letter) open with place and date or a heading, and end with a signature variable.
    for (const p of prompts.filter((x) => x.output === 'letter' && x.letter?.fr)) {
      const fr = p.letter!.fr!;
      expect({ id: p.id, dated: /\{\{today\}\}/.test(fr), signed: /\{\{signerName\}\}\s*(\n.*)?\s*$/.test(fr.trim()) }).toEqual({ id: p.id, dated: true, signed: true });
    }
  });

  test('every offline task is used and minutesSaved stays realistic', () => {
    const tasks = new Set(prompts.map((p) => p.offline));
    for (const t of ['summarize', 'actions', 'fill', 'triage', 'rewrite', 'none'] as const) expect(tasks).toContain(t);
    for (const p of prompts) expect(p.minutesSaved).toBeGreaterThanOrEqual(1), expect(p.minutesSaved).toBeLessThanOrEqual(90);
  });

  test('fr/en parity across the library (same variables, letters in both languages)', () => {
    expect(checkLibrary(prompts)).toEqual([]);
  });

  test.each(prompts.map((p) => [p.id, p]))('%s survives serialize → parse unchanged', (_id, p) => {
    const prompt = p as PromptDefinition;
    const again = parsePromptFile(serializePrompt(prompt), `prompts/${prompt.role}/${prompt.id}.md`);
    expect(again.ok ? again.prompt : again.errors).toEqual(prompt);
  });
});

describe('rendering snapshots', () => {
  const cases = prompts.flatMap((p) => LANGS.map((lang) => [`${p.id} (${lang})`, p, lang] as const));
  test.each(cases)('%s', (_name, prompt, lang) => {
    const values = sampleValues(prompt, lang);
    const messages = renderPrompt(prompt, lang, values, { today: TODAY });
    const letter = renderLetter(prompt, lang, values, { today: TODAY });
    // No template tag may survive rendering.
    for (const m of messages) expect(m.content).not.toMatch(/\{\{|\}\}/);
    expect({ messages, letter: letter ?? null }).toMatchSnapshot();
  });
});

describe('every prompt runs through the offline engine', () => {
  const engine = createOfflineEngine({ now: () => TODAY });
  const cases = prompts.flatMap((p) => LANGS.map((lang) => [`${p.id} (${lang})`, p, lang] as const));
  test.each(cases)('%s', async (_name, prompt, lang) => {
    const values = sampleValues(prompt, lang);
    const content = contentVariableOf(prompt);
    if (content) values[content] = SAMPLE_MAIL;
    const request: ChatRequest = {
      model: 'aide-offline',
      messages: renderPrompt(prompt, lang, values, { today: TODAY }),
      stream: true,
      aide: {
        promptId: prompt.id,
        promptVersion: prompt.version,
        ...(prompt.role !== 'common' ? { role: prompt.role } : {}),
        lang,
        task: prompt.offline,
        variables: values,
        ...(prompt.letter?.[lang] ? { letter: prompt.letter[lang] } : {}),
        ...(content ? { contentVariable: content } : {}),
        ...(senderVariableOf(prompt) ? { senderVariable: senderVariableOf(prompt) } : {}),
      },
    };
    let text = '';
    let usage = false;
    for await (const delta of engine.stream(request, new AbortController().signal)) {
      if (delta.type === 'text') text += delta.text;
      else usage = true;
    }
    expect(usage).toBe(true);
    expect(text.trim().length).toBeGreaterThan(20);
    if (prompt.offline === 'fill') expect(text).not.toMatch(/\{\{|\}\}/);
  });
});
