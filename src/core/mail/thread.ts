/**
 * Threads: rebuilding the conversation from the quoted history of one mail, and assembling a list of messages into
 * the text sent to the model — each message's own text once, condensed oldest first when over budget, and always
 * saying which messages were used, condensed or left out (never a silent cut).
 */
import { cleanMail } from './clean-mail';
import { cleanText, tidy } from './clean-text';
import { htmlToLines, htmlToText } from './html';
import { answersInOriginal } from './inline-original';
import { boundaryAt, fromDepthLines, isBlank, toLines } from './lines';
import type { AssembledThread, CleanedMail, MailBody, MailMessage } from './types';

interface Draft {
  depth: number;
  from?: string;
  date?: string;
  subject?: string;
  lines: string[];
}

export interface ThreadSource {
  html?: string;
  text?: string;
  /** Who sent the mail itself, when the caller knows (the quoted messages get theirs from the history). */
  from?: string;
  date?: string;
  subject?: string;
}

/**
 * Splits the quoted history of one mail into messages, oldest first, each with its own text (signatures and
 * disclaimers removed) and, when the history says so, its sender, date and subject.
 */
export function rebuildThread(source: ThreadSource): MailMessage[] {
  const lines = source.html && source.html.trim() ? fromDepthLines(htmlToLines(source.html)) : toLines(source.text ?? '');
  const drafts: Draft[] = [{ depth: 0, from: source.from, date: source.date, subject: source.subject, lines: [] }];
  // The message currently receiving lines at each quote depth (inline replies go back to the right one).
  // `open` keeps the depths on a stack so that closing deeper ones is amortised O(1) (50 000 nested quotes).
  const byDepth = new Map<number, number>([[0, 0]]);
  const depthStack: number[] = [0];
  const open = (depth: number, meta: Partial<Draft>): void => {
    drafts.push({ depth, lines: [], from: meta.from, date: meta.date, subject: meta.subject });
    while (depthStack.length && depthStack[depthStack.length - 1] > depth) byDepth.delete(depthStack.pop() as number);
    if (depthStack[depthStack.length - 1] !== depth) depthStack.push(depth);
    byDepth.set(depth, drafts.length - 1);
  };
  let lastTarget = 0;
  /** Lines the replier typed inside the original they answer: the mail's own (cleaned from the source), not the original's. */
  const answers = new Set<number>();
  let firstBoundary = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (answers.has(i)) continue;
    if (!isBlank(line.content)) {
      const b = boundaryAt(lines, i);
      if (b) {
        if (firstBoundary && line.depth === 0 && drafts[0].lines.some((l) => !isBlank(l))) {
          const found = answersInOriginal(lines, b, drafts[0].lines.join('\n'), { senderName: displayName(source.from) });
          if (found && !found.whole) found.inserted.forEach((x, k) => x && answers.add(b.end + k));
        }
        firstBoundary = false;
        let depth = line.depth;
        if (b.kind === 'attribution') {
          let j = b.end;
          while (j < lines.length && isBlank(lines[j].content)) j++;
          if (j < lines.length && lines[j].depth > depth) depth = lines[j].depth;
        }
        open(depth, b);
        lastTarget = drafts.length - 1;
        i = b.end - 1;
        continue;
      }
    }
    let target = byDepth.get(line.depth);
    if (target === undefined) {
      if (isBlank(line.content)) continue;
      open(line.depth, {});
      target = drafts.length - 1;
    }
    // Coming back to a message after lines went to another one: keep its paragraphs apart.
    if (target !== lastTarget && drafts[target].lines.length && !isBlank(drafts[target].lines[drafts[target].lines.length - 1])) drafts[target].lines.push('');
    lastTarget = target;
    drafts[target].lines.push(line.content);
  }
  const messages: MailMessage[] = [];
  for (let k = drafts.length - 1; k >= 0; k--) {
    const d = drafts[k];
    // The mail itself is cleaned exactly as the pane and `aide clean` clean it (inline answers keep the questions
    // they answer); the quoted messages from their own lines, their sender's name marking their signatures.
    const own = k === 0 ? cleanMail(source, { senderName: displayName(source.from) }).text : cleanText(d.lines.join('\n'), { senderName: displayName(d.from) }).text;
    if (!own) continue;
    messages.push({
      ...(d.from ? { from: d.from } : {}),
      ...(d.date ? { date: d.date } : {}),
      ...(d.subject ? { subject: d.subject } : {}),
      text: own,
    });
  }
  return messages;
}

/**
 * One message of a thread read from the server (Graph): its own part (`uniqueBody`) cleaned; when the whole body and
 * the earlier message are known too, the whole body read against the earlier message's full text, which finds
 * answers typed inside the quoted original (the lines the earlier message does not have) — used when it finds some.
 */
export function cleanThreadMessage(own: MailBody, options: { senderName?: string; whole?: MailBody; earlier?: MailBody } = {}): CleanedMail {
  const cleaned = cleanMail(own, { senderName: options.senderName });
  if (!options.whole || !options.earlier) return cleaned;
  const earlier = options.earlier.html && options.earlier.html.trim() ? htmlToText(options.earlier.html) : options.earlier.text ?? '';
  const whole = cleanMail(options.whole, { senderName: options.senderName, earlier: [earlier] });
  return whole.answersInOriginal ? whole : cleaned;
}

