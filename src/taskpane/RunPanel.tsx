/**
 * One prompt: its form (generated from the variables, prefilled from the host), the streamed answer (sanitized
 * Markdown, editable), and the user's choice: copy, insert / open reply, or discard. Nothing is sent to the mail or
 * the document without a click. Exactly one `prompt_run` event per generation records what the user did with it.
 */
import { metricPromptId } from '../core/metrics/events';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Badge,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Spinner,
  Subtitle2,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkRegular, CopyRegular, DeleteRegular, DocumentArrowDownRegular, EditRegular, MailArrowUpRegular, SendRegular, StopRegular, TextBulletListAddRegular, CopySelectRegular, ThumbDislikeRegular, ThumbLikeRegular } from '@fluentui/react-icons';
import type { MetricsClient } from '../core/metrics/client';
import { sizeBucket, type RUN_OUTCOMES } from '../core/metrics/events';
import type { Lang, PromptDefinition, PromptVariable, Role } from '../core/prompts/schema';
import { dedupeTitles, findMissingMarkers } from '../core/word/markdown';
import { sameItem, type HostAdapter, type HostContext, type ItemIdentity } from '../hosts/types';
import { itemLabel, newAnswerId, type AnswerRecord } from './history';
import { toInsertable } from './answer';
import { AnswerView, useThrottledText } from './streamed-answer';
import { clearAccessToken, getAccessToken } from './contracts';
import { translate, useLang, useT, type MessageKey } from './i18n';
import type { WordSettings } from './prefs';
import type { ChunkProgress } from '../core/llm/chunked';
import { InjectionWarnings } from './InjectionWarnings';
import { allowanceCheck, describeError, injectionWarnings, needsModel, formatResetTime, mailLang, estimateLongRunTokens, fetchAllowance, insertMode, isReplyPrompt, withLetterhead, type DailyAllowance, isAbort, longContentVariable, missingVariables, participantsOf, prefillVariables, runLongSummary, runPrompt, RunCancelled, type AttachmentSourceInfo, type ContentSource, type Prefill, type RunResult, type ThreadInfo } from './run';
import type { ClientConfig } from './services';
import { defaultSource, mailContentVariable, PDF_WORKER_PATH, readAttachmentText, readThread, sourceChoices, type SourceKey } from './sources';

type Outcome = (typeof RUN_OUTCOMES)[number];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '10px' },
  answer: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px 12px',
    backgroundColor: tokens.colorNeutralBackground1,
    maxHeight: '50vh',
    overflowY: 'auto',
    wordBreak: 'break-word',
  },
  labels: { display: 'flex', gap: '6px', flexWrap: 'wrap' },
  actions: { display: 'flex', gap: '6px', flexWrap: 'wrap' },
  hint: { color: tokens.colorNeutralForeground3 },
});

export interface RunPanelProps {
  prompt: PromptDefinition;
  host: HostAdapter;
  role: Role;
  baseUrl: string;
  config: ClientConfig;
  metrics: MetricsClient | null;
  wordSettings: WordSettings;
  /** Start generating as soon as the form is prefilled (the ribbon's Summarize command). */
  autoRun: boolean;
  /** Incremented by the page when the host's item changes, to read the context again. */
  contextVersion: number;
  onDuplicate(): void;
  onEdit(): void;
  onExport(): void;
  onDelete(): void;
  onRun(): void;
  /** An answer put aside earlier for this item, reopened from the history. */
  restored?: AnswerRecord;
  /** The answer on screen leaves the panel (its item changed, or the panel closes): keep it with its item. */
  onPutAside(record: AnswerRecord): void;
}

type Status = 'idle' | 'streaming' | 'done' | 'error' | 'cancelled';

