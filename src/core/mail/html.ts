/**
 * HTML mail to text with a real HTML parser (htmlparser2, streaming: no DOM tree, no recursion, so 10 MB of HTML or
 * 10 000 nested blockquotes cost time and memory proportional to the input).
 *
 * Paragraphs, line breaks, lists and table rows become lines; links keep their text; head, style and script are
 * dropped; `<blockquote>` becomes `>`-quoted lines, the way mail clients write quoted text in plain-text mail.
 * In "clean" mode the containers clients use for quoted history and signatures are set aside instead:
 * Gmail `.gmail_quote`, Apple/Thunderbird `blockquote[type=cite]` and `.moz-cite-prefix`, Outlook `#divRplyFwdMsg`
 * / `#appendonsend` / the header `div` with a top border (and everything after them: Outlook puts the history at
 * the end), Yahoo `.yahoo_quoted`; signatures `.gmail_signature`, `.moz-signature`, `#Signature`.
 */
import { Parser } from 'htmlparser2';
import type { HiddenText } from './types';
import { announcesAnswers } from './inline-original';
import { isAttribution } from './patterns';
import { DEFAULT_STATE, hiddenBy, inherit, inheritedFrom, invisibleBy, StyleRules, type TextState } from './hidden';

export interface HtmlText {
  text: string;
  /** Text of the quoted-history containers set aside (clean mode). */
  quoted: string;
  /** Text of the signature containers set aside (clean mode). */
  signature: string;
  /** Hidden text, removed in both modes (see hidden.ts for the techniques). */
  hidden: HiddenText;
  /**
   * Clean mode, after an Outlook history container: that history as text (also in `quoted`), and its lines drawn as
   * typed by the replier (another colour than the original's: the replier's own, or any when the reply announces
   * answers in the text), for the text rules to keep as answers (inline-original.ts).
   */
  original?: { text: string; answers: string[] };
}

const MAX_FRAGMENTS = 100;
const MAX_FRAGMENT_CHARS = 2000;

/** Collects hidden text: consecutive hidden runs form one fragment, visible text or the end of a hidden element closes it. */
class HiddenSink {
  chars = 0;
  fragments: string[] = [];
  private cur = '';
  add(s: string): void {
    if (this.cur.length < MAX_FRAGMENT_CHARS * 2) this.cur += s;
    else this.chars += s.replace(/\s+/g, ' ').length;
  }
  flush(): void {
    const text = this.cur.replace(/[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]+/g, ' ').trim();
    this.cur = '';
    if (!text) return;
    this.push(text);
  }
  push(text: string): void {
    this.chars += text.length;
    if (this.fragments.length < MAX_FRAGMENTS) this.fragments.push(text.slice(0, MAX_FRAGMENT_CHARS));
  }
  result(): HiddenText {
    this.flush();
    return { chars: this.chars, fragments: this.fragments };
  }
}

const SKIP = new Set(['head', 'style', 'script', 'title', 'noscript', 'template', 'xml', 'svg', 'object', 'iframe', 'select', 'button']);
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'dl', 'pre', 'address', 'figure', 'fieldset']);
const BLOCK = new Set([
  'div', 'section', 'article', 'header', 'footer', 'main', 'nav', 'aside', 'center', 'form', 'tr', 'li', 'dt', 'dd',
  'tbody', 'thead', 'tfoot', 'caption', 'figcaption', 'hr', 'details', 'summary', 'blockquote', 'body', 'html',
]);

const MAX_PREFIX = 32;
/** Colours are recorded for the first lines only (answers typed in an original are near its top). */
const MAX_COLOR_LINES = 3000;

export interface LineOut {
  depth: number;
  text: string;
  /** Letters drawn in each colour ("r,g,b"; "link" for link text), when the sink records colours. */
  colors?: Map<string, number>;
}

