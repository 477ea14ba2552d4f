/**
 * Summaries of long documents (50+ pages) in chunks: the document is split along its sections, each chunk is
 * summarized in turn (progress reported after each), then the partial summaries are combined. Cancelling keeps what
 * was done and says which sections it covered: nothing is lost, nothing pretends to be complete.
 */

export interface DocumentChunk {
  /** Titles of the sections this chunk covers (or "§ n" when the document has no headings). */
  sections: string[];
  text: string;
}

export interface ChunkProgress {
  done: number;
  total: number;
  /** Sections covered so far. */
  covered: string[];
}

export interface LongSummary {
  text: string;
  covered: string[];
  total: number;
  complete: boolean;
  cancelled: boolean;
}

const HEADING = /^(?:#{1,6}\s+\S.*|(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.|[A-Z]\.)\s+\S.{0,100}|[A-ZÀ-ÖØ-Þ0-9][A-ZÀ-ÖØ-Þ0-9 ,'’\-–:]{3,80})$/;

/** Whether a line looks like a section heading (Markdown, numbered, or a short all-capitals line). */
export function isHeading(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 110 && HEADING.test(t) && !/[.;,]$/.test(t);
}

/** Splits text into sections at headings, then packs sections into chunks of at most maxChars (long sections split at paragraphs). */
export function splitDocument(text: string, maxChars = 12000): DocumentChunk[] {
  const sections: { title: string; text: string }[] = [];
  let current = { title: '', lines: [] as string[] };
  const push = () => {
    const body = current.lines.join('\n').trim();
    if (body || current.title) sections.push({ title: current.title || `§ ${sections.length + 1}`, text: body });
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (isHeading(line)) {
      push();
      current = { title: line.trim().replace(/^#+\s*/, ''), lines: [line] };
    } else current.lines.push(line);
  }
  push();

  const chunks: DocumentChunk[] = [];
  let pending: DocumentChunk = { sections: [], text: '' };
  const flush = () => {
    if (pending.text.trim()) chunks.push(pending);
    pending = { sections: [], text: '' };
  };
  for (const section of sections) {
    if (section.text.length > maxChars) {
      flush();
      let part = '';
      let n = 1;
      for (const paragraph of section.text.split(/\n{2,}/)) {
        for (let i = 0; i < paragraph.length; i += maxChars) {
          const piece = paragraph.slice(i, i + maxChars);
          if (part.length + piece.length + 2 > maxChars && part) {
            chunks.push({ sections: [`${section.title} (${n++})`], text: part });
            part = '';
          }
          part += (part ? '\n\n' : '') + piece;
        }
      }
      if (part) chunks.push({ sections: [`${section.title} (${n})`], text: part });
      continue;
    }
    if (pending.text.length + section.text.length + 2 > maxChars) flush();
    pending.sections.push(section.title);
    pending.text += (pending.text ? '\n\n' : '') + section.text;
  }
  flush();
  return chunks;
}

export interface LongSummaryOptions {
  maxChunkChars?: number;
  summarizeChunk: (chunk: DocumentChunk, index: number, signal: AbortSignal) => Promise<string>;
  /** Combines the partial summaries (e.g. one more model call); defaults to joining them under section titles. */
  combine?: (partials: { sections: string[]; summary: string }[], signal: AbortSignal) => Promise<string>;
  onProgress?: (progress: ChunkProgress) => void;
  signal?: AbortSignal;
}

function defaultCombine(partials: { sections: string[]; summary: string }[]): string {
  return partials.map((p) => `### ${p.sections.join(' · ')}\n\n${p.summary.trim()}`).join('\n\n');
}

export async function summarizeLongDocument(text: string, options: LongSummaryOptions): Promise<LongSummary> {
  const signal = options.signal ?? new AbortController().signal;
  const chunks = splitDocument(text, options.maxChunkChars);
  const partials: { sections: string[]; summary: string }[] = [];
  const covered: string[] = [];
  options.onProgress?.({ done: 0, total: chunks.length, covered: [] });
  for (let i = 0; i < chunks.length; i++) {
    if (signal.aborted) break;
    let summary: string;
    try {
      summary = await options.summarizeChunk(chunks[i], i, signal);
    } catch (err) {
      if (signal.aborted) break;
      throw err;
    }
    partials.push({ sections: chunks[i].sections, summary });
    covered.push(...chunks[i].sections);
    options.onProgress?.({ done: i + 1, total: chunks.length, covered: [...covered] });
  }
  const cancelled = signal.aborted;
  const complete = partials.length === chunks.length;
  let combined = defaultCombine(partials);
  if (complete && options.combine && partials.length > 1) combined = await options.combine(partials, signal);
  return { text: combined, covered, total: chunks.length, complete, cancelled };
}
