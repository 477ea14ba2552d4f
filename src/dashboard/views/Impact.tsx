/** Impact: real benefit, reported time saved, estimated hours saved per role, comfort. */
import { makeStyles } from '@fluentui/react-components';
import { label, useI18n } from '../i18n';
import { chartValue, type DashboardModel } from '../model';
import { ChartCard } from '../components/ChartCard';
import { BarsChart } from '../components/lazy-charts';
import { Section } from '../components/Section';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))', gap: '16px' },
});

export function ImpactView({ model }: { model: DashboardModel }) {
  const styles = useStyles();
  const { t } = useI18n();
  const k = model.k;
  const roleLabel = (r: string) => label(t, 'role', r);

  const benefitRows = model.benefit.map((b) => ({ role: roleLabel(b.role), respondents: b.respondents, share: b.share }));
  const benefitData = model.benefit.map((b) => ({ role: roleLabel(b.role), share: chartValue(b.share) }));
  const timeRows = model.timeSaved.map((b) => ({ bucket: label(t, 'timeSaved', b.bucket), count: b.count }));
  const timeData = model.timeSaved.map((b) => ({ bucket: label(t, 'timeSaved', b.bucket), count: chartValue(b.count) }));
  const hoursRows = model.hoursSaved.map((h) => ({ role: roleLabel(h.role), survey: h.survey, prompts: h.prompts }));
  const hoursData = model.hoursSaved.map((h) => ({ role: roleLabel(h.role), survey: chartValue(h.survey), prompts: chartValue(h.prompts) }));
  const comfortRows = [
    ...model.comfort.distribution.map((c) => ({ score: String(c.score), count: c.count })),
    { score: t('impact.comfortMean'), count: model.comfort.mean },
  ];
  const comfortData = model.comfort.distribution.map((c) => ({ score: String(c.score), count: chartValue(c.count) }));

  return (
    <Section id="impact" title={t('view.impact')}>
      <div className={styles.grid}>
        <ChartCard
          testId="benefit"
          title={t('impact.benefit')}
          k={k}
          columns={[
            { key: 'role', label: t('col.role'), format: 'text' },
            { key: 'respondents', label: t('impact.respondents'), format: 'int' },
            { key: 'share', label: t('summary.benefit'), format: 'pct' },
          ]}
          rows={benefitRows}
          chart={<BarsChart data={benefitData} x="role" format="pct" series={[{ key: 'share', label: t('summary.benefit') }]} />}
        />
        <ChartCard
          testId="time-saved"
          title={t('impact.timeSaved')}
          k={k}
          columns={[
            { key: 'bucket', label: t('impact.timeSaved'), format: 'text' },
            { key: 'count', label: t('impact.answers'), format: 'int' },
          ]}
          rows={timeRows}
          chart={<BarsChart data={timeData} x="bucket" series={[{ key: 'count', label: t('impact.answers') }]} />}
        />
        <ChartCard
          testId="hours-saved"
          title={t('impact.hoursSaved')}
          description={t('impact.hoursSaved.desc')}
          k={k}
          columns={[
            { key: 'role', label: t('col.role'), format: 'text' },
            { key: 'survey', label: t('impact.fromSurvey'), format: 'hours' },
            { key: 'prompts', label: t('impact.fromPrompts'), format: 'hours' },
          ]}
          rows={hoursRows}
          chart={
            <BarsChart
              data={hoursData}
              x="role"
              format="hours"
              series={[
                { key: 'survey', label: t('impact.fromSurvey') },
                { key: 'prompts', label: t('impact.fromPrompts') },
              ]}
            />
          }
        />
        <ChartCard
          testId="comfort"
          title={t('impact.comfort')}
          k={k}
          columns={[
            { key: 'score', label: t('impact.score'), format: 'text' },
            { key: 'count', label: t('impact.answers'), format: 'decimal' },
          ]}
          rows={comfortRows}
          chart={<BarsChart data={comfortData} x="score" series={[{ key: 'count', label: t('impact.answers') }]} />}
        />
      </div>
    </Section>
  );
}
