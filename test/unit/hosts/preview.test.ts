/** The preview host: sample inbox and document, switching hosts, insertion into the document / draft, reply forms. */
import { extractAttachmentText } from '../../../src/core/attachments/extract';
import { cleanMail } from '../../../src/core/mail';
import { PreviewWorkspace } from '../../../src/hosts/preview';
import { SAMPLE_MAILS } from '../../../src/hosts/preview-data/mails';

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

test('the sample inbox has at least 6 received mails, unique ids, a thread with Outlook-fr quoted history, a disclaimer', () => {
  const inbox = SAMPLE_MAILS.filter((m) => m.folder === 'inbox');
  expect(inbox.length).toBeGreaterThanOrEqual(6);
  expect(new Set(SAMPLE_MAILS.map((m) => m.id)).size).toBe(SAMPLE_MAILS.length);
  expect(inbox.some((m) => /<b>De :<\/b>[\s\S]*<b>Envoyé :<\/b>[\s\S]*<b>Objet :<\/b>/.test(m.html))).toBe(true);
  expect(inbox.filter((m) => m.html.includes('secret médical')).length).toBeGreaterThanOrEqual(3);
  // Phone numbers only in the ranges reserved for fiction.
  for (const m of SAMPLE_MAILS) for (const phone of m.html.match(/0\d(?: \d\d){4}/g) ?? []) expect(phone).toMatch(/^(01 99 00|06 39 98)/);
});

test('mail cleaning removes the quoted history, signature and disclaimer of the sample thread', () => {
  const thread = SAMPLE_MAILS.find((m) => m.id === 'thread-formation')!;
  const cleaned = cleanMail({ html: thread.html });
  expect(cleaned.text).toContain('je confirme donc les deux sessions');
  expect(cleaned.text).not.toContain('Trois agents de votre service');
  expect(cleaned.text).not.toContain('secret médical');
});

test('choosing a mail gives an Outlook read host; a draft an Outlook compose host; the document a Word host', async () => {
  const ws = new PreviewWorkspace();
  const store = memoryStore();
  ws.select({ type: 'mail', id: 'gestion-lits' });
  let host = ws.host(store);
  expect([host.kind, host.mode, host.canReply, host.canInsert]).toEqual(['outlook', 'read', true, false]);
  const mail = await host.readContext();
  expect(mail).toMatchObject({ kind: 'mail', subject: expect.stringContaining('Tension sur les lits'), sender: { name: 'Cellule de gestion des lits' } });

  ws.select({ type: 'mail', id: 'brouillon-reponse' });
  host = ws.host(store);
  expect([host.kind, host.mode, host.canInsert]).toEqual(['outlook', 'compose', true]);
  expect(await host.readContext()).toMatchObject({ kind: 'mail', text: expect.stringContaining('piece d') });

  ws.select({ type: 'document' });
  host = ws.host(store);
  expect([host.kind, host.mode]).toEqual(['word', 'document']);
  const doc = await host.readContext();
  expect(doc.kind === 'document' && doc.document).toContain('Note de service n° 2026-014');
  expect(() => ws.select({ type: 'mail', id: 'nope' })).toThrow();
});

test('Word insert goes after the block holding the cursor, marked as tracked with its comment; selection is read', async () => {
  const ws = new PreviewWorkspace();
  ws.select({ type: 'document' });
  ws.setCursor(2);
  ws.selectionProvider = () => 'campagne d’audit';
  const host = ws.host(memoryStore());
  expect(await host.readContext()).toMatchObject({ selection: 'campagne d’audit' });
  const seen: number[] = [];
  ws.subscribe((s) => seen.push(s.document.length));
  await host.insert({ markdown: '## Ajout', html: '<h2>Ajout</h2>', text: 'Ajout' }, { comment: 'AI-generated text — review it' });
  const { document, cursor } = ws.getState();
  expect(document[3]).toMatchObject({ html: '<h2>Ajout</h2>', inserted: { tracked: true, comment: 'AI-generated text — review it', replaced: null } });
  expect(cursor).toBe(3);
  expect(seen).toEqual([document.length]);
});

test('Outlook: reply form opened from a received mail; insertion into a draft; no insertion into a received mail', async () => {
  const ws = new PreviewWorkspace();
  ws.select({ type: 'mail', id: 'patient-dossier' });
  const read = ws.host(memoryStore());
  await read.openReply('<p>Madame,</p>', { all: true });
  expect(ws.getState().reply).toEqual({ mailId: 'patient-dossier', all: true, html: '<p>Madame,</p>' });
  await expect(read.insert({ markdown: 'x', html: '<p>x</p>', text: 'x' })).rejects.toThrow();

  ws.select({ type: 'mail', id: 'brouillon-reponse' });
  expect(ws.getState().reply).toBeNull();
  const compose = ws.host(memoryStore());
  await compose.insert({ markdown: 'Bien à vous', html: '<p>Bien à vous</p>', text: 'Bien à vous' });
  expect(ws.getState().drafts['brouillon-reponse']).toMatch(/<p>Bien à vous<\/p>$/);
  await expect(compose.openReply('<p>x</p>', { all: false })).rejects.toThrow();
});