/** Accumulates lines; `depth` is the blockquote nesting at the time a line is written. */
class Sink {
  lines: LineOut[] = [];
  cur = '';
  /** The current line ends with a space: tracked, as `cur.endsWith(' ')` would flatten the line (a rope of appended
   * pieces) at every piece, quadratic on a line of thousands of pieces (a mail nested deeper than limitNesting). */
  private endsSpace = false;
  /** The line has a character other than white space, and the last such character: for the same reason, a table
   * row of thousands of cells must not trim its growing line at each cell. */
  hasText = false;
  lastNonSpace = 0;
  curDepth = 0;
  needBlank = false;
  /** Record the colour of each letter (the main text and Outlook's history, for answers typed inside it). */
  constructor(private readonly recordColors = false) {}
  private colors: Map<string, number> | null = null;

  text(s: string, depth: number, pre: boolean, color?: string): void {
    if (!pre) {
      s = s.replace(/[\s\u00a0]+/g, ' ');
      if (this.cur === '') s = s.replace(/^ +/, '');
      else if (this.endsSpace && s.charCodeAt(0) === 32) s = s.slice(1);
    }
    if (s === '') return;
    if (this.cur === '') {
      if (this.needBlank && this.lines.length && this.lines[this.lines.length - 1].text.trim() !== '') this.lines.push({ depth: Math.min(depth, this.lastDepth()), text: '' });
      this.needBlank = false;
      this.curDepth = depth;
    }
    this.cur += s;
    this.endsSpace = s.charCodeAt(s.length - 1) === 32;
    const visible = s.trimEnd();
    if (visible !== '') {
      this.hasText = true;
      this.lastNonSpace = visible.charCodeAt(visible.length - 1);
    }
    if (this.recordColors && color && this.lines.length < MAX_COLOR_LINES) {
      const letters = s.match(/\p{L}/gu)?.length ?? 0;
      if (letters) {
        this.colors ??= new Map();
        this.colors.set(color, (this.colors.get(color) ?? 0) + letters);
      }
    }
  }
  private push(line: LineOut): void {
    if (this.colors) {
      line.colors = this.colors;
      this.colors = null;
    }
    this.lines.push(line);
  }
  lastDepth(): number {
    return this.lines.length ? this.lines[this.lines.length - 1].depth : 0;
  }
  /** End the current line if it has text (block boundaries). */
  soft(): void {
    if (this.hasText) this.push({ depth: this.curDepth, text: this.cur.trimEnd() });
    this.newLine();
  }
  private newLine(): void {
    this.cur = '';
    this.hasText = false;
  }
  /** `<br>`: end the line even when empty, so that two `<br>` make a blank line. */
  hard(depth: number): void {
    if (this.cur === '') this.curDepth = depth;
    this.push({ depth: this.curDepth, text: this.cur.trimEnd() });
    this.newLine();
    this.needBlank = false;
  }
  paragraph(): void {
    this.soft();
    this.needBlank = true;
  }
  render(): string {
    this.soft();
    const out: string[] = [];
    // The prefix is capped: 50 000 nested blockquotes must not turn into 10^9 '>' characters. Thread rebuilding
    // reads the exact depth from `htmlToLines` instead.
    for (const l of this.lines) out.push(l.depth > 0 ? `${'>'.repeat(Math.min(l.depth, MAX_PREFIX))}${l.text ? ' ' + l.text : ''}` : l.text);
    return out
      .join('\n')
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

/** `cut`: what follows an Outlook history container (the history itself, and answers typed in it). */
type Route = 'main' | 'quoted' | 'signature' | 'cut';

interface Open {
  name: string;
  route: Route | null;
  skip: boolean;
  quote: boolean;
  /** Inherited text state (colour, background, size, visibility) inside this element. */
  state: TextState;
  /** This element hides everything inside it (display:none…). */
  hides?: boolean;
  list?: { ordered: boolean; n: number };
  /** Outlook desktop `p.MsoNormal`: lines written before it opened, so that an empty one becomes a blank line. */
  mso?: number;
  /** A quote container routed aside: the blockquote depth where it opened, and whether it is the header line's. */
  container?: { quoteDepth: number; attribution: boolean; quotesInside: number };
  /** The reply header's own element (`.gmail_attr`). */
  attribution?: boolean;
  link?: boolean;
}

/** Gmail's `.gmail_attr` and Thunderbird's `.moz-cite-prefix` hold the reply header, not an answer. */
function isAttributionContainer(attribs: Record<string, string>): boolean {
  const cls = classes(attribs).map((c) => c.replace(/^x_/, ''));
  return cls.includes('gmail_attr') || cls.includes('moz-cite-prefix');
}

function classes(attribs: Record<string, string>): string[] {
  return (attribs.class ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** What a container means in clean mode: 'cut' (it and everything after is history), 'quoted', 'signature'. */
function classify(name: string, attribs: Record<string, string>): 'cut' | 'quoted' | 'signature' | null {
  const id = (attribs.id ?? '').toLowerCase().replace(/^x_/, '');
  const cls = classes(attribs).map((c) => c.replace(/^x_/, ''));
  if (id === 'divrplyfwdmsg' || id === 'appendonsend' || id === 'olk_src_body_section' || id === 'mail-editor-reference-message-container') return 'cut';
  if (cls.includes('outlookmessageheader') || cls.includes('yahoo_quoted') || id === 'yahoo_quoted') return 'cut';
  if (name === 'div' && /border-top\s*:\s*solid\s+#(?:e1e1e1|b5c4df)/i.test(attribs.style ?? '')) return 'cut';
  if (cls.includes('gmail_quote') || cls.includes('gmail_quote_container') || cls.includes('moz-cite-prefix') || cls.includes('protonmail_quote')) return 'quoted';
  if (name === 'blockquote' && (attribs.type ?? '').toLowerCase() === 'cite') return 'quoted';
  if (cls.includes('gmail_signature') || cls.includes('moz-signature') || id === 'signature' || attribs['data-smartmail'] === 'gmail_signature') return 'signature';
  return null;
}

/**
 * `clean: false` (default): the whole mail as text, blockquotes as `>` lines (used to rebuild threads).
 * `clean: true`: quoted history and signature containers set aside into `quoted` / `signature`.
 */
export function htmlToTextDetailed(html: string, options: { clean?: boolean } = {}): HtmlText {
  let parsed = parseHtml(html, options.clean === true ? 'clean' : 'plain');
  const inlineReply = parsed.inline;
  // Answers written between the quotes of a client's quote container (Gmail's .gmail_quote, Apple's and
  // Thunderbird's cite blockquotes): an inline reply. Read again with the quotes as `>` lines in the text, so that the
  // text rules keep the answered quotes with their answers, as in a plain-text inline reply (the same choice in the
  // pane, `aide clean` and the thread builder).
  if (parsed.inline) parsed = parseHtml(html, 'inline');
  const { sinks, hidden } = parsed;
  if (inlineReply) unquoteOwnAttributions(sinks.main.lines);
  const text = sinks.main.render();
  const cutText = sinks.cut.render();
  const quoted = [sinks.quoted.render(), cutText].filter(Boolean).join('\n\n');
  const out: HtmlText = { text, quoted, signature: sinks.signature.render(), hidden };
  if (cutText) out.original = { text: cutText, answers: colouredAnswers(sinks.main.lines, sinks.cut.lines, announcesAnswers(text)) };
  return out;
}

/**
 * Apple Mail writes the reply header inside the quote it introduces (`<blockquote type=cite><div>Le … a écrit :`):
 * shown with the answers, it is the header above the quote, as in a text inline reply.
 */
function unquoteOwnAttributions(lines: LineOut[]): void {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.depth === 0 || l.text.length > 450 || !isAttribution(l.text.trim())) continue;
    let p = i - 1;
    while (p >= 0 && lines[p].text.trim() === '') p--;
    let n = i + 1;
    while (n < lines.length && lines[n].text.trim() === '') n++;
    const before = p >= 0 ? lines[p].depth : 0;
    if (before < l.depth && n < lines.length && lines[n].depth === l.depth) {
      l.depth = before;
      // The blank lines between it and its quote separate them, outside the quote.
      for (let k = i + 1; k < n; k++) lines[k].depth = before;
    }
  }
}

const rgb = (key: string): [number, number, number] | null => {
  const m = /^(\d+),(\d+),(\d+)$/.exec(key);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
};
const distance = (a: [number, number, number], b: [number, number, number]): number => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
/** Colours closer than this are the same ink (#1F497D and rgb(31,73,125); black and #222). */
const SAME_INK = 60;

/** Letters per colour over lines (links left out), and the dominant colour: the main ink of most lines. */
function inks(lines: LineOut[]): { total: number; by: Map<string, number>; dominant: string | null } {
  const by = new Map<string, number>();
  const byLine = new Map<string, number>();
  let total = 0;
  for (const l of lines) {
    let top: string | null = null;
    for (const [c, n] of l.colors ?? []) {
      if (c === 'link') continue;
      by.set(c, (by.get(c) ?? 0) + n);
      total += n;
      if (top === null || n > (l.colors?.get(top) ?? 0)) top = c;
    }
    // By lines, not letters: a long grey notice under every quoted message does not make grey the original's ink.
    if (top !== null) byLine.set(top, (byLine.get(top) ?? 0) + 1);
  }
  let dominant: string | null = null;
  for (const [c, n] of byLine) if (dominant === null || n > (byLine.get(dominant) ?? 0)) dominant = c;
  return { total, by, dominant };
}

/**
 * Lines of the history drawn in another ink than the original's: in an ink of the reply above (the replier's own
 * colour), or in any other ink when the reply announces answers in the text. A line counts when at least a fifth of
 * its letters (and two letters) are in such an ink: an answer typed at the end of a question's line keeps the line.
 */
function colouredAnswers(main: LineOut[], history: LineOut[], announced: boolean): string[] {
  const original = inks(history);
  const base = original.dominant ? rgb(original.dominant) : null;
  if (!base) return [];
  const reply = inks(main);
  const replyInks = [...reply.by]
    .filter(([, n]) => n >= reply.total * 0.15)
    .map(([c]) => rgb(c))
    .filter((c): c is [number, number, number] => c !== null && distance(c, base) > SAME_INK);
  if (!replyInks.length && !announced) return [];
  const out: string[] = [];
  for (const l of history) {
    if (!l.colors) continue;
    let all = 0;
    let typed = 0;
    for (const [c, n] of l.colors) {
      if (c === 'link') continue;
      all += n;
      const ink = rgb(c);
      if (!ink || distance(ink, base) <= SAME_INK) continue;
      if (announced || replyInks.some((r) => distance(r, ink) <= SAME_INK)) typed += n;
    }
    if (typed >= 2 && typed >= all * 0.2) out.push(l.text.replace(/\s+/g, ' ').trim());
  }
  return out;
}

/** The lines of an HTML mail with their exact blockquote depth (for thread rebuilding). */
export function htmlToLines(html: string): LineOut[] {
  const main = parseHtml(html, 'plain').sinks.main;
  main.soft();
  return main.lines;
}

const VOID_TAGS = new Set(['br', 'hr', 'img', 'meta', 'link', 'input', 'area', 'base', 'col', 'embed', 'param', 'source', 'track', 'wbr']);
/** Deeper than this, tags are dropped (their text kept): no real mail nests 2 000 elements. */
const MAX_NESTING = 2000;

/**
 * htmlparser2 keeps its open-element stack with `unshift`, so 100 000 unclosed or nested tags cost quadratic
 * time inside the library. A linear pre-pass counts nesting (approximately: it is a guard, not a parser) and,
 * only when it exceeds MAX_NESTING, drops the tags beyond that depth. `[^<>]` bounds each match by the next `<`,
 * so the scan stays linear even on garbage such as "<a<a<a…".
 */
export function limitNesting(html: string, max = MAX_NESTING): string {
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]{0,40})(?:[\s/][^<>]{0,4000})?>/g;
  let depth = 0;
  let deepest = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const name = m[2].toLowerCase();
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!VOID_TAGS.has(name) && !m[0].endsWith('/>')) deepest = Math.max(deepest, ++depth);
  }
  if (deepest <= max) return html;
  const parts: string[] = [];
  let last = 0;
  depth = 0;
  re.lastIndex = 0;
  while ((m = re.exec(html))) {
    const name = m[2].toLowerCase();
    let keep = true;
    if (m[1]) {
      keep = depth <= max;
      depth = Math.max(0, depth - 1);
    } else if (!VOID_TAGS.has(name) && !m[0].endsWith('/>')) keep = ++depth <= max;
    if (!keep) {
      parts.push(html.slice(last, m.index));
      last = m.index + m[0].length;
    }
  }
  parts.push(html.slice(last));
  return parts.join('');
}

