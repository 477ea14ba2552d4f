/**
 * The gallery: the role's prompts, searchable across titles and descriptions, filtered by category and by the current
 * host, with favourites and recent ones; every control is a native, focusable element (keyboard accessible).
 */
import { useMemo, useRef, useState } from 'react';
import { Badge, Button, Caption1, Field, Input, makeStyles, MessageBar, MessageBarActions, MessageBarBody, Select, Switch, Text, ToggleButton, tokens } from '@fluentui/react-components';
import { ArrowUploadRegular, SearchRegular, StarFilled, StarRegular, AddRegular } from '@fluentui/react-icons';
import type { HostKind, Lang, PromptDefinition, Role } from '../core/prompts/schema';
import type { HostMode } from '../hosts/types';
import { isForRole, promptFrontMatterSchema } from '../core/prompts/schema';
import { filterGallery } from './library';
import { needsModel } from '../core/llm/needs-model';
import { useLang, useT, type MessageKey } from './i18n';

const CATEGORIES = promptFrontMatterSchema.shape.category.options;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  filters: { display: 'flex', flexWrap: 'wrap', gap: '4px 12px', alignItems: 'center' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '6px' },
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: '4px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  open: { flexGrow: 1, justifyContent: 'flex-start', textAlign: 'left', padding: '8px', minHeight: '56px', fontWeight: 'normal' },
  openInner: { display: 'flex', flexDirection: 'column', gap: '2px', alignItems: 'flex-start' },
  recent: { display: 'flex', flexWrap: 'wrap', gap: '4px' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

export interface GalleryProps {
  prompts: PromptDefinition[];
  role: Role;
  host: HostKind;
  hostMode?: HostMode;
  favourites: string[];
  recent: string[];
  /** A message above the list, with at most one action (e.g. sign in when the library needs it). */
  notice: { intent: 'info' | 'warning' | 'error' | 'success'; text: string; action?: { label: string; onClick(): void } } | null;
  onOpen(prompt: PromptDefinition): void;
  onToggleFavourite(id: string): void;
  onNew(): void;
  onImport(files: File[]): void;
  /** No generative model is configured: tasks that need one (rewrite, correct, translate…) are marked. */
  offline?: boolean;
}

export function title(p: PromptDefinition, lang: Lang): string {
  return p.title[lang];
}

export function Gallery(props: GalleryProps) {
  const t = useT();
  const [lang] = useLang();
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<PromptDefinition['category'] | ''>('');
  const [hostOnly, setHostOnly] = useState(true);
  const [favouritesOnly, setFavouritesOnly] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const shown = useMemo(
    () =>
      filterGallery(
        props.prompts,
        { query, role: props.role, host: hostOnly ? props.host : null, hostMode: props.hostMode, category: category || null, favouritesOnly },
        props.favourites,
      ),
    [props.prompts, props.role, props.host, props.hostMode, props.favourites, query, category, hostOnly, favouritesOnly],
  );
  const recent = props.recent
    .map((id) => props.prompts.find((p) => p.id === id && isForRole(p, props.role)))
    .filter((p): p is PromptDefinition => Boolean(p));
  const hostName = props.host === 'outlook' ? 'Outlook' : 'Word';

  return (
    <section className={styles.root} aria-label={t('app.gallery')} data-testid="gallery">
      {props.notice && (
        <MessageBar intent={props.notice.intent}>
          <MessageBarBody>{props.notice.text}</MessageBarBody>
          {props.notice.action && (
            <MessageBarActions>
              <Button size="small" appearance="primary" onClick={props.notice.action.onClick} data-testid="notice-action">
                {props.notice.action.label}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      <Field label={t('gallery.search')}>
        <Input
          type="search"
          value={query}
          onChange={(_e, d) => setQuery(d.value)}
          contentBefore={<SearchRegular />}
          data-testid="gallery-search"
        />
      </Field>
      <div className={styles.filters}>
        <Field label={t('gallery.category')}>
          <Select value={category} onChange={(_e, d) => setCategory(d.value as PromptDefinition['category'] | '')} data-testid="gallery-category">
            <option value="">{t('gallery.allCategories')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}` as MessageKey)}
              </option>
            ))}
          </Select>
        </Field>
        <Switch checked={hostOnly} onChange={(_e, d) => setHostOnly(d.checked)} label={t('gallery.thisHostOnly', { host: hostName })} data-testid="gallery-host-only" />
        <Switch checked={favouritesOnly} onChange={(_e, d) => setFavouritesOnly(d.checked)} label={t('gallery.favouritesOnly')} data-testid="gallery-favourites-only" />
      </div>
      {recent.length > 0 && !query && (
        <div>
          <Caption1>{t('gallery.recent')}</Caption1>
          <div className={styles.recent} data-testid="gallery-recent">
            {recent.map((p) => (
              <Button key={p.id} size="small" onClick={() => props.onOpen(p)}>
                {title(p, lang)}
              </Button>
            ))}
          </div>
        </div>
      )}
      <Caption1>{favouritesOnly ? t('gallery.favourites') : t('gallery.all')} ({shown.length})</Caption1>
      {shown.length === 0 ? (
        <Text>{t('gallery.empty')}</Text>
      ) : (
        <ul className={styles.list} data-testid="gallery-list">
          {shown.map((p) => {
            const fav = props.favourites.includes(p.id);
            return (
              <li key={p.id} className={styles.item} data-prompt-id={p.id}>
                <Button appearance="subtle" className={styles.open} onClick={() => props.onOpen(p)} data-testid={`open-${p.id}`}>
                  <span className={styles.openInner}>
                    <Text weight="semibold">{title(p, lang)}</Text>
                    <Caption1>{p.description[lang]}</Caption1>
                    <span>
                      <Badge appearance="tint" size="small">
                        {t(`category.${p.category}` as MessageKey)}
                      </Badge>{' '}
                      {p.origin === 'personal' && (
                        <Badge appearance="tint" color="success" size="small">
                          {t('gallery.personal')}
                        </Badge>
                      )}
                      {p.origin === 'organization' && (
                        <Badge appearance="tint" color="brand" size="small">
                          {t('gallery.organization')}
                        </Badge>
                      )}{' '}
                      {props.offline && needsModel(p, true) && (
                        <Badge appearance="tint" color="warning" size="small" title={t('gallery.needsModelHint')} data-testid={`needs-model-${p.id}`}>
                          {t('gallery.needsModel')}
                        </Badge>
                      )}{' '}
                      {p.minutesSaved > 0 && <Caption1>{t('gallery.minutes', { minutes: p.minutesSaved })}</Caption1>}
                    </span>
                  </span>
                </Button>
                <ToggleButton
                  appearance="transparent"
                  checked={fav}
                  icon={fav ? <StarFilled /> : <StarRegular />}
                  aria-label={t(fav ? 'gallery.removeFavourite' : 'gallery.addFavourite', { title: title(p, lang) })}
                  onClick={() => props.onToggleFavourite(p.id)}
                  data-testid={`favourite-${p.id}`}
                />
              </li>
            );
          })}
        </ul>
      )}
      <div className={styles.actions}>
        <Button icon={<AddRegular />} onClick={props.onNew} data-testid="gallery-new">
          {t('gallery.newPrompt')}
        </Button>
        <Button icon={<ArrowUploadRegular />} onClick={() => fileInput.current?.click()} data-testid="gallery-import">
          {t('gallery.import')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".md,text/markdown,text/plain"
          multiple
          hidden
          data-testid="gallery-import-file"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length) props.onImport(files);
          }}
        />
      </div>
    </section>
  );
}
