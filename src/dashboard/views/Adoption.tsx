/** Adoption: weekly active users per role, adoption rate against the enrolled headcount (editable), retention. */
import { useMemo, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, makeStyles } from '@fluentui/react-components';
import { EditRegular } from '@fluentui/react-icons';
import { label, useI18n } from '../i18n';
import { chartValue, type DashboardModel, type HeadcountEntry } from '../model';
import { ChartCard } from '../components/ChartCard';
import { BarsChart, LinesChart } from '../components/lazy-charts';
import { Section } from '../components/Section';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))', gap: '16px' },
  editor: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: '8px', marginTop: '8px' },
  editorActions: { display: 'flex', gap: '8px', marginTop: '8px', flexWrap: 'wrap' },
});

export function AdoptionView({
  model,
  headcount,
  onSaveHeadcount,
}: {
  model: DashboardModel;
  headcount: HeadcountEntry[];
  onSaveHeadcount(entries: HeadcountEntry[]): Promise<void>;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const k = model.k;
  const roleLabel = (r: string) => label(t, 'role', r);

  const weekLabel = (row: { week: string; partial: boolean }) => (row.partial ? t('adoption.partialWeek', { week: row.week }) : row.week);
  const weeklyData = model.weeklyActive.rows.map((row) => {
    const d: Record<string, string | number | undefined> = { week: weekLabel(row) };
    for (const role of model.weeklyActive.roles) d[role] = chartValue(row.values[role] ?? null);
    return d;
  });
  const weeklyRows = model.weeklyActive.rows.map((row) => ({ ...row.values, week: weekLabel(row) }));
  const roleSeries = model.weeklyActive.roles.map((r) => ({ key: r, label: roleLabel(r) }));

  const rateData = model.adoptionRate.map((r) => ({ name: `${roleLabel(r.role)} · ${r.site}`, rate: chartValue(r.rate) }));
  const rateRows = model.adoptionRate.map((r) => ({
    site: r.site,
    role: roleLabel(r.role),
    active: r.active,
    headcount: r.headcount === null ? t('adoption.headcount.missing') : String(r.headcount),
    rate: r.rate,
  }));

  const retentionData = model.retention.map((r) => ({ role: roleLabel(r.role), rate: chartValue(r.rate) }));
  const retentionRows = model.retention.map((r) => ({ role: roleLabel(r.role), cohort: r.cohort, retained: r.retained, rate: r.rate }));

  return (
    <Section id="adoption" title={t('view.adoption')}>
      <div className={styles.grid}>
        <ChartCard
          testId="weekly-active"
          title={t('adoption.weekly')}
          description={t('adoption.weekly.desc')}
          k={k}
          columns={[{ key: 'week', label: t('col.week'), format: 'text' }, ...roleSeries.map((s) => ({ key: s.key, label: s.label, format: 'int' as const }))]}
          rows={weeklyRows}
          chart={<LinesChart data={weeklyData} x="week" series={roleSeries} />}
        />
        <ChartCard
          testId="adoption-rate"
          title={t('adoption.rate')}
          description={t('adoption.rate.desc')}
          k={k}
          columns={[
            { key: 'site', label: t('col.site'), format: 'text' },
            { key: 'role', label: t('col.role'), format: 'text' },
            { key: 'active', label: t('adoption.active'), format: 'int' },
            { key: 'headcount', label: t('adoption.headcount'), format: 'text', detail: true },
            { key: 'rate', label: t('adoption.rateCol'), format: 'pct' },
          ]}
          rows={rateRows}
          chart={<BarsChart data={rateData} x="name" series={[{ key: 'rate', label: t('adoption.rateCol') }]} format="pct" horizontal />}
        >
          <HeadcountEditor model={model} headcount={headcount} onSave={onSaveHeadcount} />
        </ChartCard>
        <ChartCard
          testId="retention"
          title={t('adoption.retention')}
          description={t('adoption.retention.desc')}
          k={k}
          columns={[
            { key: 'role', label: t('col.role'), format: 'text' },
            { key: 'cohort', label: t('adoption.cohort'), format: 'int' },
            { key: 'retained', label: t('adoption.retained'), format: 'int' },
            { key: 'rate', label: t('adoption.retentionRate'), format: 'pct' },
          ]}
          rows={retentionRows}
          chart={<BarsChart data={retentionData} x="role" series={[{ key: 'rate', label: t('adoption.retentionRate') }]} format="pct" />}
        />
      </div>
    </Section>
  );
}

/** Enrolled headcount per site × role, typed by the program lead; saved with PUT /api/dashboard/headcount. */
function HeadcountEditor({ model, headcount, onSave }: { model: DashboardModel; headcount: HeadcountEntry[]; onSave(entries: HeadcountEntry[]): Promise<void> }) {
  const styles = useStyles();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [extraSites, setExtraSites] = useState<string[]>([]);
  const [newSite, setNewSite] = useState('');

  // Every site × role we know of (from the data, earlier entries and sites added here). The server replaces the whole
  // table on save, so every existing entry is part of the form: nothing entered before is lost.
  const pairs = useMemo(() => {
    const sites = new Set([...model.options.sites, ...headcount.map((h) => h.site), ...extraSites]);
    const roles = new Set([...model.options.roles, ...headcount.map((h) => h.role)]);
    const out: { site: string; role: string }[] = [];
    for (const site of [...sites].sort()) for (const role of [...roles].sort()) out.push({ site, role });
    return out;
  }, [model.options.sites, model.options.roles, headcount, extraSites]);
  // Site ids cannot contain "|" (siteSchema), so it separates the two parts of the key.
  const keyOf = (site: string, role: string) => `${site}|${role}`;

  const start = () => {
    const initial: Record<string, string> = {};
    for (const h of headcount) initial[keyOf(h.site, h.role)] = String(h.headcount);
    setDraft(initial);
    setStatus(null);
    setOpen(true);
  };
  // Same rule as the site ids of events (AIDE_SITE): letters, digits, '_', '.', '-'.
  const newSiteBad = newSite.trim() !== '' && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(newSite.trim());
  const invalid = Object.values(draft).some((v) => v.trim() !== '' && !/^\d{1,7}$/.test(v.trim()));
  const save = async () => {
    const entries: HeadcountEntry[] = [];
    for (const { site, role } of pairs) {
      const v = draft[keyOf(site, role)]?.trim();
      if (v) entries.push({ site, role, headcount: Number(v) });
    }
    setSaving(true);
    try {
      await onSave(entries);
      setStatus({ kind: 'ok', text: t('adoption.headcount.saved') });
      setOpen(false);
    } catch (err) {
      setStatus({ kind: 'error', text: t('adoption.headcount.saveError', { message: (err as Error).message }) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="aide-no-print">
      {!open && (
        <Button size="small" icon={<EditRegular />} onClick={start} style={{ marginTop: 8 }}>
          {t('adoption.headcount.edit')}
        </Button>
      )}
      {open && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!invalid) void save();
          }}
        >
          <div className={styles.editor}>
            {pairs.map(({ site, role }) => {
              const key = keyOf(site, role);
              const value = draft[key] ?? '';
              const bad = value.trim() !== '' && !/^\d{1,7}$/.test(value.trim());
              return (
                <Field key={key} label={`${label(t, 'role', role)} · ${site}`} validationState={bad ? 'error' : 'none'} validationMessage={bad ? t('adoption.headcount.invalid') : undefined}>
                  <Input inputMode="numeric" value={value} onChange={(_e, d) => setDraft((prev) => ({ ...prev, [key]: d.value }))} data-headcount={key} />
                </Field>
              );
            })}
          </div>
          <div className={styles.editorActions}>
            <Field label={t('adoption.headcount.newSite')} validationState={newSiteBad ? 'error' : 'none'} validationMessage={newSiteBad ? t('adoption.headcount.newSiteInvalid') : undefined}>
              <Input value={newSite} onChange={(_e, d) => setNewSite(d.value)} name="new-site" />
            </Field>
            <Button
              type="button"
              style={{ alignSelf: 'flex-end' }}
              disabled={!newSite.trim() || newSiteBad}
              onClick={() => {
                setExtraSites((prev) => [...prev, newSite.trim()]);
                setNewSite('');
              }}
            >
              {t('adoption.headcount.addSite')}
            </Button>
          </div>
          <div className={styles.editorActions}>
            <Button type="submit" appearance="primary" disabled={invalid || saving}>
              {t('adoption.headcount.save')}
            </Button>
            <Button type="button" onClick={() => setOpen(false)}>
              {t('adoption.headcount.cancel')}
            </Button>
          </div>
        </form>
      )}
      {status && (
        <MessageBar intent={status.kind === 'ok' ? 'success' : 'error'} style={{ marginTop: 8 }}>
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
