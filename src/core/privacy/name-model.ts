/**
 * The trained part of name detection: an averaged perceptron that scores each capitalised token of a text as part of
 * a person's name or not, from hashed features of the token and its neighbours (case shape, length, suffix, lexicon
 * memberships as the rules' flags, the words before and after and their shapes, the punctuation between, position in
 * the line). Trained by `bench/train-names.ts` on generated texts and the tune part of the public EDS-Pseudo corpus;
 * the weights ship in `name-model-data.ts` (int8, sparse, base64) and are decoded once per process, on first use.
 *
 * Pure TypeScript (no Node API): the same code computes the features at training and at run time, so they cannot
 * drift apart. Cost: one hash of the token, of the word before and after, and about 24 array reads per token.
 */
import { NAME_MODEL_DATA } from './name-model-data';
import { isExtendedUpper } from './letters';

/** The tokens as the rules see them (detect.ts's token list): offsets, lower-case key and WORD_* flags. */
export interface NameTokens {
  start: number[];
  end: number[];
  key: string[];
  flags: number[];
}

export interface NameModel {
  /** log2 of the number of weights. */
  bits: number;
  /** Quantized weights (a weight is its byte times `scale`): 2^bits bytes, small enough to stay in the CPU's cache. */
  weights: Int8Array;
  scale: number;
  /** Bloom filter (2 hashes) of common French and English words in lower case, 2^commonBits bits. */
  common: Uint8Array;
  commonBits: number;
  filter: CommonWordFilter;
  /** A token is part of a name when its score is above this (the model alone)… */
  threshold: number;
  /** …or above this when the rules run too (on the tokens they did not take). */
  thresholdWithRules: number;
}

/** Maximum number of features of one token. */
export const MAX_FEATURES = 40;

const enum T {
  Bias = 1, Key, Shape, Suffix3, Flag, PrevWord, NextWord, PrevSep, NextSep, PrevShape, NextShape, PrevFlags, NextFlags,
  Prev2Word, LineStart, LineEnd, Prefix2, SentenceShape, PrevWordShape, FlagsShape, PrevSepShape, NextWordShape, Len,
  Common, CommonFlags, NextCommon, PrevCommon,
}

/** Membership of a word (by the hash of its lower-case form, as `hashString` / `hashRange` compute it). */
export interface CommonWords {
  has(hash: number): boolean;
}

/** A Bloom filter over word hashes: 2 probes in a bit array of 2^bits bits. */
export class CommonWordFilter implements CommonWords {
  readonly mask: number;
  constructor(readonly bits: Uint8Array, log2: number) {
    this.mask = (1 << log2) - 1;
  }
  static probes(hash: number, mask: number): [number, number] {
    return [mix(101, hash) & mask, mix(202, hash) & mask];
  }
  add(hash: number): void {
    for (const p of CommonWordFilter.probes(hash, this.mask)) this.bits[p >> 3]! |= 1 << (p & 7);
  }
  has(hash: number): boolean {
    const a = mix(101, hash) & this.mask;
    if (!(this.bits[a >> 3]! & (1 << (a & 7)))) return false;
    const b = mix(202, hash) & this.mask;
    return (this.bits[b >> 3]! & (1 << (b & 7))) !== 0;
  }
}

/** FNV-1a of a lower-case word: the same value as `hashRange` over the word in the text, any case. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length && i < 24; i++) h = Math.imul(h ^ lowerCode(s.charCodeAt(i)), 0x01000193);
  return h >>> 0;
}
/** hashString of key.slice(from, to), without the slice. */
function hashFrom(key: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = Math.max(0, from); i < to && i < key.length; i++) h = Math.imul(h ^ lowerCode(key.charCodeAt(i)), 0x01000193);
  return h >>> 0;
}
function mix(template: number, value: number): number {
  let h = Math.imul(template ^ 0x9e3779b9, 0x85ebca6b) ^ value;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

function isLetterCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff);
}
function isUpperCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c >= 0x100 && isExtendedUpper(c));
}
function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
/** Lower-cased char code for hashing (ASCII and Latin-1 capitals). */
function lowerCode(c: number): number {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ? c + 32 : c;
}

/** Shape of a word: 1 lower, 2 Capitalised, 3 UPPER, 4 digits, 5 other; of a token, also hyphen/apostrophe forms. */
function shapeOf(text: string, s: number, e: number): number {
  const c = text.charCodeAt(s);
  if (isDigitCode(c)) return 4;
  if (!isLetterCode(c)) return 5;
  if (!isUpperCode(c)) return 1;
  for (let i = s + 1; i < e; i++) {
    const d = text.charCodeAt(i);
    if (isLetterCode(d) && !isUpperCode(d)) return e - s <= 1 ? 3 : 2;
  }
  return e - s === 1 ? 6 : 3; // 6: one capital letter
}
function lengthBucket(n: number): number {
  return n <= 2 ? n : n <= 4 ? 3 : n <= 6 ? 4 : n <= 9 ? 5 : 6;
}

