/**
 * Text of a mail attachment, for summarizing it: PDF (pdfjs-dist), DOCX (mammoth), plain text, HTML and .eml.
 * Runs in the browser (the pane reads attachments with Office's getAttachmentContentAsync) and in Node.
 * Anything it cannot read gets a clear, translated reason instead of an exception.
 * pdf.js, mammoth and postal-mime are loaded when a file of their kind is first read (the pane does not carry them).
 */
import { htmlToText, parseEml } from '../mail';

export type AttachmentKind = 'pdf' | 'docx' | 'text' | 'html' | 'eml';

export interface AttachmentInput {
  filename: string;
  mimeType?: string;
  content: Uint8Array;
}

export type AttachmentFailure = 'unsupported' | 'too-large' | 'corrupt' | 'encrypted' | 'empty';

export type AttachmentText =
  | { ok: true; kind: AttachmentKind; text: string; pages?: number; truncated: boolean }
  | { ok: false; reason: AttachmentFailure; message: { fr: string; en: string } };

export interface ExtractOptions {
  /** Larger files are refused before parsing (default 25 MB: Outlook's own attachment limit). */
  maxBytes?: number;
  /** Longer text is cut (and says so) so that one attachment cannot blow the model's context. */
  maxChars?: number;
  /** Where pdf.js finds its worker in the browser (e.g. '/pdfjs/pdf.worker.mjs'); unused in Node. */
  pdfWorkerSrc?: string;
}

const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
const DEFAULT_MAX_CHARS = 400_000;

export function attachmentKind(filename: string, mimeType = ''): AttachmentKind | null {
  const ext = filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const mime = mimeType.toLowerCase();
  if (ext === 'pdf' || mime === 'application/pdf') return 'pdf';
  if (ext === 'docx' || mime === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return 'docx';
  if (ext === 'eml' || mime === 'message/rfc822') return 'eml';
  if (ext === 'html' || ext === 'htm' || mime === 'text/html') return 'html';
  if (['txt', 'csv', 'md', 'log', 'ics'].includes(ext) || mime.startsWith('text/')) return 'text';
  return null;
}

const failures: Record<AttachmentFailure, (name: string) => { fr: string; en: string }> = {
  unsupported: (n) => ({
    fr: `Aide ne sait pas lire « ${n} » : seuls les PDF, Word (.docx), textes, pages HTML et mails (.eml) sont pris en charge. Enregistrez-le en PDF ou en .docx.`,
    en: `Aide cannot read "${n}": only PDF, Word (.docx), text, HTML and mail (.eml) files are supported. Save it as PDF or .docx.`,
  }),
  'too-large': (n) => ({
    fr: `« ${n} » est trop volumineux pour être résumé ici.`,
    en: `"${n}" is too large to be summarized here.`,
  }),
  corrupt: (n) => ({
    fr: `« ${n} » semble endommagé ou n'est pas du type annoncé : il n'a pas pu être lu.`,
    en: `"${n}" seems damaged or is not of the type its name says: it could not be read.`,
  }),
  encrypted: (n) => ({
    fr: `« ${n} » est protégé par un mot de passe : ouvrez-le et copiez le texte utile dans le volet.`,
    en: `"${n}" is password-protected: open it and paste the useful text into the pane.`,
  }),
  empty: (n) => ({
    fr: `« ${n} » ne contient pas de texte lisible (document scanné ?). Aide ne fait pas de reconnaissance de caractères.`,
    en: `"${n}" holds no readable text (a scanned document?). Aide does not do character recognition.`,
  }),
};

function fail(reason: AttachmentFailure, filename: string): AttachmentText {
  return { ok: false, reason, message: failures[reason](filename) };
}

/**
 * What can be refused from the name, type and announced size alone, before the bytes are fetched (an image or a
 * 20 MB archive is not downloaded from the mailbox for nothing); null when the file is worth reading.
 */
export function precheckAttachment(file: { filename: string; mimeType?: string; size: number }, options: Pick<ExtractOptions, 'maxBytes'> = {}): AttachmentText | null {
  if (!attachmentKind(file.filename, file.mimeType)) return fail('unsupported', file.filename);
  if (file.size > (options.maxBytes ?? DEFAULT_MAX_BYTES)) return fail('too-large', file.filename);
  return null;
}

export async function extractAttachmentText(file: AttachmentInput, options: ExtractOptions = {}): Promise<AttachmentText> {
  const refused = precheckAttachment({ filename: file.filename, mimeType: file.mimeType, size: file.content.byteLength }, options);
  if (refused) return refused;
  const kind = attachmentKind(file.filename, file.mimeType) as AttachmentKind;
  let text: string;
  let pages: number | undefined;
  try {
    switch (kind) {
      case 'pdf': {
        const result = await pdfText(file.content, options.pdfWorkerSrc);
        if (result === 'encrypted') return fail('encrypted', file.filename);
        ({ text, pages } = result);
        break;
      }
      case 'docx':
        text = await docxText(file.content);
        break;
      case 'html':
        text = htmlToText(decodeText(file.content));
        break;
      case 'eml': {
        const mail = await parseEml(file.content);
        text = [mail.subject ? `Objet / Subject: ${mail.subject}` : '', mail.text ?? (mail.html ? htmlToText(mail.html) : '')].filter(Boolean).join('\n\n');
        break;
      }
      case 'text':
        text = decodeText(file.content);
        break;
    }
  } catch {
    return fail('corrupt', file.filename);
  }
  text = text.replace(/\r\n?/g, '\n').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  if (!text) return fail('empty', file.filename);
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const truncated = text.length > maxChars;
  return { ok: true, kind, text: truncated ? text.slice(0, maxChars) : text, pages, truncated };
}

/** UTF-8 when valid, else Windows-1252 (the usual legacy encoding of French text files). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

interface PdfTextItem {
  str?: string;
  hasEOL?: boolean;
}

async function pdfText(bytes: Uint8Array, workerSrc?: string): Promise<{ text: string; pages: number } | 'encrypted'> {
  // The legacy build carries the polyfills Node 20 and older browsers need.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  if (workerSrc && typeof window !== 'undefined') pdfjs.GlobalWorkerOptions.workerSrc = workerSrc;
  const task = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    if ((err as { name?: string }).name === 'PasswordException') return 'encrypted';
    throw err;
  }
  try {
    const parts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      parts.push((content.items as PdfTextItem[]).map((item) => (item.str ?? '') + (item.hasEOL ? '\n' : '')).join(''));
      page.cleanup();
    }
    return { text: parts.join('\n\n'), pages: doc.numPages };
  } finally {
    await doc.destroy();
  }
}

async function docxText(bytes: Uint8Array): Promise<string> {
  const mammoth = await import('mammoth');
  const lib = (mammoth as unknown as { default?: typeof mammoth }).default ?? mammoth;
  // mammoth takes a Node Buffer in Node and an ArrayBuffer in the browser.
  const input =
    typeof Buffer !== 'undefined'
      ? { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }
      : { arrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  const result = await lib.extractRawText(input as Parameters<typeof lib.extractRawText>[0]);
  return result.value;
}
