/** The pane's library: /api/prompts with ETag from a real HTTP server, offline cache, favourites, recent, copies. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promptSchema, type PromptDefinition } from '../../../src/core/prompts/schema';
import { SignInError } from '../../../src/hosts/auth';
import { blankPrompt, CACHE_KEY, duplicatePrompt, filterGallery, loadLibrary, mergeLibrary, pushRecent, toggleFavourite } from '../../../src/taskpane/library';

function prompt(id: string, over: Partial<PromptDefinition> = {}): PromptDefinition {
  return promptSchema.parse({
    id,
    version: 1,
    role: 'secretary',
    hosts: ['outlook'],
    category: 'summarize',
    title: { fr: `Titre ${id}`, en: `Title ${id}` },
    description: { fr: 'Résumé d’un mail', en: 'Mail summary' },
    output: 'markdown',
    minutesSaved: 5,
    templates: { fr: { system: 's', user: 'u' }, en: { system: 's', user: 'u' } },
    ...over,
  });
}

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

let server: http.Server;
let base: string;
let requests: { ifNoneMatch?: string }[] = [];
let library: PromptDefinition[] = [];
let up = true;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push({ ifNoneMatch: req.headers['if-none-match'] });
    if (!up) return void res.writeHead(503).end();
    const etag = `"v${library.length}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/json', etag });
    res.end(JSON.stringify({ etag, prompts: [...library, { id: 'BROKEN' }], errors: [{ file: 'x.md', line: 2, message: 'bad' }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  requests = [];
  up = true;
});

test('loads the library, caches it with the ETag, revalidates with If-None-Match, falls back to the cache offline', async () => {
  library = [prompt('resumer-mail'), prompt('convocation', { category: 'draft', hosts: ['word'] })];
  const store = memoryStore();
  const first = await loadLibrary(base, store, { fetch });
  expect(first.source).toBe('network');
  expect(first.prompts.map((p) => p.id)).toEqual(['resumer-mail', 'convocation']); // the invalid entry is dropped
  expect(first.errors).toHaveLength(1);
  expect(JSON.parse(store.getItem(CACHE_KEY)!).etag).toBe('"v2"');

  const second = await loadLibrary(base, store, { fetch });
  expect(requests[1].ifNoneMatch).toBe('"v2"');
  expect(second).toMatchObject({ source: 'network' });
  expect(second.prompts).toHaveLength(2);

  up = false;
  const offline = await loadLibrary(base, store, { fetch });
  expect(offline.source).toBe('cache');
  expect(offline.prompts).toHaveLength(2);
  expect(await loadLibrary(base, memoryStore(), { fetch })).toEqual({ prompts: [], source: 'none', errors: [] });
});

test('an unreachable server with a cache still gives the cached prompts', async () => {
  const store = memoryStore();
  store.setItem(CACHE_KEY, JSON.stringify({ etag: '"x"', prompts: [prompt('a')] }));
  const result = await loadLibrary('http://127.0.0.1:9', store, { fetch });
  expect(result.source).toBe('cache');
  expect(result.prompts.map((p) => p.id)).toEqual(['a']);
});

test('gallery filter: role, host, category, search in titles and descriptions (accents ignored), favourites', () => {
  const all = [
    prompt('resumer-mail'),
    prompt('convocation', { category: 'draft', hosts: ['word'], title: { fr: 'Convocation à une réunion', en: 'Meeting invitation' }, description: { fr: 'Lettre de convocation', en: 'Invitation letter' } }),
    prompt('alarm', { role: 'quality', category: 'analyze' }),
  ];
  const f = { query: '', role: 'secretary' as const, host: null, category: null, favouritesOnly: false };
  expect(filterGallery(all, f, []).map((p) => p.id)).toEqual(['resumer-mail', 'convocation']);
  expect(filterGallery(all, { ...f, host: 'outlook' }, []).map((p) => p.id)).toEqual(['resumer-mail']);
  expect(filterGallery(all, { ...f, category: 'draft' }, []).map((p) => p.id)).toEqual(['convocation']);
  expect(filterGallery(all, { ...f, query: 'reunion' }, []).map((p) => p.id)).toEqual(['convocation']);
  expect(filterGallery(all, { ...f, query: 'resume' }, []).map((p) => p.id)).toEqual(['resumer-mail']);
  expect(filterGallery(all, { ...f, favouritesOnly: true }, ['convocation']).map((p) => p.id)).toEqual(['convocation']);
});

test('gallery filter: common actions for every role; in Outlook read mode, no action on a selection (there is none)', () => {
  const selection = { name: 'text', label: { fr: 'Texte', en: 'Text' }, type: 'longtext' as const, required: true, source: 'selection' as const };
  const all = [prompt('resumer-mail'), prompt('corriger', { role: 'common', category: 'rewrite', hosts: ['outlook', 'word'], variables: [selection] })];
  const f = { query: '', role: 'physician' as const, host: 'outlook' as const, category: null, favouritesOnly: false };
  expect(filterGallery(all, f, []).map((p) => p.id)).toEqual(['corriger']);
  expect(filterGallery(all, { ...f, hostMode: 'compose' }, []).map((p) => p.id)).toEqual(['corriger']);
  expect(filterGallery(all, { ...f, hostMode: 'read' }, []).map((p) => p.id)).toEqual([]);
  // Switching the host filter off lists everything again.
  expect(filterGallery(all, { ...f, host: null, hostMode: 'read' }, []).map((p) => p.id)).toEqual(['corriger']);
});

test('favourites toggle, recent list is most-recent-first, unique and bounded', () => {
  expect(toggleFavourite(['a'], 'b')).toEqual(['a', 'b']);
  expect(toggleFavourite(['a', 'b'], 'a')).toEqual(['b']);
  let recent: string[] = [];
  for (const id of ['a', 'b', 'c', 'a', 'd', 'e', 'f']) recent = pushRecent(recent, id);
  expect(recent).toEqual(['f', 'e', 'd', 'a', 'c']);
});

test('personal prompts: a copy gets a free id and origin personal; personal wins over the library by id', () => {
  const base = prompt('resumer-mail');
  const copy = duplicatePrompt(base, ['resumer-mail', 'resumer-mail-perso']);
  expect(copy).toMatchObject({ id: 'resumer-mail-perso-2', origin: 'personal', version: 1 });
  expect(promptSchema.safeParse(copy).success).toBe(true);
  const mine = { ...base, title: { fr: 'Mon résumé', en: 'My summary' }, origin: 'personal' as const };
  const merged = mergeLibrary([base, prompt('autre')], [mine]);
  expect(merged.map((p) => [p.id, p.title.fr])).toEqual([
    ['resumer-mail', 'Mon résumé'],
    ['autre', 'Titre autre'],
  ]);
  const blank = blankPrompt('engineer', 'word', ['ma-tache']);
  expect(blank).toMatchObject({ id: 'ma-tache-2', role: 'engineer', hosts: ['word'], origin: 'personal' });
  expect(blank.variables[0].source).toBe('selection');
});

test('a 401 (after the renewal authFetch already tried) keeps the cache and says to sign in again', async () => {
  const store = memoryStore();
  store.setItem(CACHE_KEY, JSON.stringify({ etag: '"x"', prompts: [prompt('a')] }));
  const refused = async () => new Response('{}', { status: 401 });
  const result = await loadLibrary(base, store, { fetch: refused });
  expect(result).toMatchObject({ source: 'cache', signInNeeded: true, signInError: 'auth.expired' });
  expect(result.prompts.map((p) => p.id)).toEqual(['a']);
  expect(await loadLibrary(base, memoryStore(), { fetch: refused })).toMatchObject({ source: 'none', signInNeeded: true });
  // Any other failure is not a sign-in matter.
  expect((await loadLibrary('http://127.0.0.1:9', store, { fetch })).signInNeeded).toBeUndefined();
});

test('no token could be had (the sign-in window closed, or blocked): the library says why, so the pane offers to sign in', async () => {
  for (const key of ['auth.cancelled', 'auth.dialogBlocked'] as const) {
    const noToken = async () => {
      throw new SignInError(key, 'no token');
    };
    expect(await loadLibrary(base, memoryStore(), { fetch: noToken })).toMatchObject({ source: 'none', prompts: [], signInNeeded: true, signInError: key });
  }
});