/**
 * `plain`: everything as text; `clean`: quoted-history and signature containers set aside; `inline`: as clean, but
 * quote containers stay in the text as `>` lines (an inline reply). `inline` in the result: answers were met between
 * the quotes of a quote container.
 */
function parseHtml(html: string, mode: 'plain' | 'clean' | 'inline'): { sinks: Record<Route, Sink>; hidden: HiddenText; inline: boolean } {
  const clean = mode !== 'plain';
  let inline = false;
  /** Quote containers met so far that were closed (visible text after them in the main text is an answer). */
  let quotesClosed = 0;
  const sinks: Record<Route, Sink> = { main: new Sink(clean), quoted: new Sink(), signature: new Sink(), cut: new Sink(clean) };
  const stack: Open[] = [];
  const hidden = new HiddenSink();
  const rules = new StyleRules();
  let styleText: string | null = null;
  /** Elements open that hide all they contain. */
  let hideDepth = 0;
  const stateNow = (): TextState => (stack.length ? stack[stack.length - 1].state : DEFAULT_STATE);
  let skipDepth = 0;
  let quoteDepth = 0;
  let preDepth = 0;
  let cut = false;

  const route = (): Route => {
    if (cut) return 'cut';
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i].route) return stack[i].route as Route;
    return 'main';
  };
  /**
   * Visible text here is an answer between quotes: in the main text after a quote container closed, or inside a
   * container that is not a blockquote (Gmail's div) at its own depth, outside its header and its blockquotes.
   */
  const answersBetweenQuotes = (): boolean => {
    let container: Open | undefined;
    for (let i = stack.length - 1; i >= 0; i--) {
      if (stack[i].route === 'signature') return false;
      if (stack[i].container) {
        container = stack[i];
        break;
      }
    }
    if (!container) return quotesClosed > 0 && current === 'main';
    const info = container.container as { quoteDepth: number; attribution: boolean; quotesInside: number };
    // Text before the container's first blockquote is its header or a forwarded message, not an answer.
    if (info.attribution || container.name === 'blockquote' || quoteDepth !== info.quoteDepth || info.quotesInside === 0) return false;
    // Inside the container but also inside its header line (a nested .gmail_attr)?
    for (let i = stack.length - 1; i >= 0 && stack[i] !== container; i--) if (stack[i].attribution) return false;
    return true;
  };
  /** Links are drawn in the link colour whoever wrote them: their letters say nothing of who typed them. */
  let linkDepth = 0;
  const colorKey = (): string => {
    if (linkDepth > 0) return 'link';
    const c = stateNow().color;
    return `${Math.round(c.r)},${Math.round(c.g)},${Math.round(c.b)}`;
  };
  // Routing is looked up often; cache it and refresh only when the stack changes a routed element.
  let current: Route = 'main';
  const sink = (): Sink => sinks[current];
  const lists: { ordered: boolean; n: number }[] = [];
  /**
   * Images carry no text worth sending (alt is often "cid:image001.png" or "Logo"), but a long description is
   * text the reader does not see when the image shows: counted as hidden, never sent.
   */
  const imageText = (attribs: Record<string, string>): void => {
    const alt = (attribs.alt ?? '').replace(/\s+/g, ' ').trim();
    if (alt.split(' ').length >= 4) {
      hidden.flush();
      hidden.push(alt);
    }
  };

  const parser = new Parser(
    {
      oncomment(data) {
        // Outside head/style: comments in the body are text no reader sees. Conditional comments are markup.
        if (skipDepth > 0 || /^\s*\[(?:if|endif)/i.test(data) || !/\p{L}/u.test(data)) return;
        hidden.flush();
        hidden.push(data.replace(/\s+/g, ' ').trim());
      },
      onopentag(rawName, attribs) {
        const name = rawName.toLowerCase();
        const parentState = stateNow();
        const open: Open = { name, route: null, skip: false, quote: false, state: parentState };
        if (skipDepth > 0 || SKIP.has(name)) {
          if (name === 'style' && styleText === null) styleText = '';
          open.skip = true;
          skipDepth++;
          stack.push(open);
          return;
        }
        if (BLOCK.has(name) || PARAGRAPH.has(name) || name === 'br' || name === 'td') hidden.add(' ');
        const decl = rules.declarations(name, attribs);
        open.state = inherit(parentState, inheritedFrom(name, decl, attribs));
        if (hideDepth === 0 && hiddenBy(decl, attribs)) {
          hidden.flush();
          open.hides = true;
        }
        if (open.hides || hideDepth > 0) {
          // Nothing inside is shown: no line, no list marker, and no container that would route the visible text
          // (a hidden fake "divRplyFwdMsg" must not turn the real message into quoted history).
          if (open.hides) hideDepth++;
          if (name === 'img') imageText(attribs);
          stack.push(open);
          return;
        }
        if (clean) {
          if (attribs.class && isAttributionContainer(attribs)) open.attribution = true;
          const kind = classify(name, attribs);
          if (kind === 'cut') {
            sink().soft();
            cut = true;
          } else if (kind === 'quoted' && mode === 'inline') {
            // Kept in the text; a quote container that is not a blockquote (Gmail's div) adds no depth.
          } else if (kind) {
            sink().soft();
            open.route = kind;
            if (kind === 'quoted') {
              open.container = { quoteDepth, attribution: isAttributionContainer(attribs), quotesInside: 0 };
            }
          }
        }
        if (name === 'a' && attribs.href !== undefined) {
          open.link = true;
          linkDepth++;
        }
        stack.push(open);
        if (open.route) current = route();
        if (cut) current = 'cut';
        const out = sink();
        if (name === 'blockquote') {
          out.paragraph();
          open.quote = true;
          quoteDepth++;
        } else if (name === 'br') out.hard(quoteDepth);
        else if (name === 'hr') {
          out.soft();
          out.text('________________________________', quoteDepth, false);
          out.soft();
        } else if (name === 'ul' || name === 'ol') {
          out.paragraph();
          open.list = { ordered: name === 'ol', n: 0 };
          lists.push(open.list);
        } else if (name === 'li') {
          out.soft();
          const list = lists[lists.length - 1];
          const indent = '  '.repeat(Math.max(0, lists.length - 1));
          if (list) list.n++;
          // The marker is drawn in the item's colour: an invisible item has no visible marker either.
          if (!invisibleBy(open.state)) out.text(`${indent}${list?.ordered ? `${list.n}.` : '-'} `, quoteDepth, true);
        } else if (name === 'td' || name === 'th') {
          // "Sujet :" | "value" header tables read as "Sujet : value"; other cells are separated by " | ".
          if (out.hasText) out.text(out.lastNonSpace === 58 ? ' ' : ' | ', quoteDepth, true);
        } else if (name === 'pre') {
          out.paragraph();
          preDepth++;
        } else if (name === 'p' && /msonormal/i.test(attribs.class ?? '')) {
          out.soft();
          open.mso = out.lines.length;
        }
        else if (PARAGRAPH.has(name)) out.paragraph();
        else if (BLOCK.has(name)) out.soft();
        else if (name === 'img') imageText(attribs);
      },
      ontext(data) {
        if (skipDepth > 0) {
          if (styleText !== null && styleText.length < 200_000) styleText += data;
          return;
        }
        // Whitespace is layout, not text: between two visible cells of a `font-size:0` row it still separates words.
        if (hideDepth > 0 || (invisibleBy(stateNow()) && /[^\s\u00a0]/.test(data))) {
          hidden.add(data);
          return;
        }
        if (/[^\s\u00a0]/.test(data)) {
          hidden.flush();
          if (mode === 'clean' && !cut && !inline) inline = answersBetweenQuotes();
        }
        const out = sink();
        if (preDepth > 0) {
          const parts = data.split('\n');
          parts.forEach((part, i) => {
            if (i > 0) out.hard(quoteDepth);
            out.text(part, quoteDepth, true, colorKey());
          });
        } else if (out.cur === '' && /^[ \t\r\n]*\u00a0[\s\u00a0]*$/.test(data)) {
          // `<div>&nbsp;</div>`: Outlook's way of writing an empty line.
          out.hard(quoteDepth);
        } else out.text(data, quoteDepth, false, colorKey());
      },
      onclosetag(rawName) {
        const name = rawName.toLowerCase();
        // htmlparser2 closes implied tags itself; find the matching open element (normally the top one).
        let idx = stack.length - 1;
        while (idx >= 0 && stack[idx].name !== name) idx--;
        if (idx < 0) return;
        while (stack.length > idx) {
          const open = stack.pop() as Open;
          if (open.skip) {
            skipDepth--;
            if (open.name === 'style' && styleText !== null) {
              rules.add(styleText);
              styleText = null;
            }
            continue;
          }
          if (BLOCK.has(open.name) || PARAGRAPH.has(open.name)) hidden.add(' ');
          if (hideDepth > 0) {
            if (open.hides) {
              hideDepth--;
              if (hideDepth === 0) hidden.flush();
            }
            continue;
          }
          if (open.link) linkDepth--;
          const out = sink();
          if (open.quote) {
            out.soft();
            quoteDepth--;
            // A blockquote closing right inside a quote container: an answer may follow it.
            for (let i = stack.length - 1; i >= 0; i--) {
              const info = stack[i].container;
              if (info) {
                if (info.quoteDepth === quoteDepth) info.quotesInside++;
                break;
              }
            }
            out.needBlank = true;
          } else if (open.list) {
            lists.pop();
            out.paragraph();
          } else if (open.name === 'pre') {
            preDepth--;
            out.paragraph();
          } else if (open.name === 'p' || open.name === 'table' || /^h[1-6]$/.test(open.name)) {
            if (open.mso !== undefined && !out.hasText && out.lines.length === open.mso) out.hard(quoteDepth);
            else if (open.name === 'p') out.soft();
            else out.paragraph();
          } else if (BLOCK.has(open.name)) out.soft();
          if (open.route) {
            out.soft();
            current = route();
            if (open.container && !open.container.attribution) quotesClosed++;
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(limitNesting(html));
  parser.end();
  return { sinks, hidden: hidden.result(), inline };
}

/** The text of an HTML mail, blockquotes as `>` lines. */
export function htmlToText(html: string): string {
  return htmlToTextDetailed(html).text;
}
