/**
 * What the pane loads on first use, not before its first render (the gallery): the run panel (OpenAI SDK, Markdown
 * rendering and sanitizing, attachments, Graph), the prompt editor and the YAML parser behind prompt files, the
 * settings and the survey; tooltips (and the positioning engine under them) come just after the first render.
 * Same names and props as the modules they stand for, so that App reads as if they were imported directly.
 */
import { cloneElement, isValidElement, lazy, Suspense, useEffect, useState, type ComponentType, type ReactElement } from 'react';
import { Spinner, type TooltipProps } from '@fluentui/react-components';
import type { PromptDefinition } from '../core/prompts/schema';
import type { PersonalPromptCheck } from './prompt-files';
import { useT } from './i18n';
import type { PromptEditorProps } from './PromptEditor';
import type { PromptFormProps } from './PromptForm';
import type { RunPanelProps } from './RunPanel';
import type { SettingsProps } from './Settings';
import type { SurveyProps } from './Survey';

const loadRunPanel = () => import(/* webpackChunkName: "run" */ './RunPanel.js');
const loadPromptFiles = () => import(/* webpackChunkName: "prompt-files" */ './prompt-files.js');

function Loading() {
  const t = useT();
  return <Spinner label={t('app.loading')} data-testid="chunk-loading" />;
}

/** A component fetched the first time it renders, with the pane's spinner meanwhile. */
function onFirstUse<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Component = lazy(() => load().then((c) => ({ default: c })));
  return function OnFirstUse(props: P) {
    return (
      <Suspense fallback={<Loading />}>
        <Component {...props} />
      </Suspense>
    );
  };
}

export const RunPanel = onFirstUse<RunPanelProps>(() => loadRunPanel().then((m) => m.RunPanel));
export const PromptEditor = onFirstUse<PromptEditorProps>(() => import(/* webpackChunkName: "editor" */ './PromptEditor.js').then((m) => m.PromptEditor));
export const PromptForm = onFirstUse<PromptFormProps>(() => import(/* webpackChunkName: "editor" */ './PromptForm.js').then((m) => m.PromptForm));
export const Settings = onFirstUse<SettingsProps>(() => import(/* webpackChunkName: "settings" */ './Settings.js').then((m) => m.Settings));
export const Survey = onFirstUse<SurveyProps>(() => import(/* webpackChunkName: "survey" */ './Survey.js').then((m) => m.Survey));

/** A prompt as the Markdown + front matter file the editor shows and the export writes. */
export async function serializePrompt(prompt: PromptDefinition): Promise<string> {
  return (await loadPromptFiles()).serializePrompt(prompt);
}

/** Checks a personal prompt's file (errors with file and line, as `aide prompts check` gives them, in `lang`). */
export async function checkPersonalPrompt(text: string, fileName: string, lang: 'fr' | 'en'): Promise<PersonalPromptCheck> {
  return (await loadPromptFiles()).checkPersonalPrompt(text, fileName, lang);
}

/**
 * Once the gallery is on screen, fetch the run panel's code while the user reads it (idle time, low priority), so
 * that opening a prompt does not wait for the network. It is not part of the first render's bytes.
 */
export function preloadRunPanel(): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200));
  idle(() => void loadRunPanel().catch(() => undefined));
}

let loadedTooltip: ComponentType<TooltipProps> | null = null;
const loadTooltip = () => import(/* webpackChunkName: "tooltip" */ './tooltip.js').then((m) => (loadedTooltip = m.Tooltip));

/**
 * Fluent's Tooltip, fetched once the pane is on screen (a tooltip shows on hover, never in the first frame). Until
 * it arrives, a label tooltip's text is given to its child as `aria-label`, so the button is named from the start.
 */
export function Tooltip(props: TooltipProps) {
  const [Loaded, setLoaded] = useState<ComponentType<TooltipProps> | null>(() => loadedTooltip);
  useEffect(() => {
    if (!Loaded) void loadTooltip().then((T) => setLoaded(() => T), () => undefined);
  }, [Loaded]);
  if (Loaded) return <Loaded {...props} />;
  const child = props.children;
  if (!isValidElement(child)) return null;
  return props.relationship === 'label' && typeof props.content === 'string' ? cloneElement(child as ReactElement<{ 'aria-label'?: string }>, { 'aria-label': props.content }) : child;
}
