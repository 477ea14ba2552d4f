/**
 * The warning shown above an answer when what the run sent carries instructions aimed at the assistant (core/safety):
 * what kind each passage is and its words, and for a link where it really goes. Nothing is shown when there is none.
 */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { InjectionWarning } from '../core/safety/injection';
import { useLang, useT, type MessageKey } from './i18n';

/** At most this many passages are listed (a mail full of them says so already). */
const SHOWN = 5;

export function InjectionWarnings(props: { warnings: readonly InjectionWarning[] }) {
  const t = useT();
  const fr = useLang()[0] === 'fr';
  if (props.warnings.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="injection-warning" data-count={props.warnings.length} style={{ marginBottom: 6 }}>
      <MessageBarBody>
        <MessageBarTitle>{t('run.injection.title')}</MessageBarTitle> {t('run.injection.body')}
        <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
          {props.warnings.slice(0, SHOWN).map((w, i) => (
            <li key={i} data-kind={w.kind}>
              <strong>{t(`run.injection.kind.${w.kind}` as MessageKey)}</strong>
              {fr ? ` : « ${w.excerpt} »` : `: “${w.excerpt}”`}
              {w.href ? ` — ${t('run.injection.href', { href: w.href })}` : ''}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
