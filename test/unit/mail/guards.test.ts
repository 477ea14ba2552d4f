/**
 * Huge and broken input must give a result or a clear message, never a freeze (issue 5, "Budgets"). No time budget
 * here (the machine may be loaded): huge inputs are checked for their result, and linear time is shown by running the
 * same work on inputs 8 times apart in size (scaling.ts). `npm run bench mail` prints the absolute times.
 */
import { assembleThread, cleanMail, htmlToText, MailParseError, parseEml, rebuildThread, type MailMessage, type ParsedMail } from '../../../src/core/mail';
import { growth, linearBound } from './scaling';

/** Not a budget: jest's own guard against a freeze, raised for 10 MB inputs on a loaded machine. */
const HANG_GUARD_MS = 300_000;

async function settle<T>(fn: () => T | Promise<T>): Promise<{ value: T }> {
  return { value: await fn() };
}

function outlookThread(n: number): string {
  // Message k quotes all the previous ones, as Outlook does: n headers in one mail.
  let body = '';
  for (let k = 1; k <= n; k++) {
    const own = `Message ${k} : le point ${k} du planning est validé.\n\nCordialement,\nPersonne ${k}\nPoste ${50000 + k}`;
    body = k === 1 ? own : `${own}\n\n________________________________\nDe : Personne ${k - 1} <p${k - 1}@chu.fr>\nEnvoyé : lundi 4 mars 2024 10:${String(k % 60).padStart(2, '0')}\nÀ : Personne ${k} <p${k}@chu.fr>\nObjet : RE: Planning\n\n${body}`;
  }
  return body;
}

function gmailThread(n: number): string {
  let html = '';
  for (let k = 1; k <= n; k++) {
    const own = `<div dir="ltr">Message ${k} : réponse numéro ${k}.</div>`;
    html = k === 1 ? own : `${own}<div class="gmail_quote"><div class="gmail_attr">Le lun. 4 mars 2024 à 10:12, P${k - 1} &lt;p${k - 1}@x.fr&gt; a écrit&nbsp;:</div><blockquote class="gmail_quote">${html}</blockquote></div>`;
  }
  return html;
}

