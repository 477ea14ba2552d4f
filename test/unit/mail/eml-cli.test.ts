/** `parseEml` on the French .eml fixtures, and the `aide clean` command (registered on its own commander program). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseEml } from '../../../src/core/mail';
import { detectFormat } from '../../../src/cli/commands/clean';
import { cleanCli } from './clean-cli';
import { CliError } from '../../../src/cli/io';

const FR = path.join(__dirname, '../../fixtures/mail/fr');
const firstFile = (re: RegExp): string => path.join(FR, fs.readdirSync(FR).filter((f) => re.test(f) && !f.endsWith('.expected.txt')).sort()[0]);

describe('parseEml', () => {
  it('reads a multipart Outlook mail: encoded subject, addresses, both bodies, the attachment', async () => {
    const mail = await parseEml(new Uint8Array(fs.readFileSync(firstFile(/^\d+-eml-outlook-.*\.eml$/))));
    expect(mail.subject.length).toBeGreaterThan(3);
    expect(mail.from?.address).toMatch(/@/);
    expect(mail.to[0].address).toMatch(/@/);
    expect(mail.date).toMatch(/^2024-/);
    expect(mail.html).toContain('divRplyFwdMsg');
    expect(mail.text).toContain('De :');
    expect(mail.attachments).toEqual([expect.objectContaining({ filename: 'document.pdf', mimeType: 'application/pdf' })]);
    expect(new TextDecoder().decode(mail.attachments[0].content.subarray(0, 5))).toBe('%PDF-');
    expect(mail.attachments[0].size).toBe(mail.attachments[0].content.byteLength);
  });
  it('decodes ISO-8859-1 and Windows-1252 bodies (’ and € included)', async () => {
    const latin = await parseEml(new Uint8Array(fs.readFileSync(firstFile(/-eml-latin1-.*\.eml$/))));
    expect(latin.text).toMatch(/[éèà]/);
    const cp = await parseEml(new Uint8Array(fs.readFileSync(path.join(FR, 'h16-eml-windows-1252.eml'))));
    expect(cp.text).toContain('s’élève');
    expect(cp.text).toContain('€');
    expect(cp.subject).toBe('Devis moniteurs – maintenance');
  });
});

describe('aide clean', () => {
  const cli = cleanCli();
  const run = cli.run;
  it('prints the visible new text of a text, an HTML and an .eml mail', async () => {
    for (const re of [/^\d+-outlook-fr-text-.*\.txt$/, /^\d+-gmail-html-.*\.html$/, /^\d+-eml-gmail-.*\.eml$/]) {
      const file = firstFile(re);
      cli.out = [];
      await run('clean', file);
      const expected = fs.readFileSync(file.replace(/\.(txt|html|eml)$/, '.expected.txt'), 'utf8');
      expect(cli.out.join('').replace(/\s+/g, ' ').trim()).toBe(expected.replace(/\s+/g, ' ').trim());
    }
  });
  it('--earlier: the message answered, so that answers typed inside its quoted original are kept', async () => {
    const dir = path.join(FR, '..', 'inline-original');
    const mail = path.join(dir, '08-fil-connu.txt');
    // Without it, the announced answers cannot be told from the questions: the original's body is kept whole.
    await run('clean', '--sender', 'Isabelle Leroy', mail);
    expect(cli.out.join('')).toContain('Les internes ont-ils reçu le tableau ?');
    cli.out = [];
    await run('clean', '--sender', 'Isabelle Leroy', '--earlier', path.join(dir, '08-fil-connu.earlier.txt'), mail);
    const expected = fs.readFileSync(path.join(dir, '08-fil-connu.expected.txt'), 'utf8');
    expect(cli.out.join('').replace(/\s+/g, ' ').trim()).toBe(expected.replace(/\s+/g, ' ').trim());
    expect(cli.out.join('')).not.toContain('Les internes ont-ils reçu le tableau ?');
    await expect(run('clean', '--earlier', '/nonexistent/earlier.eml', mail)).rejects.toThrow(/cannot read \/nonexistent\/earlier.eml/);
  });
  it('--json gives the text and the removed parts; --thread adds the rebuilt messages, oldest first', async () => {
    const dir = path.join(FR, 'threads/planning-bloc');
    await run('clean', '--json', '--thread', path.join(dir, '12.txt'));
    const json = JSON.parse(cli.out.join(''));
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    expect(json.format).toBe('text');
    expect(json.text).toBe(expected.messages[11].text);
    expect(json.removed.quoted).toContain('De :');
    expect(json.removed.signature.length).toBeGreaterThan(0);
    expect(json.messages).toHaveLength(12);
    expect(json.messages.map((m: { text: string }) => m.text)).toEqual(expected.messages.map((m: { text: string }) => m.text));
    expect(json.messages[0].from).toContain(expected.messages[0].from);
  });
  it('reads standard input with -, through the real `aide` entry point', () => {
    const tsx = path.join(__dirname, '../../../node_modules/.bin/tsx');
    const r = spawnSync(tsx, [path.join(__dirname, '../../../src/cli/index.ts'), 'clean', '-'], { input: 'Vu, merci.\n\nEnvoyé de mon iPhone\n\nLe 4 mars 2024 à 10:12, M <m@x.fr> a écrit :\n> Ancien\n', encoding: 'utf8', timeout: 240000 });
    expect(r.stdout).toBe('Vu, merci.\n');
    expect(r.status).toBe(0);
    const bad = spawnSync(tsx, [path.join(__dirname, '../../../src/cli/index.ts'), 'clean', '/nonexistent.eml'], { encoding: 'utf8', timeout: 240000 });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n').filter((l) => l.startsWith('aide:'))).toEqual(['aide: cannot read /nonexistent.eml: no such file / impossible de lire /nonexistent.eml : fichier introuvable']);
    // Not a budget: two cold tsx starts on a loaded machine; jest's own freeze guard, raised.
  }, 600000);
  it('unreadable input, empty input, a bad format or a broken .eml: one clear CliError', async () => {
    await expect(run('clean', '/nonexistent/mail.eml')).rejects.toThrow(new CliError('cannot read /nonexistent/mail.eml: no such file', 'impossible de lire /nonexistent/mail.eml : fichier introuvable'));
    const empty = path.join(os.tmpdir(), `aide-empty-${process.pid}.txt`);
    fs.writeFileSync(empty, '');
    await expect(run('clean', empty)).rejects.toThrow(/is empty \/ .* est vide$/);
    await expect(run('clean', '--format', 'pdf', empty)).rejects.toThrow(/--format must be one of auto, eml, html, text/);
    fs.writeFileSync(empty, 'pas un mail');
    await expect(run('clean', '--format', 'eml', empty)).rejects.toThrow(/not a MIME mail.* \/ .*ce n'est pas un message MIME/);
    fs.rmSync(empty);
  });
  it('detects the format from the extension, then from the content', () => {
    expect(detectFormat('a.eml', '')).toBe('eml');
    expect(detectFormat('-', 'Received: from x\r\nFrom: a@b\r\nSubject: s\r\n\r\nbody')).toBe('eml');
    expect(detectFormat('-', '<html><body>x</body></html>')).toBe('html');
    expect(detectFormat('-', '<div dir="ltr">Bonjour</div>')).toBe('html');
    expect(detectFormat('-', 'De : X\nEnvoyé : lundi\nBonjour')).toBe('text');
    expect(detectFormat('-', 'Bonjour,\nOn se voit à 14h.')).toBe('text');
  });
});
