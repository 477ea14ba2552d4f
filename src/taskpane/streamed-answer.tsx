/**
 * The streamed answer on screen without freezing the pane, however long it grows — each frame costs what is new,
 * not what the answer already holds:
 * - `useThrottledText`: the text is shown at most every ~100 ms, not at every chunk (a 300 KB answer comes in tens
 *   of thousands of chunks);
 * - `AnswerBlocks`: the Markdown is cut into blocks at blank lines that end a block for good (outside code fences,
 *   not inside a list or an indented block). Only the lines that arrived since the last frame are scanned; a block
 *   that is complete is rendered (marked + DOMPurify) once, and only the last, still growing block is rendered again.
 *   A text that is not a continuation (the final text, an edit) keeps every block before the first changed character.
 *   At most RENDER_BUDGET characters of finished blocks are rendered per task: the rest follows in the next tasks.
 * - `AnswerView`: finished blocks are appended to the DOM and the growing one replaced; React does not reconcile the
 *   blocks (a long answer has thousands), so the page's work per frame does not grow with the answer either.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type HTMLAttributes } from 'react';
import { makeStyles, mergeClasses } from '@fluentui/react-components';
import { renderAnswerHtml, type RenderCounts } from './answer';

const LIST_ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])\s/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Characters of finished blocks rendered in one task, at least one block (a long answer shown at once is spread). */
export const RENDER_BUDGET = 8000;
/** And no more than this time in one task (a slow or loaded computer gets smaller tasks, not longer ones). */
const RENDER_SLICE_MS = 8;
/** Finished blocks per group in the DOM: the page lays out and paints only the groups in view. */
const GROUP_SIZE = 32;

const useStyles = makeStyles({
  root: {
    // A group (or the growing block) out of view is neither laid out nor painted: a long answer holds thousands of
    // blocks, and laying them all out again at each frame grew with the answer.
    '& > div': { contentVisibility: 'auto', containIntrinsicSize: 'auto 600px' },
    // A group is its own formatting context: the margins that would collapse across groups are not doubled.
    '& > div + div > :first-child, & > div + div > div:first-child > :first-child': { marginTop: 0 },
  },
});

/** After a blank line, does this line still belong to the block before (a list's next item or indented part)? */
function continuesBlock(line: string, listBlock: boolean): boolean {
  if (line.trim() === '') return true;
  if (/^\[[^\]]+\]:/.test(line)) return true; // a link reference definition serves the whole answer
  return listBlock && (LIST_ITEM.test(line) || /^\s/.test(line));
}

interface FinishedBlock {
  /** Where the next block starts (this block's text ends one character before, at the line break). */
  end: number;
  /** Where the line that ended this block ends: the block holds as long as the text up to there is unchanged. */
  decidedAt: number;
  html: string | null;
}

/** What the DOM must do to show the answer now. */
export interface AnswerPatch {
  /** Finished blocks the DOM keeps (the others after them are removed). */
  keep: number;
  /** Finished blocks to append after those, in order. */
  add: string[];
  /** The growing block's new HTML, or undefined when it is unchanged. */
  tail: string | undefined;
  /** More finished blocks wait to be rendered (call `render` again in the next task). */
  pending: boolean;
}

/**
 * The answer's blocks, kept from one text to the next. `update(text)` scans only the lines that were not scanned
 * (from the first changed character when the text is not a continuation); `render(budget)` renders the finished
 * blocks not rendered yet, then the growing block, and says what changed for the DOM.
 */
export class AnswerBlocks {
  private text = '';
  private readonly finished: FinishedBlock[] = [];
  /** Finished blocks the DOM holds (rendered and handed out by `render`); after an edit, the DOM may hold more. */
  private shown = 0;
  /** Where the growing block starts; where the first line not scanned yet starts. */
  private open = 0;
  private scanned = 0;
  private fence: string | null = null;
  private blankBefore = false;
  private listBlock = false;
  private tailText: string | null = null;
  /**
   * The measure of incrementality: Markdown characters handed to the renderer in all, calls, calls for a finished
   * block (once each, unless an edit changed it), `render` passes, and the most characters rendered in one pass.
   */
  readonly stats = { renderedChars: 0, renders: 0, finishedRenders: 0, passes: 0, longestPass: 0 };

