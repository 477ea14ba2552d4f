/**
 * `aide clean FILE|- [--json] [--thread] [--format auto|eml|html|text] [--sender NAME] [--earlier FILE]`: the visible new text of a mail (.eml MIME,
 * HTML or plain text) with quoted history, signature and disclaimer removed; with --thread, the conversation
 * rebuilt from the quoted history. Hidden HTML text (display:none, white on white, 1px…) is removed and counted (a note
 * on standard error; `hidden` in --json). Unreadable input or a bad argument: one clear line, exit 1.
 */
import type { Command } from 'commander';
import path from 'node:path';
import { CliError, inputName, printJson, readInputBytes } from '../io';
import { assembleThread, cleanMail, htmlToText, MailParseError, parseEml, rebuildThread, repairC1, type MailMessage } from '../../core/mail';

type Format = 'eml' | 'html' | 'text';
const FORMATS = ['auto', 'eml', 'html', 'text'] as const;

/** Decides what the bytes are: the extension first, then the content. */
export function detectFormat(file: string, head: string): Format {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.eml' || ext === '.msg822') return 'eml';
  if (ext === '.html' || ext === '.htm') return 'html';
  if (ext === '.txt') return 'text';
  const start = head.slice(0, 8192);
  // A MIME mail starts with header fields; at least two well-known ones before the first blank line.
  const headerPart = start.split(/\r?\n\r?\n/)[0] ?? '';
  const known = headerPart.match(/^(?:Received|From|To|Subject|Date|Message-ID|MIME-Version|Return-Path|Content-Type|Delivered-To|Reply-To|X-[\w-]+):/gim);
  if (known && known.length >= 2 && /^[\w-]+:/.test(start.trimStart())) return 'eml';
  if (/^\s*(?:<!doctype html|<html|<head|<body|<meta|<div|<p[\s>]|<table|<span)/i.test(start) || /<\/(?:p|div|body|html)>/i.test(start)) return 'html';
  return 'text';
}

