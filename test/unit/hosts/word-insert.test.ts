/** Word API use through office-addin-mock: tracked changes, review comment, selection replaced but kept. */
import { OfficeMockObject } from 'office-addin-mock';
import { insertReviewed } from '../../../src/hosts/word-insert';

interface Inserted {
  html: string;
  location: string;
  comments: string[];
  selected?: string;
  trackingAtInsert?: string;
}

function mockWord(selectionText: string, opts: { wordApi14?: boolean } = {}) {
  const inserted: Inserted[] = [];
  let mode = 'Off';
  const data = {
    context: {
      document: {
        changeTrackingMode: 'Off',
        selection: {
          text: selectionText,
          range: {
            insertComment(text: string) {
              inserted[inserted.length - 1].comments.push(text);
            },
            select(mode: string) {
              inserted[inserted.length - 1].selected = mode;
            },
          },
          insertHtml: function (this: { range: unknown }, html: string, location: string) {
            inserted.push({ html, location, comments: [], trackingAtInsert: mode });
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
  const word = new OfficeMockObject(data) as unknown as { context: { document: { changeTrackingMode: string } } };
  // Enumerations are plain values in Office.js, not proxy objects that need load().
  Object.assign(word, {
    ChangeTrackingMode: { off: 'Off', trackAll: 'TrackAll', trackMineOnly: 'TrackMineOnly' },
    InsertLocation: { replace: 'Replace', after: 'After', before: 'Before', end: 'End', start: 'Start' },
    SelectionMode: { end: 'End', start: 'Start', select: 'Select' },
  });
  // Record every change of the tracking mode made by the code under test.
  const doc = word.context.document as { changeTrackingMode: string };
  Object.defineProperty(doc, 'changeTrackingMode', {
    get: () => mode,
    set: (v: string) => {
      mode = v;
    },
  });
  (global as unknown as { Word: unknown }).Word = word;
  (global as unknown as { Office: unknown }).Office = {
    context: { requirements: { isSetSupported: (_set: string, version: string) => opts.wordApi14 !== false || Number(version) < 1.4 } },
  };
  return { inserted, doc };
}

const base = { trackChanges: true, comment: 'Texte généré par IA — à relire', originalLabel: "Texte d'origine :" };

test('inserts after the cursor as a tracked change with the review comment, then restores tracking', async () => {
  const { inserted, doc } = mockWord('');
  const result = await insertReviewed('<h2>Objet</h2><p>Texte</p>', { ...base, mode: 'cursor' });
  expect(inserted).toEqual([
    { html: '<h2>Objet</h2><p>Texte</p>', location: 'Replace', comments: ['Texte généré par IA — à relire'], selected: 'End', trackingAtInsert: 'TrackAll' },
  ]);
  expect(doc.changeTrackingMode).toBe('Off');
  expect(result).toEqual({ replaced: null, tracked: true, commented: true });
});

test('replacing a selection keeps the original text in the comment', async () => {
  const { inserted } = mockWord('Le patient doit venir à jeun.');
  const result = await insertReviewed('<p>Venez à jeun : ne mangez pas depuis la veille au soir.</p>', { ...base, mode: 'replace' });
  expect(inserted[0].location).toBe('Replace');
  expect(inserted[0].comments[0]).toBe("Texte généré par IA — à relire\nTexte d'origine : Le patient doit venir à jeun.");
  expect(result.replaced).toBe('Le patient doit venir à jeun.');
});

test('with a selection and mode cursor, the text goes after the selection, which stays untouched', async () => {
  const { inserted } = mockWord('Paragraphe existant');
  await insertReviewed('<p>Ajout</p>', { ...base, mode: 'cursor' });
  expect(inserted[0].location).toBe('After');
});

test('tracking and comment are switchable in settings', async () => {
  const { inserted } = mockWord('');
  const result = await insertReviewed('<p>x</p>', { ...base, trackChanges: false, comment: null, mode: 'cursor' });
  expect(inserted[0].trackingAtInsert).not.toBe('TrackAll');
  expect(inserted[0].comments).toEqual([]);
  expect(result).toEqual({ replaced: null, tracked: false, commented: false });
});

test('on Word without WordApi 1.4 the text is still inserted, and the result says it was not tracked', async () => {
  const { inserted } = mockWord('', { wordApi14: false });
  const result = await insertReviewed('<p>x</p>', { ...base, mode: 'cursor' });
  expect(inserted).toHaveLength(1);
  expect(inserted[0].trackingAtInsert).not.toBe('TrackAll');
  expect(inserted[0].comments).toEqual([]);
  expect(result.tracked).toBe(false);
});
