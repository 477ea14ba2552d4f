/**
 * Reading one prompt file (`prompts/<role>/<id>.md`, format in prompts/README.md) into a PromptDefinition.
 * Every problem is reported with the file and the line an author should look at, all at once (not only the first),
 * because an administrator editing the organisation library fixes a file in one go.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { LANGS, PROMPT_ROLES, promptFrontMatterSchema, promptSchema, type Lang, type PromptDefinition } from './schema';
import { checkTemplate, usedNames } from './template';

export interface PromptIssue {
  file: string;
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export type ParseResult = { ok: true; prompt: PromptDefinition } | { ok: false; errors: PromptIssue[] };

export interface ParseOptions {
  /** Where the prompt comes from (default `builtin`). */
  origin?: PromptDefinition['origin'];
  /**
   * Check that the id equals the file's base name and the role its folder (default true). Off for a file a user
   * imports, whose name may have been changed on the way ("prompt (1).md").
   */
  checkPath?: boolean;
}

export const SECTION_KINDS = ['system', 'user', 'letter'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

const HEADING = /^##[ \t]+(fr|en)[ \t]*:[ \t]*(system|user|letter)[ \t]*$/;
/** Lines that look like a section heading but are not a valid one (`## de: system`, `## fr: systeme`). */
const NEAR_HEADING = /^##[ \t]*([A-Za-z]{2})[ \t]*:[ \t]*([A-Za-zé]+)[ \t]*$/;

interface Section {
  lang: Lang;
  kind: SectionKind;
  headingLine: number;
  /** Line of the first content line (after leading blank lines). */
  startLine: number;
  text: string;
}

function baseName(file: string): { name: string; folder: string | null } {
  const parts = file.split(/[\\/]+/).filter(Boolean);
  const last = parts[parts.length - 1] ?? file;
  return { name: last.replace(/\.md$/i, ''), folder: parts.length > 1 ? parts[parts.length - 2] : null };
}

function lineAt(text: string, index: number, startLine: number): number {
  let line = startLine;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Human path: `variables[2] (patientName).label.en`. */
function describePath(path: readonly PropertyKey[], data: unknown): string {
  let out = '';
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const name = node && typeof node === 'object' ? (node as { name?: unknown }).name : undefined;
      if (typeof name === 'string') out += ` (${name})`;
    } else {
      out += (out ? '.' : '') + String(key);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[String(key)] : undefined;
    }
  }
  return out;
}

/** The line of the YAML node at `path`, or of its closest existing ancestor; `key` names a key inside a map. */
function yamlLine(doc: Document, counter: LineCounter, path: readonly PropertyKey[], key?: string): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (!node || typeof node !== 'object') continue;
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (pair && isScalar(pair.key) && pair.key.range) return counter.linePos(pair.key.range[0]).line;
    }
    // For a value, point at its key when it has one (the line an author reads as "the setting").
    if (depth > 0) {
      const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1) as unknown[], true);
      const last = path[depth - 1];
      if (isMap(parent) && typeof last !== 'number') {
        const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
        if (pair && isScalar(pair.key) && pair.key.range) return counter.linePos(pair.key.range[0]).line;
      }
    }
    const range = (node as { range?: [number, number, number] }).range;
    if (range) return counter.linePos(range[0]).line;
  }
  return 1;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const key of path) node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

