/**
 * The lead's first table: one row per role (all sites) followed by its sites, then each site and everyone — people
 * active per month, weekly active against headcount, trend, real benefit, time saved, comfort. Figures as the server
 * sent them ("< k" small groups, "hidden" for complementary suppression).
 */
import { label, useI18n } from '../i18n';
import type { DashboardModel } from '../model';
import { ChartCard } from '../components/ChartCard';
import { Section } from '../components/Section';

export function OverviewView({ model }: { model: DashboardModel }) {
  const { t } = useI18n();
  const rows = model.overview;
  const roles = [...new Set(rows.filter((r) => r.role !== '*').map((r) => r.role))].sort((a, b) => label(t, 'role', a).localeCompare(label(t, 'role', b)));
  const ordered = [
    ...roles.flatMap((role) => [...rows.filter((r) => r.role === role && r.site === '*'), ...rows.filter((r) => r.role === role && r.site !== '*').sort((a, b) => a.site.localeCompare(b.site))]),
    ...rows.filter((r) => r.role === '*' && r.site !== '*').sort((a, b) => a.site.localeCompare(b.site)),
    ...rows.filter((r) => r.role === '*' && r.site === '*'),
  ];
  const tableRows = ordered.map((r) => ({
    role: r.role === '*' ? t('overview.allRoles') : label(t, 'role', r.role),
    site: r.site === '*' ? t('overview.allSites') : r.site,
    users: r.users,
    weekly: r.weekly,
    headcount: r.headcount === null ? t('adoption.headcount.missing') : String(r.headcount),
    adopted: r.adopted,
    trend: r.trend,
    respondents: r.respondents,
    benefit: r.benefit,
    hours: r.hours,
    comfort: r.comfort,
  }));
  return (
    <Section id="overview" title={t('view.overview')}>
      <ChartCard
        testId="overview"
        title={t('overview.title')}
        description={t('overview.desc')}
        k={model.k}
        columns={[
          { key: 'role', label: t('col.role'), format: 'text' },
          { key: 'site', label: t('col.site'), format: 'text' },
          { key: 'users', label: t('overview.users'), format: 'int' },
          { key: 'weekly', label: t('overview.weekly'), format: 'decimal' },
          { key: 'headcount', label: t('overview.headcount'), format: 'text', detail: true },
          { key: 'adopted', label: t('overview.adopted'), format: 'pct' },
          { key: 'trend', label: t('overview.trend'), format: 'decimal' },
          { key: 'respondents', label: t('overview.respondents'), format: 'int' },
          { key: 'benefit', label: t('overview.benefit'), format: 'pct' },
          { key: 'hours', label: t('overview.hours'), format: 'hours' },
          { key: 'comfort', label: t('overview.comfort'), format: 'decimal' },
        ]}
        rows={tableRows}
      />
    </Section>
  );
}
