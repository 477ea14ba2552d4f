/**
 * Dashboard text in French (default: the users' first language) and English. Components never hold a literal
 * string: they call `t(key, vars)`. The language follows `navigator.language` unless the reader picked one with the
 * switch (remembered in localStorage, and kept in the URL `lang` parameter so a printed or shared link reads the same).
 */
import { createContext, useContext } from 'react';

export type DashboardLang = 'fr' | 'en';

const fr = {
  'app.title': "Tableau de bord d'adoption d'Aide",
  'app.subtitle': 'Usage anonyme par rôle et par site : aucune personne n’est suivie.',
  'app.lang': 'Langue',
  'app.lang.fr': 'Français',
  'app.lang.en': 'English',
  'app.skip': 'Aller aux chiffres',
  'app.generated': 'Chiffres calculés le {date}, du {since} au {until}',
  'app.kNote': 'Tout chiffre calculé sur moins de {k} appareils distincts est masqué (« < {k} ») et absent des exports.',

  'filters.title': 'Filtres',
  'filters.since': 'Du',
  'filters.until': 'Au',
  'filters.period': 'Période',
  'filters.period.4w': '4 dernières semaines',
  'filters.period.12w': '12 dernières semaines',
  'filters.period.26w': '26 dernières semaines',
  'filters.period.all': 'Depuis le début',
  'filters.period.custom': 'Dates choisies',
  'filters.site': 'Site',
  'filters.role': 'Rôle',
  'filters.host': 'Application',
  'filters.all': 'Tous',
  'filters.reset': 'Effacer les filtres',
  'filters.apply': 'Appliquer',

  'actions.csv': 'Exporter en CSV',
  'actions.csvFormat': 'Format du CSV',
  'actions.csvExcel': 'Excel (français)',
  'actions.csvScript': 'Scripts (virgule, point)',
  'actions.print': 'Imprimer',
  'actions.refresh': 'Actualiser',
  'actions.showTable': 'Afficher le tableau',
  'actions.showChart': 'Afficher le graphique',

  'state.loading': 'Chargement des chiffres…',
  'state.forbidden': 'Cette page est réservée au rôle « responsable de programme ». Demandez ce rôle à votre administrateur.',
  'state.unauthorized': 'Votre session a expiré : reconnectez-vous (rechargez la page). Cette page est réservée au rôle « responsable de programme ».',
  'state.error': 'Les chiffres n’ont pas pu être chargés : {message}',
  'state.retry': 'Réessayer',
  'state.sample': 'Chiffres d’exemple intégrés à la page (?sample=1) : ce ne sont pas des données réelles.',
  'state.empty': 'Pas encore de données pour ces filtres.',
  'state.emptyHint': 'Pour essayer le tableau de bord tout de suite, lancez « aide metrics seed-demo » sur le serveur, ou élargissez les filtres.',

  'suppressed.tooltip': 'Moins de {k} appareils distincts : le chiffre est masqué pour qu’aucune personne ne puisse être reconnue. Il est aussi absent de l’export CSV.',
  'suppressed.sr': 'masqué, moins de {k}',
  'suppressed.linked': 'masqué',
  'suppressed.linkedTooltip': 'Chiffre masqué bien qu’il porte sur au moins {k} appareils : affiché, il permettrait de retrouver par soustraction un chiffre voisin masqué car trop petit (« < {k} »). Il est aussi absent de l’export CSV.',
  'suppressed.linkedSr': 'masqué pour protéger un petit groupe voisin',

  'view.overview': 'Synthèse',
  'view.compare': 'Comparer des établissements',
  'view.adoption': 'Adoption',
  'view.usage': 'Utilisation',
  'view.impact': 'Impact',
  'view.intensity': 'Intensité d’usage',
  'view.funnel': 'Parcours par prompt',
  'view.sites': 'Sites côte à côte',
  'view.nav': 'Vues',

  'summary.activeUsers': 'Personnes actives par mois',
  'summary.activeUsers.desc': 'Appareils distincts actifs dans un mois (chaque appareil change de jeton anonyme à chaque mois, le même jour pour tous) : moyenne des mois entiers de la période ; une période plus courte compte le plus grand de ses morceaux de mois. Une personne sur deux postes compte deux fois.',
  'summary.runs.desc': 'Textes générés dans la période.',
  'summary.acceptance.desc': 'Part des générations insérées ou copiées.',
  'summary.benefit.desc': 'Part des réponses à l’enquête hebdomadaire déclarant un bénéfice réel.',
  'summary.hoursSaved.desc': 'Temps gagné déclaré × personnes actives par semaine.',
  'summary.runs': 'Générations',
  'summary.acceptance': 'Taux d’acceptation',
  'summary.benefit': 'Bénéfice réel déclaré',
  'summary.hoursSaved': 'Heures gagnées par semaine (estimation)',

  'adoption.weekly': 'Utilisateurs actifs par semaine et par rôle',
  'adoption.weekly.desc': 'Nombre d’appareils distincts ayant utilisé Aide dans la semaine (au moins un prompt ouvert ou une génération) ; un appareil ne change jamais de jeton en cours de semaine.',
  'adoption.rate': 'Taux d’adoption par rapport aux effectifs inscrits',
  'adoption.rate.desc': 'Moyenne des utilisateurs actifs par semaine sur les 4 dernières semaines de la période ÷ effectif inscrit saisi par le responsable.',
  'adoption.retention': 'Fidélisation : utilisateurs de la semaine 1 encore actifs en semaine 4',
  'adoption.retention.desc': 'Parmi les nouveaux appareils de la période (apparus au moins 4 semaines avant sa fin), part encore active pendant leur 4e semaine.',
  'adoption.partialWeek': '{week} (en cours)',
  'adoption.headcount': 'Effectif inscrit',
  'adoption.headcount.edit': 'Modifier les effectifs',
  'adoption.headcount.save': 'Enregistrer les effectifs',
  'adoption.headcount.cancel': 'Annuler',
  'adoption.headcount.saved': 'Effectifs enregistrés.',
  'adoption.headcount.saveError': 'Les effectifs n’ont pas été enregistrés : {message}',
  'adoption.headcount.invalid': 'Saisissez un nombre entier positif ou laissez vide.',
  'adoption.headcount.missing': 'non saisi',
  'adoption.headcount.newSite': 'Autre site (identifiant)',
  'adoption.headcount.newSiteInvalid': 'Lettres, chiffres, « _ », « . » ou « - », comme AIDE_SITE sur le serveur du site.',
  'adoption.headcount.addSite': 'Ajouter le site',
  'adoption.active': 'Actifs',
  'adoption.rateCol': 'Taux d’adoption',
  'adoption.cohort': 'Nouveaux appareils',
  'adoption.retained': 'Encore actifs en semaine 4',
  'adoption.retentionRate': 'Fidélisation',

  'usage.topPrompts': 'Prompts les plus utilisés par rôle',
  'usage.runsPerHost': 'Générations par application',
  'usage.rates': 'Acceptation, annulation et erreurs',
  'usage.rates.desc': 'Acceptation = (inséré ou copié) ÷ générations.',
  'usage.runs': 'Générations',
  'usage.acceptance': 'Acceptation',
  'usage.cancel': 'Annulation',
  'usage.error': 'Erreur',
  'usage.prompt': 'Prompt',
  'usage.ttft': 'Premier mot (moyenne)',
  'usage.total': 'Durée totale (moyenne)',

  'impact.benefit': 'Part des répondants déclarant un bénéfice réel',
  'impact.respondents': 'Répondants',
  'impact.timeSaved': 'Temps gagné déclaré par semaine',
  'impact.hoursSaved': 'Heures gagnées estimées par semaine et par rôle',
  'impact.hoursSaved.desc': 'Deux estimations : le temps gagné déclaré à l’enquête hebdomadaire × les utilisateurs actifs par semaine, et les minutes gagnées prévues par chaque prompt × les générations acceptées.',
  'impact.fromSurvey': 'Selon l’enquête',
  'impact.fromPrompts': 'Selon les prompts',
  'impact.comfort': 'Confort / charge mentale (1 = très difficile, 5 = très confortable)',
  'impact.comfortMean': 'Moyenne',
  'impact.answers': 'Réponses',
  'impact.score': 'Note',

  'timeSaved.0': 'Aucun',
  'timeSaved.lt30': '< 30 min',
  'timeSaved.30to60': '30–60 min',
  'timeSaved.1to2h': '1–2 h',
  'timeSaved.2to4h': '2–4 h',
  'timeSaved.gt4h': '> 4 h',

  'intensity.title': 'Utilisateurs selon le nombre de générations par semaine',
  'intensity.desc': 'Appareils répartis selon leur nombre moyen de générations par semaine active.',
  'intensity.bucket': 'Générations par semaine',
  'intensity.users': 'Utilisateurs',

  'funnel.title': 'Du prompt ouvert au texte utilisé',
  'funnel.opened': 'Ouvert',
  'funnel.generated': 'Généré',
  'funnel.used': 'Inséré ou copié',

  'sites.title': 'Comparaison des sites',
  'sites.site': 'Site',

  'overview.title': 'Adoption, bénéfice et confort par rôle et par site',
  'overview.desc': 'Une ligne par rôle (tous sites) suivie de ses sites ; en bas, chaque site et l’ensemble. Adopté = personnes actives par semaine (moyenne des 4 dernières semaines) ÷ effectif inscrit. Tendance = actives par semaine, seconde moitié de la période moins la première.',
  'overview.allSites': 'Tous les sites',
  'overview.allRoles': 'Tous les rôles',
  'overview.users': 'Personnes actives / mois',
  'overview.weekly': 'Actives / semaine',
  'overview.headcount': 'Effectif',
  'overview.adopted': 'Adopté',
  'overview.trend': 'Tendance',
  'overview.respondents': 'Réponses',
  'overview.benefit': 'Bénéfice réel',
  'overview.hours': 'Temps gagné / sem.',
  'overview.comfort': 'Confort (1–5)',
  'compare.desc': 'Chaque établissement exporte son rapport (« aide metrics export ») ; choisissez ces fichiers pour les voir côte à côte. Aucun événement n’est mis en commun et un chiffre masqué par un établissement reste masqué.',
  'compare.files': 'Fichiers d’export (.json)',
  'compare.allowPeriods': 'Accepter des périodes différentes',
  'compare.allowK': 'Accepter des seuils k différents',
  'compare.metric': 'Indicateur',
  'compare.error.unreadable': '{file} : ce fichier n’est pas du JSON lisible.',
  'compare.error.format': '{file} : ce n’est pas un export Aide complet (« aide metrics export »).',
  'compare.error.version': '{file} : version d’export non prise en charge.',
  'compare.error.hash': '{file} : l’empreinte ne correspond pas, le fichier a été modifié après l’export.',
  'compare.error.period': '{file} : la période diffère des autres fichiers (cochez « Accepter des périodes différentes » pour comparer quand même).',
  'compare.error.k': '{file} : le seuil k diffère des autres fichiers (cochez « Accepter des seuils k différents » pour comparer quand même).',
  'compare.error.duplicate': '{file} : deux fichiers du même établissement.',
  'compare.error.none': 'Aucun fichier choisi.',
  'compare.mixed': 'Attention : les fichiers n’ont pas tous la même période ou le même seuil k.',
  'metric.activeUsers': 'Personnes actives / mois',
  'metric.runs': 'Générations',
  'metric.acceptance': 'Acceptation',
  'metric.benefitShare': 'Bénéfice réel',
  'metric.hoursSavedPerWeek': 'Heures gagnées / semaine',
  'metric.weeklyActive': 'Actives / semaine',
  'metric.adoption': 'Adopté',
  'metric.hoursSavedPerPerson': 'Temps gagné / sem. / pers.',
  'metric.comfort': 'Confort (1–5)',
  'col.week': 'Semaine',
  'col.role': 'Rôle',
  'col.site': 'Site',
  'col.host': 'Application',
  'col.value': 'Valeur',
  'col.total': 'Total',

  'role.secretary': 'Secrétariat',
  'role.quality': 'Qualité',
  'role.physician': 'Médecin',
  'role.engineer': 'Ingénieur',
  'role.all': 'Tous les rôles',
  'host.outlook': 'Outlook',
  'host.word': 'Word',
  'host.preview': 'Aperçu (navigateur)',
  'common.none': '—',
  'chart.hidden': 'Chiffres masqués (moins de {k} appareils) pour : {items}. Voir le tableau.',
  'chart.label': 'Graphique : {title}. Le tableau équivalent est disponible avec le bouton « Afficher le tableau ».',
} as const;

