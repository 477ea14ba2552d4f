/** The Word host adapter through office-addin-mock: selection and document text, reviewed insertion, local storage. */
import { OfficeMockObject } from 'office-addin-mock';
import { createWordHost } from '../../../src/hosts/word';

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

function mockWord(selectionText: string, bodyText: string) {
  const inserted: { html: string; location: string; comments: string[] }[] = [];
  let mode = 'Off';
  const data = {
    context: {
      document: {
        changeTrackingMode: 'Off',
        body: { text: bodyText },
        properties: { author: 'Claire Fontaine' },
        selection: {
          text: selectionText,
          range: {
            insertComment(text: string) {
              inserted[inserted.length - 1].comments.push(text);
            },
            select() {},
          },
          insertHtml: function (this: { range: unknown }, html: string, location: string) {
            inserted.push({ html, location, comments: [] });
            return this.range;
          },
        },
        getSelection: function (this: { selection: unknown }) {
          return this.selection;
        },
      },
    },
    run: async function (callback: (context: unknown) => Promise<unknown>) {
      return callback(this.context);
    },
  };
  const word = new OfficeMockObject(data) as unknown as { context: { document: object } };
  Object.assign(word, {
    ChangeTrackingMode: { off: 'Off', trackAll: 'TrackAll' },
    InsertLocation: { replace: 'Replace', after: 'After' },
    SelectionMode: { end: 'End' },
  });
  Object.defineProperty(word.context.document, 'changeTrackingMode', {
    get: () => mode,
    set: (v: string) => {
      mode = v;
    },
  });
  (global as unknown as { Word: unknown }).Word = word;
  (global as unknown as { Office: unknown }).Office = {
    context: { displayLanguage: 'en-GB', requirements: { isSetSupported: () => true } },
  };
  return { inserted, mode: () => mode };
}

test('reads the selection and the whole document text', async () => {
  mockWord('Objet : campagne', 'Note de service\nObjet : campagne d’audit');
  const host = createWordHost(memoryStore());
  expect([host.kind, host.mode, host.canInsert, host.canReply, host.displayLanguage]).toEqual(['word', 'document', true, false, 'en-GB']);
  expect(await host.readContext()).toEqual({ kind: 'document', selection: 'Objet : campagne', document: 'Note de service\nObjet : campagne d’audit', author: 'Claire Fontaine' });
});

test('inserts the HTML at the cursor as a tracked change with the review comment by default', async () => {
  const { inserted, mode } = mockWord('', 'Texte');
  await createWordHost(memoryStore()).insert({ markdown: '# Titre', html: '<h1>Titre</h1>', text: 'Titre' });
  expect(inserted).toEqual([{ html: '<h1>Titre</h1>', location: 'Replace', comments: ['Texte généré par IA — à relire'] }]);
  expect(mode()).toBe('Off');
});

test('the comment follows the options (translated, or none)', async () => {
  const { inserted } = mockWord('Ancien texte', 'Ancien texte');
  const host = createWordHost(memoryStore());
  await host.insert({ markdown: 'x', html: '<p>x</p>', text: 'x' }, { mode: 'replace', comment: 'AI-generated text — review it', originalLabel: 'Original text:' });
  await host.insert({ markdown: 'y', html: '<p>y</p>', text: 'y' }, { comment: null });
  expect(inserted[0].comments).toEqual(['AI-generated text — review it\nOriginal text: Ancien texte']);
  expect(inserted[1].location).toBe('After');
  expect(inserted[1].comments).toEqual([]);
});

test('per-user storage in the add-in local storage; no reply form in Word', async () => {
  mockWord('', '');
  const store = memoryStore();
  const host = createWordHost(store);
  await host.setRoaming('aide.favourites', '["a"]');
  expect(store.m.get('aide.favourites')).toBe('["a"]');
  expect(host.getRoaming('aide.favourites')).toBe('["a"]');
  await host.setRoaming('aide.favourites', null);
  expect(host.getRoaming('aide.favourites')).toBeNull();
  await expect(host.openReply('<p>x</p>', { all: false })).rejects.toThrow(/reply/);
});
