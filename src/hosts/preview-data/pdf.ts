/**
 * A minimal, valid PDF 1.4 with one text line per entry (Helvetica, WinAnsi encoding), built without Node APIs so the
 * preview can serve real PDF attachments that pdf.js parses. Also used by the tests (test/helpers/documents.ts).
 * Lines that do not fit one page continue on the next pages (46 lines a page).
 */

/** WinAnsi codes of the characters French text uses outside Latin-1 (the rest of Latin-1 maps to itself). */
const WIN_ANSI: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '…': 0x85,
  'Œ': 0x8c,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  'œ': 0x9c,
  'Ÿ': 0x9f,
};

/** The text as a "binary string" (one char per byte); characters WinAnsi cannot show become '?'. */
function winAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3f;
    const mapped = WIN_ANSI[ch] ?? (code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : 0x3f);
    out += String.fromCharCode(mapped);
  }
  return out;
}

const LINES_PER_PAGE = 46;

export function makePdf(lines: string[]): Uint8Array {
  const escape = (s: string) => winAnsi(s).replace(/[()\\]/g, '\\$&');
  const pages: string[][] = [];
  for (let i = 0; i < Math.max(lines.length, 1); i += LINES_PER_PAGE) pages.push(lines.slice(i, i + LINES_PER_PAGE));
  // Objects: 1 catalog, 2 page tree, 3 font, then per page: the page and its content stream.
  const pageId = (n: number) => 4 + n * 2;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pages.map((_, n) => `${pageId(n)} 0 R`).join(' ')}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  pages.forEach((pageLines, n) => {
    const content = 'BT /F1 12 Tf 56 780 Td ' + pageLines.map((l, i) => (i ? '0 -16 Td ' : '') + `(${escape(l)}) Tj`).join(' ') + ' ET';
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${pageId(n) + 1} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`);
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  });
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => String(o).padStart(10, '0') + ' 00000 n \n').join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // One byte per char: every char of `out` is below 256 (winAnsi above, ASCII elsewhere).
  const bytes = new Uint8Array(out.length);
  for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i);
  return bytes;
}