export type MessageKey = keyof typeof fr;

const en: Record<MessageKey, string> = {
  'app.title': 'Aide adoption dashboard',
  'app.subtitle': 'Anonymous usage by role and by site: no person is tracked.',
  'app.lang': 'Language',
  'app.lang.fr': 'Français',
  'app.lang.en': 'English',
  'app.skip': 'Skip to the figures',
  'app.generated': 'Figures computed on {date}, from {since} to {until}',
  'app.kNote': 'Any figure computed from fewer than {k} distinct devices is hidden ("< {k}") and left out of exports.',

  'filters.title': 'Filters',
  'filters.since': 'From',
  'filters.until': 'To',
  'filters.period': 'Period',
  'filters.period.4w': 'Last 4 weeks',
  'filters.period.12w': 'Last 12 weeks',
  'filters.period.26w': 'Last 26 weeks',
  'filters.period.all': 'Since the start',
  'filters.period.custom': 'Chosen dates',
  'filters.site': 'Site',
  'filters.role': 'Role',
  'filters.host': 'Application',
  'filters.all': 'All',
  'filters.reset': 'Clear filters',
  'filters.apply': 'Apply',

  'actions.csv': 'Export as CSV',
  'actions.csvFormat': 'CSV format',
  'actions.csvExcel': 'Excel (French)',
  'actions.csvScript': 'Scripts (comma, point)',
  'actions.print': 'Print',
  'actions.refresh': 'Refresh',
  'actions.showTable': 'Show the table',
  'actions.showChart': 'Show the chart',

  'state.loading': 'Loading the figures…',
  'state.forbidden': 'This page needs the program lead role. Ask your administrator for it.',
  'state.unauthorized': 'Your session has expired: sign in again (reload the page). This page needs the program lead role.',
  'state.error': 'The figures could not be loaded: {message}',
  'state.retry': 'Try again',
  'state.sample': 'Built-in sample figures (?sample=1): these are not real data.',
  'state.empty': 'No data yet for these filters.',
  'state.emptyHint': 'To try the dashboard at once, run "aide metrics seed-demo" on the server, or widen the filters.',

  'suppressed.tooltip': 'Fewer than {k} distinct devices: the figure is hidden so that no person can be recognised. It is also left out of the CSV export.',
  'suppressed.sr': 'hidden, fewer than {k}',
  'suppressed.linked': 'hidden',
  'suppressed.linkedTooltip': 'Hidden although it covers at least {k} devices: shown, it would let a neighbouring figure hidden as too small (“< {k}”) be recovered by subtraction. It is also left out of the CSV export.',
  'suppressed.linkedSr': 'hidden to protect a small neighbouring group',

  'view.overview': 'Overview',
  'view.compare': 'Compare hospitals',
  'view.adoption': 'Adoption',
  'view.usage': 'Usage',
  'view.impact': 'Impact',
  'view.intensity': 'Usage intensity',
  'view.funnel': 'Funnel per prompt',
  'view.sites': 'Sites side by side',
  'view.nav': 'Views',

  'summary.activeUsers': 'People active per month',
  'summary.activeUsers.desc': 'Distinct devices active in a month (every device renews its anonymous token each month, on the same day for all): mean of the period’s whole months; a shorter period counts the larger of its month parts. A person on two workstations counts twice.',
  'summary.runs.desc': 'Texts generated in the period.',
  'summary.acceptance.desc': 'Share of runs inserted or copied.',
  'summary.benefit.desc': 'Share of weekly survey answers reporting a real benefit.',
  'summary.hoursSaved.desc': 'Reported time saved × people active per week.',
  'summary.runs': 'Runs',
  'summary.acceptance': 'Acceptance rate',
  'summary.benefit': 'Reporting a real benefit',
  'summary.hoursSaved': 'Hours saved per week (estimate)',

  'adoption.weekly': 'Weekly active users per role',
  'adoption.weekly.desc': 'Distinct devices that used Aide in the week (opened a prompt or ran one); a device never changes token within a week.',
  'adoption.rate': 'Adoption rate against enrolled headcount',
  'adoption.rate.desc': 'Mean weekly active users over the last 4 weeks of the period ÷ enrolled headcount entered by the program lead.',
  'adoption.retention': 'Retention: week-1 users still active in week 4',
  'adoption.retention.desc': 'Of the new devices of the period (first seen at least 4 weeks before its end), the share still active in their 4th week.',
  'adoption.partialWeek': '{week} (in progress)',
  'adoption.headcount': 'Enrolled headcount',
  'adoption.headcount.edit': 'Edit headcounts',
  'adoption.headcount.save': 'Save headcounts',
  'adoption.headcount.cancel': 'Cancel',
  'adoption.headcount.saved': 'Headcounts saved.',
  'adoption.headcount.saveError': 'The headcounts were not saved: {message}',
  'adoption.headcount.invalid': 'Enter a positive whole number or leave it empty.',
  'adoption.headcount.missing': 'not entered',
  'adoption.headcount.newSite': 'Another site (identifier)',
  'adoption.headcount.newSiteInvalid': 'Letters, digits, "_", "." or "-", as AIDE_SITE on that site\'s server.',
  'adoption.headcount.addSite': 'Add the site',
  'adoption.active': 'Active',
  'adoption.rateCol': 'Adoption rate',
  'adoption.cohort': 'New devices',
  'adoption.retained': 'Still active in week 4',
  'adoption.retentionRate': 'Retention',

  'usage.topPrompts': 'Top prompts per role',
  'usage.runsPerHost': 'Runs per application',
  'usage.rates': 'Acceptance, cancel and error rates',
  'usage.rates.desc': 'Acceptance = (inserted or copied) ÷ runs.',
  'usage.runs': 'Runs',
  'usage.acceptance': 'Acceptance',
  'usage.cancel': 'Cancelled',
  'usage.error': 'Error',
  'usage.prompt': 'Prompt',
  'usage.ttft': 'First words (mean)',
  'usage.total': 'Total time (mean)',

  'impact.benefit': 'Share of respondents reporting a real benefit',
  'impact.respondents': 'Respondents',
  'impact.timeSaved': 'Reported time saved per week',
  'impact.hoursSaved': 'Estimated hours saved per week per role',
  'impact.hoursSaved.desc': 'Two estimates: the time saved reported in the weekly survey × weekly active users, and each prompt’s expected minutes saved × the accepted runs.',
  'impact.fromSurvey': 'From the survey',
  'impact.fromPrompts': 'From the prompts',
  'impact.comfort': 'Comfort / mental load (1 = very hard, 5 = very comfortable)',
  'impact.comfortMean': 'Mean',
  'impact.answers': 'Answers',
  'impact.score': 'Score',

  'timeSaved.0': 'None',
  'timeSaved.lt30': '< 30 min',
  'timeSaved.30to60': '30–60 min',
  'timeSaved.1to2h': '1–2 h',
  'timeSaved.2to4h': '2–4 h',
  'timeSaved.gt4h': '> 4 h',

  'intensity.title': 'Users by runs per week',
  'intensity.desc': 'Devices grouped by their average number of runs per active week.',
  'intensity.bucket': 'Runs per week',
  'intensity.users': 'Users',

  'funnel.title': 'From opened prompt to text used',
  'funnel.opened': 'Opened',
  'funnel.generated': 'Generated',
  'funnel.used': 'Inserted or copied',

  'sites.title': 'Sites compared',
  'sites.site': 'Site',

  'overview.title': 'Adoption, benefit and comfort per role and site',
  'overview.desc': 'One row per role (all sites) followed by its sites; at the bottom, each site and everyone. Adopted = people active per week (mean of the last 4 weeks) ÷ enrolled headcount. Trend = active per week, second half of the period minus the first.',
  'overview.allSites': 'All sites',
  'overview.allRoles': 'All roles',
  'overview.users': 'People active / month',
  'overview.weekly': 'Active / week',
  'overview.headcount': 'Headcount',
  'overview.adopted': 'Adopted',
  'overview.trend': 'Trend',
  'overview.respondents': 'Answers',
  'overview.benefit': 'Real benefit',
  'overview.hours': 'Time saved / week',
  'overview.comfort': 'Comfort (1–5)',
  'compare.desc': 'Each hospital exports its report (“aide metrics export”); pick those files to see them side by side. No event is pooled, and a figure one hospital hid stays hidden.',
  'compare.files': 'Export files (.json)',
  'compare.allowPeriods': 'Accept different periods',
  'compare.allowK': 'Accept different k thresholds',
  'compare.metric': 'Figure',
  'compare.error.unreadable': '{file}: this file is not readable JSON.',
  'compare.error.format': '{file}: not a complete Aide export (“aide metrics export”).',
  'compare.error.version': '{file}: export version not supported.',
  'compare.error.hash': '{file}: the content hash does not match, the file was changed after export.',
  'compare.error.period': '{file}: its period differs from the other files (tick “Accept different periods” to compare anyway).',
  'compare.error.k': '{file}: its k threshold differs from the other files (tick “Accept different k thresholds” to compare anyway).',
  'compare.error.duplicate': '{file}: two files of the same hospital.',
  'compare.error.none': 'No file chosen.',
  'compare.mixed': 'Careful: the files do not all have the same period or k threshold.',
  'metric.activeUsers': 'People active / month',
  'metric.runs': 'Runs',
  'metric.acceptance': 'Acceptance',
  'metric.benefitShare': 'Real benefit',
  'metric.hoursSavedPerWeek': 'Hours saved / week',
  'metric.weeklyActive': 'Active / week',
  'metric.adoption': 'Adopted',
  'metric.hoursSavedPerPerson': 'Time saved / week / person',
  'metric.comfort': 'Comfort (1–5)',
  'col.week': 'Week',
  'col.role': 'Role',
  'col.site': 'Site',
  'col.host': 'Application',
  'col.value': 'Value',
  'col.total': 'Total',

  'role.secretary': 'Secretary',
  'role.quality': 'Quality',
  'role.physician': 'Physician',
  'role.engineer': 'Engineer',
  'role.all': 'All roles',
  'host.outlook': 'Outlook',
  'host.word': 'Word',
  'host.preview': 'Preview (browser)',
  'common.none': '—',
  'chart.hidden': 'Figures hidden (fewer than {k} devices) for: {items}. See the table.',
  'chart.label': 'Chart: {title}. The same figures are available as a table with the "Show the table" button.',
};