describe('huge mails', () => {
  it('10 MB of HTML (Outlook markup, tables, a quoted history) is cleaned', async () => {
    const para = '<p class=MsoNormal>Le compte rendu de la réunion du service est disponible, avec les indicateurs du mois et les actions à mener.<o:p></o:p></p>\n<table><tr><td>Lits</td><td>32</td></tr></table>\n';
    const big = `<html><head><style>p{margin:0}</style></head><body><div>Réponse courte.</div><div id="divRplyFwdMsg"><b>De :</b> X</div>${para.repeat(Math.ceil((10 * 1024 * 1024) / para.length))}</body></html>`;
    expect(big.length).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    const { value } = await settle(() => cleanMail({ html: big }));
    expect(value.text).toBe('Réponse courte.');
    expect(value.removed.quoted.length).toBeGreaterThan(1_000_000);
    const plain = await settle(() => htmlToText(big));
    expect(plain.value.length).toBeGreaterThan(1_000_000);
  }, HANG_GUARD_MS);
  it('cleaning HTML grows linearly with its size', () => {
    const para = '<p class=MsoNormal>Le compte rendu de la réunion est disponible.<o:p></o:p></p><table><tr><td>Lits</td><td>32</td></tr></table>\n';
    const g = growth((n) => `<div>Réponse courte.</div><div id="divRplyFwdMsg"><b>De :</b> X</div>${para.repeat(n)}`, (html) => cleanMail({ html }), 2000);
    expect(g.ratio).toBeLessThan(linearBound(g));
  });
  it('a table row of thousands of cells grows linearly with its cells', () => {
    const g = growth((n) => `<table><tr>${'<td>cellule</td>'.repeat(n)}</tr></table>`, (html) => htmlToText(html), 2000);
    expect(g.ratio).toBeLessThan(linearBound(g));
  });
  it('10 MB of text in one line, and 10 MB of > markers, give a result', async () => {
    const trailing = 'Une ligne de texte.\n'.repeat(100_000) + '-----\n'.repeat(100_000) + 'Envoyé de mon iPhone\n'.repeat(50_000);
    for (const text of ['a'.repeat(10 * 1024 * 1024), 'Réponse.\n' + '>'.repeat(10 * 1024 * 1024), ('> ligne citée\n').repeat(700_000), trailing]) {
      expect(typeof cleanMail({ text }).text).toBe('string');
    }
  }, HANG_GUARD_MS);
  it.each([
    ['one long line', (n: number) => 'a'.repeat(n * 100)],
    ['a run of > markers', (n: number) => 'Réponse.\n' + '>'.repeat(n * 100)],
    ['quoted lines', (n: number) => '> ligne citée\n'.repeat(n * 8)],
    ['trailing decoration and taglines', (n: number) => 'Une ligne de texte.\n'.repeat(n) + '-----\n'.repeat(n) + 'Envoyé de mon iPhone\n'.repeat(n >> 1)],
  ])('cleaning text grows linearly: %s', (_name, make) => {
    const g = growth(make, (text) => cleanMail({ text }), 2500);
    expect(g.ratio).toBeLessThan(linearBound(g));
  });
  it('50 000 nested blockquotes and 100 000 nested divs do not explode', async () => {
    const deep = '<blockquote>x'.repeat(50_000) + '</blockquote>'.repeat(50_000);
    const a = await settle(() => htmlToText(deep));
    expect(a.value.length).toBeLessThan(50_000 * 80); // linear: capped prefixes
    const divs = '<div>'.repeat(100_000) + 'fond' + '</div>'.repeat(100_000);
    const b = await settle(() => cleanMail({ html: divs }));
    expect(b.value.text).toBe('fond');
    const c = await settle(() => rebuildThread({ html: deep }));
    // Nesting beyond 2 000 levels is flattened rather than fed to the parser (its stack is quadratic).
    expect(c.value.length).toBeLessThanOrEqual(2001);
    for (const html of ['<font>x'.repeat(300_000), '<a<a<a'.repeat(1_000_000)]) expect(typeof htmlToText(html)).toBe('string');
  });
  it.each([
    ['nested blockquotes', (n: number) => '<blockquote>x'.repeat(n) + '</blockquote>'.repeat(n)],
    ['unclosed font tags', (n: number) => '<font>x'.repeat(n)],
    ['broken tags', (n: number) => '<a<a<a'.repeat(n)],
  ])('HTML to text grows linearly: %s', (_name, make) => {
    const g = growth(make, (html) => htmlToText(html), 6000);
    expect(g.ratio).toBeLessThan(linearBound(g));
  });
});

