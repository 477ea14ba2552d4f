/**
 * The template language of prompt files, shared by the checker (parse.ts) and the renderer (render.ts), and the same
 * as the offline engine's letter filling (core/llm/offline-fill.ts):
 *   `{{name}}`              the value of a variable
 *   `{{#name}}…{{/name}}`   kept only when the value is filled
 *   `{{^name}}…{{/name}}`   kept only when the value is empty
 * Built-in names (no declaration needed): `today` (today's date in the language of the prompt).
 */

export const BUILTIN_VARIABLES = ['today'] as const;

export interface TemplateTag {
  kind: 'value' | 'open' | 'inverted' | 'close';
  name: string;
  /** Offset of the tag in the template. */
  index: number;
  length: number;
}

const TAG = /\{\{\s*([#^/]?)\s*([A-Za-z_][\w.]*)?\s*\}\}/g;

/** Every `{{…}}` tag in order; a tag with no valid name gets name ''. */
export function scanTags(template: string): TemplateTag[] {
  const tags: TemplateTag[] = [];
  for (const m of template.matchAll(TAG)) {
    const sigil = m[1];
    const kind = sigil === '#' ? 'open' : sigil === '^' ? 'inverted' : sigil === '/' ? 'close' : 'value';
    tags.push({ kind, name: m[2] ?? '', index: m.index ?? 0, length: m[0].length });
  }
  return tags;
}

export interface TemplateProblem {
  /** Offset in the template, to turn into a line number. */
  index: number;
  message: string;
}

/** Structural problems: sections not closed, closed twice, crossed; and names not declared. */
export function checkTemplate(template: string, declared: ReadonlySet<string>): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const open: TemplateTag[] = [];
  for (const tag of scanTags(template)) {
    if (!tag.name) {
      problems.push({ index: tag.index, message: `"${template.slice(tag.index, tag.index + tag.length)}" is not a valid template tag (expected {{name}}, {{#name}}, {{^name}} or {{/name}})` });
      continue;
    }
    if (tag.kind !== 'close' && !declared.has(tag.name) && !(BUILTIN_VARIABLES as readonly string[]).includes(tag.name)) {
      problems.push({ index: tag.index, message: `{{${tag.name}}} is used but not declared in variables` });
    }
    if (tag.kind === 'open' || tag.kind === 'inverted') open.push(tag);
    else if (tag.kind === 'close') {
      const last = open.pop();
      if (!last) problems.push({ index: tag.index, message: `{{/${tag.name}}} closes a section that was not opened` });
      else if (last.name !== tag.name) problems.push({ index: tag.index, message: `{{/${tag.name}}} closes {{#${last.name}}}: sections must be closed in order` });
    }
  }
  for (const tag of open) problems.push({ index: tag.index, message: `{{#${tag.name}}} is never closed with {{/${tag.name}}}` });
  return problems;
}

/** The names a template uses (values and sections). */
export function usedNames(template: string): Set<string> {
  return new Set(scanTags(template).filter((t) => t.kind !== 'close' && t.name).map((t) => t.name));
}

/**
 * Expands a (well-formed) template. `value(name)` gives the text to insert; `filled(name)` decides sections.
 * Sections nest; a malformed template is expanded as far as it makes sense (the checker reports it).
 */
export function expandTemplate(template: string, value: (name: string) => string, filled: (name: string) => boolean): string {
  const tags = scanTags(template);
  let out = '';
  let pos = 0;
  // Stack of open sections; output is suppressed while any enclosing section is hidden.
  const stack: { name: string; visible: boolean }[] = [];
  const visible = () => stack.every((s) => s.visible);
  for (const tag of tags) {
    if (visible()) out += template.slice(pos, tag.index);
    pos = tag.index + tag.length;
    if (!tag.name) {
      if (visible()) out += template.slice(tag.index, pos);
      continue;
    }
    if (tag.kind === 'open') stack.push({ name: tag.name, visible: filled(tag.name) });
    else if (tag.kind === 'inverted') stack.push({ name: tag.name, visible: !filled(tag.name) });
    else if (tag.kind === 'close') {
      const i = stack.map((s) => s.name).lastIndexOf(tag.name);
      if (i >= 0) stack.splice(i, 1);
    } else if (visible()) out += value(tag.name);
  }
  if (visible()) out += template.slice(pos);
  return out;
}