export const dictionaries: Record<DashboardLang, Record<MessageKey, string>> = { fr, en };

const STORAGE_KEY = 'aide.dashboard.lang';

/** The language to start with: URL `lang`, then the reader's earlier choice, then the browser, then French. */
export function initialLang(search: string = location.search, browser: readonly string[] = navigator.languages ?? [navigator.language]): DashboardLang {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (fromUrl === 'fr' || fromUrl === 'en') return fromUrl;
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch {
    // Storage can be blocked (private mode, strict policies): fall back to the browser language.
  }
  for (const tag of browser) {
    const base = tag.toLowerCase().slice(0, 2);
    if (base === 'fr') return 'fr';
    if (base === 'en') return 'en';
  }
  return 'fr';
}

export function rememberLang(lang: DashboardLang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered: the switch still works for this page.
  }
  document.documentElement.lang = lang;
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: DashboardLang): Translate {
  const dict = dictionaries[lang];
  return (key, vars) => {
    const text = dict[key] ?? fr[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

/** Labels for domain values (roles, hosts, buckets) that may come from the data: unknown values show as-is. */
export function label(t: Translate, prefix: 'role' | 'host' | 'timeSaved', value: string): string {
  const key = `${prefix}.${value}` as MessageKey;
  return key in fr ? t(key) : value;
}

export interface I18nValue {
  lang: DashboardLang;
  t: Translate;
  setLang(lang: DashboardLang): void;
  /** Number formatting in the reader's language (decimal comma in French). */
  num(value: number, digits?: number): string;
  pct(ratio: number): string;
}

export function makeI18n(lang: DashboardLang, setLang: (lang: DashboardLang) => void): I18nValue {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  return {
    lang,
    t: translator(lang),
    setLang,
    num: (value, digits = 0) => value.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }),
    // French puts a (non-breaking) space before %, English does not.
    pct: (ratio) => (ratio * 100).toLocaleString(locale, { maximumFractionDigits: 0 }) + (lang === 'fr' ? '\u00a0%' : '%'),
  };
}

export const I18nContext = createContext<I18nValue>(makeI18n('fr', () => undefined));

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}
