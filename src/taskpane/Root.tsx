/** The pane's providers: Fluent UI theme and i18n (language from the saved choice, Office, or the browser). */
import type { ReactNode } from 'react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { HostAdapter } from '../hosts/types';
import { detectLang, I18nProvider } from './i18n';
import { PREF_KEYS, readPrefs } from './prefs';

export function initialLang(host: HostAdapter | null): 'fr' | 'en' {
  const saved = host ? readPrefs(host).lang : null;
  return saved ?? detectLang(host?.displayLanguage, typeof navigator !== 'undefined' ? navigator.language : undefined);
}

export function Root({ host, children }: { host: HostAdapter | null; children: ReactNode }) {
  return (
    <FluentProvider theme={webLightTheme} style={{ height: '100%' }}>
      <I18nProvider initial={initialLang(host)} onChange={(lang) => void host?.setRoaming(PREF_KEYS.lang, JSON.stringify(lang)).catch(() => undefined)}>
        {children}
      </I18nProvider>
    </FluentProvider>
  );
}
