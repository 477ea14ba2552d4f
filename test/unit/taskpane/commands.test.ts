/**
 * The ribbon's Summarize function command: registered with Office.actions.associate, it leaves the request for the
 * pane in the add-in's localStorage, opens the pane where the host allows it, and always completes the event.
 */
function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

function setup(opts: { showAsTaskpane?: () => Promise<void> } = {}) {
  jest.resetModules();
  const associated: Record<string, (event: { completed(): void }) => void> = {};
  let ready: (() => void) | null = null;
  const g = global as unknown as Record<string, unknown>;
  g.localStorage = memoryStorage();
  g.Office = {
    onReady: (cb: () => void) => {
      ready = cb;
      return Promise.resolve();
    },
    actions: { associate: (name: string, fn: (event: { completed(): void }) => void) => (associated[name] = fn) },
    ...(opts.showAsTaskpane ? { addin: { showAsTaskpane: opts.showAsTaskpane } } : {}),
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('../../../src/commands/commands') as typeof import('../../../src/commands/commands');
  (ready as unknown as () => void)();
  return { associated, mod, storage: g.localStorage as ReturnType<typeof memoryStorage> };
}

afterEach(() => {
  delete (global as unknown as Record<string, unknown>).Office;
  delete (global as unknown as Record<string, unknown>).localStorage;
});

test('summarize is associated, leaves the request for the pane, opens the pane, completes the event', async () => {
  const show = jest.fn(async () => undefined);
  const { associated, storage } = setup({ showAsTaskpane: show });
  expect(Object.keys(associated)).toEqual(['summarize']);
  const completed = jest.fn();
  const before = Date.now();
  associated.summarize({ completed });
  await new Promise((r) => setTimeout(r, 0));
  const command = JSON.parse(storage.getItem('aide.command')!) as { action: string; at: number };
  expect(command.action).toBe('summarize');
  expect(command.at).toBeGreaterThanOrEqual(before);
  expect(show).toHaveBeenCalledTimes(1);
  expect(completed).toHaveBeenCalledTimes(1);
});

test('without showAsTaskpane, or when it fails, the event still completes (Outlook would otherwise show an error)', async () => {
  const { mod } = setup();
  const completed = jest.fn();
  await mod.summarize({ completed } as unknown as Office.AddinCommands.Event);
  expect(completed).toHaveBeenCalledTimes(1);

  const failing = setup({ showAsTaskpane: () => Promise.reject(new Error('not supported')) });
  const completed2 = jest.fn();
  await failing.mod.summarize({ completed: completed2 } as unknown as Office.AddinCommands.Event);
  expect(completed2).toHaveBeenCalledTimes(1);
  expect(failing.storage.getItem('aide.command')).not.toBeNull();
});
