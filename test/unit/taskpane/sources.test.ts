/**
 * The main text's source in Outlook read mode: which choices the pane offers, the thread through the host (or rebuilt
 * here), and an attachment's text — refused before download when unreadable, host errors and damaged files in words.
 */
import { promptSchema, type PromptDefinition } from '../../../src/core/prompts/schema';
import type { AttachmentContent, HostAdapter, MailContext } from '../../../src/hosts/types';
import { makePdf } from '../../helpers/documents';
import { defaultSource, mailContentVariable, readAttachmentText, readThread, sourceChoices } from '../../../src/taskpane/sources';

const prompt = (variables: object[]): PromptDefinition =>
  promptSchema.parse({
    id: 'p',
    version: 1,
    role: 'secretary',
    hosts: ['outlook', 'word'],
    category: 'summarize',
    title: { fr: 't', en: 't' },
    description: { fr: 'd', en: 'd' },
    variables,
    output: 'markdown',
    minutesSaved: 1,
    templates: { fr: { system: 's', user: 'u' }, en: { system: 's', user: 'u' } },
  });

const mailPrompt = prompt([
  { name: 'body', label: { fr: 'Mail', en: 'Mail' }, type: 'longtext', required: true, source: 'mail.body' },
  { name: 'subject', label: { fr: 'Objet', en: 'Subject' }, type: 'text', source: 'mail.subject' },
]);
const threadPrompt = prompt([{ name: 'thread', label: { fr: 'Fil', en: 'Thread' }, type: 'longtext', required: true, source: 'mail.thread' }]);
const selectionPrompt = prompt([{ name: 'text', label: { fr: 'Texte', en: 'Text' }, type: 'longtext', required: true, source: 'selection' }]);

const attachments = [
  { id: 'a1', name: 'CR_CREX_mars.pdf', contentType: 'application/pdf', size: 900 },
  { id: 'a2', name: 'photo.png', contentType: 'image/png', size: 70 },
];
const mail: MailContext = {
  kind: 'mail',
  subject: 'RE: Planning',
  sender: { name: 'Agent 2', address: 'agent2@chu-exemple.fr' },
  text: 'Merci pour le retour.\n\nDe : Agent 1\nEnvoyé : lundi 2 mars 2026 09:00\nÀ : Agent 2\nObjet : Planning\n\nVoici le planning proposé.',
  conversationId: 'c1',
  attachments,
};
const readHost = { mode: 'read' as const, readAttachment: async (): Promise<AttachmentContent> => ({ filename: 'x', contentType: 'x', content: new Uint8Array() }) };

test('read mode offers this mail, the whole thread and each attachment, for prompts on the mail or the thread', () => {
  expect(sourceChoices(mailPrompt, mail, readHost).map((c) => c.key)).toEqual(['mail', 'thread', 'attachment:a1', 'attachment:a2']);
  expect(sourceChoices(threadPrompt, mail, readHost).map((c) => c.key)).toEqual(['mail', 'thread', 'attachment:a1', 'attachment:a2']);
  // No attachment reader on the host: mail and thread only.
  expect(sourceChoices(mailPrompt, mail, { mode: 'read' }).map((c) => c.key)).toEqual(['mail', 'thread']);
  // Nothing to choose: compose mode, Word, a prompt on the selection, no context yet.
  expect(sourceChoices(mailPrompt, mail, { ...readHost, mode: 'compose' })).toEqual([]);
  expect(sourceChoices(mailPrompt, { kind: 'document', selection: '', document: 'x' }, { ...readHost, mode: 'document' })).toEqual([]);
  expect(sourceChoices(selectionPrompt, mail, readHost)).toEqual([]);
  expect(sourceChoices(mailPrompt, null, readHost)).toEqual([]);
});

test('the default source follows the prompt: its thread, else the mail', () => {
  expect(defaultSource(threadPrompt)).toBe('thread');
  expect(defaultSource(mailPrompt)).toBe('mail');
  expect(defaultSource(selectionPrompt)).toBe('mail');
  expect(mailContentVariable(mailPrompt)).toBe('body');
  expect(mailContentVariable(selectionPrompt)).toBeNull();
});

test('the thread comes from the host when it can read it; else it is rebuilt here, saying Graph is not available', async () => {
  const fromHost = await readThread({ readConversation: async () => ({ source: 'graph', messages: [{ text: 'm' }], truncated: false }) }, mail);
  expect(fromHost.source).toBe('graph');
  const rebuilt = await readThread({}, mail);
  expect(rebuilt).toMatchObject({ source: 'quoted-history', fallbackReason: 'no-graph', truncated: false });
  expect(rebuilt.messages.map((m) => m.text)).toEqual(['Voici le planning proposé.', 'Merci pour le retour.']);
  expect(rebuilt.messages[1]).toMatchObject({ from: 'Agent 2', subject: 'RE: Planning' });
});

function hostWith(files: Record<string, AttachmentContent | Error>): Pick<HostAdapter, 'readAttachment'> & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async readAttachment(id: string) {
      reads.push(id);
      const file = files[id];
      if (file instanceof Error) throw file;
      return file;
    },
  };
}

test("a PDF attachment's text is extracted from the bytes the host gives", async () => {
  const host = hostWith({ a1: { filename: 'CR_CREX_mars.pdf', contentType: 'application/pdf', content: makePdf(['Compte rendu du CREX du 5 mars 2026', 'Action 1 : annuaire des gardes']) } });
  const read = await readAttachmentText(host, attachments[0]);
  expect(read).toMatchObject({ ok: true, name: 'CR_CREX_mars.pdf', kind: 'pdf', pages: 1, truncated: false });
  expect(read.ok && read.text).toContain('Action 1 : annuaire des gardes');
});

test('an image is refused from its name, before any download, with the translated reason', async () => {
  const host = hostWith({});
  const read = await readAttachmentText(host, attachments[1]);
  expect(read.ok).toBe(false);
  if (!read.ok) {
    expect(read.message.fr).toContain('Aide ne sait pas lire « photo.png »');
    expect(read.message.en).toContain('Aide cannot read "photo.png"');
  }
  expect(host.reads).toEqual([]);
  // Announced as too large: not downloaded either.
  const huge = await readAttachmentText(host, { ...attachments[0], size: 80 * 1024 * 1024 });
  expect(!huge.ok && huge.message.fr).toContain('trop volumineux');
  expect(host.reads).toEqual([]);
});

test('the host failing (a cloud link, the mail gone) and a damaged file are messages, not exceptions', async () => {
  const host = hostWith({ a1: new Error('This attachment is a link to a cloud file') });
  const failed = await readAttachmentText(host, attachments[0]);
  expect(!failed.ok && failed.message).toEqual({
    fr: "« CR_CREX_mars.pdf » n'a pas pu être lu dans la boîte aux lettres : This attachment is a link to a cloud file",
    en: '“CR_CREX_mars.pdf” could not be read from the mailbox: This attachment is a link to a cloud file',
  });
  const damaged = await readAttachmentText(hostWith({ a1: { filename: 'CR_CREX_mars.pdf', contentType: 'application/pdf', content: new TextEncoder().encode('not a pdf at all') } }), attachments[0]);
  expect(!damaged.ok && damaged.message.fr).toContain('semble endommagé');
  const noReader = await readAttachmentText({}, attachments[0]);
  expect(!noReader.ok && noReader.message.en).toBe('Here, Aide cannot read attachments.');
});
