/**
 * The task pane: role picker, gallery, prompt runs, personal prompts, settings and the weekly survey, over one
 * HostAdapter (Outlook, Word or the preview). All host access goes through the adapter; all words through i18n.
 */
import { metricPromptId } from '../core/metrics/events';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Caption1, Field, makeStyles, MessageBar, MessageBarBody, Select, Spinner, Text, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular, SettingsRegular } from '@fluentui/react-icons';
import { defaultPrompt } from '../core/llm/run';
import type { MetricsClient } from '../core/metrics/client';
import { suggestRoleFromJobTitle } from '../core/prompts/role-suggestion';
import { ROLES, type PromptDefinition, type Role } from '../core/prompts/schema';
import type { HostAdapter, KeyValueStore } from '../hosts/types';
import { Gallery } from './Gallery';
import { answersFor, itemLabel, putAside, removeAnswer, type AnswerHistory, type AnswerRecord } from './history';
import { translate, useLang, useT, type MessageKey } from './i18n';
import { blankPrompt, duplicatePrompt, loadLibrary, mergeLibrary, pushRecent, toggleFavourite, type LibraryLoad } from './library';
import { PREF_KEYS, readPrefs, withPersonalPrompts, writePref, type Prefs, type WordSettings } from './prefs';
// The run panel, the editor, prompt files (YAML), settings and survey load on first use, not with the gallery.
import { checkPersonalPrompt, preloadRunPanel, PromptEditor, PromptForm, RunPanel, serializePrompt, Settings, Survey, Tooltip } from './lazy';
import { createMetricsClient, loadClientConfig, type ClientConfig } from './services';

/** Set by the ribbon command (src/commands), read by the pane: `{action: 'summarize', at}`. */
export { COMMAND_KEY_FOR_COMMANDS as COMMAND_KEY } from '../commands/keys';
import { COMMAND_KEY_FOR_COMMANDS as COMMAND_KEY } from '../commands/keys';
const COMMAND_MAX_AGE_MS = 120_000;

type View =
  | { name: 'gallery' }
  | { name: 'run'; promptId: string; autoRun: boolean; nonce: number; restored?: AnswerRecord }
  | { name: 'edit'; text: string; replaceId: string | null; form?: { prompt: PromptDefinition; isNew: boolean } }
  | { name: 'settings' };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', height: '100%', backgroundColor: tokens.colorNeutralBackground2 },
  header: {
    display: 'flex',
    alignItems: 'flex-end',
    gap: '8px',
    padding: '8px 12px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  grow: { flexGrow: 1 },
  body: { padding: '10px 12px', overflowY: 'auto', flexGrow: 1, display: 'flex', flexDirection: 'column', gap: '10px' },
});

export interface AppProps {
  host: HostAdapter;
  /** The server's origin (the gateway and the APIs are same-origin with the pane). */
  baseUrl: string;
  /** Device-local storage for caches and the metrics queue (localStorage). */
  store: KeyValueStore;
  /** Changes whenever the host's item changes (preview: another mail or the document). */
  contextVersion?: number;
}

