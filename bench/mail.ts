/**
 * Mail cleaning benchmark (issue 5): the share of fixtures whose cleaned text is exactly the expected visible text
 * (whitespace-normalised), on the public email_reply_parser fixtures and on our French set (target ≥ 95 % each),
 * and, on threads of 10+ messages, the characters sent to the model against the naive concatenation of the
 * messages (target ≤ 40 %). The tests in test/unit/mail assert the same figures through these functions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assembleThread, cleanMail, htmlToText, parseEml, rebuildThread, type MailMessage } from '../src/core/mail';

export const TARGET_EXACT = 0.95;
export const TARGET_RATIO = 0.4;

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'test', 'fixtures', 'mail'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root (test/fixtures/mail) from ' + __dirname);
    dir = up;
  }
  return dir;
}

export const normalizeWs = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** `{{'>' x 5}}` → `>>>>>` (keeps huge expected texts out of the JSON). */
const expand = (s: string): string => s.replace(/\{\{'(.)' x (\d+)\}\}/g, (_, c: string, n: string) => c.repeat(Number(n)));

export interface FixtureResult {
  set: string;
  file: string;
  ok: boolean;
  ms: number;
  got: string;
  expected: string;
}

/** Cleans one file by its extension (.eml, .html, text). */
export async function cleanFile(file: string): Promise<{ text: string; body: { html?: string; text?: string } }> {
  const bytes = fs.readFileSync(file);
  let body: { html?: string; text?: string };
  if (file.endsWith('.eml')) {
    const mail = await parseEml(new Uint8Array(bytes));
    body = { html: mail.html, text: mail.text };
  } else if (/\.html?$/.test(file)) body = { html: bytes.toString('utf8') };
  else body = { text: bytes.toString('utf8') };
  return { text: cleanMail(body).text, body };
}

export function corpusDir(): string {
  return path.resolve(repoRoot(), '..', 'shared', 'corpora', 'github-email_reply_parser', 'emails');
}

export async function evaluateReplyParser(): Promise<FixtureResult[]> {
  const root = repoRoot();
  const spec = JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/mail/email_reply_parser.expected.json'), 'utf8')) as {
    fixtures: { file: string; expected: string }[];
  };
  const dir = corpusDir();
  const out: FixtureResult[] = [];
  for (const f of spec.fixtures) {
    const t0 = performance.now();
    const { text } = await cleanFile(path.join(dir, f.file));
    const ms = performance.now() - t0;
    const expected = expand(f.expected);
    out.push({ set: 'email_reply_parser', file: f.file, ok: normalizeWs(text) === normalizeWs(expected), ms, got: text, expected });
  }
  return out;
}

export function frenchDir(): string {
  return path.join(repoRoot(), 'test/fixtures/mail/fr');
}

export async function evaluateFrench(): Promise<FixtureResult[]> {
  const dir = frenchDir();
  const out: FixtureResult[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.endsWith('.expected.txt') || !/\.(txt|html|eml)$/.test(name)) continue;
    const expectedFile = path.join(dir, name.replace(/\.(txt|html|eml)$/, '.expected.txt'));
    if (!fs.existsSync(expectedFile)) continue;
    const expected = fs.readFileSync(expectedFile, 'utf8');
    const t0 = performance.now();
    const { text } = await cleanFile(path.join(dir, name));
    const ms = performance.now() - t0;
    out.push({ set: 'fr', file: name, ok: normalizeWs(text) === normalizeWs(expected), ms, got: text, expected });
  }
  return out;
}

export interface ThreadResult {
  slug: string;
  messages: number;
  naiveChars: number;
  /** Each message cleaned (the Graph path), then assembled. */
  sentChars: number;
  /** The last message's quoted history rebuilt (the fallback path), then assembled. */
  rebuiltChars: number;
  rebuiltMessages: number;
  /** Messages whose cleaned text is exactly their own expected text. */
  exactMessages: number;
  /** Expected own texts found, in order, in the thread rebuilt from the last message. */
  rebuiltExact: number;
}

