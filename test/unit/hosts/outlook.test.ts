/** The Outlook host adapter through office-addin-mock: read and compose modes, insertion, reply forms, roaming settings. */
import { OfficeApp } from 'office-addin-manifest';
import { OfficeMockObject } from 'office-addin-mock';
import { createOutlookHost, detectOutlookMode } from '../../../src/hosts/outlook';

type Cb = (r: { status: string; value?: unknown; error?: { message: string; code: number } }) => void;
const ok = (value?: unknown) => ({ status: 'succeeded', value });

function mockOutlook(mode: 'read' | 'compose', opts: { failSave?: boolean } = {}) {
  const calls: Record<string, unknown[]> = {};
  const record = (name: string, ...args: unknown[]) => (calls[name] ??= []).push(args.length === 1 ? args[0] : args);
  const roaming: Record<string, unknown> = {};
  const item: Record<string, unknown> = {
    from: { displayName: 'Dr Hélène Lemoine', emailAddress: 'helene.lemoine@chu-valmont.fr' },
    conversationId: 'conv-1',
    body: {
      getAsync(type: string, cb: Cb) {
        cb(ok(type === 'html' ? '<p>Merci de reporter mes consultations.</p>' : 'Brouillon : merci de confirmer.'));
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
    MailboxEnums: { AttachmentType: { File: 'file', Item: 'item', Cloud: 'cloud' } },
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
    conversationId: 'conv-1',
  });
  expect(ctx.kind === 'mail' && ctx.html).toContain('reporter mes consultations');
  expect(ctx.kind === 'mail' && ctx.attachments.map((a) => a.name)).toEqual(['planning.pdf']);
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
