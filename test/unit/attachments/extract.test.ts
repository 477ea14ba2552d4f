import { attachmentKind, extractAttachmentText } from '../../../src/core/attachments/extract';
import { makeDocx, makePdf } from '../../helpers/documents';

const utf8 = (s: string) => new TextEncoder().encode(s);

test('kinds are recognised by extension or MIME type', () => {
  expect(attachmentKind('CR CREX.PDF')).toBe('pdf');
  expect(attachmentKind('x', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('docx');
  expect(attachmentKind('planning.xlsx')).toBeNull();
});

test('PDF text is extracted page by page', async () => {
  const pdf = makePdf(['Compte rendu du CREX du 12 mars', 'Pompe a perfusion : alarme occlusion non declenchee']);
  const result = await extractAttachmentText({ filename: 'crex.pdf', content: pdf });
  expect(result).toMatchObject({ ok: true, kind: 'pdf', pages: 1 });
  if (result.ok) {
    expect(result.text).toContain('Compte rendu du CREX du 12 mars');
    expect(result.text).toContain('alarme occlusion');
  }
});

test('DOCX text is extracted with mammoth', async () => {
  const docx = await makeDocx(['Note de service n° 2026-14', 'Objet : fermeture temporaire du parking P2.']);
  const result = await extractAttachmentText({ filename: 'note.docx', content: docx });
  expect(result.ok && result.text).toContain('fermeture temporaire du parking P2');
});

test('legacy Windows-1252 text files are decoded', async () => {
  const latin = new Uint8Array([0x52, 0xe9, 0x75, 0x6e, 0x69, 0x6f, 0x6e]); // "Réunion" in cp1252
  const result = await extractAttachmentText({ filename: 'cr.txt', content: latin });
  expect(result.ok && result.text).toBe('Réunion');
});

test('unsupported, damaged, empty and huge files give a clear, translated reason', async () => {
  const xlsx = await extractAttachmentText({ filename: 'planning.xlsx', content: utf8('PK') });
  expect(xlsx).toMatchObject({ ok: false, reason: 'unsupported' });
  if (!xlsx.ok) {
    expect(xlsx.message.fr).toContain('planning.xlsx');
    expect(xlsx.message.en).toContain('only PDF');
  }
  expect(await extractAttachmentText({ filename: 'scan.pdf', content: utf8('%PDF-1.4 garbage') })).toMatchObject({ ok: false, reason: 'corrupt' });
  expect(await extractAttachmentText({ filename: 'x.docx', content: utf8('not a zip') })).toMatchObject({ ok: false, reason: 'corrupt' });
  expect(await extractAttachmentText({ filename: 'vide.txt', content: utf8('  \n ') })).toMatchObject({ ok: false, reason: 'empty' });
  expect(await extractAttachmentText({ filename: 'big.txt', content: new Uint8Array(11) }, { maxBytes: 10 })).toMatchObject({ ok: false, reason: 'too-large' });
});

test('very long text is cut and says so', async () => {
  const result = await extractAttachmentText({ filename: 'long.txt', content: utf8('a'.repeat(1000)) }, { maxChars: 100 });
  expect(result).toMatchObject({ ok: true, truncated: true });
  expect(result.ok && result.text.length).toBe(100);
});