  /** Finished blocks so far (the growing one is not counted). */
  get finishedBlocks(): number {
    return this.finished.length;
  }

  constructor(private readonly renderBlock: (markdown: string) => string) {}

  update(text: string): void {
    const previous = this.text;
    this.text = text;
    if (text.length < previous.length || !text.startsWith(previous)) this.rewind(commonPrefix(previous, text));
    this.scan();
  }

  /** Back to the last finished block that no change before `at` can touch. */
  private rewind(at: number): void {
    let keep = this.finished.length;
    while (keep > 0 && this.finished[keep - 1]!.decidedAt >= at) keep--;
    this.finished.length = keep;
    this.shown = Math.min(this.shown, keep);
    this.open = this.scanned = keep ? this.finished[keep - 1]!.end : 0;
    this.fence = null;
    this.listBlock = false;
    this.blankBefore = false;
    this.tailText = null;
  }

  /** The complete lines not scanned yet (a line still being written decides nothing). */
  private scan(): void {
    const text = this.text;
    for (let nl = text.indexOf('\n', this.scanned); nl >= 0; nl = text.indexOf('\n', this.scanned)) {
      const start = this.scanned;
      const line = text.slice(start, nl);
      if (this.fence === null && this.blankBefore && start > this.open && !continuesBlock(line, this.listBlock)) {
        this.finished.push({ end: start, decidedAt: nl, html: null });
        this.open = start;
        this.listBlock = false;
      }
      if (this.fence === null && LIST_ITEM.test(line)) this.listBlock = true;
      const fenceMark = FENCE.exec(line)?.[1];
      if (fenceMark) {
        if (this.fence === null) this.fence = fenceMark;
        else if (fenceMark[0] === this.fence[0] && fenceMark.length >= this.fence.length) this.fence = null;
      }
      this.blankBefore = this.fence === null && line.trim() === '';
      this.scanned = nl + 1;
    }
  }

  /** The finished blocks' texts and the growing block's, in order (they give the text back, joined with '\n'). */
  blocks(): string[] {
    const texts = this.finished.map((b, i) => this.text.slice(i ? this.finished[i - 1]!.end : 0, b.end - 1));
    return [...texts, this.text.slice(this.open)];
  }

  private renderText(markdown: string): string {
    this.stats.renderedChars += markdown.length;
    this.stats.renders++;
    return this.renderBlock(markdown);
  }

  /** `budget`: characters of finished blocks at most; `more`: whether time is left for another block (one at least). */
  render(budget = RENDER_BUDGET, more: () => boolean = () => true): AnswerPatch {
    const keep = this.shown;
    const add: string[] = [];
    let spent = 0;
    while (this.shown < this.finished.length && (spent === 0 || (spent < budget && more()))) {
      const block = this.finished[this.shown]!;
      const start = this.shown ? this.finished[this.shown - 1]!.end : 0;
      const markdown = this.text.slice(start, block.end - 1);
      if (block.html === null) {
        block.html = this.renderText(markdown);
        this.stats.finishedRenders++;
      }
      spent += markdown.length;
      add.push(block.html);
      this.shown++;
    }
    const pending = this.shown < this.finished.length;
    let tail: string | undefined;
    if (pending) {
      // The growing block shown is older than the blocks now appended: hidden until they are all there.
      if (this.tailText !== '') tail = '';
      this.tailText = '';
    } else {
      const tailText = this.text.slice(this.open);
      if (tailText !== this.tailText) {
        tail = tailText.trim() ? this.renderText(tailText) : '';
        spent += tailText.length;
        this.tailText = tailText;
      }
    }
    this.stats.passes++;
    this.stats.longestPass = Math.max(this.stats.longestPass, spent);
    return { keep, add, tail, pending };
  }
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Blank lines where the Markdown can be cut without changing how either side renders. */
export function splitBlocks(markdown: string): string[] {
  const blocks = new AnswerBlocks(() => '');
  // The last line counts as complete: the text is whole.
  blocks.update(markdown + '\n');
  const texts = blocks.blocks();
  texts[texts.length - 1] = texts[texts.length - 1]!.slice(0, -1);
  return texts;
}

/** The answer in a DOM element React leaves alone: finished blocks appended once (in groups), the growing block replaced. */
class ShownAnswer {
  /** Characters handed to the Markdown parser and to the sanitizer, shown on the element for the tests. */
  private readonly counts: RenderCounts = { parsed: 0, sanitized: 0 };
  private readonly blocks = new AnswerBlocks((markdown) => renderAnswerHtml(markdown, this.counts));
  private readonly nodes: HTMLElement[] = [];
  private readonly groups: HTMLElement[] = [];
  private readonly tail: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly root: HTMLElement) {
    root.replaceChildren();
    this.tail = root.ownerDocument.createElement('div');
    root.append(this.tail);
  }

