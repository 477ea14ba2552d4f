/**
 * Markdown → Word HTML golden tests: each fixture's output is compared with its reviewed `.html` golden file
 * (regenerate after a deliberate change with UPDATE_GOLDEN=1, then review the diff).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import { findAll, textContent } from 'domutils';
import type { Element } from 'domhandler';
import { findMissingMarkers, letterToWordHtml, markdownToWordHtml } from '../../../src/core/word/markdown';

const dir = path.join(__dirname, '..', '..', 'fixtures', 'word');
const fixtures = fs.readdirSync(dir).filter((f) => f.endsWith('.md'));

describe.each(fixtures)('%s', (file) => {
  const md = fs.readFileSync(path.join(dir, file), 'utf8');
  const html = markdownToWordHtml(md);
  test('matches its golden file', () => {
    const golden = path.join(dir, file.replace(/\.md$/, '.html'));
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden, html);
    expect(html).toBe(fs.readFileSync(golden, 'utf8'));
  });
  test('carries no raw Markdown syntax into the document', () => {
    const text = textContent(parseDocument(html));
    expect(text).not.toMatch(/^\s*(#{1,6} |[-*] |\d+\. |\|)/m);
    expect(text).not.toMatch(/\*\*/);
  });
});

const dom = (html: string) => parseDocument(html);
const tags = (html: string, name: string) => findAll((e: Element) => e.name === name, dom(html).children);

test('nested lists keep their nesting and numbering', () => {
  const html = markdownToWordHtml(fs.readFileSync(path.join(dir, 'nested-lists.md'), 'utf8'));
  const ol = tags(html, 'ol');
  expect(ol.length).toBe(2); // outer numbered list and the numbered sub-list
  const outer = ol[0];
  expect(findAll((e: Element) => e.name === 'ul', outer.children).length).toBe(1);
  expect(tags(html, 'strong').map((e) => textContent(e))).toEqual(['important']);
  expect(tags(html, 'em').map((e) => textContent(e))).toEqual(['à vérifier']);
});

test('tables become bordered Word tables with a header row and alignments', () => {
  const html = markdownToWordHtml(fs.readFileSync(path.join(dir, 'table.md'), 'utf8'));
  expect(tags(html, 'th').map((e) => textContent(e))).toEqual(['Action', 'Responsable', 'Échéance']);
  expect(tags(html, 'td')).toHaveLength(6);
  expect(html).toContain('border:1px solid');
  expect(html).toContain('text-align:right');
  expect(html).toContain('data-aide-marker="1">[à compléter]</span>');
});

test('raw HTML, script links and remote images from the model are neutralised', () => {
  const html = markdownToWordHtml(fs.readFileSync(path.join(dir, 'headings-escaping.md'), 'utf8'));
  expect(tags(html, 'script')).toHaveLength(0);
  expect(tags(html, 'img')).toHaveLength(0);
  expect(html).not.toMatch(/href="javascript:/i);
  expect(html).toContain('&lt;script&gt;');
  expect(html).toContain('href="https://intranet.chu-exemple.fr/qualite"');
  expect(tags(html, 'h1').map((e) => textContent(e))).toEqual(['Compte rendu du CREX']);
  expect(tags(html, 'h3').map((e) => textContent(e))).toEqual(['Participants & décisions']);
});

test('missing-information markers are listed with their line', () => {
  expect(findMissingMarkers('Madame,\nVotre rendez-vous du [à compléter] est confirmé.\nSignature : [to complete: name]')).toEqual([
    { line: 2, marker: '[à compléter]', context: 'Votre rendez-vous du [à compléter] est confirmé.' },
    { line: 3, marker: '[to complete: name]', context: 'Signature : [to complete: name]' },
  ]);
  expect(findMissingMarkers('Tout est complet.')).toEqual([]);
});

test('a letter gets the letterhead from settings and the signature when missing', () => {
  const html = letterToWordHtml('Madame,\n\nVeuillez agréer…', {
    establishment: 'CHU Exemple',
    department: 'Service de cardiologie',
    address: '1 rue de l’Hôpital\n75000 Paris',
    phone: '01 00 00 00 00',
    signatory: 'Dr Claire Martin',
    signatoryTitle: 'Cheffe de service',
  });
  expect(html.indexOf('CHU Exemple')).toBeLessThan(html.indexOf('Madame'));
  expect(html).toContain('75000 Paris');
  expect(html.lastIndexOf('Dr Claire Martin')).toBeGreaterThan(html.indexOf('Veuillez'));
  expect(letterToWordHtml('…\n\nDr Claire Martin', { signatory: 'Dr Claire Martin' }).match(/Dr Claire Martin/g)).toHaveLength(1);
});