function zodMessage(issue: z.core.$ZodIssue, where: string, data: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${where ? ` in ${where}` : ''}`;
  }
  if (issue.path.length > 0 && valueAt(data, issue.path) === undefined) return `${where} is missing`;
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `${where}: ${issue.message.replace(/^Invalid option: expected one of /, 'expected one of ')}`;
  }
  return where ? `${where}: ${issue.message}` : issue.message;
}

export function parsePromptFile(source: string, file: string, options: ParseOptions = {}): ParseResult {
  const errors: PromptIssue[] = [];
  const report = (line: number, message: string) => errors.push({ file, line, message });
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');

  // ---- front matter ----
  if (lines[0]?.trim() !== '---') {
    report(1, 'the file must start with front matter: a line "---", the YAML settings, then another "---"');
    return { ok: false, errors };
  }
  const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (close < 0) {
    report(1, 'the front matter opened on line 1 is never closed by a line "---"');
    return { ok: false, errors };
  }
  const counter = new LineCounter();
  const yamlText = lines.slice(1, close).join('\n') + '\n';
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  // File line = YAML line + 1 (the opening "---").
  const fmLine = (path: readonly PropertyKey[], key?: string) => yamlLine(doc, counter, path, key) + 1;
  let front: z.infer<typeof promptFrontMatterSchema> | null = null;
  let data: unknown = null;
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const line = counter.linePos(err.pos[0]).line + 1;
      report(line, `YAML: ${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
    }
  } else {
    data = doc.toJS();
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      report(2, 'the front matter must be a set of "key: value" settings');
    } else {
      const parsed = promptFrontMatterSchema.safeParse(data);
      if (parsed.success) front = parsed.data;
      else {
        for (const issue of parsed.error.issues) {
          const where = describePath(issue.path, data);
          const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
          report(fmLine(issue.path, key), zodMessage(issue, where, data));
        }
      }
    }
  }

  // ---- sections ----
  const sections: Section[] = [];
  let current: { lang: Lang; kind: SectionKind; headingLine: number; body: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    const body = current.body;
    let first = 0;
    while (first < body.length && body[first].trim() === '') first++;
    let last = body.length;
    while (last > first && body[last - 1].trim() === '') last--;
    sections.push({
      lang: current.lang,
      kind: current.kind,
      headingLine: current.headingLine,
      startLine: current.headingLine + 1 + first,
      text: body.slice(first, last).join('\n'),
    });
  };
  for (let i = close + 1; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const lang = heading[1] as Lang;
      const kind = heading[2] as SectionKind;
      const previous = sections.find((s) => s.lang === lang && s.kind === kind);
      if (previous) report(lineNo, `section "## ${lang}: ${kind}" appears twice (first on line ${previous.headingLine})`);
      current = { lang, kind, headingLine: lineNo, body: [] };
      continue;
    }
    const near = NEAR_HEADING.exec(line);
    if (near && ((LANGS as readonly string[]).includes(near[1].toLowerCase()) || (SECTION_KINDS as readonly string[]).includes(near[2].toLowerCase()))) {
      report(lineNo, `"${line.trim()}" is not a known section: expected "## fr: system", "## fr: user", "## fr: letter" or the same with "en"`);
      if (current) current.body.push(line);
      continue;
    }
    if (current) current.body.push(line);
    else if (line.trim() !== '') report(lineNo, 'text before the first section: templates go under "## fr: system", "## fr: user", "## en: system", "## en: user"');
  }
  flush();

  const get = (lang: Lang, kind: SectionKind) => sections.find((s) => s.lang === lang && s.kind === kind);
  const lastLine = lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  for (const lang of LANGS) {
    for (const kind of ['system', 'user'] as const) {
      const section = get(lang, kind);
      if (!section) {
        const sibling = sections.find((s) => s.lang === lang) ?? sections[sections.length - 1];
        report(sibling ? sibling.headingLine : lastLine, `missing section "## ${lang}: ${kind}"`);
      } else if (!section.text.trim()) report(section.headingLine, `section "## ${lang}: ${kind}" is empty`);
    }
  }
  const frLetter = get('fr', 'letter');
  const enLetter = get('en', 'letter');
  if (frLetter && !enLetter) report(frLetter.headingLine, 'a "## fr: letter" needs its "## en: letter" (every prompt exists in French and English)');
  if (enLetter && !frLetter) report(enLetter.headingLine, 'a "## en: letter" needs its "## fr: letter" (every prompt exists in French and English)');
  for (const s of [frLetter, enLetter]) if (s && !s.text.trim()) report(s.headingLine, `section "## ${s.lang}: letter" is empty`);

  // ---- variables and templates ----
  const rawVariables = data && typeof data === 'object' ? (data as { variables?: unknown }).variables : undefined;
  const declaredList: string[] = front
    ? front.variables.map((v) => v.name)
    : Array.isArray(rawVariables)
      ? rawVariables.map((v) => (v && typeof v === 'object' ? String((v as { name?: unknown }).name ?? '') : '')).filter(Boolean)
      : [];
  const declared = new Set(declaredList);
  for (const section of sections) {
    for (const problem of checkTemplate(section.text, declared)) report(lineAt(section.text, problem.index, section.startLine), problem.message);
  }
  if (front) {
    const seen = new Map<string, number>();
    front.variables.forEach((v, i) => {
      const line = fmLine(['variables', i], 'name');
      if (seen.has(v.name)) report(line, `variable "${v.name}" is declared twice (first on line ${seen.get(v.name)})`);
      else seen.set(v.name, line);
      if (v.type === 'choice' && v.default !== undefined && !v.choices?.some((c) => c.value === v.default)) {
        report(fmLine(['variables', i, 'default']), `variable "${v.name}": default "${v.default}" is not one of its choices`);
      }
      // fr/en parity: a variable the form asks for must be used by the templates of both languages.
      for (const lang of LANGS) {
        const used = new Set([...usedNames(get(lang, 'system')?.text ?? ''), ...usedNames(get(lang, 'user')?.text ?? '')]);
        if (get(lang, 'system') && get(lang, 'user') && !used.has(v.name)) report(line, `variable "${v.name}" is declared but not used in the ${lang} templates`);
      }
    });
    if (front.offline === 'fill' && !frLetter && !enLetter) {
      report(fmLine(['offline']), 'offline: fill needs a letter skeleton: add "## fr: letter" and "## en: letter" sections');
    }
    if (options.checkPath !== false) {
      const { name, folder } = baseName(file);
      if (name !== front.id) report(fmLine(['id']), `id "${front.id}" must equal the file name "${name}" (rename the file or the id)`);
      if (folder && (PROMPT_ROLES as readonly string[]).includes(folder) && folder !== front.role) {
        report(fmLine(['role']), `role "${front.role}" does not match the folder "${folder}"`);
      }
    }
  }

  if (errors.length > 0 || !front) {
    errors.sort((a, b) => a.line - b.line);
    return { ok: false, errors };
  }
  const templates = {
    fr: { system: get('fr', 'system')!.text, user: get('fr', 'user')!.text },
    en: { system: get('en', 'system')!.text, user: get('en', 'user')!.text },
  };
  const letter = frLetter && enLetter ? { fr: frLetter.text, en: enLetter.text } : undefined;
  const prompt = promptSchema.parse({ ...front, templates, ...(letter ? { letter } : {}), origin: options.origin ?? 'builtin' });
  return { ok: true, prompt };
}
