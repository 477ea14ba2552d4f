/**
 * Writing or editing a personal prompt, as the prompt file itself (the same format administrators use, so a prompt
 * written here can be exported and dropped into the organisation's directory). Checked with the library's schema;
 * errors are listed with their line.
 */
import { useState } from 'react';
import { Button, Caption1, Field, makeStyles, MessageBar, MessageBarBody, Subtitle2, Textarea } from '@fluentui/react-components';
import type { PromptDefinition } from '../core/prompts/schema';
import { checkPersonalPrompt, type PersonalPromptError } from './contracts';
import { useLang, useT } from './i18n';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  editor: { fontFamily: 'Consolas, "Courier New", monospace', fontSize: '12px' },
  actions: { display: 'flex', gap: '8px' },
});

export interface PromptEditorProps {
  initialText: string;
  fileName: string;
  onSave(prompt: PromptDefinition): void;
  onCancel(): void;
}

export function PromptEditor(props: PromptEditorProps) {
  const t = useT();
  const [lang] = useLang();
  const styles = useStyles();
  const [text, setText] = useState(props.initialText);
  const [errors, setErrors] = useState<PersonalPromptError[]>([]);

  function save() {
    const checked = checkPersonalPrompt(text, props.fileName, lang);
    setErrors(checked.ok ? [] : checked.errors);
    if (checked.ok) props.onSave(checked.prompt);
  }

  return (
    <section className={styles.root} aria-label={t('editor.title')} data-testid="prompt-editor">
      <Subtitle2 as="h2">{t('editor.title')}</Subtitle2>
      <Caption1>{t('editor.help')}</Caption1>
      <Field label={props.fileName}>
        <Textarea
          className={styles.editor}
          textarea={{ className: styles.editor, spellCheck: false }}
          value={text}
          onChange={(_e, d) => setText(d.value)}
          rows={24}
          resize="vertical"
          data-testid="prompt-editor-text"
        />
      </Field>
      {errors.length > 0 && (
        <MessageBar intent="error" data-testid="prompt-editor-errors">
          <MessageBarBody>
            {t('editor.errors')}
            <ul>
              {errors.map((e, i) => (
                <li key={i}>
                  {t('editor.line', { line: e.line })} — {e.message}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" onClick={save} data-testid="prompt-editor-save">
          {t('editor.save')}
        </Button>
        <Button onClick={props.onCancel} data-testid="prompt-editor-cancel">
          {t('editor.cancel')}
        </Button>
      </div>
    </section>
  );
}
