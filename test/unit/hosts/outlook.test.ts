/** The Outlook host adapter through office-addin-mock: read and compose modes, insertion, reply forms, roaming settings. */
import { OfficeApp } from 'office-addin-manifest';
import { OfficeMockObject } from 'office-addin-mock';
import { createOutlookHost, detectOutlookMode, onOutlookItemChanged } from '../../../src/hosts/outlook';

type Cb = (r: { status: string; value?: unknown; error?: { message: string; code: number } }) => void;
const ok = (value?: unknown) => ({ status: 'succeeded', value });

const QUOTED_HTML =
  '<p>Merci, je prends la session du 21 avril.</p>' +
  '<div style="border:none;border-top:solid #E1E1E1 1.0pt"><p><b>De :</b> Sandrine Morel &lt;sandrine.morel@chu-valmont.fr&gt;<br><b>Envoyé :</b> mardi 10 mars 2026 09:12<br><b>À :</b> Secrétariat<br><b>Objet :</b> Formation AFGSU</p></div>' +
  '<p>Deux sessions sont proposées : 7-8 avril et 21-22 avril.</p>';

function mockOutlook(mode: 'read' | 'compose', opts: { failSave?: boolean; html?: string; conversationId?: string | null } = {}) {
  const calls: Record<string, unknown[]> = {};
  const record = (name: string, ...args: unknown[]) => (calls[name] ??= []).push(args.length === 1 ? args[0] : args);
  const roaming: Record<string, unknown> = {};
  const item: Record<string, unknown> = {
    from: { displayName: 'Dr Hélène Lemoine', emailAddress: 'helene.lemoine@chu-valmont.fr' },
    to: [{ displayName: 'Kowalczyk, Zbigniew', emailAddress: 'z.kowalczyk@chu-valmont.fr' }],
    cc: [{ displayName: 'Secrétariat Cardiologie', emailAddress: 'secretariat.cardio@chu-valmont.fr' }],
    // office-addin-mock refuses null values: a mail outside any conversation has no conversationId at all.
    ...(opts.conversationId === null ? {} : { conversationId: opts.conversationId ?? 'conv-1' }),
    dateTimeCreated: new Date('2026-03-13T09:02:00Z'),
    body: {
      getAsync(type: string, cb: Cb) {
        cb(ok(type === 'html' ? (opts.html ?? '<p>Merci de reporter mes consultations.</p>') : 'Brouillon : merci de confirmer.'));
      },
      setSelectedDataAsync(data: string, options: unknown, cb: Cb) {
        record('setSelectedDataAsync', data, options);
        cb(ok());
      },
      setAsync(data: string, options: unknown, cb: Cb) {
        record('setAsync', data, options);
        cb(ok());
      },
    },
    getAttachmentContentAsync(id: string, cb: Cb) {
      record('getAttachmentContentAsync', id);
      if (id === 'a1') cb(ok({ format: 'base64', content: Buffer.from('%PDF-1.4 planning').toString('base64') }));
      else if (id === 'a3') cb(ok({ format: 'url', content: 'https://exemple.sharepoint.com/planning.docx' }));
      else cb({ status: 'failed', error: { message: 'The attachment was not found', code: 9016 } });
    },
    getSelectedDataAsync(_type: string, cb: Cb) {
      cb(ok({ data: 'merci de confirmer', sourceProperty: 'body' }));
    },
    displayReplyForm(form: unknown) {
      record('displayReplyForm', form);
    },
    displayReplyAllForm(form: unknown) {
      record('displayReplyAllForm', form);
    },
  };
  if (mode === 'compose') {
    item.subject = {
      getAsync(cb: Cb) {
        cb(ok('RE: Report des consultations'));
      },
    };
  }
  const data = {
    context: {
      displayLanguage: 'fr-FR',
      mailbox: { item },
      roamingSettings: {
        get: (k: string) => roaming[k],
        set: (k: string, v: unknown) => {
          roaming[k] = v;
        },
        remove: (k: string) => {
          delete roaming[k];
        },
        saveAsync(cb: Cb) {
          record('saveAsync', { ...roaming });
          cb(opts.failSave ? { status: 'failed', error: { message: 'Quota exceeded', code: 9057 } } : ok());
        },
      },
    },
  };
  const office = new OfficeMockObject(data, OfficeApp.Outlook) as unknown as Record<string, unknown>;
  Object.assign(office, {
    CoercionType: { Html: 'html', Text: 'text' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    MailboxEnums: {
      AttachmentType: { File: 'file', Item: 'item', Cloud: 'cloud' },
      AttachmentContentFormat: { Base64: 'base64', Url: 'url', Eml: 'eml', ICalendar: 'iCalendar' },
    },
  });
  const mockItem = (office as { context: { mailbox: { item: Record<string, unknown> } } }).context.mailbox.item;
  // Read mode gives the subject as a plain string and attachments as a plain array (the mock would wrap them).
  if (mode === 'read') Object.defineProperty(mockItem, 'subject', { value: 'Report des consultations — semaine du 16 mars' });
  Object.defineProperty(mockItem, 'attachments', {
    value:
      mode === 'read'
        ? [
            { id: 'a1', name: 'planning.pdf', contentType: 'application/pdf', size: 2048, isInline: false, attachmentType: 'file' },
            { id: 'a2', name: 'logo.png', contentType: 'image/png', size: 900, isInline: true, attachmentType: 'file' },
            { id: 'a3', name: 'reference.eml', contentType: 'message/rfc822', size: 300, isInline: false, attachmentType: 'item' },
          ]
        : [],
  });
  (global as unknown as { Office: unknown }).Office = office;
  return { calls, roaming };
}

test('read mode: the open mail (subject, sender, HTML, conversation, non-inline attachments); reply, no insert', async () => {
  mockOutlook('read');
  expect(detectOutlookMode()).toBe('read');
  const host = createOutlookHost();
  expect([host.kind, host.mode, host.canReply, host.canInsert]).toEqual(['outlook', 'read', true, false]);
  const ctx = await host.readContext();
  expect(ctx).toMatchObject({
    kind: 'mail',
    subject: 'Report des consultations — semaine du 16 mars',
    sender: { name: 'Dr Hélène Lemoine', address: 'helene.lemoine@chu-valmont.fr' },
    // Recipients and cc, for the gateway to hide wherever they are named (issue 12).
    participants: ['Kowalczyk, Zbigniew', 'Secrétariat Cardiologie'],
    conversationId: 'conv-1',
  });
  expect(ctx.kind === 'mail' && ctx.html).toContain('reporter mes consultations');
  expect(ctx.kind === 'mail' && ctx.attachments.map((a) => a.name)).toEqual(['planning.pdf', 'reference.eml']);
  await expect(host.insert({ markdown: 'x', html: '<p>x</p>', text: 'x' })).rejects.toThrow(/Open reply/);
});

test('read mode: "Open reply" opens the reply or reply-all form with the HTML (never sends)', async () => {
  const { calls } = mockOutlook('read');
  const host = createOutlookHost();
  await host.openReply('<p>Bonjour,</p>', { all: false });
  await host.openReply('<p>Bonjour à tous,</p>', { all: true });
  expect(calls.displayReplyForm).toEqual([{ htmlBody: '<p>Bonjour,</p>' }]);
  expect(calls.displayReplyAllForm).toEqual([{ htmlBody: '<p>Bonjour à tous,</p>' }]);
});

test('compose mode: subject, draft text and selection; insert uses setSelectedDataAsync with HTML', async () => {
  const { calls } = mockOutlook('compose');
  expect(detectOutlookMode()).toBe('compose');
  const host = createOutlookHost();
  expect([host.mode, host.canInsert, host.canReply]).toEqual(['compose', true, false]);
  expect(await host.readContext()).toMatchObject({ kind: 'mail', subject: 'RE: Report des consultations', text: 'Brouillon : merci de confirmer.', selection: 'merci de confirmer' });
  await host.insert({ markdown: '**Oui**', html: '<p><strong>Oui</strong></p>', text: 'Oui' });
  expect(calls.setSelectedDataAsync).toEqual([['<p><strong>Oui</strong></p>', { coercionType: 'html' }]]);
  expect(calls.setAsync).toBeUndefined();
  await expect(host.openReply('<p>x</p>', { all: false })).rejects.toThrow(/received mail/);
});

test('roaming settings: saved with saveAsync, removed with null; a refused save is reported', async () => {
  const { calls, roaming } = mockOutlook('read');
  const host = createOutlookHost();
  await host.setRoaming('aide.role', '"secretary"');
  expect(roaming['aide.role']).toBe('"secretary"');
  expect(host.getRoaming('aide.role')).toBe('"secretary"');
  expect(calls.saveAsync).toHaveLength(1);
  await host.setRoaming('aide.role', null);
  expect(host.getRoaming('aide.role')).toBeNull();

  mockOutlook('read', { failSave: true });
  await expect(createOutlookHost().setRoaming('k', 'v')).rejects.toThrow('Quota exceeded');
});

test("read mode: an attachment's bytes (base64 decoded) with its name and type; unknown ids and refusals are errors", async () => {
  const { calls } = mockOutlook('read');
  const host = createOutlookHost();
  const file = await host.readAttachment!('a1');
  expect(file.filename).toBe('planning.pdf');
  expect(file.contentType).toBe('application/pdf');
  expect(file.content).toBeInstanceOf(Uint8Array);
  expect(Buffer.from(file.content).toString()).toBe('%PDF-1.4 planning');
  expect(calls.getAttachmentContentAsync).toEqual(['a1']);
  await expect(host.readAttachment!('gone')).rejects.toMatchObject({ code: 'no-item' });
  expect(calls.getAttachmentContentAsync).toEqual(['a1']); // not asked for an attachment the mail does not have
  await expect(host.readAttachment!('a3')).rejects.toThrow(/cloud file/);
});

test('read mode: without a Graph token, the conversation is rebuilt from the quoted history and says why', async () => {
  mockOutlook('read', { html: QUOTED_HTML });
  const asked: [string[], boolean][] = [];
  const host = createOutlookHost('read', {
    getToken: async (scopes, options) => {
      asked.push([scopes, options.interactive]);
      return null;
    },
  });
  const conversation = await host.readConversation!();
  expect(conversation).toMatchObject({ source: 'quoted-history', fallbackReason: 'not-signed-in', truncated: false });
  expect(conversation.messages.map((m) => m.text)).toEqual(['Deux sessions sont proposées : 7-8 avril et 21-22 avril.', 'Merci, je prends la session du 21 avril.']);
  // The open mail is the newest message, with its own sender and date.
  expect(conversation.messages[1]).toMatchObject({ from: 'Dr Hélène Lemoine', date: '2026-03-13T09:02:00.000Z' });
  expect(conversation.messages[0].from).toContain('Sandrine Morel');
  // Mail.Read, and the consent prompt allowed: the user asked for the thread.
  expect(asked).toEqual([[['Mail.Read'], true]]);
  // The job title is asked silently (User.Read); no token, no title.
  expect(await host.readJobTitle!()).toBeNull();
  expect(asked[1]).toEqual([['User.Read'], false]);
});

test('read mode: a mail outside any conversation is rebuilt from its history without asking for a token', async () => {
  mockOutlook('read', { html: QUOTED_HTML, conversationId: null });
  const getToken = jest.fn(async () => 'never-used');
  const conversation = await createOutlookHost('read', { getToken }).readConversation!();
  expect(conversation).toMatchObject({ source: 'quoted-history', fallbackReason: 'no-conversation' });
  expect(getToken).not.toHaveBeenCalled();
});

test('compose mode: no conversation and no attachment reading', async () => {
  mockOutlook('compose');
  const host = createOutlookHost();
  await expect(host.readConversation!()).rejects.toMatchObject({ code: 'not-supported' });
  await expect(host.readAttachment!('a1')).rejects.toMatchObject({ code: 'not-supported' });
});

/** A pinned pane: Office.EventType.ItemChanged, Office.context.mailbox.item becomes another mail. */
function pinnedPane() {
  const { calls } = mockOutlook('read');
  const office = (global as unknown as { Office: { context: { mailbox: Record<string, unknown> }; EventType?: unknown } }).Office;
  const mailbox = office.context.mailbox;
  const first = mailbox.item as Record<string, unknown>;
  Object.defineProperty(first, 'itemId', { value: 'AAMk-dossier', configurable: true });
  const replies: { mail: string; form: unknown }[] = [];
  const mail = (id: string, subject: string) => {
    const item: Record<string, unknown> = Object.create(first);
    Object.defineProperty(item, 'itemId', { value: id });
    Object.defineProperty(item, 'subject', { value: subject });
    item.displayReplyForm = (form: unknown) => replies.push({ mail: id, form });
    item.displayReplyAllForm = (form: unknown) => replies.push({ mail: id, form });
    return item;
  };
  const dossier = mail('AAMk-dossier', 'Demande de copie de mon dossier médical');
  const beds = mail('AAMk-lits', 'URGENT — Tension sur les lits');
  let handler: (() => void) | null = null;
  let removed = 0;
  office.EventType = { ItemChanged: 'olkItemSelectedChanged' };
  mailbox.addHandlerAsync = (type: string, fn: () => void) => {
    expect(type).toBe('olkItemSelectedChanged');
    handler = fn;
  };
  mailbox.removeHandlerAsync = () => void removed++;
  mailbox.item = dossier;
  return {
    calls,
    replies,
    select(item: 'dossier' | 'beds') {
      mailbox.item = item === 'dossier' ? dossier : beds;
      handler?.();
    },
    get removed() {
      return removed;
    },
  };
}

test('pinned pane (ItemChanged): an adapter acts only on its own mail; the new mail gets a new adapter', async () => {
  const pane = pinnedPane();
  const events: string[] = [];
  const stop = onOutlookItemChanged(() => events.push('changed'));
  const dossier = createOutlookHost();
  expect(dossier.item).toMatchObject({ kind: 'mail', id: 'AAMk-dossier', label: 'Demande de copie de mon dossier médical' });
  expect(dossier.isCurrent()).toBe(true);

  pane.select('beds');
  expect(events).toEqual(['changed']);
  // The answer drafted for the medical-record request must not become a reply to the beds mail.
  expect(dossier.isCurrent()).toBe(false);
  await expect(dossier.openReply('<p>Votre dossier médical…</p>', { all: false })).rejects.toMatchObject({ code: 'item-changed' });
  await expect(dossier.openReply('<p>Votre dossier médical…</p>', { all: true })).rejects.toMatchObject({ code: 'item-changed' });
  await expect(dossier.readContext()).rejects.toMatchObject({ code: 'item-changed' });
  expect(pane.replies).toEqual([]);

  const beds = createOutlookHost();
  expect(beds.item.id).toBe('AAMk-lits');
  await beds.openReply('<p>Bien reçu.</p>', { all: false });
  expect(pane.replies).toEqual([{ mail: 'AAMk-lits', form: { htmlBody: '<p>Bien reçu.</p>' } }]);

  // Back to the first mail: its adapter is current again (same item id), the answer may act on it.
  pane.select('dossier');
  expect(dossier.isCurrent()).toBe(true);
  expect(beds.isCurrent()).toBe(false);
  await dossier.openReply('<p>Votre dossier médical…</p>', { all: false });
  expect(pane.replies.map((r) => r.mail)).toEqual(['AAMk-lits', 'AAMk-dossier']);
  stop();
  expect(pane.removed).toBe(1);
});

test('compose mode: a draft is its own item; another compose item makes insert refuse', async () => {
  const { calls } = mockOutlook('compose');
  const host = createOutlookHost();
  expect(host.item.kind).toBe('draft');
  const office = (global as unknown as { Office: { context: { mailbox: Record<string, unknown> } } }).Office;
  office.context.mailbox.item = Object.create(office.context.mailbox.item as object);
  await expect(host.insert({ markdown: 'x', html: '<p>x</p>', text: 'x' })).rejects.toMatchObject({ code: 'item-changed' });
  expect(calls.setSelectedDataAsync).toBeUndefined();
});
