/** Period, site, role and host filters. Each change updates the URL query (see App) and reloads the figures. */
import { useId } from 'react';
import { Button, Field, Input, Select, makeStyles } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { label, useI18n } from '../i18n';
import { PERIOD_PRESETS, presetOf, presetRange, withFilter, type DashboardFilters, type FilterKey, type PeriodPreset } from '../filters';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: '12px', alignItems: 'flex-end' },
  field: { minWidth: '150px' },
});

export interface FilterOptions {
  sites: string[];
  roles: string[];
  hosts: string[];
}

export function FiltersBar({ filters, options, onChange }: { filters: DashboardFilters; options: FilterOptions; onChange(next: DashboardFilters): void }) {
  const styles = useStyles();
  const { t } = useI18n();
  const headingId = useId();
  const preset = presetOf(filters);

  const choice = (key: FilterKey, title: string, values: string[], labelOf: (v: string) => string) => {
    const current = filters[key];
    // Keep the current value selectable even if the latest report no longer lists it (e.g. a site with no data).
    const all = current && !values.includes(current) ? [...values, current] : values;
    return (
      <Field label={title} className={styles.field}>
        <Select value={current ?? ''} name={key} onChange={(_e, d) => onChange(withFilter(filters, key, d.value || undefined))}>
          <option value="">{t('filters.all')}</option>
          {all.map((v) => (
            <option key={v} value={v}>
              {labelOf(v)}
            </option>
          ))}
        </Select>
      </Field>
    );
  };

  return (
    <form role="search" aria-labelledby={headingId} className="aide-no-print" onSubmit={(e) => e.preventDefault()}>
      <h2 id={headingId} style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {t('filters.title')}
      </h2>
      <div className={styles.bar}>
        <Field label={t('filters.period')} className={styles.field}>
          <Select
            name="period"
            value={preset}
            onChange={(_e, d) => {
              const p = d.value as PeriodPreset;
              if (p === 'custom') return;
              const range = presetRange(p);
              onChange({ ...withFilter(withFilter(filters, 'since', range.since), 'until', range.until) });
            }}
          >
            {PERIOD_PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`filters.period.${p}`)}
              </option>
            ))}
            {preset === 'custom' && <option value="custom">{t('filters.period.custom')}</option>}
          </Select>
        </Field>
        <Field label={t('filters.since')} className={styles.field}>
          <Input type="date" name="since" value={filters.since ?? ''} max={filters.until} onChange={(_e, d) => onChange(withFilter(filters, 'since', d.value || undefined))} />
        </Field>
        <Field label={t('filters.until')} className={styles.field}>
          <Input type="date" name="until" value={filters.until ?? ''} min={filters.since} onChange={(_e, d) => onChange(withFilter(filters, 'until', d.value || undefined))} />
        </Field>
        {choice('site', t('filters.site'), options.sites, (v) => v)}
        {choice('role', t('filters.role'), options.roles, (v) => label(t, 'role', v))}
        {choice('host', t('filters.host'), options.hosts, (v) => label(t, 'host', v))}
        <Button icon={<DismissRegular />} onClick={() => onChange({})} disabled={Object.keys(filters).length === 0}>
          {t('filters.reset')}
        </Button>
      </div>
    </form>
  );
}
