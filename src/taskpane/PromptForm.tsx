/**
 * Writing a personal prompt without YAML: a form (title, description, role, application, category, the instructions
 * in plain words, the fields to fill and where each is prefilled from, the kind of answer) that writes the same file
 * as the raw editor (core/prompts/serialize.ts) and checks it with the same schema and checker. Errors appear next to
 * the field they concern, in the pane's language; the raw file is one click away for experts.
 */
import { useMemo, useState } from 'react';
import { Button, Caption1, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Subtitle2, Textarea, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { HOSTS, PROMPT_ROLES, promptSchema, VARIABLE_SOURCES, type Lang, type PromptDefinition, type PromptVariable } from '../core/prompts/schema';
import { checkPersonalPrompt, serializePrompt } from './contracts';
import { translate, useLang, useT, type MessageKey } from './i18n';
import { translatePromptError } from './prompt-errors';

const CATEGORIES = promptSchema.shape.category.options;
const OUTPUTS = promptSchema.shape.output.options;
const TYPES = ['text', 'longtext', 'date', 'choice', 'person'] as const;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  field: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: '6px 8px', display: 'flex', flexDirection: 'column', gap: '4px' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

/** One field of the form being written (choices one per line, « valeur » or « valeur = libellé »). */
export interface DraftField {
  name: string;
  label: string;
  type: PromptVariable['type'];
  required: boolean;
  source: NonNullable<PromptVariable['source']> | '';
  choices: string;
}

export interface PromptDraft {
  id: string;
  version: number;
  title: string;
  description: string;
  role: PromptDefinition['role'];
  hosts: PromptDefinition['hosts'];
  category: PromptDefinition['category'];
  output: PromptDefinition['output'];
  instructions: string;
  fields: DraftField[];
  /** The prompt being edited, for what the form does not show (other language, tags, letter, minutes saved). */
  base: PromptDefinition;
  /** False when the prompt's templates were written by hand: the form keeps them and does not rewrite them. */
  instructionsEditable: boolean;
}

const FIELD_HEADING: Record<Lang, string> = { fr: 'Éléments fournis', en: 'Information given' };

/** The user template the form writes: the instructions, then each field under its label. */
export function userTemplate(instructions: string, fields: { name: string; label: string; type: string }[], lang: Lang): string {
  const colon = lang === 'fr' ? ' :' : ':';
  const lines = fields.map((f) => (f.type === 'longtext' ? `${f.label}${colon}\n{{${f.name}}}` : `- ${f.label}${colon} {{${f.name}}}`));
  return lines.length ? `${instructions.trim()}\n\n${FIELD_HEADING[lang]}${colon}\n\n${lines.join('\n')}` : instructions.trim();
}

const SYSTEM: Record<Lang, string> = {
  fr: "Tu es un assistant pour le personnel hospitalier. N'invente aucun fait ; écris [à compléter] quand une information manque.",
  en: 'You assist hospital staff. Never invent facts; write [to complete] where information is missing.',
};

function choicesText(v: PromptVariable, lang: Lang): string {
  return (v.choices ?? []).map((c) => (c.label[lang] === c.value ? c.value : `${c.value} = ${c.label[lang]}`)).join('\n');
}

/** The form's starting state from a prompt (a new one, a copy, or one being edited). */
export function draftOf(prompt: PromptDefinition, lang: Lang): PromptDraft {
  const fields: DraftField[] = prompt.variables.map((v) => ({ name: v.name, label: v.label[lang], type: v.type, required: v.required, source: v.source ?? '', choices: choicesText(v, lang) }));
  // Instructions are the user template before the fields block the form writes; a hand-written template is kept.
  const user = prompt.templates[lang].user;
  const marker = `\n\n${FIELD_HEADING[lang]}${lang === 'fr' ? ' :' : ':'}\n\n`;
  const head = user.includes(marker) ? user.slice(0, user.indexOf(marker)) : user;
  const written = userTemplate(head, fields, lang) === user.trim();
  const bare = fields.length === 1 && user.trim() === `{{${fields[0].name}}}`;
  return {
    id: prompt.id,
    version: prompt.version,
    title: prompt.title[lang],
    description: prompt.description[lang],
    role: prompt.role,
    hosts: prompt.hosts,
    category: prompt.category,
    output: prompt.output,
    instructions: written ? head : bare ? '' : user,
    fields,
    base: prompt,
    instructionsEditable: written || bare,
  };
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

function parseChoices(text: string, lang: Lang, other: Lang): { value: string; label: Record<Lang, string> }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [value, ...rest] = line.split('=');
      const label = rest.join('=').trim() || value.trim();
      const v = slug(value) || value.trim();
      return { value: v, label: { [lang]: label, [other]: label } as Record<Lang, string> };
    });
}

