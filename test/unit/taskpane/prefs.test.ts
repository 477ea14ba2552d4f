/** Remembered choices: read back through the host's storage, validated (a corrupt or foreign value is ignored). */
import { PreviewWorkspace } from '../../../src/hosts/preview';
import { PREF_KEYS, readPrefs, writePref } from '../../../src/taskpane/prefs';

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

test('defaults when nothing is stored', () => {
  const host = new PreviewWorkspace().host(memoryStore());
  expect(readPrefs(host)).toEqual({ role: null, lang: null, favourites: [], recent: [], personal: [], word: { trackChanges: true, reviewComment: true, letterhead: {} }, runs: 0 });
});

test('values written are read back; invalid ones are ignored rather than breaking the pane', async () => {
  const store = memoryStore();
  const host = new PreviewWorkspace().host(store);
  await writePref(host, PREF_KEYS.role, 'physician');
  await writePref(host, PREF_KEYS.favourites, ['a', 'b']);
  await writePref(host, PREF_KEYS.word, { trackChanges: false, reviewComment: true });
  store.setItem(PREF_KEYS.lang, 'not json');
  store.setItem(PREF_KEYS.recent, JSON.stringify([1, 2]));
  store.setItem(PREF_KEYS.personal, JSON.stringify([{ id: 'incomplete' }]));
  const prefs = readPrefs(host);
  expect(prefs.role).toBe('physician');
  expect(prefs.favourites).toEqual(['a', 'b']);
  expect(prefs.word).toEqual({ trackChanges: false, reviewComment: true, letterhead: {} });
  expect(prefs.lang).toBeNull();
  expect(prefs.recent).toEqual([]);
  expect(prefs.personal).toEqual([]);
  store.setItem(PREF_KEYS.role, JSON.stringify('admin'));
  expect(readPrefs(host).role).toBeNull();
});

test('a refused write does not throw (the choice still holds for the session)', async () => {
  const host = new PreviewWorkspace().host(memoryStore());
  const refusing = { ...host, setRoaming: () => Promise.reject(new Error('quota')) };
  await expect(writePref(refusing, PREF_KEYS.role, 'quality')).resolves.toBeUndefined();
});