/** Text from bytes: UTF-8, or the charset an HTML page declares, or Windows-1252 when UTF-8 clearly fails. */
export function decodeBytes(bytes: Uint8Array, format: Format): string {
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  if (format === 'html') {
    const declared = /<meta[^>]{0,200}charset\s*=\s*["']?([\w.:-]+)/i.exec(utf8.slice(0, 4096))?.[1];
    if (declared && !/^utf-?8$/i.test(declared)) {
      try {
        return repairC1(new TextDecoder(declared).decode(bytes));
      } catch {
        /* unknown label: fall through to UTF-8 */
      }
    }
  }
  const bad = (utf8.match(/\uFFFD/g) ?? []).length;
  return bad > 0 && bad > utf8.length / 1000 ? repairC1(new TextDecoder('windows-1252').decode(bytes)) : utf8;
}

/** "Marie Dupont <m.dupont@chu.fr>" → "Marie Dupont" (a bare address names no one). */
function senderOf(from: string | undefined): string | undefined {
  const name = from?.replace(/\s*<[^>]*>\s*$/, '').trim();
  return name && !name.includes('@') ? name : undefined;
}

interface CleanOptions {
  json?: boolean;
  thread?: boolean;
  format?: string;
  sender?: string;
  earlier?: string;
}

interface MailMeta {
  subject?: string;
  from?: string;
  date?: string;
  attachments?: { filename: string; mimeType: string; size: number }[];
  warnings?: string[];
}

/** Reads a mail file (or standard input): its format, its HTML / text bodies, and what an .eml says about it. */
async function readMail(file: string, wanted: Format | 'auto'): Promise<{ format: Format; body: { html?: string; text?: string }; meta: MailMeta }> {
  const bytes = readInputBytes(file);
  if (bytes.length === 0) throw new CliError(`${inputName(file).en} is empty`, `${inputName(file).fr} est vide`);
  const format: Format = wanted === 'auto' ? detectFormat(file, bytes.subarray(0, 8192).toString('utf8')) : (wanted as Format);

  let body: { html?: string; text?: string };
  let meta: MailMeta = {};
  if (format === 'eml') {
    try {
      const mail = await parseEml(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      body = { html: mail.html, text: mail.text };
      meta = {
        subject: mail.subject || undefined,
        from: mail.from ? (mail.from.name ? `${mail.from.name} <${mail.from.address}>` : mail.from.address) : undefined,
        date: mail.date ?? undefined,
        attachments: mail.attachments.map(({ filename, mimeType, size }) => ({ filename, mimeType, size })),
        warnings: mail.warnings,
      };
    } catch (err) {
      if (err instanceof MailParseError) throw new CliError(`${inputName(file).en}: ${err.message}`, `${inputName(file).fr} : ${err.fr}`);
      throw err;
    }
  } else {
    const text = decodeBytes(bytes, format);
    body = format === 'html' ? { html: text } : { text };
  }
  return { format, body, meta };
}

export function register(program: Command): void {
  program
    .command('clean')
    .description('print the visible new text of a mail (.eml, HTML or text): quoted history, signature and disclaimer removed')
    .argument('<file>', 'the mail file, or - for standard input')
    .option('--json', 'print JSON: text, removed parts, hidden text removed, (with --thread) the rebuilt messages')
    .option('--thread', 'rebuild the conversation from the quoted history, oldest message first')
    .option('--format <format>', `input format: ${FORMATS.join(', ')}`, 'auto')
    .option('--earlier <file>', 'the message it answers (.eml, HTML or text), when known: lines of the quoted original it does not have are answers typed inside it, and kept')
    .option('--sender <name>', "the sender's display name (default: the .eml From name): a block starting with it is the signature")
    .action(async (file: string, options: CleanOptions) => {
      const wanted = options.format ?? 'auto';
      if (!(FORMATS as readonly string[]).includes(wanted)) throw new CliError(`--format must be one of ${FORMATS.join(', ')} (got "${wanted}")`, `--format doit valoir ${FORMATS.join(', ')} (reçu « ${wanted} »)`);
      const { format, body, meta } = await readMail(file, wanted as Format | 'auto');
      // The message answered, when known: lines of its quoted original it does not have are answers typed inside.
      let earlier: string[] | undefined;
      if (options.earlier) {
        const previous = await readMail(options.earlier, 'auto');
        earlier = [previous.body.html !== undefined && previous.body.html.trim() ? htmlToText(previous.body.html) : previous.body.text ?? ''];
      }

      const senderName = options.sender ?? (format === 'eml' ? senderOf(meta.from) : undefined);
      const cleaned = cleanMail(body, { senderName, ...(earlier ? { earlier } : {}) });
      let messages: MailMessage[] | undefined;
      if (options.thread) messages = rebuildThread({ ...body, from: meta.from ?? options.sender, date: meta.date, subject: meta.subject });
      for (const w of meta.warnings ?? []) process.stderr.write(`aide: warning: ${w}\n`);
      if (cleaned.hidden.chars > 0)
        process.stderr.write(`aide: hidden text removed from the message (${cleaned.hidden.chars} characters) / texte masqué retiré du message (${cleaned.hidden.chars} caractères)\n`);

      if (options.json) {
        printJson({
          format,
          ...(meta.subject !== undefined ? { subject: meta.subject } : {}),
          ...(meta.from !== undefined ? { from: meta.from } : {}),
          ...(meta.date !== undefined ? { date: meta.date } : {}),
          text: cleaned.text,
          removed: cleaned.removed,
          hidden: cleaned.hidden,
          ...(meta.attachments ? { attachments: meta.attachments } : {}),
          ...(meta.warnings?.length ? { warnings: meta.warnings } : {}),
          ...(messages ? { messages } : {}),
        });
        return;
      }
      if (messages) process.stdout.write(assembleThread(messages).text + '\n');
      else process.stdout.write(cleaned.text + '\n');
    });
}
