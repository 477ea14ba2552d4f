/**
 * Hidden text in HTML mail: what a reader never sees must not reach a prompt (issue 13). Mails that hide
 * instructions for an AI assistant use exactly these techniques (indirect prompt injection):
 * - removed with everything inside: `display:none`, the `hidden` attribute, `opacity:0` (≤ 0.05), `mso-hide:all`,
 *   `max-height:0` / `max-width:0`, `height:0` / `width:0` with `overflow:hidden`, `clip: rect(0 0 0 0)`, off-screen
 *   positioning (`left`/`top`/`margin`/`text-indent` ≤ -500px);
 * - inherited, so a descendant can make its text visible again (as a browser does): `visibility:hidden`, a font
 *   size of at most 1px (`font-size:0` is also a layout trick whose children set a real size), a text colour that
 *   cannot be told from the background (contrast ratio below 1.1: #fff on white, #fefefe, `transparent`).
 * Inline styles, legacy attributes (`bgcolor`, `<font color>`) and the simple top-level rules of `<style>` blocks
 * (`tag`, `.class`, `#id`, `tag.class`; never those inside `@media`, which hide per screen size) are read.
 * Everything is bounded: each style attribute is read up to 4 000 characters, each style sheet up to 200 000.
 */

/** A colour as red, green, blue (0–255) and alpha (0–1). */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
export const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };

const NAMED: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  snow: '#fffafa',
  ivory: '#fffff0',
  whitesmoke: '#f5f5f5',
  ghostwhite: '#f8f8ff',
  floralwhite: '#fffaf0',
  azure: '#f0ffff',
  mintcream: '#f5fffa',
  seashell: '#fff5ee',
  linen: '#faf0e6',
  gray: '#808080',
  grey: '#808080',
  silver: '#c0c0c0',
  lightgray: '#d3d3d3',
  lightgrey: '#d3d3d3',
  gainsboro: '#dcdcdc',
  red: '#ff0000',
  blue: '#0000ff',
  navy: '#000080',
  green: '#008000',
  yellow: '#ffff00',
  orange: '#ffa500',
};

