/**
 * Reading back a conversation assembled by the mail core (`assembleThread`): each message opens with a header line
 * `[i/n] Sender <address> · date`. The offline engine summarizes such a text message by message and says who asked
 * what, instead of reading the headers as sentences.
 */

export interface ThreadMessage {
  /** 1-based position in the conversation. */
  index: number;
  /** Sender's display name (address removed), when the header has one. */
  from?: string;
  date?: string;
  text: string;
}

const HEADER = /^\[(\d{1,4})\/(\d{1,4})\][ \t]*(.*)$/;

/** The messages of an assembled thread, or null when the text is not one (fewer than two headers). */
export function splitThread(text: string): ThreadMessage[] | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const messages: ThreadMessage[] = [];
  let current: ThreadMessage | null = null;
  const body: string[] = [];
  const flush = () => {
    if (current) messages.push({ ...current, text: body.join('\n').trim() });
    body.length = 0;
  };
  for (const line of lines) {
    const m = HEADER.exec(line.trim());
    if (m) {
      flush();
      const [who, ...rest] = m[3].split(' · ');
      const from = who.replace(/<[^>]*>/g, '').replace(/["]/g, '').trim();
      current = { index: Number(m[1]), ...(from ? { from } : {}), ...(rest.length ? { date: rest.join(' · ').trim() } : {}), text: '' };
    } else if (current) body.push(line);
    else if (line.trim()) body.push(line); // text before the first header (a note from the assembler): kept with message 0
  }
  flush();
  return messages.length >= 2 ? messages : null;
}
