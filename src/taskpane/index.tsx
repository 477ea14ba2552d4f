/**
 * The task pane inside Office. Office.js outside Office resolves `Office.onReady` with a null host: the page then
 * explains that it opens in Outlook or Word and links to the browser preview.
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Link, Text } from '@fluentui/react-components';
import { createOutlookHost, onOutlookItemChanged } from '../hosts/outlook';
import { browserStore, type HostAdapter } from '../hosts/types';
import { createWordHost } from '../hosts/word';
import { App, COMMAND_KEY } from './App';
import { useT } from './i18n';
import { Root } from './Root';

function NotInOffice() {
  const t = useT();
  return (
    <div style={{ padding: 16 }} data-testid="not-in-office">
      <Text as="p">{t('app.notInOffice')}</Text>
      <Link href="/preview">{t('app.openPreview')}</Link>
    </div>
  );
}

/** Outlook: a pinned pane follows the selected mail (ItemChanged gives a new item, hence a new adapter). */
/** The adapter for the selected mail, or null when none is selected (a pinned pane over an empty folder). */
function outlookHostOrNull(): HostAdapter | null {
  try {
    return Office.context.mailbox.item ? createOutlookHost() : null;
  } catch {
    return null;
  }
}

function OutlookPane({ store }: { store: ReturnType<typeof browserStore> }) {
  const t = useT();
  const [state, setState] = useState<{ host: HostAdapter | null; version: number }>(() => ({ host: outlookHostOrNull(), version: 0 }));
  // A new adapter per item: the old one refuses to act once its mail is no longer selected (see hosts/outlook.ts), and
  // the pane puts its answer aside with that mail.
  useEffect(() => onOutlookItemChanged(() => setState((s) => ({ host: outlookHostOrNull(), version: s.version + 1 }))), []);
  if (!state.host) {
    return (
      <Text as="p" style={{ padding: 16 }} data-testid="no-item">
        {t('app.noItem')}
      </Text>
    );
  }
  return <App host={state.host} baseUrl={location.origin} store={store} contextVersion={state.version} />;
}

function start(hostType: Office.HostType | null): void {
  // Compared as strings: when Office.js failed to load, the Office global (and its enums) does not exist.
  const kind = hostType ? String(hostType) : null;
  const root = createRoot(document.getElementById('root')!);
  const store = browserStore();
  // The manifest's "Summarize" button opens the pane with ?action=summarize: the same request as the function command.
  if (new URLSearchParams(location.search).get('action') === 'summarize') {
    store.setItem(COMMAND_KEY, JSON.stringify({ action: 'summarize', at: Date.now() }));
  }
  if (kind === 'Outlook') {
    const host = outlookHostOrNull();
    root.render(
      <Root host={host}>
        <OutlookPane store={store} />
      </Root>,
    );
  } else if (kind === 'Word') {
    const host = createWordHost(store);
    root.render(
      <Root host={host}>
        <App host={host} baseUrl={location.origin} store={store} />
      </Root>,
    );
  } else {
    root.render(
      <Root host={null}>
        <NotInOffice />
      </Root>,
    );
  }
}

if (typeof Office === 'undefined') start(null);
else void Office.onReady((info) => start(info.host ?? null));