test('roaming storage is the given key-value store', async () => {
  const store = memoryStore();
  const host = new PreviewWorkspace().host(store);
  await host.setRoaming('aide.role', '"quality"');
  expect(store.getItem('aide.role')).toBe('"quality"');
  expect(host.getRoaming('aide.role')).toBe('"quality"');
  await host.setRoaming('aide.role', null);
  expect(host.getRoaming('aide.role')).toBeNull();
});

describe('attachments and conversation in the preview (no mailbox, no Graph)', () => {
  test('every sample attachment has real bytes: PDFs pdf.js parses, a text file, and an image Aide cannot read', async () => {
    const all = SAMPLE_MAILS.flatMap((m) => m.attachments);
    expect(all.map((a) => a.name)).toEqual(
      expect.arrayContaining(['CR_CREX_mars.pdf', 'FEI-2026-0412.pdf', 'FSN_Volumedic_VP300_2026-03.pdf', 'Programme_AFGSU2_avril.txt', 'Photo_etiquettes_tubes.png']),
    );
    for (const a of all) {
      expect(a.size).toBe(a.content.byteLength);
      const result = await extractAttachmentText({ filename: a.name, mimeType: a.contentType, content: a.content });
      if (a.contentType === 'image/png') expect(result).toMatchObject({ ok: false, reason: 'unsupported' });
      else expect(result.ok).toBe(true);
    }
    const crex = all.find((a) => a.name === 'CR_CREX_mars.pdf')!;
    const text = await extractAttachmentText({ filename: crex.name, content: crex.content });
    // WinAnsi text: accents, typographic apostrophes and guillemets survive the round trip through pdf.js.
    expect(text.ok && text.text).toContain('numéro de garde de nuit erroné dans l’annuaire du laboratoire');
    expect(text.ok && text.text).toContain("« vérifier l'identité au chevet avant tout prélèvement »");
  });

  test('a received mail: its attachments as bytes (a copy), its thread rebuilt from the quoted history, Graph said missing', async () => {
    const ws = new PreviewWorkspace();
    ws.select({ type: 'mail', id: 'qualite-fei' });
    const host = ws.host(memoryStore());
    const ctx = await host.readContext();
    // The context lists the attachments without their bytes.
    expect(ctx.kind === 'mail' && ctx.attachments.map((a) => Object.keys(a).sort())).toEqual(Array(3).fill(['contentType', 'id', 'name', 'size']));
    const file = await host.readAttachment!('cr-crex-mars.pdf');
    expect(file).toMatchObject({ filename: 'CR_CREX_mars.pdf', contentType: 'application/pdf' });
    expect(new TextDecoder().decode(file.content.slice(0, 8))).toBe('%PDF-1.4');
    file.content[0] = 0; // the caller's copy: the sample stays intact
    expect((await host.readAttachment!('cr-crex-mars.pdf')).content[0]).toBe(0x25);
    await expect(host.readAttachment!('nope')).rejects.toMatchObject({ code: 'no-item' });

    ws.select({ type: 'mail', id: 'thread-formation' });
    const conversation = await ws.host(memoryStore()).readConversation!();
    expect(conversation).toMatchObject({ source: 'quoted-history', fallbackReason: 'no-graph', truncated: false });
    expect(conversation.messages).toHaveLength(3);
    expect(conversation.messages[2]).toMatchObject({ from: 'Sandrine Morel', date: '2026-03-13T10:02:00+01:00' });
  });

  test('drafts and the document read neither attachments nor conversations', () => {
    const ws = new PreviewWorkspace();
    ws.select({ type: 'mail', id: 'brouillon-reponse' });
    expect(ws.host(memoryStore()).readConversation).toBeUndefined();
    ws.select({ type: 'document' });
    expect(ws.host(memoryStore()).readAttachment).toBeUndefined();
  });
});

test('like a pinned pane: an adapter whose mail is no longer selected refuses to reply or insert', async () => {
  const ws = new PreviewWorkspace();
  ws.select({ type: 'mail', id: 'patient-dossier' });
  const dossier = ws.host(memoryStore());
  expect(dossier.item).toMatchObject({ kind: 'mail', id: 'patient-dossier', label: 'Demande de copie de mon dossier médical' });
  ws.select({ type: 'mail', id: 'gestion-lits' });
  expect(dossier.isCurrent()).toBe(false);
  await expect(dossier.openReply('<p>Votre dossier</p>', { all: false })).rejects.toMatchObject({ code: 'item-changed' });
  expect(ws.getState().reply).toBeNull();

  ws.select({ type: 'mail', id: 'brouillon-reponse' });
  const draft = ws.host(memoryStore());
  expect(draft.item.kind).toBe('draft');
  ws.select({ type: 'document' });
  await expect(draft.insert({ markdown: 'x', html: '<p>x</p>', text: 'x' })).rejects.toMatchObject({ code: 'item-changed' });
  expect(ws.getState().drafts['brouillon-reponse']).not.toContain('<p>x</p>');

  ws.select({ type: 'mail', id: 'patient-dossier' });
  expect(dossier.isCurrent()).toBe(true);
  await dossier.openReply('<p>Votre dossier</p>', { all: false });
  expect(ws.getState().reply?.mailId).toBe('patient-dossier');
});