/** "Marie Dupont <m.dupont@chu.fr>" → "Marie Dupont"; a bare address gives nothing to match a signature on. */
function displayName(from: string | undefined): string | undefined {
  const name = from?.replace(/<[^>]*>/g, '').replace(/\[mailto:[^\]]*\]/gi, '').replace(/["']/g, '').trim();
  return name && !name.includes('@') ? name : undefined;
}

const normalize = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
const bareSubject = (s: string | undefined): string => normalize((s ?? '').replace(/^\s*(?:(?:re|tr|fw|fwd|rép|réf|aw|wg)\s*(?:\[\d+\])?\s*:\s*)+/i, ''));

/** The first sentences of `text`, at most `max` characters, marked as shortened. */
export function condense(text: string, max: number): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  if (max < 8) return '[…]';
  const cut = flat.slice(0, max - 4);
  const sentence = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('? '), cut.lastIndexOf('! '));
  const end = sentence > max * 0.4 ? sentence + 1 : cut.lastIndexOf(' ') > max * 0.5 ? cut.lastIndexOf(' ') : cut.length;
  return `${cut.slice(0, end).trim()} […]`;
}

export interface AssembleOptions {
  /** Upper bound on the characters of the assembled text (the model's context, minus the prompt). */
  budgetChars?: number;
  /** Condensed messages keep at most this many characters of their text (default 280). */
  condensedChars?: number;
}

/**
 * Messages (oldest first) to one text: exact repeats and paragraphs already said in an earlier message are dropped,
 * each message gets a one-line header. Over budget, the oldest messages are condensed first, then — only if the
 * condensed history still does not fit — the oldest are left out; the result lists which.
 */
export function assembleThread(messages: MailMessage[], options: AssembleOptions = {}): AssembledThread {
  const seenMessages = new Set<string>();
  const seenParagraphs = new Set<string>();
  const duplicates: number[] = [];
  const omitted: number[] = [];
  const kept: { index: number; header: string; text: string }[] = [];
  let lastSubject = '';
  const total = messages.length;
  messages.forEach((m, index) => {
    const whole = normalize(m.text ?? '');
    if (!whole) {
      omitted.push(index);
      return;
    }
    if (seenMessages.has(whole)) {
      duplicates.push(index);
      omitted.push(index);
      return;
    }
    seenMessages.add(whole);
    const paragraphs = tidy(m.text)
      .split(/\n\s*\n/)
      .filter((p) => {
        const key = normalize(p);
        // Short paragraphs ("Bonjour,", "Merci") repeat legitimately; only longer ones are history.
        if (key.length < 40) return true;
        if (seenParagraphs.has(key)) return false;
        seenParagraphs.add(key);
        return true;
      });
    const text = paragraphs.join('\n\n').trim();
    if (!text) {
      duplicates.push(index);
      omitted.push(index);
      return;
    }
    const subject = bareSubject(m.subject);
    const who = [m.from, m.date].filter(Boolean).join(' · ');
    const parts = `[${index + 1}/${total}]${who ? ' ' + who : ''}`;
    const header = subject && subject !== lastSubject ? `${parts}\n${m.subject?.trim()}` : parts;
    if (subject) lastSubject = subject;
    kept.push({ index, header, text });
  });

  const render = (blocks: { header: string; text: string }[], note: string): string =>
    (note ? note + '\n\n' : '') + blocks.map((b) => `${b.header}\n${b.text}`).join('\n\n');
  const blocks = kept.map((k) => ({ ...k }));
  const condensed: number[] = [];
  const budget = options.budgetChars;
  let note = '';
  if (budget !== undefined && budget > 0) {
    const per = options.condensedChars ?? 280;
    // Sizes are kept up to date instead of re-rendering, so a 500-message thread stays linear.
    const blockSize = (b: { header: string; text: string }): number => b.header.length + 1 + b.text.length;
    let size = blocks.reduce((n, b) => n + blockSize(b), 0) + Math.max(0, blocks.length - 1) * 2;
    const over = (): boolean => size + (note ? note.length + 2 : 0) > budget;
    // Oldest first, the newest last (it is what the user is answering).
    for (let k = 0; k < blocks.length && over(); k++) {
      const short = condense(blocks[k].text, per);
      if (short.length < blocks[k].text.length) {
        size -= blocks[k].text.length - short.length;
        blocks[k].text = short;
        condensed.push(blocks[k].index);
      }
    }
    // Still too long: leave out the oldest, and say so at the top of the text.
    let dropped = 0;
    let first = 0;
    while (blocks.length - first > 1 && over()) {
      const gone = blocks[first++];
      size -= blockSize(gone) + 2;
      omitted.push(gone.index);
      const at = condensed.indexOf(gone.index);
      if (at >= 0) condensed.splice(at, 1);
      dropped++;
      note = `[${dropped} earlier message(s) left out / ${dropped} message(s) plus ancien(s) non inclus]`;
    }
    blocks.splice(0, first);
    // One message alone over budget: shorten it to what is left.
    if (blocks.length === 1 && over()) {
      const room = Math.max(0, budget - render([{ header: blocks[0].header, text: '' }], note).length);
      blocks[0].text = condense(blocks[0].text, room);
      if (!condensed.includes(blocks[0].index)) condensed.push(blocks[0].index);
    }
  }
  omitted.sort((a, b) => a - b);
  return { text: render(blocks, note), used: blocks.map((b) => b.index), condensed: condensed.sort((a, b) => a - b), omitted, duplicates };
}
