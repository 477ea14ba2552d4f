/**
 * Reversible pseudonymization: each identifier becomes a placeholder such as `[PERSONNE_1]` or `[TEL_2]`; the same
 * value always gets the same placeholder within one map (one request), and the answer of the model is put back in
 * clear by `createReidentifier`, also when a placeholder arrives split across streamed chunks. The map lives only in
 * memory: nothing here writes anywhere.
 */
import { detectIdentifiers } from './detect';
import { ENTITY_TYPES, type EntityType, type PrivacyOptions } from './types';

export interface PseudonymizedEntity {
  type: EntityType;
  start: number;
  end: number;
  placeholder: string;
}

export interface PseudonymizeResult {
  text: string;
  entities: PseudonymizedEntity[];
  map: PseudonymMap;
}

const PLACEHOLDER_RE = new RegExp(`\\[(${ENTITY_TYPES.join('|')})_(\\d{1,6})\\]`, 'g');
/** Longest placeholder: "[DATE_NAISSANCE_999999]". A held-back tail is never longer. */
const MAX_PLACEHOLDER = 1 + 'DATE_NAISSANCE'.length + 1 + 6 + 1;

const ID_SEPARATORS_RE = /[\s.\-]/g;
const BLANKS_RE = /\s+/g;

/** How two spellings of one identifier are recognised as the same value. */
function normalize(type: EntityType, value: string): string {
  switch (type) {
    case 'TEL': {
      let digits = '';
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        if ((c >= 48 && c <= 57) || c === 43) digits += value[i];
      }
      // +33 6…, 0033 6…, +33 (0)6… and 06… are one number.
      if (digits.startsWith('+33') || digits.startsWith('0033')) {
        const rest = digits.slice(digits.startsWith('+') ? 3 : 4);
        return '0' + (rest.length === 10 && rest[0] === '0' ? rest.slice(1) : rest);
      }
      return digits;
    }
    case 'NIR':
    case 'INS':
    case 'IBAN':
    case 'IPP':
    case 'NDA':
      return value.replace(ID_SEPARATORS_RE, '').toUpperCase();
    case 'EMAIL':
      return value.toLowerCase();
    default:
      return (hasUnusualBlanks(value) ? value.replace(BLANKS_RE, ' ') : value).trim().toLowerCase();
  }
}

/** What `\s` matches (ECMAScript: WhiteSpace and LineTerminator). */
function isBlank(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
/** Two blanks in a row, or a tab, a line break or a no-break space (the test /\s\s|[\t\n\r\u00A0]/, without a regex
 * scan for each value: measured, the regex took 2 % of pseudonymization). */
export function hasUnusualBlanks(value: string): boolean {
  let previousBlank = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13 || c === 0xa0) return true;
    const blank = isBlank(c);
    if (blank && previousBlank) return true;
    previousBlank = blank;
  }
  return false;
}

/**
 * Each type's index in ENTITY_TYPES: the per-type tables below are arrays read by that index, not an object keyed by
 * the type's name (a keyed property access whose key varies turns megamorphic: a generic look-up at each use).
 */
const TYPE_INDEX = new Map<EntityType, number>(ENTITY_TYPES.map((type, i) => [type, i]));

/**
 * "[TYPE_n]" for each type and n ≤ PLACEHOLDER_CACHE: made once (a string built per placeholder and request would be
 * made, flattened and hashed again for each text).
 */
const PLACEHOLDER_CACHE = 64;
const placeholders: string[][] = ENTITY_TYPES.map(() => []);
function placeholderOf(t: number, count: number): string {
  if (count > PLACEHOLDER_CACHE) return '[' + ENTITY_TYPES[t] + '_' + count + ']';
  const ofType = placeholders[t]!;
  return (ofType[count] ??= '[' + ENTITY_TYPES[t] + '_' + count + ']');
}

/** The correspondence between placeholders and values for one request. */
export class PseudonymMap {
  /** Per type, normalized value → placeholder (one map per type: no composite key to build and hash). */
  private readonly byValue: Array<Map<string, string> | undefined> = ENTITY_TYPES.map(() => undefined);
  /** The placeholders given, in order, with their type and value as first seen. */
  private readonly given: string[] = [];
  private readonly types: EntityType[] = [];
  private readonly values: string[] = [];
  /** Placeholder → index in `given`: built when first asked for (reading back, reserving), then kept up to date. */
  private index: Map<string, number> | undefined;
  /** Per type, how many placeholders were given. */
  private readonly counters: number[] = ENTITY_TYPES.map(() => 0);
  private readonly reserved = new Set<string>();

