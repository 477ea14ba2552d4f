/** Usage: top prompts per role, runs per host, acceptance / cancel / error rates. */
import { makeStyles } from '@fluentui/react-components';
import { label, useI18n } from '../i18n';
import { chartValue, topBy, type DashboardModel } from '../model';
import { ChartCard } from '../components/ChartCard';
import { BarsChart } from '../components/lazy-charts';
import { Section } from '../components/Section';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))', gap: '16px' },
});

export function UsageView({ model }: { model: DashboardModel }) {
  const styles = useStyles();
  const { t, lang } = useI18n();
  const k = model.k;
  const roleLabel = (r: string) => label(t, 'role', r);
  const title = (id: string) => model.promptTitles[id]?.[lang] ?? id;

  // Top prompts of every role (the table lists them all); the chart shows the 3 most used of each role.
  const topRows = model.topPrompts.map((p) => ({ role: roleLabel(p.role), prompt: title(p.promptId), runs: p.runs }));
  const perRole = [...new Set(model.topPrompts.map((p) => p.role))].flatMap((r) => topBy(model.topPrompts.filter((p) => p.role === r), (p) => p.runs, 3));
  const topData = perRole.map((p) => ({ name: `${roleLabel(p.role)} · ${title(p.promptId)}`, runs: chartValue(p.runs) }));
  const hostRows = model.runsPerHost.map((h) => ({ host: label(t, 'host', h.host), runs: h.runs }));
  const hostData = model.runsPerHost.map((h) => ({ host: label(t, 'host', h.host), runs: chartValue(h.runs) }));
  const rateRows = model.outcomeRates.map((r) => ({
    role: roleLabel(r.role),
    runs: r.runs,
    acceptance: r.acceptance,
    cancel: r.cancel,
    error: r.error,
    ttft: r.meanTtftMs,
    total: r.meanTotalMs,
  }));
  const rateData = model.outcomeRates.map((r) => ({
    role: roleLabel(r.role),
    acceptance: chartValue(r.acceptance),
    cancel: chartValue(r.cancel),
    error: chartValue(r.error),
  }));

  return (
    <Section id="usage" title={t('view.usage')}>
      <div className={styles.grid}>
        <ChartCard
          testId="top-prompts"
          title={t('usage.topPrompts')}
          k={k}
          columns={[
            { key: 'role', label: t('col.role'), format: 'text' },
            { key: 'prompt', label: t('usage.prompt'), format: 'text' },
            { key: 'runs', label: t('usage.runs'), format: 'int' },
          ]}
          rows={topRows}
          height={Math.max(260, topData.length * 28 + 40)}
          chart={<BarsChart data={topData} x="name" series={[{ key: 'runs', label: t('usage.runs') }]} horizontal />}
        />
        <ChartCard
          testId="runs-per-host"
          title={t('usage.runsPerHost')}
          k={k}
          columns={[
            { key: 'host', label: t('col.host'), format: 'text' },
            { key: 'runs', label: t('usage.runs'), format: 'int' },
          ]}
          rows={hostRows}
          chart={<BarsChart data={hostData} x="host" series={[{ key: 'runs', label: t('usage.runs') }]} />}
        />
        <ChartCard
          testId="outcome-rates"
          title={t('usage.rates')}
          description={t('usage.rates.desc')}
          k={k}
          columns={[
            { key: 'role', label: t('col.role'), format: 'text' },
            { key: 'runs', label: t('usage.runs'), format: 'int' },
            { key: 'acceptance', label: t('usage.acceptance'), format: 'pct' },
            { key: 'cancel', label: t('usage.cancel'), format: 'pct' },
            { key: 'error', label: t('usage.error'), format: 'pct' },
            { key: 'ttft', label: t('usage.ttft'), format: 'ms' },
            { key: 'total', label: t('usage.total'), format: 'ms' },
          ]}
          rows={rateRows}
          chart={
            <BarsChart
              data={rateData}
              x="role"
              format="pct"
              series={[
                { key: 'acceptance', label: t('usage.acceptance') },
                { key: 'cancel', label: t('usage.cancel') },
                { key: 'error', label: t('usage.error') },
              ]}
            />
          }
        />
      </div>
    </Section>
  );
}
