/**
 * Outlook in headless Chromium: the task pane page (`/taskpane.html`) loads this stand-in instead of Office.js, so the
 * real product code runs as inside Outlook — `Office.onReady` gives the Outlook host, the pane builds its Outlook
 * adapter on a compose item, and sign-in takes the path of an Office without nested app authentication: the pane
 * opens the Office dialog (`Office.context.ui.displayDialogAsync`, src/hosts/auth.ts → dialogToken).
 *
 * The dialog is real: `displayDialogAsync` opens the dialog page (`/auth-dialog.html`, src/taskpane/auth-dialog.ts)
 * in a page of its own in the same browser context, with the dialog's side of Office.js (`messageParent`); the
 * message it sends comes back to the pane as `DialogMessageReceived`, as Office delivers it. So MSAL's real redirect
 * flow runs in that page against whatever authority the server names (the local issuer in tests).
 *
 * The item is described as data, like the unit tests' office-addin-mock objects (test/unit/hosts/outlook.test.ts).
 * office-addin-mock itself does not run in a browser (it requires office-addin-manifest, a Node package), and the
 * pane only needs plain callbacks, so the stand-in is a small script.
 *
 *   const office = await mockOutlook(context, { compose: { subject: 'RE: …', html: '<p>…</p>', selection: '…' } });
 *   await page.goto(server.url + '/taskpane.html');
 *   … office.dialogs, await office.inserted(page)
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface ComposeItem {
  subject: string;
  /** The draft body as HTML (what `body.getAsync(Html)` gives); its text is derived from it. */
  html: string;
  /** The text selected in the draft ('' for none). */
  selection: string;
  conversationId?: string;
}

export interface OutlookMockOptions {
  compose: ComposeItem;
  displayLanguage?: string;
  /** Requirement sets the host claims (`isSetSupported`); nested app authentication is absent unless listed here. */
  requirementSets?: string[];
}

export interface OfficeDialog {
  url: string;
  /** The messages its page sent to the pane (`messageParent`). */
  messages: string[];
  closed: boolean;
  /** The dialog's page: closing it is the user closing the window (the pane gets DialogEventReceived 12006). */
  page: Page;
}

export interface OfficeMock {
  /** Every dialog the pane opened, in order. */
  dialogs: OfficeDialog[];
  /** Called with each dialog's page before it loads (a test may route its requests). */
  onDialog?: (dialog: Page, index: number) => Promise<void> | void;
  /** What the pane inserted into the draft (`setSelectedDataAsync` / `setAsync`), in the page. */
  inserted(page: Page): Promise<{ html: string; coercionType: string | null; where: 'selection' | 'body' }[]>;
  /** The requirement sets the pane asked about (`isSetSupported`), in the page. */
  asked(page: Page): Promise<string[]>;
}

/** The pane's side: the Outlook host with one compose item, roaming settings in memory, the dialog API. */
const PANE_SCRIPT = String.raw`(function () {
  var options = __OPTIONS__;
  var state = { inserted: [], asked: [], handlers: {}, pending: [], dialogOpen: false };
  window.__officeMock = state;
  function result(value) { return { status: 'succeeded', value: value }; }
  function failed(code, message) { return { status: 'failed', error: { code: code, name: 'Error', message: message } }; }
  function later(cb, r) { if (typeof cb === 'function') setTimeout(function () { cb(r); }, 0); }
  function lastCallback(args) { for (var i = args.length - 1; i >= 0; i--) if (typeof args[i] === 'function') return args[i]; return null; }
  var draft = options.compose;
  var textOf = function (html) { var d = document.createElement('div'); d.innerHTML = html; return d.textContent || ''; };
  var item = {
    conversationId: draft.conversationId || 'conversation-1',
    subject: { getAsync: function () { later(lastCallback(arguments), result(draft.subject)); } },
    body: {
      getAsync: function (type) { later(lastCallback(arguments), result(type === 'html' ? draft.html : textOf(draft.html))); },
      setSelectedDataAsync: function (data, opts) {
        state.inserted.push({ html: data, coercionType: (opts && opts.coercionType) || null, where: 'selection' });
        draft.html += data;
        later(lastCallback(arguments), result(undefined));
      },
      setAsync: function (data, opts) {
        state.inserted.push({ html: data, coercionType: (opts && opts.coercionType) || null, where: 'body' });
        draft.html = data;
        later(lastCallback(arguments), result(undefined));
      }
    },
    getSelectedDataAsync: function () { later(lastCallback(arguments), result({ data: draft.selection, sourceProperty: 'body' })); }
  };
  var roaming = {};
  var dialog = {
    addEventHandler: function (type, handler) {
      state.handlers[type] = handler;
      if (type === 'dialogMessageReceived') { var queued = state.pending.splice(0); queued.forEach(function (m) { handler({ message: m, origin: location.origin }); }); }
    },
    close: function () { state.dialogOpen = false; window.aideOfficeDialogClose(); }
  };
  // Called by the test (through the binding of the dialog's messageParent) with each message of the dialog page.
  state.deliver = function (message) {
    var handler = state.handlers.dialogMessageReceived;
    if (handler) handler({ message: message, origin: location.origin });
    else state.pending.push(message);
  };
  state.dialogClosedByUser = function () {
    var handler = state.handlers.dialogEventReceived;
    state.dialogOpen = false;
    if (handler) handler({ error: 12006 });
  };
  window.Office = {
    HostType: { Outlook: 'Outlook', Word: 'Word' },
    PlatformType: { OfficeOnline: 'OfficeOnline' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    CoercionType: { Html: 'html', Text: 'text' },
    EventType: { ItemChanged: 'olkItemSelectedChanged', DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    MailboxEnums: {
      AttachmentType: { File: 'file', Item: 'item', Cloud: 'cloud' },
      AttachmentContentFormat: { Base64: 'base64', Url: 'url', Eml: 'eml', ICalendar: 'iCalendar' }
    },
    context: {
      host: 'Outlook',
      platform: 'OfficeOnline',
      displayLanguage: options.displayLanguage || 'fr-FR',
      requirements: { isSetSupported: function (name) { state.asked.push(name); return (options.requirementSets || []).indexOf(name) >= 0; } },
      mailbox: {
        item: item,
        addHandlerAsync: function () { later(lastCallback(arguments), result(undefined)); },
        removeHandlerAsync: function () { later(lastCallback(arguments), result(undefined)); }
      },
      roamingSettings: {
        get: function (k) { return roaming[k]; },
        set: function (k, v) { roaming[k] = v; },
        remove: function (k) { delete roaming[k]; },
        saveAsync: function () { later(lastCallback(arguments), result(undefined)); }
      },
      ui: {
        displayDialogAsync: function (url) {
          var cb = lastCallback(arguments);
          // Office refuses a second dialog while one is open (12007).
          if (state.dialogOpen) { later(cb, failed(12007, 'A dialog is already opened.')); return; }
          state.dialogOpen = true;
          state.handlers = {};
          window.aideOfficeDialogOpen(url).then(
            function () { later(cb, result(dialog)); },
            function (err) { state.dialogOpen = false; later(cb, failed(12004, String(err && err.message || err))); }
          );
        }
      }
    },
    onReady: function (cb) {
      var info = { host: 'Outlook', platform: 'OfficeOnline' };
      return new Promise(function (resolve) { setTimeout(function () { if (cb) cb(info); resolve(info); }, 0); });
    }
  };
})();`;