/** The word (letters, digits) that ends at or before `pos` skipping blanks; [start, end) or [pos, pos]. */
function wordEndingBefore(text: string, pos: number, out: number[]): void {
  let p = pos;
  while (p > 0 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 160 || text.charCodeAt(p - 1) === 9)) p--;
  const end = p;
  while (p > 0 && (isLetterCode(text.charCodeAt(p - 1)) || isDigitCode(text.charCodeAt(p - 1)))) p--;
  out[0] = p;
  out[1] = end;
}
function wordStartingAfter(text: string, pos: number, out: number[]): void {
  let p = pos;
  while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 160 || text.charCodeAt(p) === 9)) p++;
  const start = p;
  while (p < text.length && (isLetterCode(text.charCodeAt(p)) || isDigitCode(text.charCodeAt(p)))) p++;
  out[0] = start;
  out[1] = p;
}
function hashRange(text: string, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e && i < s + 24; i++) h = Math.imul(h ^ lowerCode(text.charCodeAt(i)), 0x01000193);
  return h >>> 0;
}
/** Class of what lies between two words: the non-blank characters (up to 2) and whether a line break is among them. */
function separatorClass(text: string, s: number, e: number): number {
  let h = 7;
  let seen = 0;
  let newline = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) newline = 1;
    else if (c !== 32 && c !== 160 && c !== 9 && c !== 13 && seen < 2) {
      h = h * 131 + c;
      seen++;
    }
  }
  return h * 2 + newline + (e - s > 3 ? 1000 : 0);
}

const scratch = [0, 0];

/**
 * Hashed feature indices of token i into `out` (length ≥ MAX_FEATURES); returns how many. `mask` is 2^bits − 1.
 * Tokens i−1 / i+1 count as neighbours only when just one blank apart (their flags then add features).
 * The first features (`ownFeatures`) depend on the token's own spelling alone, the others (`contextFeatures`) on
 * its neighbours: the detector keeps the sum of the former per word (see `scoreToken`).
 */
export function tokenFeatures(text: string, tk: NameTokens, i: number, mask: number, out: Int32Array, common: CommonWords): number {
  const n = ownFeatures(text, tk, i, mask, out, common);
  return contextFeatures(text, tk, i, mask, out, n, common);
}

/** The features of token i that depend on its spelling only (key, flags, shape, length): from `out[0]`. */
function ownFeatures(text: string, tk: NameTokens, i: number, mask: number, out: Int32Array, common: CommonWords): number {
  let n = 0;
  const s = tk.start[i]!;
  const e = tk.end[i]!;
  const key = tk.key[i]!;
  const flags = tk.flags[i]!;
  const shape = shapeOf(text, s, e);
  const len = lengthBucket(e - s);
  out[n++] = mix(T.Bias, 0) & mask;
  const keyHash = hashString(key);
  out[n++] = mix(T.Key, keyHash) & mask;
  const isCommon = common.has(keyHash) ? 1 : 0;
  out[n++] = mix(T.Common, isCommon * 8 + shape) & mask;
  out[n++] = mix(T.CommonFlags, isCommon * 4096 + (flags & 0x1ff) * 8 + shape) & mask;
  out[n++] = mix(T.Shape, shape * 16 + len) & mask;
  out[n++] = mix(T.Len, len) & mask;
  out[n++] = mix(T.Suffix3, hashFrom(key, key.length - 3, key.length)) & mask;
  out[n++] = mix(T.Prefix2, hashFrom(key, 0, 2) + shape) & mask;
  for (let b = 0; b < 9; b++) if (flags & (1 << b)) out[n++] = mix(T.Flag, b) & mask;
  out[n++] = mix(T.FlagsShape, (flags & 0x1ff) * 8 + shape) & mask;
  return n;
}