/** Parses a CSS colour (hex, rgb(a), a few names, transparent); null when unknown (then nothing is judged). */
export function parseColor(value: string | undefined): Rgba | null {
  if (!value) return null;
  let v = value.trim().toLowerCase().replace(/\s*!important$/, '');
  if (v === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  if (NAMED[v]) v = NAMED[v];
  let m = /^#?([0-9a-f]{3,8})$/.exec(v);
  if (m && (v.startsWith('#') || /^[0-9a-f]{6}$/.test(m[1]))) {
    const h = m[1];
    if (h.length === 3 || h.length === 4) {
      const n = (i: number) => parseInt(h[i] + h[i], 16);
      return { r: n(0), g: n(1), b: n(2), a: h.length === 4 ? n(3) / 255 : 1 };
    }
    if (h.length === 6 || h.length === 8) {
      const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
      return { r: n(0), g: n(2), b: n(4), a: h.length === 8 ? n(6) / 255 : 1 };
    }
    return null;
  }
  m = /^rgba?\(\s*([\d.]+)(%?)\s*[, ]\s*([\d.]+)(%?)\s*[, ]\s*([\d.]+)(%?)\s*(?:[,/]\s*([\d.]+)(%?)\s*)?\)$/.exec(v);
  if (m) {
    const c = (n: string, pct: string) => Math.min(255, pct ? (Number(n) * 255) / 100 : Number(n));
    const a = m[7] === undefined ? 1 : m[8] ? Number(m[7]) / 100 : Number(m[7]);
    return { r: c(m[1], m[2]), g: c(m[3], m[4]), b: c(m[5], m[6]), a: Math.min(1, a) };
  }
  return null;
}

function luminance(c: Rgba): number {
  const ch = (x: number) => {
    const s = x / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
}

/** WCAG contrast ratio (1 = identical, 21 = black on white). A transparent text colour has none. */
export function contrast(fg: Rgba, bg: Rgba): number {
  if (fg.a <= 0.05) return 1;
  const a = luminance(fg);
  const b = luminance(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** Below this contrast ratio the text cannot be read (#f5f5f5 on white is 1.09; light grey #ddd is 1.36). */
export const INVISIBLE_CONTRAST = 1.1;

export type Declarations = Map<string, string>;

/** `a: b; c: d` → Map (last wins), at most 4 000 characters read. */
export function parseDeclarations(style: string | undefined, into: Declarations = new Map()): Declarations {
  if (!style) return into;
  for (const part of style.slice(0, 4000).split(';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const prop = part.slice(0, colon).trim().toLowerCase();
    const value = part
      .slice(colon + 1)
      .trim()
      .toLowerCase()
      .replace(/\s*!important$/, '');
    if (prop && /^[a-z-]{1,40}$/.test(prop)) into.set(prop, value);
  }
  return into;
}

/** A length in px (px, pt, em/rem at 16px, bare numbers as px); null for %, auto and unknown units. */
function lengthPx(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^(-?[\d.]+)(px|pt|em|rem|cm|mm|in)?$/.exec(value.trim());
  if (!m || m[1] === '.' || m[1] === '-') return null;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return null;
  const unit = m[2] ?? 'px';
  const factor: Record<string, number> = { px: 1, pt: 4 / 3, em: 16, rem: 16, cm: 37.8, mm: 3.78, in: 96 };
  return n * factor[unit];
}

const isZero = (value: string | undefined): boolean => value !== undefined && /^-?0*\.?0+(?:px|pt|em|rem|%|cm|mm|in)?$/.test(value.trim());

/** Why an element hides everything inside it, or null. */
export function hiddenBy(decl: Declarations, attribs: Record<string, string>): string | null {
  if ('hidden' in attribs) return 'hidden attribute';
  if (decl.get('display') === 'none') return 'display:none';
  if (decl.get('mso-hide') === 'all') return 'mso-hide:all';
  const opacity = decl.get('opacity');
  if (opacity !== undefined && /^[\d.]+%?$/.test(opacity)) {
    const n = opacity.endsWith('%') ? Number(opacity.slice(0, -1)) / 100 : Number(opacity);
    if (Number.isFinite(n) && n <= 0.05) return 'opacity:0';
  }
  if (isZero(decl.get('max-height')) || isZero(decl.get('max-width'))) return 'max-height:0';
  const overflow = decl.get('overflow') ?? decl.get('overflow-y') ?? decl.get('overflow-x');
  if (overflow === 'hidden' && (isZero(decl.get('height')) || isZero(decl.get('width')))) return 'height:0;overflow:hidden';
  const clip = decl.get('clip');
  if (clip && /^rect\(\s*0(?:px)?[\s,]+0(?:px)?[\s,]+0(?:px)?[\s,]+0(?:px)?\s*\)$/.test(clip)) return 'clip';
  if (decl.get('clip-path') && /inset\(\s*(?:50|100)%/.test(decl.get('clip-path') as string)) return 'clip';
  for (const prop of ['left', 'top', 'right', 'bottom', 'margin-left', 'margin-top', 'text-indent']) {
    const px = lengthPx(decl.get(prop));
    if (px !== null && px <= -500) return 'off-screen';
  }
  const transform = decl.get('transform');
  if (transform && /translate[xy]?\(\s*-\d{3,}/.test(transform) && (lengthPx(/-[\d.]+[a-z]*/.exec(transform)?.[0]) ?? 0) <= -500) return 'off-screen';
  if (transform && /scale\(\s*0(?:\.0+)?\s*[,)]/.test(transform)) return 'scale(0)';
  return null;
}

/** The inherited properties an element sets: text colour, background, font size in px, visibility. */
export interface Inherited {
  color?: Rgba;
  /** Background colour; `null` when a background image (or unknown value) makes colours impossible to judge. */
  bg?: Rgba | null;
  fontPx?: number;
  visible?: boolean;
}

export function inheritedFrom(name: string, decl: Declarations, attribs: Record<string, string>): Inherited {
  const out: Inherited = {};
  const color = parseColor(decl.get('color')) ?? (name === 'font' ? parseColor(attribs.color) : null);
  if (color) out.color = color;
  const background = decl.get('background-color') ?? decl.get('background');
  if (background !== undefined) {
    const whole = parseColor(background);
    if (whole) out.bg = whole;
    else {
      // "background: #000 url(x.png)": an image may be under the text, colours cannot be judged.
      const first = /#[0-9a-f]{3,8}\b|rgba?\([^)]{0,60}\)|\b[a-z]+\b/.exec(background)?.[0];
      out.bg = /url\(/.test(background) ? null : (parseColor(first) ?? null);
    }
  } else if (attribs.bgcolor !== undefined) out.bg = parseColor(attribs.bgcolor) ?? null;
  if (decl.has('background-image') && decl.get('background-image') !== 'none') out.bg = null;
  const size = decl.get('font-size');
  if (size !== undefined) {
    const px = lengthPx(size);
    if (px !== null) out.fontPx = px;
    else if (/^[\d.]+%$/.test(size)) out.fontPx = (Number(size.slice(0, -1)) / 100) * 16;
  }
  const visibility = decl.get('visibility');
  if (visibility === 'hidden' || visibility === 'collapse') out.visible = false;
  else if (visibility === 'visible') out.visible = true;
  return out;
}

/** The state text is drawn in, inherited down the element tree. */
export interface TextState {
  color: Rgba;
  bg: Rgba | null;
  fontPx: number;
  visible: boolean;
}

export const DEFAULT_STATE: TextState = { color: BLACK, bg: WHITE, fontPx: 16, visible: true };

export function inherit(parent: TextState, own: Inherited): TextState {
  if (own.color === undefined && own.bg === undefined && own.fontPx === undefined && own.visible === undefined) return parent;
  let bg = own.bg === undefined ? parent.bg : own.bg;
  // A half-transparent background over a known one: blend, so that rgba(0,0,0,0) keeps the parent's white.
  if (own.bg && own.bg.a < 1) bg = parent.bg ? blend(own.bg, parent.bg) : null;
  return {
    color: own.color ?? parent.color,
    bg,
    fontPx: own.fontPx ?? parent.fontPx,
    visible: own.visible ?? parent.visible,
  };
}

function blend(top: Rgba, under: Rgba): Rgba {
  const mix = (a: number, b: number) => a * top.a + b * (1 - top.a);
  return { r: mix(top.r, under.r), g: mix(top.g, under.g), b: mix(top.b, under.b), a: 1 };
}

/** Why text drawn in this state cannot be seen, or null. */
export function invisibleBy(state: TextState): string | null {
  if (!state.visible) return 'visibility:hidden';
  if (state.fontPx <= 1) return 'font-size';
  if (state.bg && contrast(state.color, state.bg) < INVISIBLE_CONTRAST) return 'colour';
  return null;
}

const NONE: Declarations = new Map();

/** Simple top-level rules of `<style>` blocks: tag, .class, #id, tag.class, tag#id (inline styles win). */
export class StyleRules {
  private tags = new Map<string, string>();
  private classes = new Map<string, string>();
  private ids = new Map<string, string>();
  private rules = 0;

  add(css: string): void {
    const text = css.slice(0, 200_000).replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/<!--|-->/g, ' ');
    let depth = 0;
    let selectorStart = 0;
    let bodyStart = -1;
    let selector = '';
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '{') {
        if (depth === 0) {
          selector = text.slice(selectorStart, i).trim();
          bodyStart = i + 1;
        }
        depth++;
      } else if (ch === '}') {
        depth = Math.max(0, depth - 1);
        if (depth === 0) {
          // Only a plain rule at the top level: "@media (max-width:600px) { .x {display:none} }" hides per screen.
          if (bodyStart >= 0 && !selector.startsWith('@') && !text.slice(bodyStart, i).includes('{')) this.rule(selector, text.slice(bodyStart, i));
          selectorStart = i + 1;
          bodyStart = -1;
        }
      }
    }
  }

  private rule(selectors: string, body: string): void {
    for (const raw of selectors.split(',')) {
      if (this.rules++ > 5000) return;
      const s = raw.trim().toLowerCase();
      const m = /^([a-z][a-z0-9]*)?(?:([.#])([\w-]+))?$/.exec(s);
      if (!m || (!m[1] && !m[3])) continue;
      const map = m[2] === '.' ? this.classes : m[2] === '#' ? this.ids : this.tags;
      const key = m[2] ? `${m[1] ?? ''}${m[2]}${m[3]}` : (m[1] as string);
      map.set(key, `${map.get(key) ?? ''};${body}`);
    }
  }

  get empty(): boolean {
    return this.tags.size + this.classes.size + this.ids.size === 0;
  }

  /** The declarations that apply to an element, lowest specificity first, its inline style last. */
  declarations(name: string, attribs: Record<string, string>): Declarations {
    if (this.empty && !attribs.style) return NONE;
    const decl: Declarations = new Map();
    if (!this.empty) {
      const tag = this.tags.get(name);
      if (tag) parseDeclarations(tag, decl);
      const cls = (attribs.class ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 20);
      for (const c of cls) {
        const a = this.classes.get(`.${c}`);
        if (a) parseDeclarations(a, decl);
        const b = this.classes.get(`${name}.${c}`);
        if (b) parseDeclarations(b, decl);
      }
      const id = (attribs.id ?? '').toLowerCase();
      if (id) {
        const a = this.ids.get(`#${id}`) ?? '';
        const b = this.ids.get(`${name}#${id}`) ?? '';
        if (a || b) parseDeclarations(`${a};${b}`, decl);
      }
    }
    return parseDeclarations(attribs.style, decl);
  }
}