/** The dialog's side: Office.onReady and messageParent, which hands the message to the test. */
const DIALOG_SCRIPT = String.raw`(function () {
  window.Office = {
    HostType: { Outlook: 'Outlook', Word: 'Word' },
    context: { host: 'Outlook', ui: { messageParent: function (message) { window.aideOfficeMessageParent(String(message)); } } },
    onReady: function (cb) {
      var info = { host: 'Outlook', platform: 'OfficeOnline' };
      return new Promise(function (resolve) { setTimeout(function () { if (cb) cb(info); resolve(info); }, 0); });
    }
  };
})();`;

const OFFICE_JS = '**/office-js/office.js';

/**
 * Makes every page of `context` that loads Office.js an Outlook compose window (the pane), and every dialog it opens a
 * real page of the same context. Call before the first `goto`.
 */
export async function mockOutlook(context: BrowserContext, options: OutlookMockOptions): Promise<OfficeMock> {
  const panes = new Map<Page, { page: Page; index: number }>();
  const dialogOf = new Map<Page, Page>();
  const mock: OfficeMock = {
    dialogs: [],
    inserted: (page) => page.evaluate(() => (window as unknown as { __officeMock: { inserted: { html: string; coercionType: string | null; where: 'selection' | 'body' }[] } }).__officeMock.inserted),
    asked: (page) => page.evaluate(() => (window as unknown as { __officeMock: { asked: string[] } }).__officeMock.asked),
  };
  const script = PANE_SCRIPT.replace('__OPTIONS__', JSON.stringify(options));
  await context.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: script }));

  await context.exposeBinding('aideOfficeDialogOpen', async ({ page: pane }, url: string) => {
    // As Office requires: the dialog's page is on the pane's own origin.
    if (new URL(url).origin !== new URL(pane.url()).origin) throw new Error(`the dialog URL ${url} is not on the pane's origin`);
    const dialog = await context.newPage();
    const record: OfficeDialog = { url, messages: [], closed: false, page: dialog };
    mock.dialogs.push(record);
    panes.set(dialog, { page: pane, index: mock.dialogs.length - 1 });
    dialogOf.set(pane, dialog);
    await dialog.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: DIALOG_SCRIPT }));
    dialog.on('close', () => {
      if (record.closed) return;
      // The user closed the window (not the pane's dialog.close()).
      record.closed = true;
      void pane.evaluate(() => (window as unknown as { __officeMock: { dialogClosedByUser(): void } }).__officeMock.dialogClosedByUser()).catch(() => undefined);
    });
    await mock.onDialog?.(dialog, mock.dialogs.length - 1);
    void dialog.goto(url).catch(() => undefined);
  });

  await context.exposeBinding('aideOfficeMessageParent', async ({ page: dialog }, message: string) => {
    const pane = panes.get(dialog);
    if (!pane) throw new Error('messageParent from a page that is not an Office dialog');
    mock.dialogs[pane.index]!.messages.push(message);
    await pane.page.evaluate((m) => (window as unknown as { __officeMock: { deliver(m: string): void } }).__officeMock.deliver(m), message);
  });

  await context.exposeBinding('aideOfficeDialogClose', async ({ page: pane }) => {
    const dialog = dialogOf.get(pane);
    if (!dialog) return;
    dialogOf.delete(pane);
    const entry = panes.get(dialog);
    if (entry) mock.dialogs[entry.index]!.closed = true;
    await dialog.close().catch(() => undefined);
  });
  return mock;
}