/** The features of token i from its neighbours and its place in the line, into `out` from `out[n]`. */
function contextFeatures(text: string, tk: NameTokens, i: number, mask: number, out: Int32Array, n: number, common: CommonWords): number {
  const s = tk.start[i]!;
  const e = tk.end[i]!;
  const shape = shapeOf(text, s, e);
  // The word before, its shape, and what separates it from the token.
  wordEndingBefore(text, s, scratch);
  const ps = scratch[0]!;
  const pe = scratch[1]!;
  const prevShape = pe > ps ? shapeOf(text, ps, pe) : 0;
  const prevSep = separatorClass(text, pe, s);
  const prevHash = pe > ps ? hashRange(text, ps, pe) : 1;
  out[n++] = mix(T.PrevWord, prevHash) & mask;
  out[n++] = mix(T.PrevCommon, (pe > ps && common.has(prevHash) ? 1 : 0) * 64 + prevShape * 8 + shape) & mask;
  out[n++] = mix(T.PrevShape, prevShape * 8 + shape) & mask;
  out[n++] = mix(T.PrevSep, prevSep) & mask;
  out[n++] = mix(T.PrevSepShape, prevSep * 8 + prevShape) & mask;
  out[n++] = mix(T.PrevWordShape, prevHash * 8 + shape) & mask;
  wordEndingBefore(text, ps, scratch);
  out[n++] = mix(T.Prev2Word, scratch[1]! > scratch[0]! ? hashRange(text, scratch[0]!, scratch[1]!) : 1) & mask;
  // The word after.
  wordStartingAfter(text, e, scratch);
  const ns = scratch[0]!;
  const ne = scratch[1]!;
  const nextShape = ne > ns ? shapeOf(text, ns, ne) : 0;
  const nextHash = ne > ns ? hashRange(text, ns, ne) : 1;
  out[n++] = mix(T.NextWord, nextHash) & mask;
  out[n++] = mix(T.NextCommon, (ne > ns && common.has(nextHash) ? 1 : 0) * 64 + nextShape * 8 + shape) & mask;
  out[n++] = mix(T.NextShape, nextShape * 8 + shape) & mask;
  out[n++] = mix(T.NextSep, separatorClass(text, e, ns)) & mask;
  out[n++] = mix(T.NextWordShape, nextHash * 8 + shape) & mask;
  // Neighbouring tokens' lexicon flags (first name, surname, upper case…), when they are one blank apart.
  if (i > 0 && s - tk.end[i - 1]! === 1) out[n++] = mix(T.PrevFlags, (tk.flags[i - 1]! & 0x1ff) * 8 + shape) & mask;
  if (i + 1 < tk.start.length && tk.start[i + 1]! - e === 1) out[n++] = mix(T.NextFlags, (tk.flags[i + 1]! & 0x1ff) * 8 + shape) & mask;
  // Place in the line and the sentence.
  let p = s;
  while (p > 0 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 9 || text.charCodeAt(p - 1) === 160)) p--;
  const lineStart = p === 0 || text.charCodeAt(p - 1) === 10;
  out[n++] = mix(T.LineStart, (lineStart ? 1 : 0) * 8 + shape) & mask;
  let q = e;
  while (q < text.length && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9 || text.charCodeAt(q) === 13)) q++;
  out[n++] = mix(T.LineEnd, (q >= text.length || text.charCodeAt(q) === 10 ? 1 : 0) * 8 + shape) & mask;
  const before = p > 0 ? text.charCodeAt(p - 1) : 10;
  const sentence = before === 46 || before === 33 || before === 63 || before === 10;
  out[n++] = mix(T.SentenceShape, (sentence ? 1 : 0) * 64 + prevShape * 8 + shape) & mask;
  return n;
}

let model: NameModel | undefined;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Base64 to bytes, without Buffer or atob (core runs in the browser and in Node). */
export function decodeBase64(data: string): Uint8Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) table[B64.charCodeAt(i)] = i;
  const clean = data.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | table[clean.charCodeAt(i)]!;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/**
 * Weights from their shipped form: varint gaps between the indices of non-zero weights, then one signed byte per
 * weight, times `scale`.
 */
export function decodeModel(data: {
  bits: number;
  scale: number;
  threshold: number;
  thresholdWithRules: number;
  weights: string;
  commonBits: number;
  common: string;
}): NameModel {
  const bytes = decodeBase64(data.weights);
  const weights = new Int8Array(1 << data.bits);
  let p = 0;
  const count = bytes[p++]! | (bytes[p++]! << 8) | (bytes[p++]! << 16) | (bytes[p++]! << 24);
  const indices = new Int32Array(count);
  let index = -1;
  for (let k = 0; k < count; k++) {
    let gap = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[p++]!;
      gap |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7;
    }
    index += gap;
    indices[k] = index;
  }
  for (let k = 0; k < count; k++) {
    const v = bytes[p++]!;
    weights[indices[k]!] = v > 127 ? v - 256 : v;
  }
  const common = decodeBase64(data.common);
  return { bits: data.bits, weights, scale: data.scale, threshold: data.threshold, thresholdWithRules: data.thresholdWithRules, common, commonBits: data.commonBits, filter: new CommonWordFilter(common, data.commonBits) };
}

/** The shipped model, decoded once. */
export function nameModel(): NameModel {
  if (!model) model = decodeModel(NAME_MODEL_DATA);
  return model;
}

const features = new Int32Array(MAX_FEATURES);

/**
 * The sum of the weights of token i's own features (an integer, the same for every occurrence of one spelling: the
 * detector keeps it with the word's key and flags, and passes it to `scoreToken`).
 */
export function ownWeight(m: NameModel, text: string, tk: NameTokens, i: number): number {
  const count = ownFeatures(text, tk, i, (1 << m.bits) - 1, features, m.filter);
  let sum = 0;
  for (let k = 0; k < count; k++) sum += m.weights[features[k]!]!;
  return sum;
}

/** Score of token i (above `model.threshold`: part of a name). The weights are integers: any order sums exactly. */
export function scoreToken(m: NameModel, text: string, tk: NameTokens, i: number, own: number = ownWeight(m, text, tk, i)): number {
  const count = contextFeatures(text, tk, i, (1 << m.bits) - 1, features, 0, m.filter);
  let score = own;
  for (let k = 0; k < count; k++) score += m.weights[features[k]!]!;
  return score * m.scale;
}