export function App({ host, baseUrl, store, contextVersion = 0 }: AppProps) {
  const t = useT();
  const [lang, setLang] = useLang();
  const styles = useStyles();
  const [prefs, setPrefs] = useState<Prefs>(() => readPrefs(host));
  const [config, setConfig] = useState<ClientConfig | null>(null);
  const [metrics, setMetrics] = useState<MetricsClient | null>(null);
  const [library, setLibrary] = useState<LibraryLoad | null>(null);
  const [view, setView] = useState<View>({ name: 'gallery' });
  const [notice, setNotice] = useState<{ intent: 'info' | 'warning' | 'error' | 'success'; text: string } | null>(null);
  const [surveyOpen, setSurveyOpen] = useState(false);
  const [suggestion, setSuggestion] = useState<{ role: Role; title: string } | null>(null);
  const nonce = useRef(0);
  const askedJobTitle = useRef(false);
  // Answers put aside when their item changed, per item, for this pane's life only (never stored: patient data).
  const [history, setHistory] = useState<AnswerHistory>([]);
  const itemAnswers = useMemo(() => answersFor(history, host.item), [history, host.item]);
  const hostRef = useRef(host);
  hostRef.current = host;
  const onPutAside = useCallback(
    (record: AnswerRecord) => {
      setHistory((h) => putAside(h, record));
      // Put aside because another item is open now: say where it went.
      if (record.item.id !== hostRef.current.item.id || record.item.kind !== hostRef.current.item.kind)
        setNotice({
          intent: record.status === 'interrupted' ? 'warning' : 'info',
          text: t(record.status === 'interrupted' ? 'history.putAsideInterrupted' : 'history.putAside', { title: record.title[lang], item: itemLabel(record.item, t) }),
        });
    },
    [t, lang],
  );
  const reopen = useCallback((record: AnswerRecord) => {
    setHistory((h) => removeAnswer(h, record.id));
    setNotice(null);
    setView({ name: 'run', promptId: record.promptId, autoRun: false, nonce: ++nonce.current, restored: record });
  }, []);

  // No role chosen yet (none remembered): the directory's job title may suggest one. Asked once per pane, silently;
  // a remembered choice is never replaced, and the suggestion only applies when the user clicks it.
  useEffect(() => {
    if (prefs.role || askedJobTitle.current || !host.readJobTitle) return;
    askedJobTitle.current = true;
    // Not cancelled on re-render (another mail, StrictMode): it is asked once, and shown only while no role is set.
    host
      .readJobTitle()
      .then((title) => {
        const role = suggestRoleFromJobTitle(title);
        if (title && role) setSuggestion({ role, title });
      })
      .catch(() => undefined);
  }, [host, prefs.role]);

  useEffect(() => {
    let live = true;
    void (async () => {
      const cfg = await loadClientConfig(baseUrl);
      if (!live) return;
      setConfig(cfg);
      const [lib, client] = await Promise.all([loadLibrary(baseUrl, store), createMetricsClient(baseUrl, cfg, store).catch(() => null)]);
      if (!live) return;
      setLibrary(lib);
      setMetrics(client);
      preloadRunPanel();
    })();
    return () => {
      live = false;
    };
  }, [baseUrl, store]);

  useEffect(() => () => metrics?.dispose(), [metrics]);

  const updatePrefs = useCallback(
    (patch: Partial<Prefs>) => {
      setPrefs((old) => ({ ...old, ...patch }));
      const keys: [keyof Prefs, string][] = [
        ['role', PREF_KEYS.role],
        ['favourites', PREF_KEYS.favourites],
        ['recent', PREF_KEYS.recent],
        ['personal', PREF_KEYS.personal],
        ['word', PREF_KEYS.word],
        ['runs', PREF_KEYS.runs],
      ];
      for (const [field, key] of keys) if (field in patch) void writePref(host, key, patch[field]);
    },
    [host],
  );

  const prompts = useMemo(() => mergeLibrary(library?.prompts ?? [], prefs.personal), [library, prefs.personal]);
  const role = prefs.role;

  const openPrompt = useCallback(
    (prompt: PromptDefinition, autoRun = false) => {
      updatePrefs({ recent: pushRecent(prefs.recent, prompt.id) });
      setNotice(null);
      setView({ name: 'run', promptId: prompt.id, autoRun, nonce: ++nonce.current });
      if (metrics && role) {
        void metrics
          .record({
            type: 'prompt_open',
            role,
            promptId: metricPromptId(prompt),
            promptVersion: prompt.version,
            host: location.pathname.startsWith('/preview') ? 'preview' : host.kind,
          })
          .catch(() => undefined);
      }
    },
    [prefs.recent, updatePrefs, metrics, role, host.kind],
  );

  // The ribbon's Summarize command: open the role's mail summary and start it.
  const runCommand = useCallback(() => {
    const command = readCommand(store);
    if (!command || command.action !== 'summarize' || !role || !library) return;
    store.removeItem(COMMAND_KEY);
    if (Date.now() - (command.at ?? 0) > COMMAND_MAX_AGE_MS) return;
    const summary = defaultPrompt(prompts, role, 'summarize', 'outlook');
    if (summary && host.kind === 'outlook') {
      setNotice({ intent: 'info', text: t('command.summarizing') });
      openPrompt(summary, true);
    }
  }, [store, role, library, prompts, host.kind, openPrompt, t]);

  useEffect(() => {
    runCommand();
    const onStorage = (e: StorageEvent) => {
      if (e.key === COMMAND_KEY) runCommand();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [runCommand]);

  // Another item (mail ↔ document): a prompt that does not fit the new host goes back to the gallery.
  useEffect(() => {
    setView((v) => {
      if (v.name !== 'run') return v;
      const p = prompts.find((x) => x.id === v.promptId);
      return p && p.hosts.includes(host.kind) ? { ...v, autoRun: false } : { name: 'gallery' };
    });
  }, [host.kind]); // eslint-disable-line react-hooks/exhaustive-deps

  // The weekly pulse survey, back in the gallery after a few runs; marked as asked when shown (once a week).
  useEffect(() => {
    if (view.name === 'gallery' && metrics && prefs.runs >= 3 && metrics.shouldAskSurvey()) {
      setSurveyOpen(true);
      void metrics.markSurveyAsked();
    }
  }, [view.name, metrics, prefs.runs]);

  const libraryNotice = useMemo(() => {
    if (!library) return null;
    if (library.signInNeeded) {
      // No token at start (the sign-in window closed or blocked, a refused token): the gallery is empty until the
      // user signs in, from here (a new window), without reopening the pane.
      const key = library.signInError ?? 'auth.expired';
      // In the gallery the way back is the Sign in button beside the message, not Generate.
      const text = key === 'auth.cancelled' ? t('gallery.signInNeeded') : key === 'auth.expired' ? t('gallery.sessionExpired') : t(key);
      const signIn = () => void loadLibrary(baseUrl, store).then(setLibrary);
      return { intent: 'error' as const, text, ...(key === 'auth.notConfigured' ? {} : { action: { label: t('gallery.signIn'), onClick: signIn } }) };
    }
    if (library.source === 'cache') return { intent: 'warning' as const, text: t('gallery.cached') };
    if (library.source === 'none') return { intent: 'error' as const, text: t('gallery.unavailable') };
    if (library.errors.length) return { intent: 'warning' as const, text: t('gallery.libraryErrors', { count: library.errors.length }) };
    return null;
  }, [library, t, baseUrl, store]);

  function savePersonal(prompt: PromptDefinition, replaceId: string | null) {
    updatePrefs({ personal: withPersonalPrompts(prefs.personal, [prompt], replaceId) });
    setNotice({ intent: 'success', text: t('editor.saved') });
    setView({ name: 'run', promptId: prompt.id, autoRun: false, nonce: ++nonce.current });
  }

  /** The prompt form first (no YAML); its *Voir le fichier* button opens the raw file (`onRaw`). */
  function editPrompt(prompt: PromptDefinition, replaceId: string | null, isNew = false) {
    setView({ name: 'edit', text: '', replaceId, form: { prompt, isNew } });
  }

  async function exportPrompt(prompt: PromptDefinition) {
    const blob = new Blob([await serializePrompt(prompt)], { type: 'text/markdown;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${prompt.id}.md`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async function importFiles(files: File[]) {
    const imported: PromptDefinition[] = [];
    const errors: string[] = [];
    for (const file of files) {
      const checked = await checkPersonalPrompt(await file.text(), file.name, lang);
      if (checked.ok) imported.push(checked.prompt);
      else errors.push(...checked.errors.map((e) => `${e.file}:${e.line}${lang === 'fr' ? ' : ' : ': '}${e.message}`));
    }
    if (imported.length) updatePrefs({ personal: withPersonalPrompts(prefs.personal, imported) });
    if (errors.length) setNotice({ intent: 'error', text: t('gallery.importFailed', { errors: errors.slice(0, 5).join(' ; ') }) });
    else setNotice({ intent: 'success', text: t('gallery.imported', { count: imported.length }) });
  }

  const hostLabel = t(`host.${host.kind}.${host.mode}` as MessageKey);
  const current = view.name === 'run' ? prompts.find((p) => p.id === view.promptId) : undefined;

  return (
    <div className={styles.root} data-testid="pane" data-host={host.kind} data-mode={host.mode} data-lang={lang}>
      <header className={styles.header}>
        {view.name !== 'gallery' && (
          <Tooltip content={t('app.back')} relationship="label">
            <Button appearance="subtle" icon={<ArrowLeftRegular />} onClick={() => setView({ name: 'gallery' })} data-testid="back" />
          </Tooltip>
        )}
        <Field label={t('role.label')} className={styles.grow}>
          <Select
            value={role ?? ''}
            onChange={(_e, d) => updatePrefs({ role: d.value as Role })}
            data-testid="role"
          >
            {!role && <option value="">—</option>}
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}` as MessageKey)}
              </option>
            ))}
          </Select>
        </Field>
        <Select aria-label={t('settings.language')} value={lang} onChange={(_e, d) => setLang(d.value as 'fr' | 'en')} data-testid="lang" style={{ width: 70 }}>
          <option value="fr">FR</option>
          <option value="en">EN</option>
        </Select>
        <Tooltip content={t('app.settings')} relationship="label">
          <Button appearance="subtle" icon={<SettingsRegular />} onClick={() => setView({ name: 'settings' })} data-testid="open-settings" />
        </Tooltip>
      </header>
      {/* The pane's one scrolling area: focusable so that it scrolls from the keyboard even with nothing focusable in view. */}
      <main className={styles.body} tabIndex={0} aria-label={t('app.title')}>
        <Caption1 data-testid="host-label">{hostLabel}</Caption1>
        {notice && view.name !== 'gallery' && (
          <MessageBar intent={notice.intent}>
            <MessageBarBody>{notice.text}</MessageBarBody>
          </MessageBar>
        )}
        {itemAnswers.length > 0 && role && (view.name === 'gallery' || view.name === 'run') && (
          <AnswerHistoryList item={host.item.kind} answers={itemAnswers} onReopen={reopen} onForget={(id) => setHistory((h) => removeAnswer(h, id))} />
        )}
        {view.name === 'settings' ? (
          <Settings
            role={role}
            onRole={(r) => updatePrefs({ role: r })}
            word={prefs.word}
            onWord={(w: WordSettings) => updatePrefs({ word: w })}
            metrics={metrics}
            onClose={() => setView({ name: 'gallery' })}
          />
        ) : !config || !library ? (
          <Spinner label={t('app.loading')} />
        ) : !role ? (
          <>
            <Text data-testid="choose-role">{t('role.choose')}</Text>
            {suggestion && (
              <MessageBar intent="info" data-testid="role-suggestion">
                <MessageBarBody>
                  {t('role.suggested', { title: suggestion.title, role: t(`role.${suggestion.role}` as MessageKey) })}{' '}
                  <Button size="small" appearance="primary" onClick={() => updatePrefs({ role: suggestion.role })} data-testid="role-suggestion-accept">
                    {t('role.useSuggestion', { role: t(`role.${suggestion.role}` as MessageKey) })}
                  </Button>
                </MessageBarBody>
              </MessageBar>
            )}
          </>
        ) : view.name === 'edit' && view.form ? (
          <PromptForm
            initial={view.form.prompt}
            isNew={view.form.isNew}
            onSave={(p) => {
              // A new prompt's id follows its title: never one already in the library.
              const taken = new Set(prompts.map((x) => x.id).filter((id) => id !== view.replaceId));
              let id = p.id;
              for (let n = 2; taken.has(id); n++) id = `${p.id}-${n}`;
              savePersonal({ ...p, id }, view.replaceId);
            }}
            onCancel={() => setView({ name: 'gallery' })}
            onRaw={(text) => setView({ name: 'edit', text, replaceId: view.replaceId })}
          />
        ) : view.name === 'edit' ? (
          <PromptEditor
            key={view.text}
            initialText={view.text}
            fileName={`${view.replaceId ?? 'nouvelle-tache'}.md`}
            onSave={(p) => savePersonal(p, view.replaceId)}
            onCancel={() => setView({ name: 'gallery' })}
          />
        ) : view.name === 'run' && current ? (
          <RunPanel
            key={`${current.id}:${view.nonce}`}
            prompt={current}
            host={host}
            role={role}
            baseUrl={baseUrl}
            config={config}
            metrics={metrics}
            wordSettings={prefs.word}
            autoRun={view.autoRun}
            contextVersion={contextVersion}
            restored={view.restored && view.restored.promptId === current.id ? view.restored : undefined}
            onPutAside={onPutAside}
            onRun={() => updatePrefs({ runs: prefs.runs + 1 })}
            onDuplicate={() => {
              // A copy says so in its title (« Copie de … » / "Copy of …"): two prompts with one title confuse.
              const copy = {
                ...duplicatePrompt(current, prompts.map((p) => p.id)),
                title: { fr: translate('fr', 'prompt.copyOf', { title: current.title.fr }), en: translate('en', 'prompt.copyOf', { title: current.title.en }) },
              };
              editPrompt(copy, null);
            }}
            onEdit={() => editPrompt(current, current.id)}
            onExport={() => void exportPrompt(current)}
            onDelete={() => {
              updatePrefs({ personal: prefs.personal.filter((p) => p.id !== current.id) });
              setView({ name: 'gallery' });
            }}
          />
        ) : (
          <>
            {surveyOpen && metrics && (
              <Survey
                onSubmit={(a) => {
                  void metrics.record({ type: 'survey', role, benefit: a.benefit, timeSaved: a.timeSaved, comfort: a.comfort }).then(() => metrics.flush());
                  setSurveyOpen(false);
                  setNotice({ intent: 'success', text: t('survey.thanks') });
                }}
                onDismiss={() => setSurveyOpen(false)}
              />
            )}
            <Gallery
              prompts={prompts}
              role={role}
              host={host.kind}
              hostMode={host.mode}
              favourites={prefs.favourites}
              recent={prefs.recent}
              notice={notice ?? libraryNotice}
              onOpen={(p) => openPrompt(p)}
              onToggleFavourite={(id) => updatePrefs({ favourites: toggleFavourite(prefs.favourites, id) })}
              onNew={() => editPrompt(blankPrompt(role, host.kind, prompts.map((p) => p.id)), null, true)}
              onImport={(files) => void importFiles(files)}
              offline={config.offline}
            />
          </>
        )}
      </main>
    </div>
  );
}

function readCommand(store: KeyValueStore): { action?: string; at?: number } | null {
  try {
    return JSON.parse(store.getItem(COMMAND_KEY) ?? 'null') as { action?: string; at?: number } | null;
  } catch {
    return null;
  }
}

/** The answers already made for the open item (put aside when the user moved to another one), to reopen. */
function AnswerHistoryList(props: { item: 'mail' | 'draft' | 'document'; answers: AnswerRecord[]; onReopen(record: AnswerRecord): void; onForget(id: string): void }) {
  const t = useT();
  const [lang] = useLang();
  const time = (at: number) => new Date(at).toLocaleTimeString(lang === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
  return (
    <section aria-labelledby="answer-history-title" data-testid="answer-history" style={{ border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: 4, padding: '6px 10px', backgroundColor: tokens.colorNeutralBackground1 }}>
      <Text id="answer-history-title" weight="semibold" as="h2" size={300} style={{ margin: 0 }}>
        {t(`history.title.${props.item}` as MessageKey)}
      </Text>
      <ul style={{ listStyle: 'none', margin: '4px 0', padding: 0 }}>
        {props.answers.map((r) => (
          <li key={r.id} style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap', padding: '2px 0' }} data-testid="answer-history-entry" data-prompt-id={r.promptId} data-status={r.status}>
            <Text size={200} style={{ flexGrow: 1 }}>
              {r.title[lang]} · {time(r.at)}
              {r.status === 'interrupted' && ` · ${t(r.item.kind === 'document' ? 'run.interruptedDocument' : 'run.interruptedMail')}`}
              {r.inserted && ` · ${t('history.inserted')}`}
            </Text>
            <Button size="small" appearance="primary" onClick={() => props.onReopen(r)} data-testid="answer-history-reopen">
              {t('history.reopen')}
            </Button>
            <Button size="small" appearance="subtle" onClick={() => props.onForget(r.id)} data-testid="answer-history-forget">
              {t('history.forget')}
            </Button>
          </li>
        ))}
      </ul>
      <Caption1>{t('history.kept')}</Caption1>
    </section>
  );
}