export async function evaluateThreads(): Promise<ThreadResult[]> {
  const root = path.join(frenchDir(), 'threads');
  const out: ThreadResult[] = [];
  for (const slug of fs.readdirSync(root).sort()) {
    const dir = path.join(root, slug);
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as { subject: string; messages: { from: string; text: string }[] };
    const files = fs.readdirSync(dir).filter((f) => /^\d+\.(txt|html|eml)$/.test(f)).sort();
    let naive = '';
    const cleaned: MailMessage[] = [];
    let exact = 0;
    let last: { html?: string; text?: string } = {};
    for (const [k, f] of files.entries()) {
      const { text, body } = await cleanFile(path.join(dir, f));
      // The naive way: every message as the reader sees it in full (HTML shown as text), one after the other.
      naive += (body.html ? htmlToText(body.html) : body.text ?? '') + '\n\n';
      cleaned.push({ from: expected.messages[k]?.from, subject: k === 0 ? expected.subject : `RE: ${expected.subject}`, text });
      if (normalizeWs(text) === normalizeWs(expected.messages[k]?.text ?? '')) exact++;
      last = body;
    }
    const sent = assembleThread(cleaned).text;
    const rebuilt = rebuildThread(last);
    const rebuiltText = assembleThread(rebuilt).text;
    let rebuiltExact = 0;
    for (const [k, m] of expected.messages.entries()) if (rebuilt[k] && normalizeWs(rebuilt[k].text) === normalizeWs(m.text)) rebuiltExact++;
    out.push({
      slug,
      messages: files.length,
      naiveChars: naive.length,
      sentChars: sent.length,
      rebuiltChars: rebuiltText.length,
      rebuiltMessages: rebuilt.length,
      exactMessages: exact,
      rebuiltExact,
    });
  }
  return out;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

export async function run(): Promise<void> {
  const verbose = process.env.AIDE_BENCH_VERBOSE === '1';
  for (const [label, results] of [
    ['github/email_reply_parser fixtures', await evaluateReplyParser()],
    ['French hospital set', await evaluateFrench()],
  ] as const) {
    const ok = results.filter((r) => r.ok).length;
    const slowest = Math.max(...results.map((r) => r.ms));
    console.log(`${label}: ${ok}/${results.length} exact visible text = ${pct(ok / results.length)} (target ≥ ${pct(TARGET_EXACT)}), slowest ${slowest.toFixed(0)} ms`);
    for (const r of results.filter((x) => !x.ok)) {
      console.log(`  mismatch: ${r.file}`);
      if (verbose) console.log(`    got:      ${JSON.stringify(normalizeWs(r.got).slice(0, 300))}\n    expected: ${JSON.stringify(normalizeWs(r.expected).slice(0, 300))}`);
    }
  }
  const threads = await evaluateThreads();
  let naive = 0;
  let sent = 0;
  let rebuilt = 0;
  for (const t of threads) {
    naive += t.naiveChars;
    sent += t.sentChars;
    rebuilt += t.rebuiltChars;
    console.log(
      `thread ${t.slug}: ${t.messages} messages, naive ${t.naiveChars} chars, sent ${t.sentChars} (${pct(t.sentChars / t.naiveChars)}), ` +
        `rebuilt from the last mail ${t.rebuiltChars} (${pct(t.rebuiltChars / t.naiveChars)}, ${t.rebuiltMessages} messages), ` +
        `own texts exact ${t.exactMessages}/${t.messages}, rebuilt exact ${t.rebuiltExact}/${t.messages}`,
    );
  }
  console.log(`threads of 10+ messages: sent/naive = ${pct(sent / naive)} (each message cleaned), ${pct(rebuilt / naive)} (rebuilt from the last mail) (target ≤ ${pct(TARGET_RATIO)})`);
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