/** The prompt the form describes (written in the user's language; the other language gets the same words). */
export function promptFromDraft(draft: PromptDraft, lang: Lang): unknown {
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const base = draft.base;
  // The other language keeps its own words while the user's are unchanged; once changed, it follows them (the old
  // translation no longer says the same thing).
  const both = (text: string, old: { fr: string; en: string } | undefined) => ({ [lang]: text.trim(), [other]: old && old[lang] === text.trim() ? old[other] : text.trim() });
  const variables = draft.fields.map((f) => {
    const was = base.variables.find((x) => x.name === f.name.trim());
    const v: Record<string, unknown> = { name: f.name.trim(), label: both(f.label, was?.label), type: f.type, required: f.required };
    if (f.source) v.source = f.source;
    if (f.type === 'choice') v.choices = was?.choices && f.choices === choicesText(was, lang) ? was.choices : parseChoices(f.choices, lang, other);
    if (was?.placeholder) v.placeholder = was.placeholder;
    if (was?.default !== undefined && (f.type !== 'choice' || (v.choices as { value: string }[]).some((c) => c.value === was.default))) v.default = was.default;
    return v;
  });
  const templates = draft.instructionsEditable
    ? {
        [lang]: { system: base.templates[lang].system || SYSTEM[lang], user: userTemplate(draft.instructions, draft.fields, lang) },
        [other]: { system: base.templates[other].system || SYSTEM[other], user: userTemplate(draft.instructions, draft.fields, other) },
      }
    : base.templates;
  // What the offline engine can do with it: an extractive summary, a letter filled from the form, else it says a model
  // is needed.
  const offline =
    draft.category === 'summarize' ? 'summarize' : draft.output === 'letter' && base.letter?.fr && base.letter.en ? 'fill' : base.offline === 'summarize' || base.offline === 'fill' ? 'none' : base.offline;
  return {
    id: draft.id,
    version: draft.version,
    role: draft.role,
    hosts: draft.hosts,
    category: draft.category,
    title: both(draft.title, base.title),
    description: both(draft.description, base.description),
    variables,
    output: draft.output,
    minutesSaved: base.minutesSaved,
    offline,
    tags: base.tags,
    templates,
    ...(base.letter ? { letter: base.letter } : {}),
    origin: 'personal',
  };
}

/** Where an error shows: next to its field ('title', 'hosts', 'field-2-name'…), or 'form' for the whole. */
export type ErrorPlace = string;

/** A schema issue in the user's words, placed next to the field it concerns. */
function placeIssue(path: readonly PropertyKey[], code: string, message: string, lang: Lang): [ErrorPlace, string] {
  const say = (key: MessageKey, vars?: Record<string, string>) => translate(lang, key, vars);
  const [head, index, key] = path;
  if (head === 'title' || head === 'description') return [String(head), say('promptForm.err.empty')];
  if (head === 'id') return ['title', say('promptForm.err.id')];
  if (head === 'hosts') return ['hosts', say('promptForm.err.hosts')];
  if (head === 'variables' && typeof index === 'number') {
    if (key === 'name') return [`field-${index}-name`, say(code === 'invalid_format' || /camelCase/.test(message) ? 'promptForm.err.name' : 'promptForm.err.empty')];
    if (key === 'label') return [`field-${index}-label`, say('promptForm.err.empty')];
    return [`field-${index}-choices`, say('promptForm.err.choices')];
  }
  return ['form', translatePromptError(message, lang)];
}

export interface CheckedDraft {
  prompt: PromptDefinition | null;
  errors: Record<ErrorPlace, string[]>;
}

