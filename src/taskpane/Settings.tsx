/**
 * Settings: language, role, Word insertion (tracked changes, review comment), metrics opt-out, and "see what is
 * sent" — the exact events waiting in the metrics queue, so that anyone can check that no content leaves.
 */
import { useState } from 'react';
import { Button, Caption1, Field, Input, makeStyles, Select, Subtitle2, Switch } from '@fluentui/react-components';
import type { MetricsClient } from '../core/metrics/client';
import { ROLES, type Lang, type Role } from '../core/prompts/schema';
import { useLang, useT, type MessageKey } from './i18n';
import { LETTERHEAD_FIELDS, type WordSettings } from './prefs';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '10px' },
  fieldset: { border: '1px solid #e0e0e0', borderRadius: '4px', padding: '6px 10px', display: 'flex', flexDirection: 'column', gap: '4px' },
  pending: { maxHeight: '240px', overflow: 'auto', fontSize: '11px', backgroundColor: '#f5f5f5', padding: '6px', whiteSpace: 'pre-wrap' },
});

export interface SettingsProps {
  role: Role | null;
  onRole(role: Role): void;
  word: WordSettings;
  onWord(word: WordSettings): void;
  metrics: MetricsClient | null;
  onClose(): void;
}

export function Settings(props: SettingsProps) {
  const t = useT();
  const [lang, setLang] = useLang();
  const styles = useStyles();
  const [optedOut, setOptedOut] = useState(props.metrics?.isOptedOut() ?? false);
  const [showPending, setShowPending] = useState(false);
  const pending = props.metrics?.pending() ?? [];

  return (
    <section className={styles.root} aria-label={t('app.settings')} data-testid="settings">
      <Subtitle2 as="h2">{t('app.settings')}</Subtitle2>
      <Field label={t('settings.language')}>
        <Select value={lang} onChange={(_e, d) => setLang(d.value as Lang)} data-testid="settings-lang">
          <option value="fr">Français</option>
          <option value="en">English</option>
        </Select>
      </Field>
      <Field label={t('role.label')}>
        <Select value={props.role ?? ''} onChange={(_e, d) => props.onRole(d.value as Role)} data-testid="settings-role">
          {!props.role && <option value="" />}
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}` as MessageKey)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('settings.word')}>
        <Switch checked={props.word.trackChanges} label={t('settings.trackChanges')} onChange={(_e, d) => props.onWord({ ...props.word, trackChanges: d.checked })} />
        <Switch checked={props.word.reviewComment} label={t('settings.reviewComment')} onChange={(_e, d) => props.onWord({ ...props.word, reviewComment: d.checked })} />
      </Field>
      <fieldset className={styles.fieldset} data-testid="settings-letterhead">
        <legend>{t('settings.letterhead')}</legend>
        <Caption1 as="p">{t('settings.letterheadHelp')}</Caption1>
        {LETTERHEAD_FIELDS.map((field) => (
          <Field key={field} label={t(`settings.letterhead.${field}` as MessageKey)}>
            <Input
              value={props.word.letterhead[field] ?? ''}
              onChange={(_e, d) => props.onWord({ ...props.word, letterhead: { ...props.word.letterhead, [field]: d.value } })}
              data-testid={`letterhead-${field}`}
            />
          </Field>
        ))}
      </fieldset>
      <Field label={t('settings.metrics')} hint={t('settings.metricsHelp')}>
        <Switch
          checked={!optedOut}
          label={t('settings.metricsOn')}
          disabled={!props.metrics}
          data-testid="settings-metrics"
          onChange={(_e, d) => {
            setOptedOut(!d.checked);
            void props.metrics?.setOptOut(!d.checked);
          }}
        />
      </Field>
      <div>
        <Button size="small" onClick={() => setShowPending((s) => !s)} aria-expanded={showPending} data-testid="settings-see-sent">
          {t('settings.seeSent')}
        </Button>
        {showPending &&
          (pending.length ? (
            // Scrolls: focusable and named, so that it scrolls from the keyboard.
            <pre className={styles.pending} tabIndex={0} role="region" aria-label={t('settings.seeSent')} data-testid="settings-pending">
              {JSON.stringify(pending, null, 2)}
            </pre>
          ) : (
            <Caption1 as="p">{t('settings.nothingPending')}</Caption1>
          ))}
      </div>
      <div>
        <Button appearance="primary" onClick={props.onClose} data-testid="settings-close">
          {t('settings.close')}
        </Button>
      </div>
    </section>
  );
}