export function RunPanel(props: RunPanelProps) {
  const t = useT();
  const [lang] = useLang();
  const styles = useStyles();
  const { prompt, host } = props;
  const [context, setContext] = useState<HostContext | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [filled, setFilled] = useState<Record<string, string>>({});
  const [cleaned, setCleaned] = useState(false);
  const [thread, setThread] = useState<ThreadInfo | undefined>(undefined);
  const [attachment, setAttachment] = useState<AttachmentSourceInfo | undefined>(undefined);
  const [hiddenChars, setHiddenChars] = useState(0);
  // The main text's source (Outlook read mode): this mail, the whole conversation, or an attachment.
  const [source, setSource] = useState<SourceKey>(() => defaultSource(prompt));
  const [sourceState, setSourceState] = useState<{ status: 'ready' } | { status: 'loading'; what: 'thread' | 'attachment' } | { status: 'error'; message: { fr: string; en: string } }>({
    status: 'ready',
  });
  const sourceRequest = useRef(0);
  const restored = props.restored;
  const [status, setStatus] = useState<Status>(restored ? 'done' : 'idle');
  const [answer, setAnswer] = useState(restored?.markdown ?? '');
  // A long answer comes in thousands of chunks: shown at most every ~100 ms, finished blocks rendered once.
  const streamed = useThrottledText(setAnswer);
  // The item the answer was made from, and its identity in the history: it acts on that item only.
  const [answerItem, setAnswerItem] = useState<ItemIdentity | null>(restored?.item ?? null);
  const answerId = useRef(restored?.id ?? newAnswerId());
  const answerAt = useRef(restored?.at ?? Date.now());
  const [answerLang, setAnswerLang] = useState<Lang>(restored?.lang ?? lang);
  const [inserted, setInserted] = useState(restored?.inserted ?? false);
  // The item changed while this answer was being written: it is incomplete, and says so wherever it is reopened.
  const [interrupted, setInterrupted] = useState(restored?.status === 'interrupted');
  // The latest text streamed so far (the screen shows it at most every ~100 ms): what is kept if the item changes.
  const streamedSoFar = useRef('');
  const [confirmAgain, setConfirmAgain] = useState<null | (() => void)>(null);
  // A reply in the language of the mail it answers (detected), which the user can switch.
  const [replyLang, setReplyLang] = useState<Lang | null>(null);
  const [detectedLang, setDetectedLang] = useState<Lang | null>(null);
  // A long document: its share of the day's allowance, said before starting (and asked when large).
  const [allowanceAsk, setAllowanceAsk] = useState<{ text: string; exceeds: boolean } | null>(null);
  const generation = useRef(0);
  const [editing, setEditing] = useState(false);
  const [offline, setOffline] = useState(false);
  // Instructions aimed at the assistant in what the run sent (shown above the answer), and when the text was written.
  const [warnings, setWarnings] = useState<ReturnType<typeof injectionWarnings>>([]);
  const [sentDate, setSentDate] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<{ intent: 'error' | 'success' | 'info' | 'warning'; text: string } | null>(() =>
    restored ? { intent: restored.status === 'interrupted' ? 'warning' : 'info', text: restored.status === 'interrupted' ? t('run.restoredInterrupted') : t('run.restored', { time: new Date(restored.at).toLocaleTimeString(lang === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) }) } : null,
  );
  const abort = useRef<AbortController | null>(null);
  const run = useRef<{ result: Partial<RunResult>; started: number; recorded: boolean } | null>(null);
  const autoRunDone = useRef(false);
  const [feedback, setFeedback] = useState<{ runId: string; given: boolean } | null>(null);
  const [progress, setProgress] = useState<ChunkProgress | null>(null);

  const record = useCallback(
    (outcome: Outcome) => {
      const current = run.current;
      if (!current || current.recorded) return;
      current.recorded = true;
      const metrics = props.metrics;
      if (!metrics) return;
      const r = current.result;
      void metrics
        .record({
          type: 'prompt_run',
          role: props.role,
          promptId: metricPromptId(prompt),
          promptVersion: prompt.version,
          host: isPreview() ? 'preview' : host.kind,
          engine: props.config.provider,
          outcome,
          ttftMs: r.firstTokenMs ?? null,
          totalMs: Math.min(r.totalMs ?? Math.round(performance.now() - current.started), 3_600_000),
          inputSize: sizeBucket(r.inputChars ?? 0),
          outputSize: sizeBucket(r.text?.length ?? 0),
        })
        .then((id) => {
          // Feedback is asked only about an answer the user kept.
          if (id && (outcome === 'copied' || outcome === 'inserted')) setFeedback({ runId: id, given: false });
          return metrics.flush();
        })
        .catch(() => undefined);
    },
    [props.metrics, props.role, props.config.provider, prompt.id, prompt.version, host.kind],
  );

  // A generation left without a choice counts as discarded (leaving the prompt, switching mail, closing the pane).
  useEffect(() => () => record('discarded'), [record]);

  /**
   * Fills the form from the chosen source. The whole form on first read; on a change of source only the main text
   * (what the user typed in the other fields stays). A newer choice wins over a slower older one.
   */
  const applySource = useCallback(
    async (ctx: HostContext, key: SourceKey, whole: boolean) => {
      const request = ++sourceRequest.current;
      const apply = (pre: Prefill) => {
        if (request !== sourceRequest.current) return;
        const name = mailContentVariable(prompt);
        if (whole || !name) {
          setValues(withLetterhead(prompt, pre.values, props.wordSettings.letterhead));
          setFilled(pre.filled);
        } else {
          setValues((old) => ({ ...old, [name]: pre.values[name] ?? '' }));
          setFilled((old) => {
            const next = { ...old };
            if (pre.filled[name]) next[name] = pre.filled[name];
            else delete next[name];
            return next;
          });
        }
        setCleaned(pre.cleaned);
        setThread(pre.thread);
        setAttachment(pre.attachment);
        setHiddenChars(pre.hiddenChars ?? 0);
        setSentDate(pre.sentDate);
        setSourceState({ status: 'ready' });
      };
      setSource(key);
      if (key === 'mail' || ctx.kind !== 'mail' || !mailContentVariable(prompt)) {
        apply(prefillVariables(prompt, ctx, ctx.kind === 'mail' && mailContentVariable(prompt) ? { type: 'mail' } : undefined));
        return;
      }
      setSourceState({ status: 'loading', what: key === 'thread' ? 'thread' : 'attachment' });
      // Nothing to run on: the main text is emptied and Generate stays disabled until another source is chosen.
      const fail = (message: { fr: string; en: string }) => {
        if (request !== sourceRequest.current) return;
        apply(prefillVariables(prompt, ctx, { type: 'attachment', name: '', text: '', truncated: false }));
        setSourceState({ status: 'error', message });
      };
      const hostFailure = (err: unknown) => {
        const vars = { message: err instanceof Error ? err.message : String(err) };
        return { fr: translate('fr', 'error.host', vars), en: translate('en', 'error.host', vars) };
      };
      let content: ContentSource;
      if (key === 'thread') {
        try {
          content = { type: 'thread', conversation: await readThread(host, ctx) };
        } catch (err) {
          // The adapter falls back to the quoted history itself; this is Outlook failing to read the mail at all.
          fail(hostFailure(err));
          return;
        }
      } else {
        const info = ctx.attachments.find((a) => `attachment:${a.id}` === key);
        if (!info) {
          fail(hostFailure(key));
          return;
        }
        const read = await readAttachmentText(host, info, { pdfWorkerSrc: `${props.baseUrl}${PDF_WORKER_PATH}` });
        if (!read.ok) {
          fail(read.message);
          return;
        }
        content = { type: 'attachment', name: read.name, text: read.text, pages: read.pages, truncated: read.truncated };
      }
      apply(prefillVariables(prompt, ctx, content));
    },
    [host, prompt, props.baseUrl, props.wordSettings.letterhead],
  );

  // Read the host context and prefill the form (again when the mail or document changes).
  useEffect(() => {
    let live = true;
    host
      .readContext()
      .then((ctx) => {
        if (!live) return;
        setContext(ctx);
        setDetectedLang(mailLang(ctx));
        return applySource(ctx, defaultSource(prompt), true);
      })
      .catch((err: unknown) => {
        if (!live) return;
        // A failed thread read falls back inside the adapter; this is the host itself failing (no mail, Office error).
        setSourceState({ status: 'ready' });
        const pre = prefillVariables(prompt, null);
        setValues(pre.values);
        setMessage({ intent: 'warning', text: t('error.host', { message: err instanceof Error ? err.message : String(err) }) });
      });
    return () => {
      live = false;
      sourceRequest.current++;
    };
  }, [host, prompt, props.contextVersion]); // eslint-disable-line react-hooks/exhaustive-deps

  const choices = useMemo(() => sourceChoices(prompt, context, host), [prompt, context, host]);
  const sourceReady = sourceState.status === 'ready';

  // A reply is written in the language of the mail it answers (the user can switch); anything else in the pane's.
  const replyInMailLang = isReplyPrompt(prompt) && host.canReply && context?.kind === 'mail';
  const runLang: Lang = replyInMailLang ? (replyLang ?? detectedLang ?? lang) : lang;

  const generate = useCallback(
    async (confirmed = false) => {
      if (!sourceReady) return;
      const missing = missingVariables(prompt, values, lang);
      if (missing.length) {
        setMessage({ intent: 'warning', text: t('form.missing', { fields: missing.map((v) => v.label).join(', ') }) });
        return;
      }
      const longName = longContentVariable(prompt, values);
      // A long document on a generative engine: say first what share of the day's allowance it will use, and ask when
      // it is large. The offline engine spends none. Without /api/limits (older server) the run just starts.
      if (longName && !confirmed && !props.config.offline) {
        const allowance: DailyAllowance | null = await fetchAllowance(props.baseUrl);
        if (!allowance) setMessage(null);
        else {
          const estimate = estimateLongRunTokens(prompt, values[longName] ?? '', runLang);
          const check = allowanceCheck(estimate.tokens, allowance);
          const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
          const vars = {
            parts: estimate.parts,
            tokens: estimate.tokens.toLocaleString(locale),
            share: Math.max(1, Math.round(check.share * 100)),
            left: check.left.toLocaleString(locale),
            when: (allowance.resetsAt && formatResetTime(allowance.resetsAt, lang)) || '',
          };
          const text = t(check.exceeds ? 'limits.estimateExceeds' : 'limits.estimate', vars);
          if (check.ask) {
            setAllowanceAsk({ text, exceeds: check.exceeds });
            return;
          }
          setAllowanceAsk(null);
          setMessage({ intent: 'info', text });
        }
      }
      setAllowanceAsk(null);
      if (run.current && !run.current.recorded) record('discarded');
      const gen = ++generation.current;
      const current = () => gen === generation.current;
      const controller = new AbortController();
      abort.current = controller;
      run.current = { result: {}, started: performance.now(), recorded: false };
      answerId.current = newAnswerId();
      answerAt.current = Date.now();
      setAnswerItem(host.item);
      setAnswerLang(runLang);
      setInserted(false);
      setInterrupted(false);
      streamedSoFar.current = '';
      setConfirmAgain(null);
      setFeedback(null);
      streamed.cancel();
      setAnswer('');
      setEditing(false);
      if (!longName || confirmed) setMessage(null);
      else if (props.config.offline) setMessage({ intent: 'info', text: t('limits.offlineFree') });
      setStatus('streaming');
      setOffline(props.config.offline);
      setWarnings(injectionWarnings(values, context));
      props.onRun();
      setProgress(null);
      try {
        const token = await getAccessToken();
        const options = {
          baseUrl: props.baseUrl,
          token,
          model: props.config.model ?? 'aide-offline',
          prompt,
          lang: runLang,
          role: props.role,
          values,
          participants: participantsOf(context),
          ...(sentDate ? { sentDate } : {}),
          signal: controller.signal,
          onText: (text: string) => {
            if (!current()) return;
            streamedSoFar.current = text;
            streamed.push(text);
          },
        };
        if (longName) {
          const made = { id: answerId.current, item: host.item, at: answerAt.current };
          const result = await runLongSummary(options, longName, (p) => current() && setProgress(p));
          // A partial summary is kept, and says what it covers: nothing pretends to be complete.
          const note = result.complete ? t('run.coveredAll', { total: result.total }) : t('run.coveredPartial', { done: result.covered.length, sections: result.covered.slice(-3).join(' · ') });
          const summary = `${result.text}\n\n---\n\n_${note}_`;
          if (!current()) {
            // The item changed (or the panel closed) during the job, which stopped: the parts done stay with their item.
            if (result.text.trim()) props.onPutAside({ ...made, promptId: prompt.id, title: prompt.title, markdown: summary, lang: runLang, status: 'interrupted', inserted: false });
            return;
          }
          run.current.result = result;
          setOffline(result.offline || props.config.offline);
          if (!result.text.trim()) throw new RunCancelled(result.firstTokenMs, result.totalMs);
          streamed.cancel();
          setAnswer(summary);
          setStatus('done');
          if (result.failure) {
            const described = describeError(result.failure, lang);
            setMessage({ intent: 'warning', text: `${t(described.key, described.vars)} ${t('run.partialKept')}` });
          } else if (result.cancelled) setMessage({ intent: 'info', text: t('run.cancelledPartial') });
        } else {
          const result = await runPrompt(options);
          if (!current()) return;
          run.current.result = result;
          setOffline(result.offline);
          streamed.cancel();
          setAnswer(dedupeTitles(result.text));
          setStatus('done');
        }
      } catch (err) {
        // The item changed meanwhile: the answer was put aside with its item, nothing is shown here.
        if (!current()) return;
        run.current.result.totalMs = Math.round(performance.now() - run.current.started);
        if (err instanceof RunCancelled) run.current.result.firstTokenMs = err.firstTokenMs;
        if (isAbort(err) || controller.signal.aborted) {
          setStatus('cancelled');
          setMessage({ intent: 'info', text: t('run.cancelled') });
          record('cancelled');
        } else {
          const described = describeError(err, lang);
          // A refused token is forgotten, so that the next Generate signs in again.
          if (described.key === 'error.auth') clearAccessToken();
          setStatus('error');
          setMessage({ intent: 'error', text: t(described.key, described.vars) });
          record('error');
        }
      } finally {
        if (current()) {
          streamed.flush();
          abort.current = null;
          setProgress(null);
        }
      }
    },
    [prompt, values, lang, runLang, props, record, t, sourceReady, host, context, streamed, sentDate],
  );

  // What is on screen, for the moment it must be put aside (item changed, panel closed): read from a ref, since that
  // moment is an effect's cleanup, after the last render.
  const live = useRef({ answer, answerItem, status, inserted, answerLang, interrupted });
  live.current = { answer, answerItem, status, inserted, answerLang, interrupted };
  const onPutAside = props.onPutAside;
  const putAside = useCallback(() => {
    const c = live.current;
    // A run still writing: all it streamed so far, including what the screen had not shown yet.
    const markdown = c.status === 'streaming' && streamedSoFar.current.length > c.answer.length ? streamedSoFar.current : c.answer;
    if (!c.answerItem || !markdown.trim() || (c.status !== 'done' && c.status !== 'streaming')) return;
    onPutAside({
      id: answerId.current,
      item: c.answerItem,
      promptId: prompt.id,
      title: prompt.title,
      markdown,
      lang: c.answerLang,
      status: c.status === 'streaming' || c.interrupted ? 'interrupted' : 'done',
      inserted: c.inserted,
      at: answerAt.current,
    });
  }, [onPutAside, prompt.id, prompt.title]);

  // Another item (Outlook's ItemChanged with a pinned pane, another mail in the preview): the answer belongs to the
  // item it was made from. It is put aside with it (a run still writing is stopped) and nothing here acts on it.
  useEffect(() => {
    const c = live.current;
    if (!c.answerItem || sameItem(c.answerItem, host.item)) return;
    generation.current++;
    abort.current?.abort();
    abort.current = null;
    putAside();
    if (run.current && !run.current.recorded) record(c.status === 'streaming' ? 'cancelled' : 'discarded');
    streamed.cancel();
    streamedSoFar.current = '';
    setAnswer('');
    setStatus('idle');
    setAnswerItem(null);
    setInserted(false);
    setInterrupted(false);
    setConfirmAgain(null);
    setEditing(false);
    setProgress(null);
    setFeedback(null);
    setMessage(null);
    setReplyLang(null);
  }, [host, putAside, record, streamed]);

  // Leaving the panel (back to the gallery, another prompt): the answer stays in its item's history; a run still
  // writing stops.
  const putAsideRef = useRef(putAside);
  putAsideRef.current = putAside;
  useEffect(
    () => () => {
      generation.current++;
      abort.current?.abort();
      putAsideRef.current();
    },
    [],
  );

  useEffect(() => {
    if (props.autoRun && !autoRunDone.current && context && sourceReady) {
      autoRunDone.current = true;
      void generate();
    }
  }, [props.autoRun, context, sourceReady, generate]);

  // The offline answer to a task that needs a model explains why: it is not a text to put in a mail or a document.
  const noText = needsModel(prompt, offline);
  const markers = useMemo(() => (status === 'done' ? findMissingMarkers(answer) : []), [status, answer]);

  function sendFeedback(useful: boolean) {
    if (!feedback || !props.metrics) return;
    const metrics = props.metrics;
    setFeedback({ ...feedback, given: true });
    void metrics
      .record({ type: 'feedback', runId: feedback.runId, useful })
      .then(() => metrics.flush())
      .catch(() => undefined);
  }

  async function copy() {
    const result = toInsertable(answer);
    try {
      if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
        await navigator.clipboard.write([
          new ClipboardItem({ 'text/plain': new Blob([result.text], { type: 'text/plain' }), 'text/html': new Blob([result.html], { type: 'text/html' }) }),
        ]);
      } else {
        await navigator.clipboard.writeText(result.text);
      }
      setMessage({ intent: 'success', text: t('run.copied') });
      record('copied');
    } catch {
      setMessage({ intent: 'error', text: t('error.clipboard') });
    }
  }

  /** The answer's own item is the one open: only then may it be inserted or opened as a reply. */
  const onItsItem = answerItem !== null && sameItem(answerItem, host.item) && host.isCurrent();

  /** Insert and reply happen once per answer; a second time asks first. */
  function once(action: () => Promise<void>) {
    if (inserted) setConfirmAgain(() => () => void action());
    else void action();
  }

  async function insert() {
    setConfirmAgain(null);
    try {
      const letter = host.kind === 'word' && prompt.output === 'letter';
      await host.insert(toInsertable(answer, letter ? props.wordSettings.letterhead : undefined), {
        mode: insertMode(prompt, filled, offline),
        trackChanges: props.wordSettings.trackChanges,
        comment: props.wordSettings.reviewComment ? t('run.aiLabel') : null,
        originalLabel: t('run.originalLabel'),
      });
      setInserted(true);
      setMessage({ intent: 'success', text: host.kind === 'word' ? t('run.inserted') : t('run.insertedDraft') });
      record('inserted');
    } catch (err) {
      const described = describeError(err, lang);
      setMessage({ intent: 'error', text: described.key === 'error.itemChanged' ? t(described.key) : t('error.host', { message: err instanceof Error ? err.message : String(err) }) });
    }
  }

  async function reply(all: boolean) {
    setConfirmAgain(null);
    try {
      await host.openReply(toInsertable(answer).html, { all });
      setInserted(true);
      setMessage({ intent: 'success', text: t('run.replyOpened') });
      record('inserted');
    } catch (err) {
      const described = describeError(err, lang);
      setMessage({ intent: 'error', text: described.key === 'error.itemChanged' ? t(described.key) : t('error.host', { message: err instanceof Error ? err.message : String(err) }) });
    }
  }

  function discard() {
    record('discarded');
    setAnswerItem(null);
    setInterrupted(false);
    setConfirmAgain(null);
    setAnswer('');
    setStatus('idle');
    setMessage(null);
  }

  const busy = status === 'streaming';
  // The main button fits the prompt: a reply opens the reply form; anything else is inserted where the host can,
  // else copied (a summary of a received mail is not a reply).
  const primary: 'reply' | 'insert' | 'copy' = host.canReply && isReplyPrompt(prompt) ? 'reply' : host.canInsert ? 'insert' : 'copy';
  const hasAnswer = answer.length > 0 && (status === 'done' || status === 'streaming');

  return (
    <section className={styles.root} aria-label={prompt.title[lang]} data-testid="run-panel" data-prompt-id={prompt.id}>
      <div>
        <Subtitle2 as="h2">{prompt.title[lang]}</Subtitle2>
        <br />
        <Caption1>{prompt.description[lang]}</Caption1>
      </div>
      <div className={styles.actions}>
        <Button size="small" icon={<CopySelectRegular />} onClick={props.onDuplicate} data-testid="prompt-duplicate">
          {t('run.duplicate')}
        </Button>
        {prompt.origin === 'personal' && (
          <>
            <Button size="small" icon={<EditRegular />} onClick={props.onEdit} data-testid="prompt-edit">
              {t('run.editPrompt')}
            </Button>
            <Button size="small" icon={<DocumentArrowDownRegular />} onClick={props.onExport} data-testid="prompt-export">
              {t('run.export')}
            </Button>
            <Button size="small" icon={<DeleteRegular />} onClick={props.onDelete} data-testid="prompt-delete">
              {t('run.delete')}
            </Button>
          </>
        )}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void generate();
        }}
        data-testid="prompt-form"
      >
        {choices.length > 0 && context?.kind === 'mail' && (
          <Field label={t('source.label')} style={{ marginBottom: 6 }}>
            <Select
              value={source}
              disabled={busy}
              onChange={(_e, d) => {
                setMessage(null);
                void applySource(context, d.value as SourceKey, false);
              }}
              data-testid="source-select"
            >
              {choices.map((c) => (
                <option key={c.key} value={c.key}>
                  {'attachment' in c ? t('source.attachment', { name: c.attachment.name }) : t(c.key === 'mail' ? 'source.mail' : 'source.thread')}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {sourceState.status === 'loading' && (
          <Spinner size="tiny" labelPosition="after" label={t(sourceState.what === 'thread' ? 'source.readingThread' : 'source.readingAttachment')} data-testid="source-progress" />
        )}
        {sourceState.status === 'error' && (
          <MessageBar intent="error" data-testid="source-error" style={{ marginBottom: 6 }}>
            <MessageBarBody>{sourceState.message[lang]}</MessageBarBody>
          </MessageBar>
        )}
        {sourceReady && (thread || attachment || hiddenChars > 0) && <SourceNote thread={thread} attachment={attachment} hiddenChars={hiddenChars} />}
        {prompt.variables.map((v) => (
          <VariableField
            key={v.name}
            variable={v}
            value={values[v.name] ?? ''}
            filledFrom={filled[v.name]}
            cleaned={cleaned && filled[v.name] === 'mail.body'}
            thread={filled[v.name] === 'mail.thread' ? thread : undefined}
            inParts={longContentVariable(prompt, values) === v.name}
            onChange={(value) => setValues((old) => ({ ...old, [v.name]: value }))}
          />
        ))}
        {replyInMailLang && (
          <Field
            label={t('run.replyLang')}
            hint={detectedLang ? t('run.replyLangDetected', { lang: t(`lang.${detectedLang}`) }) : undefined}
            style={{ marginBottom: 6 }}
          >
            <Select value={runLang} disabled={busy} onChange={(_e, d) => setReplyLang(d.value as Lang)} data-testid="reply-lang">
              <option value="fr">{t('lang.fr')}</option>
              <option value="en">{t('lang.en')}</option>
            </Select>
          </Field>
        )}
        <div className={styles.actions} style={{ marginTop: 8 }}>
          {busy ? (
            // Distinct keys: React must not turn this very element into the submit button while the click is still
            // being handled (the answer can end within the click's microtasks), or the form would submit: a new run.
            <Button key="stop" type="button" icon={<StopRegular />} onClick={() => abort.current?.abort()} data-testid="run-stop">
              {t('run.stop')}
            </Button>
          ) : (
            <Button key="generate" appearance="primary" type="submit" icon={<SendRegular />} disabled={!sourceReady} data-testid="run-generate">
              {t('run.generate')}
            </Button>
          )}
        </div>
      </form>
      {allowanceAsk && (
        <MessageBar intent="warning" data-testid="allowance-ask">
          <MessageBarBody>
            {allowanceAsk.text}
            <div className={styles.actions} style={{ marginTop: 6 }}>
              <Button size="small" appearance="primary" onClick={() => void generate(true)} data-testid="allowance-continue">
                {t('limits.askContinue')}
              </Button>
              <Button size="small" onClick={() => setAllowanceAsk(null)} data-testid="allowance-cancel">
                {t('limits.askCancel')}
              </Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {message && (
        <MessageBar intent={message.intent} data-testid="run-message">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {(hasAnswer || busy) && (
        <section aria-label={t('run.answer')} aria-live="polite" aria-busy={busy} data-testid="answer" data-status={status} data-interrupted={interrupted}>
          <InjectionWarnings warnings={warnings} />
          <div className={styles.labels}>
            <Badge appearance="tint" color="warning" data-testid="ai-label">
              {t('run.aiLabel')}
            </Badge>
            {interrupted && answerItem && (
              <Badge appearance="tint" color="danger" data-testid="answer-interrupted">
                {t(answerItem.kind === 'document' ? 'run.interruptedDocument' : 'run.interruptedMail')}
              </Badge>
            )}
            {offline && (
              <Badge appearance="tint" color="informative" data-testid="offline-label">
                {t('run.offline')}
              </Badge>
            )}
            {busy && !progress && <Spinner size="extra-tiny" label={t('run.streaming')} />}
          </div>
          {busy && progress && (
            <Field label={t('run.progress', { done: Math.min(progress.done + 1, progress.total), total: progress.total })} validationState="none" style={{ marginTop: 6 }}>
              <ProgressBar value={progress.total ? progress.done / progress.total : 0} data-testid="run-progress" />
            </Field>
          )}
          {editing ? (
            <Textarea
              value={answer}
              onChange={(_e, d) => setAnswer(d.value)}
              resize="vertical"
              rows={14}
              style={{ width: '100%', marginTop: 6 }}
              aria-label={t('run.answer')}
              data-testid="answer-editor"
            />
          ) : (
            // Focusable so that a long answer scrolls from the keyboard (arrows, Page Down) — axe scrollable-region-focusable.
            <AnswerView markdown={answer} className={styles.answer} tabIndex={0} role="region" aria-label={t('run.answerText')} data-testid="answer-content" />
          )}
          {status === 'done' && (
            <div className={styles.actions} style={{ marginTop: 8 }} data-testid="answer-actions" data-primary={primary}>
              <Button icon={<EditRegular />} onClick={() => setEditing((e) => !e)} data-testid="answer-edit">
                {editing ? t('run.previewAnswer') : t('run.edit')}
              </Button>
              {!noText && (
                <Button appearance={primary === 'copy' ? 'primary' : 'secondary'} icon={<CopyRegular />} onClick={() => void copy()} data-testid="answer-copy">
                  {t('run.copy')}
                </Button>
              )}
              {host.canInsert && !noText && (
                <Button
                  appearance={primary === 'insert' ? 'primary' : 'secondary'}
                  icon={inserted ? <CheckmarkRegular /> : <TextBulletListAddRegular />}
                  disabled={!onItsItem}
                  onClick={() => once(insert)}
                  data-testid="answer-insert"
                  data-inserted={inserted}
                >
                  {inserted ? t('run.insertedDone') : t('run.insert')}
                </Button>
              )}
              {host.canReply && !noText && (
                <>
                  <Button
                    appearance={primary === 'reply' ? 'primary' : 'secondary'}
                    icon={inserted ? <CheckmarkRegular /> : <MailArrowUpRegular />}
                    disabled={!onItsItem}
                    onClick={() => once(() => reply(false))}
                    data-testid="answer-reply"
                    data-inserted={inserted}
                  >
                    {inserted ? t('run.replyOpenedDone') : t('run.openReply')}
                  </Button>
                  <Button disabled={!onItsItem} onClick={() => once(() => reply(true))} data-testid="answer-reply-all">
                    {t('run.openReplyAll')}
                  </Button>
                </>
              )}
              <Button icon={<DeleteRegular />} onClick={discard} data-testid="answer-discard">
                {t('run.discard')}
              </Button>
            </div>
          )}
          {status === 'done' && !onItsItem && (host.canInsert || host.canReply) && (
            <Caption1 block data-testid="answer-other-item" style={{ marginTop: 6 }}>
              {t('run.otherItem', { item: itemLabel(answerItem, t) })}
            </Caption1>
          )}
          {confirmAgain && (
            <MessageBar intent="warning" data-testid="insert-again" style={{ marginTop: 8 }}>
              <MessageBarBody>
                {t('run.insertAgain')}
                <div className={styles.actions} style={{ marginTop: 6 }}>
                  <Button size="small" appearance="primary" onClick={() => confirmAgain()} data-testid="insert-again-yes">
                    {t('run.insertAgainYes')}
                  </Button>
                  <Button size="small" onClick={() => setConfirmAgain(null)} data-testid="insert-again-no">
                    {t('run.insertAgainNo')}
                  </Button>
                </div>
              </MessageBarBody>
            </MessageBar>
          )}
          {status === 'done' && noText && (
            <MessageBar intent="info" data-testid="answer-needs-model" style={{ marginTop: 8 }}>
              <MessageBarBody>{t('run.needsModel')}</MessageBarBody>
            </MessageBar>
          )}
          {markers.length > 0 && (
            <MessageBar intent="warning" data-testid="answer-markers" style={{ marginTop: 8 }}>
              <MessageBarBody>
                {t('run.markers', { count: markers.length })}
                <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                  {markers.slice(0, 5).map((m, i) => (
                    <li key={i}>{m.context}</li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
          {feedback && (
            <div className={styles.actions} style={{ marginTop: 8, alignItems: 'center' }} data-testid="feedback">
              {feedback.given ? (
                <Caption1>{t('feedback.thanks')}</Caption1>
              ) : (
                <>
                  <Caption1>{t('feedback.question')}</Caption1>
                  <Button size="small" icon={<ThumbLikeRegular />} onClick={() => sendFeedback(true)} data-testid="feedback-yes">
                    {t('feedback.yes')}
                  </Button>
                  <Button size="small" icon={<ThumbDislikeRegular />} onClick={() => sendFeedback(false)} data-testid="feedback-no">
                    {t('feedback.no')}
                  </Button>
                </>
              )}
            </div>
          )}
          <Caption1 className={styles.hint}>{t('run.nothingSent')}</Caption1>
        </section>
      )}
    </section>
  );
}

function isPreview(): boolean {
  return typeof location !== 'undefined' && location.pathname.startsWith('/preview');
}

/** Beyond this, a long text is summarized in the form instead of being shown in a text box. */
const LONG_TEXT_IN_FORM = 30_000;

function VariableField(props: {
  variable: PromptVariable;
  value: string;
  filledFrom?: string;
  cleaned: boolean;
  thread?: ThreadInfo;
  /** A long text this prompt summarizes in parts (else it goes in one request, which the model may refuse). */
  inParts: boolean;
  onChange(value: string): void;
}) {
  const t = useT();
  const [lang] = useLang();
  const v = props.variable;
  const label = v.label[lang];
  const hint = props.filledFrom
    ? t('form.fromHost', { source: t(`form.source.${props.filledFrom}` as MessageKey) }) +
      (props.cleaned ? ' ' + t('form.cleaned') : '') +
      (props.thread ? ' ' + t('form.threadUsed', { messages: props.thread.messages, condensed: props.thread.condensed }) : '')
    : undefined;
  const placeholder = v.placeholder?.[lang];
  const common = { 'data-testid': `var-${v.name}`, name: v.name };
  let control;
  switch (v.type) {
    case 'longtext':
      // A whole long document in a text box makes the pane crawl (every update re-lays out the text) and helps no
      // one: it is shown as its size and its beginning, and can be cleared to paste something else.
      control =
        props.value.length > LONG_TEXT_IN_FORM ? (
          <div data-testid={`var-${v.name}-long`} style={{ border: '1px solid #d1d1d1', borderRadius: 4, padding: 8 }}>
            <Caption1 block>{t(props.inParts ? 'form.longText' : 'form.longTextWhole', { chars: props.value.length.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB'), pages: Math.round(props.value.length / 3000) })}</Caption1>
            <Caption1 block style={{ color: '#616161', whiteSpace: 'pre-wrap', maxHeight: 80, overflow: 'hidden' }}>
              {props.value.slice(0, 400)}…
            </Caption1>
            <Button size="small" onClick={() => props.onChange('')} data-testid={`var-${v.name}-clear`}>
              {t('form.clear')}
            </Button>
          </div>
        ) : (
          <Textarea {...common} value={props.value} onChange={(_e, d) => props.onChange(d.value)} rows={6} resize="vertical" placeholder={placeholder} />
        );
      break;
    case 'date':
      control = <Input {...common} type="date" value={props.value} onChange={(_e, d) => props.onChange(d.value)} />;
      break;
    case 'choice':
      control = (
        <Select {...common} value={props.value} onChange={(_e, d) => props.onChange(d.value)}>
          {!v.required && <option value="" />}
          {(v.choices ?? []).map((c) => (
            <option key={c.value} value={c.value}>
              {c.label[lang]}
            </option>
          ))}
        </Select>
      );
      break;
    default:
      control = <Input {...common} value={props.value} onChange={(_e, d) => props.onChange(d.value)} placeholder={placeholder} />;
  }
  return (
    <Field label={label} required={v.required} hint={hint} style={{ marginBottom: 6 }}>
      {control}
    </Field>
  );
}

/** The most recent messages listed by name; older ones are counted (a 500-message thread is not a 500-line list). */
const LISTED_MESSAGES = 8;

/** Says where the main text comes from: Graph or the quoted history (and why), which messages; or which attachment. */
function SourceNote({ thread, attachment, hiddenChars = 0 }: { thread?: ThreadInfo; attachment?: AttachmentSourceInfo; hiddenChars?: number }) {
  const t = useT();
  const [lang] = useLang();
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  // Hidden HTML text never reaches the model: say so, the reader may wonder why the mail looks longer than its text.
  const hiddenNote =
    hiddenChars > 0 ? (
      <MessageBar intent="warning" data-testid="hidden-text-note" style={{ marginBottom: 6 }}>
        <MessageBarBody>{t('source.hidden', { chars: hiddenChars.toLocaleString(locale) })}</MessageBarBody>
      </MessageBar>
    ) : null;
  const when = (date: string | undefined): string | undefined => {
    // Graph gives ISO dates; the quoted history gives them as written in the mail ("jeudi 12 mars 2026 15:20").
    if (!date || !/^\d{4}-\d{2}-\d{2}T/.test(date)) return date;
    const parsed = new Date(date);
    return Number.isNaN(parsed.getTime()) ? date : parsed.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });
  };
  if (attachment) {
    const chars = attachment.chars.toLocaleString(locale);
    return (
      <>
        {hiddenNote}
        <MessageBar intent="info" data-testid="source-note" style={{ marginBottom: 6 }}>
          <MessageBarBody>
            {attachment.pages ? t('source.attachment.pages', { name: attachment.name, pages: attachment.pages, chars }) : t('source.attachment.read', { name: attachment.name, chars })}
            {attachment.truncated && ' ' + t('source.attachment.truncated')}
          </MessageBarBody>
        </MessageBar>
      </>
    );
  }
  if (!thread) return hiddenNote;
  const listed = thread.used.slice(-LISTED_MESSAGES);
  const hidden = thread.used.length - listed.length;
  return (
    <>
    {hiddenNote}
    <MessageBar intent={thread.source === 'graph' ? 'info' : 'warning'} data-testid="source-note" data-source={thread.source} style={{ marginBottom: 6 }}>
      <MessageBarBody>
        <span data-testid="source-note-summary">
          {t(thread.source === 'graph' ? 'source.thread.graph' : 'source.thread.quoted', { count: thread.messages })}
          {thread.fallbackReason && ' ' + t(`source.reason.${thread.fallbackReason}` as MessageKey)}
          {thread.truncated && ' ' + t('source.thread.truncated', { count: thread.messages })}
        </span>
        <br />
        {t('source.thread.used')}
        <ol style={{ margin: '2px 0 0', paddingLeft: 18 }} data-testid="source-note-messages">
          {hidden > 0 && <li style={{ listStyle: 'none' }}>{t('source.thread.more', { count: hidden })}</li>}
          {listed.map((m) => (
            <li key={m.index} value={m.index + 1}>
              {[m.from ?? t('source.thread.unknownSender'), when(m.date)].filter(Boolean).join(' · ')}
              {m.condensed && ` (${t('source.thread.condensed')})`}
            </li>
          ))}
        </ol>
        {thread.omitted > 0 && t('source.thread.omitted', { count: thread.omitted })}
      </MessageBarBody>
    </MessageBar>
    </>
  );
}