  /** The placeholder of a value, created on first sight. */
  placeholderFor(type: EntityType, value: string): string {
    const key = normalize(type, value);
    const t = TYPE_INDEX.get(type)!;
    let ofType = this.byValue[t];
    if (!ofType) this.byValue[t] = ofType = new Map();
    const known = ofType.get(key);
    if (known) return known;
    let count = this.counters[t]!;
    let placeholder: string;
    do placeholder = placeholderOf(t, ++count);
    while (this.reserved.size > 0 && this.reserved.has(placeholder));
    this.counters[t] = count;
    ofType.set(key, placeholder);
    this.index?.set(placeholder, this.given.length);
    this.given.push(placeholder);
    this.types.push(type);
    this.values.push(value);
    return placeholder;
  }

  private lookup(): Map<string, number> {
    if (!this.index) {
      this.index = new Map();
      for (let k = 0; k < this.given.length; k++) this.index.set(this.given[k]!, k);
    }
    return this.index;
  }

  /** A text that already contains "[TEL_1]" literally must not see it turned into someone's number. */
  reserve(placeholder: string): void {
    if (!this.lookup().has(placeholder)) this.reserved.add(placeholder);
  }

  /** The original value behind a placeholder (as first seen), or undefined. */
  valueOf(placeholder: string): string | undefined {
    if (this.given.length === 0) return undefined;
    const k = this.lookup().get(placeholder);
    return k === undefined ? undefined : this.values[k];
  }

  get size(): number {
    return this.given.length;
  }

  /** What the map holds (for `aide pseudonymize --json` and for tests); never logged. */
  entries(): Array<{ placeholder: string; type: EntityType; value: string }> {
    return this.given.map((placeholder, k) => ({ placeholder, type: this.types[k]!, value: this.values[k]! }));
  }

  /** Replaces every known placeholder in a complete text. */
  reidentify(text: string): string {
    if (this.given.length === 0 || text.indexOf('[') < 0) return text;
    const index = this.lookup();
    return text.replace(PLACEHOLDER_RE, (whole) => {
      const k = index.get(whole);
      return k === undefined ? whole : this.values[k]!;
    });
  }
}

/**
 * Replaces identifiers with placeholders. Pass the same `map` for every message of one request so that a person
 * named in the system prompt and in the mail gets one placeholder.
 */
export function pseudonymize(text: string, options: PrivacyOptions = {}, map: PseudonymMap = new PseudonymMap()): PseudonymizeResult {
  if (text.indexOf('[') >= 0) {
    PLACEHOLDER_RE.lastIndex = 0;
    for (let m = PLACEHOLDER_RE.exec(text); m; m = PLACEHOLDER_RE.exec(text)) map.reserve(m[0]);
  }
  const found = detectIdentifiers(text, options);
  const entities: PseudonymizedEntity[] = [];
  let out = '';
  let last = 0;
  for (const entity of found) {
    const placeholder = map.placeholderFor(entity.type, entity.value);
    out += text.slice(last, entity.start) + placeholder;
    last = entity.end;
    entities.push({ type: entity.type, start: entity.start, end: entity.end, placeholder });
  }
  out += text.slice(last);
  return { text: out, entities, map };
}

export interface Reidentifier {
  /** Re-identified text that can be shown now; a possible partial placeholder at the end is held back. */
  push(chunk: string): string;
  /** What is still held back, re-identified (call at the end of the stream). */
  flush(): string;
}

const TAIL_RE = /^\[[A-Z_]*\d*$/;

/** Streaming re-identification: `[PERS` + `ONNE_1]` comes out as the name, never as two halves of a placeholder. */
export function createReidentifier(map: PseudonymMap): Reidentifier {
  let pending = '';
  return {
    push(chunk: string): string {
      pending += chunk;
      let cut = pending.length;
      const open = pending.lastIndexOf('[');
      if (open >= 0 && pending.length - open < MAX_PLACEHOLDER && TAIL_RE.test(pending.slice(open))) cut = open;
      const ready = pending.slice(0, cut);
      pending = pending.slice(cut);
      return map.reidentify(ready);
    },
    flush(): string {
      const rest = map.reidentify(pending);
      pending = '';
      return rest;
    },
  };
}
