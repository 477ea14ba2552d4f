/**
 * The streamed answer on screen without freezing the pane, however long it grows:
 * - `useThrottledText`: the text is shown at most every ~100 ms, not at every chunk (a 300 KB answer comes in tens
 *   of thousands of chunks);
 * - `AnswerView`: the Markdown is cut into blocks at blank lines that end a block for good (outside code fences, not
 *   inside a list or an indented block). A block that is complete is rendered (marked + DOMPurify) once and kept; only
 *   the last, still growing block is rendered again. React then leaves the finished blocks' DOM alone.
 */
import { useCallback, useEffect, useMemo, useRef, type HTMLAttributes } from 'react';
import { renderAnswerHtml } from './answer';

const LIST_ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])\s/;

/** Blank lines where the Markdown can be cut without changing how either side renders. */
export function splitBlocks(markdown: string): string[] {
  const lines = markdown.split('\n');
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  let blankBefore = false;
  let listBlock = false;
  for (const line of lines) {
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && blankBefore && current.length && !continuesBlock(line, listBlock)) {
      blocks.push(current.join('\n'));
      current = [];
      listBlock = false;
    }
    current.push(line);
    if (fence === null && LIST_ITEM.test(line)) listBlock = true;
    if (fenceMark) {
      if (fence === null) fence = fenceMark;
      else if (fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null;
    }
    blankBefore = fence === null && line.trim() === '';
  }
  if (current.length) blocks.push(current.join('\n'));
  return blocks;
}

/** After a blank line, does this line still belong to the block before (a list's next item or indented part)? */
function continuesBlock(line: string, listBlock: boolean): boolean {
  if (line.trim() === '') return true;
  if (/^\[[^\]]+\]:/.test(line)) return true; // a link reference definition serves the whole answer
  return listBlock && (LIST_ITEM.test(line) || /^\s/.test(line));
}

/** The answer's HTML, one sanitized piece per block, finished blocks rendered once (kept by their text). */
export function AnswerView({ markdown, ...box }: { markdown: string; 'data-testid'?: string } & HTMLAttributes<HTMLDivElement>) {
  const rendered = useRef(new Map<string, string>());
  const blocks = useMemo(() => {
    const parts = splitBlocks(markdown);
    const last = parts.length - 1;
    const cache = rendered.current;
    const next = new Map<string, string>();
    const html = parts.map((part, i) => {
      const done = cache.get(part) ?? renderAnswerHtml(part);
      // The last block may still grow: it is not worth keeping until the next one starts.
      if (i < last) next.set(part, done);
      return done;
    });
    rendered.current = next;
    return html;
  }, [markdown]);
  return (
    <div {...box}>
      {blocks.map((html, i) => (
        <div key={i} dangerouslySetInnerHTML={{ __html: html }} />
      ))}
    </div>
  );
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
