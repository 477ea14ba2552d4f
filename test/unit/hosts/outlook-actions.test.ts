/** Outlook API use through office-addin-mock: read mode, attachments, reply forms, compose insertion. */
import { OfficeApp } from 'office-addin-manifest';
import { OfficeMockObject } from 'office-addin-mock';
import { composeSelection, insertIntoCompose, openReply, readAttachment, readOpenMail } from '../../../src/hosts/outlook-actions';

type Cb = (r: { status: string; value?: unknown; error?: { message: string; code: number } }) => void;
const ok = (value?: unknown) => ({ status: 'succeeded', value });

function mockOutlook(extra: { failBody?: boolean } = {}) {
  const calls: Record<string, unknown[]> = {};
  const record = (name: string, ...args: unknown[]) => (calls[name] ??= []).push(args.length === 1 ? args[0] : args);
  const data = {
    context: {
      mailbox: {
        item: {
          subject: 'Rappel : relevé des températures des réfrigérateurs',
          from: { displayName: 'Mme Sophie Bernard', emailAddress: 'sophie.bernard@chu-exemple.fr' },
          conversationId: 'AAQkADAwATM0MDAAMS1i',
          body: {
            getAsync(type: string, cb: Cb) {
              if (extra.failBody) cb({ status: 'failed', error: { message: 'Item not accessible', code: 9017 } });
              else cb(ok(type === 'html' ? '<p>Bonjour,</p><p>Merci de relever les températures.</p>' : 'Bonjour, brouillon'));
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
            if (id === 'att1') cb(ok({ format: 'base64', content: Buffer.from('%PDF-1.4 test').toString('base64') }));
            else cb(ok({ format: 'eml', content: 'Subject: test\r\n\r\nCorps' }));
          },
          getSelectedDataAsync(type: string, cb: Cb) {
            cb(ok({ data: 'texte sélectionné', sourceProperty: 'body' }));
          },
          displayReplyForm(form: unknown) {
            record('displayReplyForm', form);
          },
          displayReplyAllForm(form: unknown) {
            record('displayReplyAllForm', form);
          },
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
  // office-addin-mock turns arrays into objects; Outlook gives a plain array of AttachmentDetails.
  const item = (office as { context: { mailbox: { item: Record<string, unknown> } } }).context.mailbox.item;
  Object.defineProperty(item, 'attachments', {
    value: [
      { id: 'att1', name: 'procedure.pdf', contentType: 'application/pdf', size: 2048, isInline: false, attachmentType: 'file' },
      { id: 'att2', name: 'lien.docx', contentType: 'application/octet-stream', size: 10, isInline: false, attachmentType: 'cloud' },
    ],
  });
  (global as unknown as { Office: unknown }).Office = office;
  return calls;
}

test('reads the open mail: subject, sender, HTML body, conversation, file attachments only', async () => {
  mockOutlook();
  const mail = await readOpenMail();
  expect(mail.subject).toBe('Rappel : relevé des températures des réfrigérateurs');
  expect(mail.sender).toEqual({ name: 'Mme Sophie Bernard', address: 'sophie.bernard@chu-exemple.fr' });
  expect(mail.html).toContain('Merci de relever');
  expect(mail.conversationId).toBe('AAQkADAwATM0MDAAMS1i');
  expect(mail.attachments.map((a) => a.name)).toEqual(['procedure.pdf']);
});

test('an Outlook failure becomes an error with its code, not a hang', async () => {
  mockOutlook({ failBody: true });
  await expect(readOpenMail()).rejects.toMatchObject({ message: 'Item not accessible', code: '9017' });
});

test('attachments come back as bytes (base64 decoded, .eml as MIME text)', async () => {
  mockOutlook();
  expect(Buffer.from(await readAttachment('att1')).toString()).toBe('%PDF-1.4 test');
  expect(Buffer.from(await readAttachment('att2')).toString()).toContain('Subject: test');
});

test('a drafted reply opens in the reply or reply-all form, as HTML, never sent', () => {
  const calls = mockOutlook();
  openReply('<p>Bonjour Madame,</p>', false);
  openReply('<p>Bonjour à tous,</p>', true);
  expect(calls.displayReplyForm).toEqual([{ htmlBody: '<p>Bonjour Madame,</p>' }]);
  expect(calls.displayReplyAllForm).toEqual([{ htmlBody: '<p>Bonjour à tous,</p>' }]);
});

test('compose: reads the selection, inserts in place of it or replaces the whole body', async () => {
  const calls = mockOutlook();
  expect(await composeSelection()).toBe('texte sélectionné');
  await insertIntoCompose('<p>Version corrigée</p>', 'selection');
  await insertIntoCompose('<p>Nouveau brouillon</p>', 'body');
  expect(calls.setSelectedDataAsync).toEqual([['<p>Version corrigée</p>', { coercionType: 'html' }]]);
  expect(calls.setAsync).toEqual([['<p>Nouveau brouillon</p>', { coercionType: 'html' }]]);
});
