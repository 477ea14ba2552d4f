/** Usage intensity (users by runs per week) and the funnel per prompt (opened → generated → inserted or copied). */
import { makeStyles } from '@fluentui/react-components';
import { label, useI18n } from '../i18n';
import { chartValue, topBy, type DashboardModel } from '../model';
import { ChartCard } from '../components/ChartCard';
import { BarsChart } from '../components/lazy-charts';
import { Section } from '../components/Section';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))', gap: '16px' },
});

export function IntensityView({ model }: { model: DashboardModel }) {
  const styles = useStyles();
  const { t } = useI18n();
  const rows = model.intensity.map((b) => ({ bucket: b.bucket, users: b.users }));
  const data = model.intensity.map((b) => ({ bucket: b.bucket, users: chartValue(b.users) }));
  return (
    <Section id="intensity" title={t('view.intensity')}>
      <div className={styles.grid}>
        <ChartCard
          testId="intensity"
          title={t('intensity.title')}
          description={t('intensity.desc')}
          k={model.k}
          columns={[
            { key: 'bucket', label: t('intensity.bucket'), format: 'text' },
            { key: 'users', label: t('intensity.users'), format: 'int' },
          ]}
          rows={rows}
          chart={<BarsChart data={data} x="bucket" series={[{ key: 'users', label: t('intensity.users') }]} />}
        />
      </div>
    </Section>
  );
}

export function FunnelView({ model }: { model: DashboardModel }) {
  const { t, lang } = useI18n();
  const title = (id: string) => model.promptTitles[id]?.[lang] ?? id;
  const rows = model.funnel.map((f) => ({
    prompt: title(f.promptId),
    role: f.role ? label(t, 'role', f.role) : '',
    opened: f.opened,
    generated: f.generated,
    used: f.used,
  }));
  const data = topBy(model.funnel, (f) => f.opened, 12).map((f) => ({ prompt: title(f.promptId), opened: chartValue(f.opened), generated: chartValue(f.generated), used: chartValue(f.used) }));
  const hasRole = model.funnel.some((f) => f.role);
  return (
    <Section id="funnel" title={t('view.funnel')}>
      <ChartCard
        testId="funnel"
        title={t('funnel.title')}
        k={model.k}
        columns={[
          { key: 'prompt', label: t('usage.prompt'), format: 'text' },
          ...(hasRole ? [{ key: 'role', label: t('col.role'), format: 'text' as const }] : []),
          { key: 'opened', label: t('funnel.opened'), format: 'int' },
          { key: 'generated', label: t('funnel.generated'), format: 'int' },
          { key: 'used', label: t('funnel.used'), format: 'int' },
        ]}
        rows={rows}
        height={Math.max(260, data.length * 48 + 60)}
        chart={
          <BarsChart
            data={data}
            x="prompt"
            horizontal
            series={[
              { key: 'opened', label: t('funnel.opened') },
              { key: 'generated', label: t('funnel.generated') },
              { key: 'used', label: t('funnel.used') },
            ]}
          />
        }
      />
    </Section>
  );
}

export function SitesView({ model }: { model: DashboardModel }) {
  const { t } = useI18n();
  const data = model.sites.map((s) => ({ site: s.site, activeUsers: chartValue(s.activeUsers) }));
  return (
    <Section id="sites" title={t('view.sites')}>
      <ChartCard
        testId="sites"
        title={t('sites.title')}
        k={model.k}
        columns={[
          { key: 'site', label: t('sites.site'), format: 'text' },
          { key: 'activeUsers', label: t('summary.activeUsers'), format: 'int' },
          { key: 'runs', label: t('summary.runs'), format: 'int' },
          { key: 'acceptance', label: t('summary.acceptance'), format: 'pct' },
          { key: 'benefitShare', label: t('summary.benefit'), format: 'pct' },
          { key: 'hoursSaved', label: t('summary.hoursSaved'), format: 'hours' },
        ]}
        rows={model.sites.map((s) => ({ ...s }))}
        chart={<BarsChart data={data} x="site" series={[{ key: 'activeUsers', label: t('summary.activeUsers') }]} />}
      />
    </Section>
  );
}