describe('500-message threads', () => {
  it('an Outlook mail quoting 499 earlier messages: cleaned, rebuilt into 500 messages, assembled within budget', async () => {
    const mail = outlookThread(500);
    const cleaned = await settle(() => cleanMail({ text: mail }));
    expect(cleaned.value.text).toBe('Message 500 : le point 500 du planning est validé.');
    const rebuilt = await settle(() => rebuildThread({ text: mail }));
    expect(rebuilt.value).toHaveLength(500);
    expect(rebuilt.value[0].text).toBe('Message 1 : le point 1 du planning est validé.');
    expect(rebuilt.value[0].from).toBe('Personne 1 <p1@chu.fr>');
    const assembled = await settle(() => assembleThread(rebuilt.value, { budgetChars: 8000 }));
    expect(assembled.value.text.length).toBeLessThanOrEqual(8000);
    expect(assembled.value.used).toContain(499);
    expect(assembled.value.used.length + assembled.value.omitted.length).toBe(500);
  });
  it('cleaning and rebuilding a quoting thread grow linearly with its messages', () => {
    const clean = growth(outlookThread, (text) => cleanMail({ text }), 40);
    expect(clean.ratio).toBeLessThan(linearBound(clean));
    const rebuild = growth(outlookThread, (text) => rebuildThread({ text }), 40);
    expect(rebuild.ratio).toBeLessThan(linearBound(rebuild));
    const html = growth(gmailThread, (h) => rebuildThread({ html: h }), 40);
    expect(html.ratio).toBeLessThan(linearBound(html));
  });
  it('a Gmail HTML mail with 500 nested quotes', async () => {
    const html = gmailThread(500);
    const cleaned = await settle(() => cleanMail({ html }));
    expect(cleaned.value.text).toBe('Message 500 : réponse numéro 500.');
    const rebuilt = await settle(() => rebuildThread({ html }));
    expect(rebuilt.value).toHaveLength(500);
    expect(rebuilt.value[0].text).toBe('Message 1 : réponse numéro 1.');
  });
  it('assembling 500 messages (Graph path) without budget and with a tiny one', async () => {
    const msgs: MailMessage[] = Array.from({ length: 500 }, (_, i) => ({ from: `P${i}`, text: `Texte propre au message ${i}. `.repeat(20) }));
    const all = await settle(() => assembleThread(msgs));
    expect(all.value.used).toHaveLength(500);
    const tiny = await settle(() => assembleThread(msgs, { budgetChars: 2000 }));
    expect(tiny.value.text.length).toBeLessThanOrEqual(2000);
    expect(tiny.value.used).toContain(499);
  });
  it('assembling grows linearly with the number of messages', () => {
    const msgs = (n: number): MailMessage[] => Array.from({ length: n }, (_, i) => ({ from: `P${i}`, text: `Texte propre au message ${i}. `.repeat(20) }));
    const g = growth(msgs, (m) => assembleThread(m, { budgetChars: 2000 }), 250);
    expect(g.ratio).toBeLessThan(linearBound(g));
  });
});

describe('broken MIME and unknown charsets', () => {
  const head = 'From: A <a@chu.fr>\r\nTo: B <b@chu.fr>\r\nSubject: Test\r\nMIME-Version: 1.0\r\n';
  const cases: [string, string][] = [
    ['unterminated multipart', `${head}Content-Type: multipart/alternative; boundary="zz"\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\nBonjour, le texte est là.\r\n--zz\r\nContent-Type: text/html\r\n\r\n<p>Bonjour`],
    ['invalid base64', `${head}Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@ not base64 !!!! ====\r\n`],
    ['invalid quoted-printable', `${head}Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nBonjour =ZZ =\r\nfin =C3\r\n`],
    ['headers only', head],
    ['garbage after headers', `${head}\r\n${'\u0000\u00ff\u0001'.repeat(100000)}`],
    ['deeply nested multiparts', `${head}${Array.from({ length: 300 }, (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`).join('')}Content-Type: text/plain\r\n\r\nfond\r\n`],
  ];
  it.each(cases)('%s: a result or a MailParseError', async (_name, raw) => {
    const { value } = await settle(async (): Promise<ParsedMail | Error> => {
      try {
        return await parseEml(raw);
      } catch (err) {
        return err instanceof Error ? err : new Error(String(err));
      }
    });
    if (value instanceof Error) {
      expect(value).toBeInstanceOf(MailParseError);
      expect(value.message).toMatch(/^the mail/);
    } else {
      expect(typeof value.subject).toBe('string');
      // Whatever was read can be cleaned.
      expect(typeof cleanMail({ html: value.html, text: value.text }).text).toBe('string');
    }
  });
  it('an unknown charset is read anyway and reported', async () => {
    const raw = `${head}Content-Type: text/plain; charset="x-charset-inconnu"\r\nContent-Transfer-Encoding: 8bit\r\n\r\nBonjour, réunion à 14h.\r\n`;
    const mail = await parseEml(Buffer.from(raw, 'utf8'));
    expect(mail.text).toContain('Bonjour');
    expect(mail.warnings.join(' ')).toMatch(/unknown character set "x-charset-inconnu"/);
  });
  it('not a mail at all, empty, or too large: a clear MailParseError', async () => {
    await expect(parseEml('Juste une phrase, sans en-têtes.')).rejects.toThrow(/not a MIME mail/);
    await expect(parseEml('')).rejects.toThrow(/empty/);
    await expect(parseEml(head + '\r\n' + 'x'.repeat(2000), { maxBytes: 1000 })).rejects.toThrow(/too large/);
  });
});
