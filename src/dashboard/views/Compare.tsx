/**
 * Hospitals side by side from their export files (`aide metrics export`): read in the browser, checked (format, hash,
 * same period and k unless allowed) and shown as each hospital published them — a figure one hospital hid stays
 * "< k" / "hidden"; nothing is added up across hospitals. No file leaves the page.
 */
import { useState } from 'react';
import { Checkbox, Field, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { compareExports, CompareError, readExport, type Comparison, type HospitalExport } from '../../core/metrics/compare';
import { label, useI18n, type MessageKey } from '../i18n';
import { ChartCard } from '../components/ChartCard';
import { useFormat } from '../components/Figure';
import { Section } from '../components/Section';

export function CompareView() {
  const { t } = useI18n();
  const fmt = useFormat();
  const [exports, setExports] = useState<HospitalExport[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [allowPeriods, setAllowPeriods] = useState(false);
  const [allowK, setAllowK] = useState(false);

  const load = async (files: FileList | null) => {
    setError(null);
    setExports([]);
    const read: HospitalExport[] = [];
    try {
      for (const file of [...(files ?? [])]) {
        let raw: unknown;
        try {
          raw = JSON.parse(await file.text());
        } catch {
          throw new CompareError('unreadable', file.name, file.name);
        }
        read.push(await readExport(raw, file.name));
      }
      setExports(read);
    } catch (err) {
      setError(err instanceof CompareError ? t(`compare.error.${err.code}`, { file: err.file }) : (err as Error).message);
    }
  };

  let comparison: Comparison | null = null;
  let compareError: string | null = null;
  if (exports.length) {
    try {
      comparison = compareExports(exports, { allowDifferentPeriods: allowPeriods, allowDifferentK: allowK });
    } catch (err) {
      compareError = err instanceof CompareError ? t(`compare.error.${err.code}`, { file: err.file }) : (err as Error).message;
    }
  }
  const rows =
    comparison?.rows.map((r) => ({
      metric: (r.role ? `${label(t, 'role', r.role)} · ` : '') + t(`metric.${r.metric}` as MessageKey),
      // Each row has its own unit: numbers are formatted here, hidden figures stay cells ("< k" / "hidden").
      ...Object.fromEntries(r.values.map((v, i) => [`h${i}`, typeof v === 'number' ? fmt(v, r.format) : v])),
    })) ?? [];

  return (
    <Section id="compare" title={t('view.compare')}>
      <Text block>{t('compare.desc')}</Text>
      <div className="aide-no-print" style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'flex-end', marginTop: 8 }}>
        <Field label={t('compare.files')}>
          <input type="file" accept=".json,application/json" multiple aria-label={t('compare.files')} data-testid="compare-files" onChange={(e) => void load(e.currentTarget.files)} />
        </Field>
        <Checkbox label={t('compare.allowPeriods')} checked={allowPeriods} onChange={(_e, d) => setAllowPeriods(d.checked === true)} />
        <Checkbox label={t('compare.allowK')} checked={allowK} onChange={(_e, d) => setAllowK(d.checked === true)} />
      </div>
      {(error ?? compareError) && (
        <MessageBar intent="error" style={{ marginTop: 8 }} data-testid="compare-error">
          <MessageBarBody>{error ?? compareError}</MessageBarBody>
        </MessageBar>
      )}
      {comparison && (comparison.mixed.periods || comparison.mixed.k) && (
        <MessageBar intent="warning" style={{ marginTop: 8 }}>
          <MessageBarBody>{t('compare.mixed')}</MessageBarBody>
        </MessageBar>
      )}
      {comparison && (
        <ChartCard
          testId="compare-table"
          title={`${t('view.compare')} — ${comparison.period.since} → ${comparison.period.until}`}
          k={comparison.k}
          columns={[{ key: 'metric', label: t('compare.metric'), format: 'text' }, ...comparison.hospitals.map((h, i) => ({ key: `h${i}`, label: h.name, format: 'decimal' as const }))]}
          rows={rows}
        />
      )}
    </Section>
  );
}
