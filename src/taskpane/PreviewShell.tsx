/**
 * The /preview page: a sample mailbox and a sample Word document beside the real task pane. Choosing a mail or the
 * document switches the pane's host (Outlook read or compose / Word); insertions and reply forms show up here.
 * Sample HTML is trusted (shipped with the app); inserted HTML was sanitized by the pane.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Button, Caption1, makeStyles, mergeClasses, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { AttachRegular, CommentRegular, DocumentRegular, DraftsRegular, MailRegular } from '@fluentui/react-icons';
import { PreviewWorkspace, type PreviewState } from '../hosts/preview';
import { SAMPLE_DOCUMENT_TITLE } from '../hosts/preview-data/document';
import type { KeyValueStore } from '../hosts/types';
import { App } from './App';
import { useLang, useT } from './i18n';

const useStyles = makeStyles({
  root: { display: 'grid', gridTemplateColumns: '240px 1fr 380px', height: '100%', backgroundColor: tokens.colorNeutralBackground3 },
  nav: { overflowY: 'auto', borderRight: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground1 },
  navItem: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    padding: '8px 10px',
    border: 'none',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    background: 'none',
    cursor: 'pointer',
    font: 'inherit',
    ':focus-visible': { outline: `2px solid ${tokens.colorBrandStroke1}` },
  },
  navSelected: { backgroundColor: tokens.colorBrandBackground2 },
  folder: { padding: '10px 10px 4px', fontWeight: 600, display: 'flex', gap: '6px', alignItems: 'center' },
  center: { overflowY: 'auto', padding: '16px' },
  banner: { color: tokens.colorNeutralForeground3, marginBottom: '8px', display: 'block' },
  mail: { backgroundColor: tokens.colorNeutralBackground1, padding: '16px 20px', boxShadow: tokens.shadow4 },
  page: {
    backgroundColor: 'white',
    width: '100%',
    maxWidth: '720px',
    margin: '0 auto',
    padding: '48px 56px',
    boxShadow: tokens.shadow8,
    fontFamily: 'Calibri, "Segoe UI", sans-serif',
    fontSize: '11pt',
    boxSizing: 'border-box',
  },
  block: { cursor: 'text', borderLeft: '3px solid transparent', paddingLeft: '4px' },
  cursor: { borderLeft: `3px solid ${tokens.colorBrandStroke1}` },
  inserted: { borderLeft: '3px solid #2e7d32', backgroundColor: '#f1f8e9', textDecorationLine: 'underline', textDecorationColor: '#2e7d32', paddingLeft: '4px', position: 'relative' },
  deleted: { display: 'block', color: '#b71c1c', textDecorationLine: 'line-through', whiteSpace: 'pre-wrap', margin: '2px 0' },
  comment: { display: 'block', fontSize: '9pt', color: '#5d4037', backgroundColor: '#fff8e1', border: '1px solid #ffcc80', padding: '2px 6px', margin: '4px 0', textDecorationLine: 'none' },
  reply: { backgroundColor: tokens.colorNeutralBackground1, padding: '12px 16px', marginBottom: '12px', border: `2px dashed ${tokens.colorBrandStroke1}` },
  pane: { borderLeft: `1px solid ${tokens.colorNeutralStroke2}`, overflow: 'hidden', height: '100%' },
});

function useWorkspace(workspace: PreviewWorkspace): PreviewState {
  return useSyncExternalStore(
    (cb) => workspace.subscribe(cb),
    () => workspace.getState(),
  );
}

export function PreviewShell({ workspace, store }: { workspace: PreviewWorkspace; store: KeyValueStore }) {
  const t = useT();
  const [lang] = useLang();
  const styles = useStyles();
  const state = useWorkspace(workspace);
  const readingPane = useRef<HTMLDivElement>(null);
  const [version, setVersion] = useState(0);

  // The text the user selected in the reading pane (mail or document). Like Office's, it stays selected while the
  // user works in the task pane; a click elsewhere in the reading pane (a collapsed selection there) clears it.
  useEffect(() => {
    let kept: { text: string; block: number | null } = { text: '', block: null };
    const blockOf = (node: Node | null): number | null => {
      const element = node instanceof Element ? node : (node?.parentElement ?? null);
      const holder = element?.closest('[data-block]');
      return holder ? Number(holder.getAttribute('data-block')) : null;
    };
    const onChange = () => {
      const selection = window.getSelection();
      const pane = readingPane.current;
      if (!selection || !pane || !selection.anchorNode || !pane.contains(selection.anchorNode)) return;
      if (selection.isCollapsed) kept = { text: '', block: null };
      else {
        // A triple click selects a paragraph up to the start of the next one: the block is the one holding the text.
        const text = selection.toString();
        const start = blockOf(selection.anchorNode);
        const holder = start === null ? null : pane.querySelector(`[data-block="${start}"]`);
        kept = { text, block: holder?.textContent?.includes(text.trim()) ? start : null };
      }
    };
    document.addEventListener('selectionchange', onChange);
    workspace.selectionProvider = () => kept.text;
    workspace.selectionBlock = () => kept.block;
    return () => document.removeEventListener('selectionchange', onChange);
  }, [workspace]);

  const itemKey = state.item.type === 'document' ? 'document' : state.item.id;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const host = useMemo(() => workspace.host(store), [workspace, store, itemKey]);
  useEffect(() => setVersion((v) => v + 1), [itemKey]);

  const mail = workspace.currentMail();
  const dateFormat = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const inbox = state.mails.filter((m) => m.folder === 'inbox');
  const drafts = state.mails.filter((m) => m.folder === 'drafts');

  const navButton = (selected: boolean, onClick: () => void, testId: string, children: React.ReactNode) => (
    <button type="button" className={mergeClasses(styles.navItem, selected && styles.navSelected)} aria-current={selected} onClick={onClick} data-testid={testId}>
      {children}
    </button>
  );

  return (
    <div className={styles.root}>
      <nav className={styles.nav} aria-label={t('preview.inbox')}>
        <div className={styles.folder}>
          <MailRegular /> {t('preview.inbox')}
        </div>
        {inbox.map((m) =>
          navButton(
            state.item.type === 'mail' && state.item.id === m.id,
            () => workspace.select({ type: 'mail', id: m.id }),
            `mail-${m.id}`,
            <>
              <Text weight="semibold" block truncate>
                {m.from.name}
              </Text>
              <Caption1 block>{m.subject}</Caption1>
            </>,
          ),
        )}
        <div className={styles.folder}>
          <DraftsRegular /> {t('preview.drafts')}
        </div>
        {drafts.map((m) =>
          navButton(
            state.item.type === 'mail' && state.item.id === m.id,
            () => workspace.select({ type: 'mail', id: m.id }),
            `mail-${m.id}`,
            <Caption1 block>{m.subject}</Caption1>,
          ),
        )}
        <div className={styles.folder}>
          <DocumentRegular /> {t('preview.document')}
        </div>
        {navButton(state.item.type === 'document', () => workspace.select({ type: 'document' }), 'open-document', <Caption1 block>{SAMPLE_DOCUMENT_TITLE}</Caption1>)}
      </nav>

      <div className={styles.center} ref={readingPane} data-testid="reading-pane">
        <Caption1 className={styles.banner}>{t('preview.banner')}</Caption1>
        {state.reply && (
          <section className={styles.reply} data-testid="reply-form" aria-label={state.reply.all ? t('preview.replyAll') : t('preview.reply')}>
            <Subtitle2 as="h2">{state.reply.all ? t('preview.replyAll') : t('preview.reply')}</Subtitle2>
            <div data-testid="reply-body" dangerouslySetInnerHTML={{ __html: state.reply.html }} />
            <Button onClick={() => workspace.closeReply()}>{t('preview.close')}</Button>
          </section>
        )}
        {state.item.type === 'document' ? (
          <article className={styles.page} data-testid="preview-document" aria-label={t('preview.document')}>
            <Caption1 block style={{ color: '#888', marginBottom: 12 }}>
              {t('preview.cursorHint')}
            </Caption1>
            {state.document.map((block, i) =>
              block.inserted ? (
                <div
                  key={block.id}
                  className={mergeClasses(block.inserted.tracked ? styles.inserted : styles.block, i === state.cursor && styles.cursor)}
                  data-testid="inserted"
                  data-tracked={String(block.inserted.tracked)}
                  onClick={() => workspace.setCursor(i)}
                >
                  {block.inserted.comment && (
                    <span className={styles.comment} data-testid="inserted-comment" title={t('preview.aiInserted')}>
                      <CommentRegular /> {block.inserted.comment}
                    </span>
                  )}
                  {block.inserted.replaced && (
                    <del className={styles.deleted} data-testid="replaced" title={t('preview.replaced')}>
                      {block.inserted.replaced}
                    </del>
                  )}
                  <div dangerouslySetInnerHTML={{ __html: block.html }} />
                </div>
              ) : (
                <div
                  key={block.id}
                  className={mergeClasses(styles.block, i === state.cursor && styles.cursor)}
                  data-block={i}
                  onClick={() => workspace.setCursor(i)}
                  dangerouslySetInnerHTML={{ __html: block.html }}
                />
              ),
            )}
          </article>
        ) : mail ? (
          <article className={styles.mail} data-testid="preview-mail" data-mail-id={mail.id}>
            <Subtitle2 as="h1">{mail.subject}</Subtitle2>
            <Caption1 block>
              {t('preview.from')} : {mail.from.name} &lt;{mail.from.address}&gt; — {dateFormat.format(new Date(mail.date))}
            </Caption1>
            <Caption1 block>
              {t('preview.to')} : {mail.to}
            </Caption1>
            {mail.attachments.length > 0 && (
              <Caption1 block>
                <AttachRegular /> {t('preview.attachments')} : {mail.attachments.map((a) => a.name).join(', ')}
              </Caption1>
            )}
            <hr />
            <div data-testid="mail-body" dangerouslySetInnerHTML={{ __html: mail.compose ? (state.drafts[mail.id] ?? '') : mail.html }} />
          </article>
        ) : null}
      </div>

      <aside className={styles.pane} aria-label={t('app.title')}>
        <App host={host} baseUrl={location.origin} store={store} contextVersion={version} />
      </aside>
    </div>
  );
}
