/**
 * `.eml` (RFC 5322 / MIME) parsing with postal-mime, which runs in the browser and in Node. Broken MIME gives a
 * result when something readable is there, or a `MailParseError` with a message a person can act on; unknown
 * character sets are read anyway and reported in `warnings`. Never a hang: the input size is bounded and the
 * parse has a time limit.
 */
// Loaded on the first .eml read: the pane does not carry the MIME parser until it needs it.
import type PostalMime from 'postal-mime';
import type { MailAddress, ParsedMail } from './types';

/** A mail that cannot be read; `message` in English, `fr` in French. */
export class MailParseError extends Error {
  constructor(
    message: string,
    readonly fr: string = message,
  ) {
    super(message);
    this.name = 'MailParseError';
  }
}

export interface ParseEmlOptions {
  /** Refuse larger inputs (default 50 MB: far above any mail a server accepts). */
  maxBytes?: number;
  /** Give up after this long (default 20 s). */
  timeoutMs?: number;
}

type PostalAddress = PostalMime.Address;

function mailbox(a: PostalAddress | undefined): MailAddress | null {
  if (!a) return null;
  if (a.address !== undefined) return { name: a.name ?? '', address: a.address };
  const first = a.group?.[0];
  return first ? { name: first.name ?? '', address: first.address } : null;
}

function mailboxes(list: PostalAddress[] | undefined): MailAddress[] {
  const out: MailAddress[] = [];
  for (const a of list ?? []) {
    if (a.address !== undefined) out.push({ name: a.name ?? '', address: a.address });
    else for (const m of a.group ?? []) out.push({ name: m.name ?? '', address: m.address });
  }
  return out;
}

/** Charset labels a TextDecoder does not know (postal-mime then falls back; we say so). */
function unknownCharsets(head: string): string[] {
  const found = new Set<string>();
  const re = /charset\s*=\s*"?([A-Za-z0-9_.:+-]{1,40})/gi;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(head)) && n++ < 200) {
    const label = m[1];
    try {
      new TextDecoder(label);
    } catch {
      found.add(label);
    }
  }
  return [...found];
}

/**
 * Windows-1252 characters for the C1 control range. Node 20.18.3+ decodes `windows-1252` / `latin1` with an
 * ISO-8859-1 fast path (nodejs/node#56542, #60888), turning ’ € – œ … into invisible controls; browsers decode them
 * right. Real C1 controls never occur in mail text, so mapping them back is safe on every runtime.
 */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
export function repairC1(text: string): string {
  return /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]) : text;
}

export async function parseEml(raw: string | Uint8Array, options: ParseEmlOptions = {}): Promise<ParsedMail> {
  const maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
  const size = typeof raw === 'string' ? raw.length : raw.byteLength;
  if (size === 0) throw new MailParseError('the mail is empty', 'le message est vide');
  if (size > maxBytes) throw new MailParseError(
      `the mail is too large (${Math.round(size / 1048576)} MB, limit ${Math.round(maxBytes / 1048576)} MB)`,
      `le message est trop volumineux (${Math.round(size / 1048576)} Mo, limite ${Math.round(maxBytes / 1048576)} Mo)`,
    );
  const sample = typeof raw === 'string' ? raw.slice(0, 1 << 20) : new TextDecoder('latin1').decode(raw.subarray(0, 1 << 20));
  if (!/^[\x21-\x39\x3b-\x7e]+[ \t]*:/m.test(sample.slice(0, 4096))) {
    throw new MailParseError(
      'this is not a MIME mail (no header lines such as "From:" or "Subject:" at the start)',
      "ce n'est pas un message MIME (pas de lignes d'en-tête comme « From: » ou « Subject: » au début)",
    );
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MailParseError('reading the mail took too long: it is probably malformed', 'la lecture du message a pris trop de temps : il est probablement mal formé')), options.timeoutMs ?? 20000);
  });
  let email: PostalMime.Email;
  try {
    const { default: Parser } = await import('postal-mime');
    email = await Promise.race([Parser.parse(raw, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 64 }), timeout]);
  } catch (err) {
    if (err instanceof MailParseError) throw err;
    throw new MailParseError(`the mail cannot be read: ${err instanceof Error ? err.message : String(err)}`, `le message est illisible : ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
  const warnings: string[] = [];
  for (const label of unknownCharsets(sample)) warnings.push(`unknown character set "${label}": the text was read as UTF-8 and some letters may be wrong`);
  const replacement = (s: string | undefined): number => (s ? (s.match(/\uFFFD/g)?.length ?? 0) : 0);
  if (replacement(email.text) + replacement(email.html) > 0 && warnings.length === 0) warnings.push('some characters could not be decoded');
  if (!email.text && !email.html && email.attachments.length === 0) warnings.push('the mail has no readable body');
  return {
    subject: repairC1(email.subject ?? ''),
    from: mailbox(email.from),
    to: mailboxes(email.to),
    date: email.date ?? null,
    ...(email.html ? { html: repairC1(email.html) } : {}),
    ...(email.text ? { text: repairC1(email.text) } : {}),
    attachments: email.attachments.map((a) => {
      const content =
        typeof a.content === 'string' ? new TextEncoder().encode(a.content) : a.content instanceof Uint8Array ? a.content : new Uint8Array(a.content);
      return { filename: a.filename ?? 'attachment', mimeType: a.mimeType, size: content.byteLength, content };
    }),
    warnings,
  };
}
