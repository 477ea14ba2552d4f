/**
 * Running a prompt: variables prefilled from the host (mail cleaned), the streamed request with the aide extension
 * (against a real local HTTP server answering in the OpenAI SSE format), Stop, and gateway errors in plain words.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { promptSchema, type PromptDefinition } from '../../../src/core/prompts/schema';
import { SAMPLE_MAILS } from '../../../src/hosts/preview-data/mails';
import { describeError, insertMode, isAbort, missingVariables, prefillVariables, runPrompt, threadText, THREAD_BUDGET_CHARS } from '../../../src/taskpane/run';

const summary: PromptDefinition = promptSchema.parse({
  id: 'resumer-mail',
  version: 3,
  role: 'secretary',
  hosts: ['outlook'],
  category: 'summarize',
  title: { fr: 'Résumer ce mail', en: 'Summarize this mail' },
  description: { fr: 'd', en: 'd' },
  variables: [
    { name: 'mail', label: { fr: 'Mail', en: 'Mail' }, type: 'longtext', required: true, source: 'mail.body' },
    { name: 'subject', label: { fr: 'Objet', en: 'Subject' }, type: 'text', source: 'mail.subject' },
    { name: 'sender', label: { fr: 'Expéditeur', en: 'Sender' }, type: 'person', source: 'mail.sender' },
    { name: 'length', label: { fr: 'Longueur', en: 'Length' }, type: 'choice', default: 'short', choices: [{ value: 'short', label: { fr: 'Court', en: 'Short' } }] },
    { name: 'notes', label: { fr: 'Notes', en: 'Notes' }, type: 'text', required: true },
  ],
  output: 'markdown',
  minutesSaved: 4,
  offline: 'summarize',
  templates: { fr: { system: 'Résume.', user: 'Objet : {{subject}}\n{{mail}}' }, en: { system: 'Summarize.', user: '{{subject}}\n{{mail}}' } },
});

test('prefill from a sample mail: cleaned body (no quoted history, no disclaimer), subject, sender, defaults', () => {
  const mail = SAMPLE_MAILS.find((m) => m.id === 'thread-formation')!;
  const pre = prefillVariables(summary, { kind: 'mail', subject: mail.subject, sender: mail.from, html: mail.html, conversationId: null, attachments: [] });
  expect(pre.values.mail).toContain('je confirme donc les deux sessions');
  expect(pre.values.mail).not.toContain('Trois agents');
  expect(pre.values.mail).not.toContain('secret médical');
  expect(pre.values.subject).toBe(mail.subject);
  expect(pre.values.sender).toBe('Sandrine Morel');
  expect(pre.values.length).toBe('short');
  expect(pre.filled).toEqual({ mail: 'mail.body', subject: 'mail.subject', sender: 'mail.sender' });
  expect(pre.cleaned).toBe(true);
  expect(missingVariables(summary, pre.values, 'fr')).toEqual([{ name: 'notes', label: 'Notes' }]);
});

test('prefill of a forward: the note above it, then the message forwarded with its sender and subject (a reply keeps its history out)', () => {
  const history = '________________________________\nDe : Biomed <biomed@chu.fr>\nEnvoyé : lundi 30 novembre 2026 09:00\nÀ : Cadre réa <cadre.rea@chu.fr>\nObjet : Panne scope\n\nLe scope du box 3 est en panne, prêt d\'un scope jusqu\'à jeudi.\n\nCordialement,\nService biomédical';
  const ctx = (subject: string) => ({ kind: 'mail' as const, subject, sender: { name: 'Cadre réa', address: 'cadre.rea@chu.fr' }, text: `Pour info.\n\n${history}`, conversationId: null, attachments: [] });
  const forward = prefillVariables(summary, ctx('TR : Panne scope'));
  expect(forward.values.mail).toContain('Pour info.');
  expect(forward.values.mail).toContain('Le scope du box 3 est en panne');
  expect(forward.values.mail).toContain('De / From : Biomed <biomed@chu.fr>');
  expect(forward.values.mail).toContain('Objet / Subject : Panne scope');
  expect(forward.values.mail).not.toContain('Service biomédical');
  // A Gmail forward, whatever the subject: its marker heads the history.
  const gmail = prefillVariables(summary, { ...ctx('Panne'), text: 'FYI\n\n---------- Forwarded message ---------\nFrom: Biomed <biomed@chu.fr>\nDate: Mon, Nov 30, 2026 at 9:00 AM\nSubject: Panne scope\nTo: <cadre.rea@chu.fr>\n\nLe scope du box 3 est en panne.' });
  expect(gmail.values.mail).toContain('Le scope du box 3 est en panne.');
  // A reply: only what its sender wrote.
  const reply = prefillVariables(summary, ctx('RE : Panne scope'));
  expect(reply.values.mail).toBe('Pour info.');
});

test('prefill of a conversation: rebuilt from the quoted history of the sample thread, messages counted', () => {
  const mail = SAMPLE_MAILS.find((m) => m.id === 'thread-formation')!;
  const p = promptSchema.parse({
    ...summary,
    variables: [{ name: 'thread', label: { fr: 'Fil', en: 'Thread' }, type: 'longtext', source: 'mail.thread' }],
    templates: { fr: { system: 's', user: '{{thread}}' }, en: { system: 's', user: '{{thread}}' } },
  });
  const pre = prefillVariables(p, { kind: 'mail', subject: mail.subject, sender: mail.from, html: mail.html, conversationId: null, attachments: [] });
  expect(pre.thread).toMatchObject({ messages: 3, condensed: 0, source: 'quoted-history', truncated: false, omitted: 0 });
  // Which messages were used, oldest first; the open mail itself last, with its own sender.
  expect(pre.thread?.used.map((m) => [m.index, m.from, m.condensed])).toEqual([
    [0, 'Sandrine Morel <sandrine.morel@chu-valmont.fr>', false],
    [1, 'Secrétariat de cardiologie <secretariat.cardio@chu-valmont.fr>', false],
    [2, 'Sandrine Morel', false],
  ]);
  // Oldest first, each message's own text once.
  const text = pre.values.thread;
  expect(text.indexOf('Trois agents de votre service')).toBeLessThan(text.indexOf('Mmes Petit et Lefèvre (IDE)'));
  expect(text.indexOf('Mmes Petit et Lefèvre (IDE)')).toBeLessThan(text.indexOf('je confirme donc les deux sessions'));
  expect(text.split('Trois agents de votre service')).toHaveLength(2);
});

const threadPrompt = promptSchema.parse({
  ...summary,
  id: 'resumer-fil',
  variables: [
    { name: 'thread', label: { fr: 'Fil', en: 'Thread' }, type: 'longtext', required: true, source: 'mail.thread' },
    { name: 'subject', label: { fr: 'Objet', en: 'Subject' }, type: 'text', source: 'mail.subject' },
  ],
  templates: { fr: { system: 's', user: '{{subject}} {{thread}}' }, en: { system: 's', user: '{{subject}} {{thread}}' } },
});

test('prefill of a conversation read through Graph: its messages, the source and the reason are kept for the pane', () => {
  const mail = SAMPLE_MAILS.find((m) => m.id === 'thread-formation')!;
  const ctx = { kind: 'mail' as const, subject: mail.subject, sender: mail.from, html: mail.html, conversationId: 'c', attachments: [] };
  const conversation = {
    source: 'graph' as const,
    truncated: true,
    messages: [
      { from: 'Agent 1', date: '2026-03-01T08:00:00Z', subject: 'Planning', text: 'Premier message du fil.' },
      { from: 'Agent 2', date: '2026-03-02T08:00:00Z', subject: 'RE: Planning', text: 'Deuxième message, la réponse.' },
    ],
  };
  const pre = prefillVariables(threadPrompt, ctx, { type: 'thread', conversation });
  expect(pre.values.thread).toContain('Premier message du fil.');
  expect(pre.values.thread).not.toContain('Trois agents'); // not the quoted history
  expect(pre.thread).toMatchObject({ messages: 2, source: 'graph', truncated: true, used: [{ index: 0, from: 'Agent 1' }, { index: 1, from: 'Agent 2' }] });
  expect(pre.thread?.fallbackReason).toBeUndefined();
  expect(pre.filled.thread).toBe('mail.thread');
  expect(pre.values.subject).toBe(mail.subject);
});

test('a long conversation is condensed to the budget, oldest messages first, and the pane is told which', () => {
  const messages = Array.from({ length: 40 }, (_, i) => ({ from: `Agent ${i}`, text: `Message ${i}. ` + `Détail numéro ${i} du planning des astreintes. `.repeat(40) }));
  const { text, info } = threadText({ source: 'graph', messages, truncated: false });
  expect(text.length).toBeLessThanOrEqual(THREAD_BUDGET_CHARS);
  expect(info.condensed).toBeGreaterThan(0);
  const condensed = info.used.filter((m) => m.condensed).map((m) => m.index);
  // The condensed ones are the oldest; the newest is whole.
  expect(condensed[0]).toBe(0);
  expect(Math.max(...condensed)).toBeLessThan(39);
  expect(info.used[info.used.length - 1]).toMatchObject({ index: 39, condensed: false });
  expect(text).toContain('Détail numéro 39 du planning des astreintes. '.repeat(40).trim());
});

test("an attachment chosen as the source replaces the mail's text, the rest of the form stays prefilled", () => {
  const mail = SAMPLE_MAILS.find((m) => m.id === 'qualite-fei')!;
  const ctx = { kind: 'mail' as const, subject: mail.subject, sender: mail.from, html: mail.html, conversationId: 'c', attachments: [] };
  const pre = prefillVariables(summary, ctx, { type: 'attachment', name: 'CR_CREX_mars.pdf', text: 'Compte rendu du CREX du 5 mars.', pages: 1, truncated: false });
  expect(pre.values.mail).toBe('Compte rendu du CREX du 5 mars.');
  expect(pre.filled.mail).toBe('mail.attachment');
  expect(pre.attachment).toEqual({ name: 'CR_CREX_mars.pdf', pages: 1, truncated: false, chars: 31 });
  expect(pre.values.subject).toBe(mail.subject);
  expect(pre.values.sender).toBe('Direction qualité et gestion des risques');
  // An unreadable attachment: nothing to run on, the required field is empty (the pane also disables Generate).
  const empty = prefillVariables(summary, ctx, { type: 'attachment', name: 'x.png', text: '', truncated: false });
  expect(empty.values.mail).toBe('');
  expect(missingVariables(summary, { ...empty.values, notes: 'n' }, 'fr').map((v) => v.name)).toEqual(['mail']);
  // The mail itself, chosen back.
  expect(prefillVariables(summary, ctx, { type: 'mail' }).values.mail).toContain('identitovigilance');
  // A thread chosen for a mail prompt: the conversation goes into the mail variable.
  expect(prefillVariables(summary, ctx, { type: 'thread', conversation: { source: 'graph', truncated: false, messages: [{ text: 'Un seul message.' }] } }).values.mail).toContain('Un seul message.');
});

test('prefill from Word: selection and document sources; nothing from a mail source', () => {
  const p = promptSchema.parse({
    ...summary,
    hosts: ['word'],
    variables: [
      { name: 'sel', label: { fr: 's', en: 's' }, type: 'longtext', source: 'selection' },
      { name: 'doc', label: { fr: 'd', en: 'd' }, type: 'longtext', source: 'document' },
      { name: 'subject', label: { fr: 'o', en: 's' }, type: 'text', source: 'mail.subject' },
    ],
    templates: { fr: { system: 's', user: '{{sel}}{{doc}}{{subject}}' }, en: { system: 's', user: '{{sel}}{{doc}}{{subject}}' } },
  });
  const pre = prefillVariables(p, { kind: 'document', selection: 'Paragraphe choisi', document: 'Tout le texte' });
  expect(pre.values).toEqual({ sel: 'Paragraphe choisi', doc: 'Tout le texte', subject: '' });
  expect(prefillVariables(p, null).values).toEqual({ sel: '', doc: '', subject: '' });
});

test('insert mode: a rewrite of the selection replaces it, unless it is the offline engine explaining it cannot rewrite', () => {
  const correct = promptSchema.parse({
    ...summary,
    id: 'corriger',
    role: 'common',
    category: 'rewrite',
    offline: 'rewrite',
    variables: [{ name: 'text', label: { fr: 'Texte', en: 'Text' }, type: 'longtext', required: true, source: 'selection' }],
    templates: { fr: { system: 's', user: '{{text}}' }, en: { system: 's', user: '{{text}}' } },
  });
  const digest = promptSchema.parse({ ...correct, id: 'resumer-selection', category: 'summarize', offline: 'summarize' });
  expect(insertMode(correct, { text: 'selection' }, false)).toBe('replace');
  expect(insertMode(correct, {}, false)).toBe('cursor'); // typed or pasted by the user: nothing selected to replace
  expect(insertMode(correct, { text: 'selection' }, true)).toBe('cursor');
  expect(insertMode(digest, { text: 'selection' }, false)).toBe('cursor'); // a summary goes beside what it sums up
  expect(insertMode(summary, { mail: 'mail.body' }, false)).toBe('cursor');
});

describe('streaming against an OpenAI-compatible server', () => {
  let server: http.Server;
  let base: string;
  let lastBody: Record<string, unknown> = {};
  let lastAuth = '';
  let mode: 'ok' | 'slow' | '429' | '401' | '400' = 'ok';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        lastBody = JSON.parse(raw) as Record<string, unknown>;
        lastAuth = String(req.headers.authorization);
        const status = { '429': 429, '401': 401, '400': 400 }[mode as string];
        if (status) {
          res.writeHead(status, { 'content-type': 'application/json' });
          return void res.end(JSON.stringify({ error: { message: 'Le texte contient un format inconnu', type: 'invalid_request_error', code: 'bad' } }));
        }
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const chunk = (content: string) => `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'aide-offline', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
        res.write(chunk('## Résumé\n'));
        if (mode === 'slow') return; // never ends: the client must be able to stop
        res.write(chunk('- Reporter les consultations'));
        res.end('data: [DONE]\n\n');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  const options = (signal: AbortSignal, seen: string[]) => ({
    baseUrl: base,
    token: 'tok',
    model: 'gpt-4o',
    prompt: summary,
    lang: 'fr' as const,
    role: 'secretary' as const,
    values: { mail: 'Merci de reporter.', subject: 'Report', sender: 'Dr L', length: 'short', notes: 'x' },
    signal,
    onText: (t: string) => seen.push(t),
    // The SDK's own bearer (the pane's authFetch needs a browser page; it is tested on its own).
    fetch: (input: string | URL | Request, init?: RequestInit) => fetch(input, init),
  });

  test('streams the text, sends the rendered messages and the aide extension, detects the offline engine', async () => {
    mode = 'ok';
    const seen: string[] = [];
    const result = await runPrompt(options(new AbortController().signal, seen));
    expect(result.text).toBe('## Résumé\n- Reporter les consultations');
    expect(seen).toEqual(['## Résumé\n', '## Résumé\n- Reporter les consultations']);
    expect(result.offline).toBe(true);
    expect(result.firstTokenMs).not.toBeNull();
    expect(lastAuth).toBe('Bearer tok');
    expect(lastBody).toMatchObject({
      model: 'gpt-4o',
      stream: true,
      aide: { promptId: 'resumer-mail', promptVersion: 3, role: 'secretary', lang: 'fr', task: 'summarize', contentVariable: 'mail', senderVariable: 'sender' },
    });
    const messages = lastBody.messages as { role: string; content: string }[];
    expect(messages[0].role).toBe('system');
    expect(messages[1].content).toContain('Merci de reporter.');
  });

  test('Stop aborts a stream that would never end', async () => {
    mode = 'slow';
    const controller = new AbortController();
    const seen: string[] = [];
    const running = runPrompt({ ...options(controller.signal, seen), onText: (t) => (seen.push(t), controller.abort()) });
    const err = await running.catch((e: unknown) => e);
    expect(isAbort(err)).toBe(true);
    expect(seen).toEqual(['## Résumé\n']);
  });

  test.each([
    ['429', 'error.rateLimit'],
    ['401', 'auth.expired'],
    ['400', 'error.badRequest'],
  ] as const)('HTTP %s becomes %s in plain words', async (status, key) => {
    mode = status;
    const err = await runPrompt(options(new AbortController().signal, [])).catch((e: unknown) => e);
    const described = describeError(err);
    expect(described.key).toBe(key);
    if (key === 'error.badRequest') expect(described.vars?.message).toBe('Le texte contient un format inconnu');
  });

  test('an unreachable gateway is a network error', async () => {
    const err = await runPrompt({ ...options(new AbortController().signal, []), baseUrl: 'http://127.0.0.1:9' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(describeError(err).key).toBe('error.network');
  });
});
