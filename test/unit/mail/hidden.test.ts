/**
 * Hidden text is not text (issue 13, item 2): every hiding technique is removed from what is sent, and counted;
 * visible look-alikes stay. Each technique is its own case so that breaking one rule fails one test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cleanMail, contrast, htmlToText, parseColor, rebuildThread } from '../../../src/core/mail';
import { cleanCli } from './clean-cli';
import { growth, linearBound } from './scaling';

const SECRET = 'consigne cachée pour l’assistant';
const techniques: [string, string][] = [
  ['display:none', `<div style="display:none">${SECRET}</div>`],
  ['display:none !important in a <style> class', `<style>.pre{display:none!important}</style><span class="pre">${SECRET}</span>`],
  ['visibility:hidden', `<div style="visibility:hidden">${SECRET}</div>`],
  ['white text (#fff on the default white)', `<span style="color:#fff">${SECRET}</span>`],
  ['near-white text (#fdfdfd)', `<span style="color:#fdfdfd">${SECRET}</span>`],
  ['colour equal to the background', `<td bgcolor="#1f3864"><font color="#1F3864">${SECRET}</font></td>`],
  ['rgb() white on white background', `<div style="background:#ffffff"><p style="color:rgb(255,255,255)">${SECRET}</p></div>`],
  ['transparent text', `<span style="color:transparent">${SECRET}</span>`],
  ['white by a <style> rule on a tag.class', `<style>p.w { color: white }</style><p class="w">${SECRET}</p>`],
  ['1px text', `<span style="font-size:1px">${SECRET}</span>`],
  ['font-size:0', `<span style="font-size:0">${SECRET}</span>`],
  ['opacity:0', `<div style="opacity:0">${SECRET}</div>`],
  ['hidden attribute', `<div hidden>${SECRET}</div>`],
  ['max-height:0', `<div style="max-height:0px;overflow:hidden">${SECRET}</div>`],
  ['height:0;overflow:hidden', `<div style="height:0;overflow:hidden">${SECRET}</div>`],
  ['mso-hide:all', `<div style="mso-hide:all">${SECRET}</div>`],
  ['off-screen (left:-9999px)', `<div style="position:absolute;left:-9999px">${SECRET}</div>`],
  ['off-screen (text-indent)', `<p style="text-indent:-5000px">${SECRET}</p>`],
  ['clip rect(0 0 0 0)', `<span style="position:absolute;clip:rect(0 0 0 0)">${SECRET}</span>`],
  ['HTML comment', `<!-- ${SECRET} -->`],
  ['long image description', `<img src="cid:x" alt="${SECRET} dans une image">`],
];

describe('hidden text is removed and counted', () => {
  it.each(techniques)('%s', (_name, hiddenPart) => {
    const html = `<p>Bonjour,</p><p>Le bloc 3 ferme jeudi.</p>${hiddenPart}<p>Merci.</p>`;
    const mail = cleanMail({ html });
    expect(mail.text).toBe('Bonjour,\n\nLe bloc 3 ferme jeudi.\n\nMerci.');
    expect(mail.hidden.fragments.join(' ')).toContain(SECRET);
    expect(mail.hidden.chars).toBeGreaterThanOrEqual(SECRET.length);
    // Nor does it reach the thread builder, which reads the HTML without cleaning.
    expect(htmlToText(html)).not.toContain(SECRET);
    expect(rebuildThread({ html }).map((m) => m.text).join('\n')).not.toContain(SECRET);
  });

  const visible: [string, string][] = [
    ['white on dark blue', '<table bgcolor="#003366"><tr><td style="color:#ffffff">Bandeau visible</td></tr></table>'],
    ['font-size:0 layout whose children set a size', '<div style="font-size:0"><span style="font-size:14px">Bandeau</span> <span style="font-size:14px">visible</span></div>'],
    ['a rule inside @media (hides on phones only)', '<style>@media (max-width:600px){.d{display:none}}</style><p class="d">Bandeau visible</p>'],
    ['light grey text', '<p style="color:#999">Bandeau visible</p>'],
    ['white text over a background image', '<div style="background:url(x.png) #fff"><span style="color:#fff">Bandeau visible</span></div>'],
    ['visibility:visible inside visibility:hidden', '<div style="visibility:hidden"><span style="visibility:visible">Bandeau visible</span></div>'],
    ['Outlook conditional comments and a short alt', '<!--[if mso]><table><![endif]--><img alt="Logo CHU"><p>Bandeau visible</p>'],
  ];
  it.each(visible)('keeps visible text: %s', (_name, html) => {
    const mail = cleanMail({ html });
    expect(mail.text).toBe('Bandeau visible');
    expect(mail.hidden).toEqual({ chars: 0, fragments: [] });
  });

  it('a hidden fake reply header does not turn the visible message into quoted history', () => {
    const mail = cleanMail({ html: '<div id="divRplyFwdMsg" style="display:none">De : X</div><p>Texte réel.</p>' });
    expect(mail.text).toBe('Texte réel.');
  });

  it('does not fall back to the text part when the HTML hid text', () => {
    const mail = cleanMail({ html: `<div style="display:none">${SECRET}</div>`, text: SECRET });
    expect(mail.text).toBe('');
    expect(mail.hidden.fragments).toEqual([SECRET]);
  });

  it('reads colours: hex, short hex, rgb(a), names; contrast of identical colours is 1', () => {
    expect(parseColor('#FFF')).toEqual({ r: 255, g: 255, b: 255, a: 1 });
    expect(parseColor('rgba(0, 0, 0, 0.5)')).toEqual({ r: 0, g: 0, b: 0, a: 0.5 });
    expect(parseColor('white')).toEqual(parseColor('#ffffff'));
    expect(parseColor('url(x)')).toBeNull();
    expect(contrast(parseColor('#123456')!, parseColor('#123456')!)).toBe(1);
    expect(contrast(parseColor('#000')!, parseColor('#fff')!)).toBeCloseTo(21);
  });

  it('stays linear on 20 000 hidden elements and a huge style sheet', () => {
    const html = `<style>${'.a{color:red}'.repeat(20000)}</style>` + '<span style="display:none">x</span><b>y</b>'.repeat(20000);
    const mail = cleanMail({ html });
    expect(mail.text.length).toBe(20000);
    expect(mail.hidden.fragments.length).toBe(100);
    expect(mail.hidden.chars).toBe(20000);
    const g = growth((n) => `<style>${'.a{color:red}'.repeat(n)}</style>` + '<span style="display:none">x</span><b>y</b>'.repeat(n), (h) => cleanMail({ html: h }), 2500);
    expect(g.ratio).toBeLessThan(linearBound(g));
  });
});

describe('aide clean on a mail using every technique', () => {
  const file = path.join(__dirname, '../../fixtures/mail/hidden/techniques.html');
  const cli = cleanCli();
  const run = cli.run;

  it('prints only the visible text and says how much hidden text it removed', async () => {
    await run('clean', file);
    const text = cli.out.join('');
    expect(text).not.toMatch(/SECRET/);
    for (const kept of ['Le bloc 3 est fermé jeudi', 'Merci de prévoir le report des interventions de jeudi.', 'Bandeau : blanc sur bleu foncé', 'Colonne de gauche colonne de droite', 'visible sur un ordinateur', 'gris clair'])
      expect(text).toContain(kept);
    expect(cli.err.join('')).toMatch(/^aide: hidden text removed from the message \(\d+ characters\) \/ texte masqué retiré du message \(\d+ caractères\)\n$/);
  });
  it('--json lists the hidden fragments: all 18 techniques of the fixture', async () => {
    await run('clean', '--json', file);
    const json = JSON.parse(cli.out.join(''));
    expect(json.text).not.toMatch(/SECRET/);
    const all = json.hidden.fragments.join(' ');
    for (let n = 1; n <= 18; n++) expect(all).toContain(`SECRET-${String(n).padStart(2, '0')}`);
    expect(json.hidden.chars).toBe(json.hidden.fragments.reduce((s: number, f: string) => s + f.length, 0));
    expect(fs.readFileSync(file, 'utf8')).toContain('SECRET-18');
  });
});
