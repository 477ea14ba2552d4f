import { isHeading, splitDocument, summarizeLongDocument } from '../../src/core/llm/chunked';

/** A 300-page procedure manual: 60 chapters of 5 pages (~2,400 characters a page). */
function manual(pages = 300): string {
  const out: string[] = [];
  for (let c = 1; c <= pages / 5; c++) {
    out.push(`${c}. Chapitre ${c} : maintenance des équipements du secteur ${c}`);
    for (let p = 0; p < 5; p++) {
      for (let k = 0; k < 8; k++) {
        out.push(`Le technicien vérifie l'appareil ${c}-${p}-${k} selon la procédure en vigueur, consigne le résultat dans la GMAO et informe le cadre du service en cas d'écart constaté lors du contrôle. Les pièces remplacées sont tracées avec leur numéro de lot et la date d'intervention pour la matériovigilance.`);
        out.push('');
      }
    }
  }
  return out.join('\n');
}

test('headings are recognised in Markdown, numbered and capitalised forms', () => {
  expect(isHeading('## Objet')).toBe(true);
  expect(isHeading('3.2 Mode dégradé')).toBe(true);
  expect(isHeading('ANNEXE 2 – CONTACTS')).toBe(true);
  expect(isHeading('Le technicien vérifie l’appareil.')).toBe(false);
});

test('a 300-page document is split along its sections into bounded chunks covering everything', () => {
  const text = manual();
  expect(text.length).toBeGreaterThan(600_000);
  const chunks = splitDocument(text, 12000);
  expect(chunks.length).toBeGreaterThan(50);
  expect(Math.max(...chunks.map((c) => c.text.length))).toBeLessThanOrEqual(12000);
  const sections = chunks.flatMap((c) => c.sections);
  expect(sections.some((s) => s.startsWith('1. Chapitre 1 '))).toBe(true);
  expect(sections.some((s) => s.startsWith('60. Chapitre 60 '))).toBe(true);
  const kept = chunks.map((c) => c.text).join('').replace(/\s/g, '').length;
  expect(kept).toBe(text.replace(/\s/g, '').length);
});

test('progress is reported after each chunk and the result names the sections covered', async () => {
  const progress: number[] = [];
  const result = await summarizeLongDocument(manual(), {
    summarizeChunk: async (chunk) => chunk.text.split('\n')[0],
    onProgress: (p) => progress.push(p.done),
  });
  expect(result.complete).toBe(true);
  expect(progress[0]).toBe(0);
  expect(progress[progress.length - 1]).toBe(result.total);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  expect(result.covered).toHaveLength(60);
  expect(result.text).toContain('### 60. Chapitre 60');
});

test('cancelling keeps what was done and says it is incomplete', async () => {
  const controller = new AbortController();
  const result = await summarizeLongDocument(manual(), {
    summarizeChunk: async (chunk, index) => {
      if (index === 2) controller.abort();
      return chunk.sections[0];
    },
    signal: controller.signal,
  });
  expect(result.cancelled).toBe(true);
  expect(result.complete).toBe(false);
  const expected = splitDocument(manual(), 12000).slice(0, 3).flatMap((c) => c.sections);
  expect(result.covered).toEqual(expected);
  expect(result.total).toBeGreaterThan(3);
  expect(result.text).toContain('Chapitre 1');
});