/** Checks the form with the library's schema and the file checker (the same two steps as an imported file). */
export function checkDraft(draft: PromptDraft, lang: Lang): CheckedDraft {
  const errors: Record<ErrorPlace, string[]> = {};
  const add = (place: ErrorPlace, message: string) => {
    if (!(errors[place] ??= []).includes(message)) errors[place].push(message);
  };
  if (!draft.instructions.trim() && draft.instructionsEditable) add('instructions', translate(lang, 'promptForm.err.instructions'));
  const seen = new Set<string>();
  draft.fields.forEach((f, i) => {
    if (seen.has(f.name.trim())) add(`field-${i}-name`, translate(lang, 'promptForm.err.twice'));
    seen.add(f.name.trim());
  });
  const parsed = promptSchema.safeParse(promptFromDraft(draft, lang));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(...placeIssue(issue.path, issue.code, issue.message, lang));
    return { prompt: null, errors };
  }
  if (Object.keys(errors).length) return { prompt: null, errors };
  // The file it writes must read back as the same prompt (templates, sections, variables used and declared).
  const file = checkPersonalPrompt(serializePrompt(parsed.data), `${parsed.data.id}.md`, lang);
  if (!file.ok) {
    for (const e of file.errors) add('form', e.message);
    return { prompt: null, errors };
  }
  return { prompt: file.prompt, errors };
}

export interface PromptFormProps {
  initial: PromptDefinition;
  /** A new prompt: its id follows its title. */
  isNew: boolean;
  onSave(prompt: PromptDefinition): void;
  onCancel(): void;
  /** Opens the raw file (with what the form holds now when it is valid). */
  onRaw(text: string): void;
}