  show(markdown: string): void {
    this.blocks.update(markdown);
    this.paint();
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private readonly paint = (): void => {
    this.stop();
    const until = performance.now() + RENDER_SLICE_MS;
    const patch = this.blocks.render(RENDER_BUDGET, () => performance.now() < until);
    const doc = this.root.ownerDocument;
    while (this.nodes.length > patch.keep) this.nodes.pop()!.remove();
    while (this.groups.length > Math.ceil(this.nodes.length / GROUP_SIZE)) this.groups.pop()!.remove();
    for (const html of patch.add) {
      if (this.nodes.length % GROUP_SIZE === 0) {
        this.groups.push(doc.createElement('div'));
        this.root.insertBefore(this.groups[this.groups.length - 1]!, this.tail);
      }
      const node = doc.createElement('div');
      node.innerHTML = html;
      this.groups[this.groups.length - 1]!.append(node);
      this.nodes.push(node);
    }
    if (patch.tail !== undefined) this.tail.innerHTML = patch.tail;
    const { stats } = this.blocks;
    const data = this.root.dataset;
    data.parsedChars = String(this.counts.parsed);
    data.sanitizedChars = String(this.counts.sanitized);
    data.renderPasses = String(stats.passes);
    data.finishedBlocks = String(this.blocks.finishedBlocks);
    data.finishedRenders = String(stats.finishedRenders);
    data.longestPass = String(stats.longestPass);
    if (patch.pending) {
      data.rendering = 'true';
      this.timer = setTimeout(this.paint, 0);
    } else delete data.rendering;
  };
}

/** The answer's HTML: sanitized blocks, each rendered once when finished (see AnswerBlocks). */
export function AnswerView({ markdown, className, ...box }: { markdown: string; 'data-testid'?: string } & Omit<HTMLAttributes<HTMLDivElement>, 'children'>) {
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  const shown = useRef<ShownAnswer | null>(null);
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    if (shown.current?.root !== root) {
      shown.current?.stop();
      shown.current = new ShownAnswer(root);
    }
    shown.current.show(markdown);
  }, [markdown]);
  useEffect(() => () => shown.current?.stop(), []);
  return <div {...box} className={mergeClasses(styles.root, className)} ref={ref} />;
}

/**
 * A setter that passes on the latest value at most every `ms`: `push` on every chunk, `cancel` before setting the
 * final text (a pending partial text must not overwrite it), `flush` to show at once what is pending (stop, error).
 */
export function useThrottledText(set: (text: string) => void, ms = 100): { push(text: string): void; flush(): void; cancel(): void } {
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef(0);
  const setRef = useRef(set);
  setRef.current = set;
  const fire = useCallback(() => {
    timer.current = null;
    if (pending.current === null) return;
    const text = pending.current;
    pending.current = null;
    last.current = performance.now();
    setRef.current(text);
  }, []);
  const push = useCallback(
    (text: string) => {
      pending.current = text;
      if (timer.current !== null) return;
      timer.current = setTimeout(fire, Math.max(0, ms - (performance.now() - last.current)));
    },
    [fire, ms],
  );
  const cancel = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
  }, []);
  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    fire();
  }, [fire]);
  useEffect(() => cancel, [cancel]);
  return useMemo(() => ({ push, flush, cancel }), [push, flush, cancel]);
}
