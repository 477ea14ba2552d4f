/**
 * The adoption dashboard: one screen for a program lead. Filters live in the URL; the report comes from
 * GET /api/dashboard/report with the same filters; suppressed figures arrive as such and are shown as "< k".
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  FluentProvider,
  Link,
  MessageBar,
  Select,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, ArrowClockwiseRegular, PrintRegular } from '@fluentui/react-icons';
import { ROLES, HOSTS } from '../core/prompts/schema';
import { I18nContext, initialLang, label, makeI18n, rememberLang, useI18n, type DashboardLang } from './i18n';
import { filtersToQuery, parseFilters, type DashboardFilters } from './filters';
import { ApiError, csvUrl, downloadCsvWithToken, fetchHeadcount, fetchPromptTitles, fetchReport, saveHeadcount, type CsvFormat } from './api';
import { fromReport } from './report';
import type { DashboardModel, HeadcountEntry } from './model';
import { FiltersBar, type FilterOptions } from './components/FiltersBar';
import { Figure } from './components/Figure';
import { AdoptionView } from './views/Adoption';
import { OverviewView } from './views/Overview';
import { CompareView } from './views/Compare';
import { UsageView } from './views/Usage';
import { ImpactView } from './views/Impact';
import { FunnelView, IntensityView, SitesView } from './views/Intensity';
import { PRINT_CSS } from './print';
import { signedInWithEntra } from './auth';
import { sampleReport } from './sample';

/** `?sample=1`: the built-in sample figures, for trying the layout without a server (clearly labelled as such). */
const SAMPLE = new URLSearchParams(location.search).get('sample') === '1';

const useStyles = makeStyles({
  page: { maxWidth: '1400px', margin: '0 auto', padding: '16px 24px 48px', boxSizing: 'border-box' },
  header: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'flex-start', gap: '12px', marginBottom: '16px' },
  h1: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, margin: '0 0 4px', lineHeight: tokens.lineHeightHero700 },
  sub: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  tiles: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', gap: '12px', marginTop: '16px' },
  tile: {
    padding: '12px 16px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    breakInside: 'avoid',
  },
  tileValue: { fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold, display: 'block', marginTop: '4px' },
  tileDesc: { display: 'block', marginTop: '4px', color: tokens.colorNeutralForeground3 },
  nav: { display: 'flex', gap: '16px', flexWrap: 'wrap', marginTop: '16px' },
  lower: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 520px), 1fr))', columnGap: '16px' },
  state: { marginTop: '32px', display: 'flex', justifyContent: 'center' },
  meta: { display: 'block', marginTop: '12px', color: tokens.colorNeutralForeground3 },
  skip: {
    position: 'absolute',
    left: '-10000px',
    ':focus': { left: '8px', top: '8px', zIndex: 10, padding: '8px', backgroundColor: tokens.colorNeutralBackground1 },
  },
});

type LoadState =
  | { kind: 'loading'; previous: DashboardModel | null }
  | { kind: 'ready'; model: DashboardModel }
  | { kind: 'error'; error: ApiError | Error };

function unionSorted(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort((x, y) => x.localeCompare(y));
}