export function PromptForm(props: PromptFormProps) {
  const t = useT();
  const [lang] = useLang();
  const styles = useStyles();
  const [draft, setDraft] = useState<PromptDraft>(() => draftOf(props.initial, lang));
  const [errors, setErrors] = useState<Record<ErrorPlace, string[]>>({});
  const patch = (p: Partial<PromptDraft>) => setDraft((d) => ({ ...d, ...p }));
  const patchField = (i: number, p: Partial<DraftField>) => setDraft((d) => ({ ...d, fields: d.fields.map((f, j) => (j === i ? { ...f, ...p } : f)) }));
  const errorOf = (place: ErrorPlace) => (errors[place]?.length ? { validationState: 'error' as const, validationMessage: errors[place].join(' ') } : {});
  const sources = useMemo(() => VARIABLE_SOURCES.filter((s) => draft.hosts.includes('outlook') || !s.startsWith('mail.')), [draft.hosts]);

  function setTitle(title: string) {
    patch(props.isNew ? { title, id: slug(title) || draft.id } : { title });
  }

  function save() {
    const checked = checkDraft(draft, lang);
    setErrors(checked.errors);
    if (checked.prompt) props.onSave(checked.prompt);
  }

  function raw() {
    const checked = checkDraft(draft, lang);
    props.onRaw(serializePrompt(checked.prompt ?? props.initial));
  }

  return (
    <section className={styles.root} aria-label={t('promptForm.title')} data-testid="prompt-form-editor">
      <Subtitle2 as="h2">{t('promptForm.title')}</Subtitle2>
      <Caption1>{t('promptForm.help')}</Caption1>
      <Field label={t('promptForm.name')} required {...errorOf('title')}>
        <Input value={draft.title} onChange={(_e, d) => setTitle(d.value)} data-testid="pf-title" />
      </Field>
      <Field label={t('promptForm.description')} required {...errorOf('description')}>
        <Input value={draft.description} onChange={(_e, d) => patch({ description: d.value })} data-testid="pf-description" />
      </Field>
      <div className={styles.row}>
        <Field label={t('promptForm.role')}>
          <Select value={draft.role} onChange={(_e, d) => patch({ role: d.value as PromptDraft['role'] })} data-testid="pf-role">
            {PROMPT_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`promptForm.role.${r}` as MessageKey)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('promptForm.category')}>
          <Select value={draft.category} onChange={(_e, d) => patch({ category: d.value as PromptDraft['category'] })} data-testid="pf-category">
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}` as MessageKey)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('promptForm.output')}>
          <Select value={draft.output} onChange={(_e, d) => patch({ output: d.value as PromptDraft['output'] })} data-testid="pf-output">
            {OUTPUTS.map((o) => (
              <option key={o} value={o}>
                {t(`promptForm.output.${o}` as MessageKey)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={t('promptForm.hosts')} {...errorOf('hosts')}>
        <div className={styles.row} role="group" aria-label={t('promptForm.hosts')}>
          {HOSTS.map((h) => (
            <Checkbox
              key={h}
              label={t(`promptForm.host.${h}` as MessageKey)}
              checked={draft.hosts.includes(h)}
              onChange={(_e, d) => patch({ hosts: d.checked ? [...draft.hosts.filter((x) => x !== h), h] : draft.hosts.filter((x) => x !== h) })}
              data-testid={`pf-host-${h}`}
            />
          ))}
        </div>
      </Field>
      <Field label={t('promptForm.instructions')} hint={draft.instructionsEditable ? t('promptForm.instructionsHint') : t('promptForm.handWritten')} required {...errorOf('instructions')}>
        <Textarea value={draft.instructions} disabled={!draft.instructionsEditable} onChange={(_e, d) => patch({ instructions: d.value })} rows={5} resize="vertical" data-testid="pf-instructions" />
      </Field>
      <Subtitle2 as="h3" style={{ fontSize: 14 }}>
        {t('promptForm.fields')}
      </Subtitle2>
      {draft.fields.map((f, i) => (
        <fieldset key={i} className={styles.field} data-testid={`pf-field-${i}`} aria-label={t('promptForm.fieldN', { n: i + 1 })}>
          <div className={styles.row}>
            <Field label={t('promptForm.field.label')} required {...errorOf(`field-${i}-label`)}>
              <Input value={f.label} onChange={(_e, d) => patchField(i, { label: d.value })} data-testid={`pf-field-${i}-label`} />
            </Field>
            <Field label={t('promptForm.field.name')} hint={t('promptForm.field.nameHint', { name: f.name || 'nom' })} required {...errorOf(`field-${i}-name`)}>
              <Input value={f.name} onChange={(_e, d) => patchField(i, { name: d.value })} data-testid={`pf-field-${i}-name`} />
            </Field>
          </div>
          <div className={styles.row}>
            <Field label={t('promptForm.field.type')}>
              <Select value={f.type} onChange={(_e, d) => patchField(i, { type: d.value as DraftField['type'] })} data-testid={`pf-field-${i}-type`}>
                {TYPES.map((ty) => (
                  <option key={ty} value={ty}>
                    {t(`promptForm.type.${ty}` as MessageKey)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('promptForm.field.source')}>
              <Select value={f.source ?? ''} onChange={(_e, d) => patchField(i, { source: d.value as DraftField['source'] })} data-testid={`pf-field-${i}-source`}>
                <option value="">{t('promptForm.source.none')}</option>
                {sources.map((s) => (
                  <option key={s} value={s}>
                    {t(`form.source.${s}` as MessageKey)}
                  </option>
                ))}
              </Select>
            </Field>
            <Checkbox label={t('promptForm.field.required')} checked={f.required} onChange={(_e, d) => patchField(i, { required: !!d.checked })} data-testid={`pf-field-${i}-required`} />
          </div>
          {f.type === 'choice' && (
            <Field label={t('promptForm.field.choices')} hint={t('promptForm.field.choicesHint')} {...errorOf(`field-${i}-choices`)}>
              <Textarea value={f.choices} onChange={(_e, d) => patchField(i, { choices: d.value })} rows={3} data-testid={`pf-field-${i}-choices`} />
            </Field>
          )}
          <Button size="small" icon={<DeleteRegular />} onClick={() => setDraft((d) => ({ ...d, fields: d.fields.filter((_, j) => j !== i) }))} data-testid={`pf-field-${i}-remove`}>
            {t('promptForm.field.remove')}
          </Button>
        </fieldset>
      ))}
      <div>
        <Button
          size="small"
          icon={<AddRegular />}
          onClick={() => setDraft((d) => ({ ...d, fields: [...d.fields, { name: `champ${d.fields.length + 1}`, label: '', type: 'text', required: false, source: '', choices: '' }] }))}
          data-testid="pf-add-field"
        >
          {t('promptForm.addField')}
        </Button>
      </div>
      {errors.form?.length ? (
        <MessageBar intent="error" data-testid="pf-errors">
          <MessageBarBody>
            {t('editor.errors')}
            <ul>
              {errors.form.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : Object.keys(errors).length ? (
        <MessageBar intent="error" data-testid="pf-errors">
          <MessageBarBody>{t('promptForm.fixFields')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.actions}>
        <Button appearance="primary" onClick={save} data-testid="pf-save">
          {t('editor.save')}
        </Button>
        <Button onClick={props.onCancel} data-testid="pf-cancel">
          {t('editor.cancel')}
        </Button>
        <Button appearance="subtle" onClick={raw} data-testid="pf-raw">
          {t('promptForm.raw')}
        </Button>
      </div>
    </section>
  );
}