export function App() {
  const [lang, setLangState] = useState<DashboardLang>(() => initialLang());
  const setLang = useCallback((next: DashboardLang) => {
    rememberLang(next);
    setLangState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const i18n = useMemo(() => makeI18n(lang, setLang), [lang, setLang]);
  return (
    <FluentProvider theme={webLightTheme} lang={lang}>
      <I18nContext.Provider value={i18n}>
        <style>{PRINT_CSS}</style>
        <Dashboard />
      </I18nContext.Provider>
    </FluentProvider>
  );
}

function Dashboard() {
  const styles = useStyles();
  const { t, lang, setLang } = useI18n();
  const [filters, setFilters] = useState<DashboardFilters>(() => parseFilters(location.search));
  const [state, setState] = useState<LoadState>({ kind: 'loading', previous: null });
  const [headcount, setHeadcount] = useState<HeadcountEntry[]>([]);
  const [reload, setReload] = useState(0);
  // French Excel by default in French (it opens a comma file in one column), scripts' CSV otherwise.
  const [csvFormat, setCsvFormat] = useState<CsvFormat | null>(null);
  const csvChoice: CsvFormat = csvFormat ?? (lang === 'fr' ? 'excel-fr' : 'script');
  // Options seen so far: narrowing to one site must not make the other sites disappear from the picker.
  const [options, setOptions] = useState<FilterOptions>({ sites: [], roles: [...ROLES], hosts: [...HOSTS, 'preview'] });
  const mainRef = useRef<HTMLElement>(null);

  // URL → state on back/forward.
  useEffect(() => {
    const onPop = () => setFilters(parseFilters(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const changeFilters = useCallback((next: DashboardFilters) => {
    const lang = new URLSearchParams(location.search).get('lang') ?? undefined;
    const q = filtersToQuery(next, { lang, sample: SAMPLE ? '1' : undefined });
    history.pushState(null, '', location.pathname + (q ? '?' + q : ''));
    setFilters(next);
  }, []);

  useEffect(() => {
    if (SAMPLE) {
      const model = fromReport(sampleReport());
      setState({ kind: 'ready', model });
      setOptions((prev) => ({ ...prev, sites: model.options.sites }));
      return;
    }
    const controller = new AbortController();
    setState((prev) => ({ kind: 'loading', previous: prev.kind === 'ready' ? prev.model : prev.kind === 'loading' ? prev.previous : null }));
    Promise.all([fetchReport(filters, controller.signal), fetchHeadcount(controller.signal).catch(() => null), fetchPromptTitles(controller.signal).catch(() => ({}))])
      .then(([body, hc, titles]) => {
        const model = { ...fromReport(body), promptTitles: titles };
        if (hc) setHeadcount(hc);
        setOptions((prev) => ({
          sites: unionSorted(prev.sites, [...model.options.sites, ...(hc ?? []).map((h) => h.site)]),
          roles: unionSorted(prev.roles, model.options.roles),
          hosts: unionSorted(prev.hosts, model.options.hosts),
        }));
        setState({ kind: 'ready', model });
      })
      .catch((err: Error) => {
        if (err.name === 'AbortError') return;
        setState({ kind: 'error', error: err });
      });
    return () => controller.abort();
  }, [filters, reload]);

  const onSaveHeadcount = useCallback(async (entries: HeadcountEntry[]) => {
    const saved = await saveHeadcount(entries);
    setHeadcount(saved);
    setReload((n) => n + 1); // adoption rates depend on the headcount
  }, []);

  const model = state.kind === 'ready' ? state.model : state.kind === 'loading' ? state.previous : null;
  const forbidden = state.kind === 'error' && state.error instanceof ApiError && state.error.forbidden;

  return (
    <>
      <a href="#figures" className={styles.skip}>
        {t('app.skip')}
      </a>
      <div className={styles.page}>
        <header className={styles.header}>
          <div>
            <h1 className={styles.h1}>{t('app.title')}</h1>
            <Text className={styles.sub}>{t('app.subtitle')}</Text>
          </div>
          <div className={`${styles.actions} aide-no-print`}>
            <div role="group" aria-label={t('app.lang')} className={styles.actions}>
              {(['fr', 'en'] as const).map((l) => (
                <ToggleButton key={l} size="small" checked={lang === l} aria-pressed={lang === l} onClick={() => setLang(l)} lang={l}>
                  {t(`app.lang.${l}`)}
                </ToggleButton>
              ))}
            </div>
            <Button icon={<ArrowClockwiseRegular />} onClick={() => setReload((n) => n + 1)}>
              {t('actions.refresh')}
            </Button>
            <Select
              size="small"
              aria-label={t('actions.csvFormat')}
              name="csv-format"
              value={csvChoice}
              onChange={(_e, d) => setCsvFormat(d.value as CsvFormat)}
            >
              <option value="excel-fr">{t('actions.csvExcel')}</option>
              <option value="script">{t('actions.csvScript')}</option>
            </Select>
            <Button
              as="a"
              href={csvUrl(filters, csvChoice)}
              download
              icon={<ArrowDownloadRegular />}
              data-testid="csv-link"
              onClick={(e) => {
                // Signed in with Entra, the link alone would go without the bearer token: fetch the file instead.
                // (The sign-in is settled by the time the figures are on screen, so this check is synchronous.)
                if (SAMPLE || !signedInWithEntra()) return;
                e.preventDefault();
                downloadCsvWithToken(filters, csvChoice).catch((err: Error) => setState({ kind: 'error', error: err }));
              }}
            >
              {t('actions.csv')}
            </Button>
            <Button icon={<PrintRegular />} onClick={() => print()}>
              {t('actions.print')}
            </Button>
          </div>
        </header>

        {!forbidden && <FiltersBar filters={filters} options={options} onChange={changeFilters} />}
        <PrintFilters filters={filters} />

        <main id="figures" ref={mainRef} tabIndex={-1} aria-busy={state.kind === 'loading'}>
          {SAMPLE && (
            <MessageBar intent="warning" style={{ marginTop: 16 }}>
              <MessageBarBody>{t('state.sample')}</MessageBarBody>
            </MessageBar>
          )}
          {state.kind === 'loading' && (
            <div className={styles.state} role="status">
              <Spinner label={t('state.loading')} size={model ? 'tiny' : 'medium'} />
            </div>
          )}
          {state.kind === 'error' && <ErrorState error={state.error} onRetry={() => setReload((n) => n + 1)} />}
          {model && model.empty && state.kind !== 'error' && (
            <MessageBar intent="info" style={{ marginTop: 24 }} data-testid="empty-state">
              <MessageBarBody>
                <MessageBarTitle>{t('state.empty')}</MessageBarTitle>
                {t('state.emptyHint')}
              </MessageBarBody>
            </MessageBar>
          )}
          {model && !model.empty && state.kind !== 'error' && <Figures model={model} headcount={headcount} onSaveHeadcount={onSaveHeadcount} />}
        </main>
      </div>
    </>
  );
}

function PrintFilters({ filters }: { filters: DashboardFilters }) {
  const { t } = useI18n();
  const parts = [
    `${t('filters.since')} ${filters.since ?? '…'} ${t('filters.until').toLowerCase()} ${filters.until ?? '…'}`,
    `${t('filters.site')}: ${filters.site ?? t('filters.all')}`,
    `${t('filters.role')}: ${filters.role ? label(t, 'role', filters.role) : t('filters.all')}`,
    `${t('filters.host')}: ${filters.host ? label(t, 'host', filters.host) : t('filters.all')}`,
  ];
  return <p className="aide-print-only">{parts.join(' · ')}</p>;
}

function ErrorState({ error, onRetry }: { error: Error; onRetry(): void }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.forbidden) {
    return (
      <MessageBar intent="warning" style={{ marginTop: 24 }} data-testid="forbidden-state" role="alert">
        <MessageBarBody>{error.status === 401 ? t('state.unauthorized') : t('state.forbidden')}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="error" style={{ marginTop: 24 }} data-testid="error-state" role="alert">
      <MessageBarBody>
        {t('state.error', { message: error.message })}{' '}
        <Link as="button" onClick={onRetry}>
          {t('state.retry')}
        </Link>
      </MessageBarBody>
    </MessageBar>
  );
}

const VIEWS = ['overview', 'adoption', 'usage', 'impact', 'intensity', 'sites', 'funnel', 'compare'] as const;

function Figures({ model, headcount, onSaveHeadcount }: { model: DashboardModel; headcount: HeadcountEntry[]; onSaveHeadcount(e: HeadcountEntry[]): Promise<void> }) {
  const styles = useStyles();
  const { t, lang } = useI18n();
  const k = model.k;
  const tiles = [
    { key: 'activeUsers', label: t('summary.activeUsers'), desc: t('summary.activeUsers.desc'), value: model.summary.activeUsers, format: 'int' as const },
    { key: 'runs', label: t('summary.runs'), desc: t('summary.runs.desc'), value: model.summary.runs, format: 'int' as const },
    { key: 'acceptance', label: t('summary.acceptance'), desc: t('summary.acceptance.desc'), value: model.summary.acceptance, format: 'pct' as const },
    { key: 'benefit', label: t('summary.benefit'), desc: t('summary.benefit.desc'), value: model.summary.benefitShare, format: 'pct' as const },
    { key: 'hoursSaved', label: t('summary.hoursSaved'), desc: t('summary.hoursSaved.desc'), value: model.summary.hoursSavedPerWeek, format: 'hours' as const },
  ];
  const when = model.generatedAt ? new Date(model.generatedAt).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB') : t('common.none');
  return (
    <>
      <div className={styles.tiles} data-testid="summary">
        {tiles.map((tile) => (
          <div key={tile.key} className={styles.tile} data-tile={tile.key}>
            <Text size={200}>{tile.label}</Text>
            <span className={styles.tileValue}>
              <Figure value={tile.value} format={tile.format} k={k} />
            </span>
            <Text size={100} className={styles.tileDesc}>
              {tile.desc}
            </Text>
          </div>
        ))}
      </div>
      <Text size={200} className={styles.meta}>
        {t('app.generated', { date: when, since: model.since ?? t('common.none'), until: model.until ?? t('common.none') })} — {t('app.kNote', { k })}
      </Text>
      <nav aria-label={t('view.nav')} className={`${styles.nav} aide-no-print`}>
        {VIEWS.map((v) => (
          <Link key={v} href={`#${v}`}>
            {t(`view.${v}`)}
          </Link>
        ))}
      </nav>
      <OverviewView model={model} />
      <div className="aide-details">
      <AdoptionView model={model} headcount={headcount} onSaveHeadcount={onSaveHeadcount} />
      <UsageView model={model} />
      <ImpactView model={model} />
      <div className={styles.lower}>
        <IntensityView model={model} />
        <SitesView model={model} />
      </div>
      <FunnelView model={model} />
      <CompareView />
      </div>
    </>
  );
}
