/**
 * The whole conversation of the open mail, read with Microsoft Graph (`@microsoft/microsoft-graph-client`) using the
 * signed-in user's token (nested app authentication). Messages of the item's `conversationId`, oldest first, each
 * reduced to its own new text (Graph's `uniqueBody`, cleaned again because clients disagree on what is "unique").
 * When Graph is unavailable (no token, offline, refused), the thread is rebuilt from the quoted history of the
 * open mail, and the result says which source was used so that the pane can tell the user.
 * Also the user's job title (`/me?$select=jobTitle`), from which the pane suggests a role.
 * The Graph client library is loaded on first use (a thread read, a job title asked), not with the pane.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { MailMessage, ThreadSource } from '../core/mail';
import type { Conversation } from './types';

export type { Conversation } from './types';

export interface ConversationSource {
  conversationId: string | null;
  /** Returns a Graph access token, or null when the user is not signed in / Graph is not allowed. */
  getToken: () => Promise<string | null>;
  /** The open mail (body, and its own sender, date, subject), used to rebuild the thread when Graph cannot be used. */
  openMail: ThreadSource;
  /** Graph root, e.g. https://graph.microsoft.com (tests point it at a local server). */
  graphBaseUrl?: string;
  /** Upper bound on messages read (a 500-message thread is condensed later, not fetched forever). */
  maxMessages?: number;
  /** Extra options for fetch (tests pass a TLS dispatcher that trusts their local Graph's certificate). */
  fetchOptions?: Record<string, unknown>;
}

interface GraphMessage {
  subject?: string;
  receivedDateTime?: string;
  from?: { emailAddress?: { name?: string; address?: string } };
  uniqueBody?: { contentType?: string; content?: string };
  body?: { contentType?: string; content?: string };
}

interface GraphPage {
  value?: GraphMessage[];
  '@odata.nextLink'?: string;
}

const SELECT = 'subject,receivedDateTime,from,uniqueBody,body';

/** Mail cleaning (an HTML parser) is needed once a thread is read, not when the pane opens. */
const loadMail = () => import('../core/mail/index.js');

export async function createGraphClient(getToken: () => Promise<string | null>, graphBaseUrl = 'https://graph.microsoft.com', fetchOptions?: Record<string, unknown>): Promise<Client> {
  const url = new URL(graphBaseUrl);
  const { Client } = await import('@microsoft/microsoft-graph-client');
  return Client.init({
    ...(fetchOptions ? { fetchOptions } : {}),
    baseUrl: url.origin + url.pathname.replace(/\/$/, '') + '/',
    defaultVersion: 'v1.0',
    customHosts: new Set([url.hostname]),
    authProvider: (done) => {
      getToken().then(
        (token) => (token ? done(null, token) : done(new Error('not signed in'), null)),
        (err: unknown) => done(err instanceof Error ? err : new Error(String(err)), null),
      );
    },
  });
}

/** Reads every page (`@odata.nextLink`) of the conversation's messages; the client's retry handler honours 429. */
export async function fetchConversationMessages(client: Client, conversationId: string, maxMessages = 500): Promise<{ messages: MailMessage[]; truncated: boolean }> {
  // OData doubles quotes; the Graph client does not percent-encode the query, and conversation ids carry '+', '/'
  // and '=' (base64): a raw '+' would reach Graph as a space and match nothing.
  const escaped = encodeURIComponent(conversationId.replace(/'/g, "''"));
  let page = (await client
    .api('/me/messages')
    .filter(`conversationId eq '${escaped}'`)
    .select(SELECT)
    .top(50)
    .get()) as GraphPage;
  const raw: GraphMessage[] = [];
  let truncated = false;
  for (;;) {
    raw.push(...(page.value ?? []));
    const next = page['@odata.nextLink'];
    if (!next) break;
    if (raw.length >= maxMessages) {
      truncated = true;
      break;
    }
    page = (await client.api(next).get()) as GraphPage;
  }
  // Graph refuses $orderby together with this $filter on many mailboxes: sort here, oldest first.
  raw.sort((a, b) => (a.receivedDateTime ?? '').localeCompare(b.receivedDateTime ?? ''));
  const { cleanThreadMessage } = await loadMail();
  const kept = raw.slice(-maxMessages);
  if (kept.length < raw.length) truncated = true;
  const bodyOf = (part: GraphMessage['body']): { html?: string; text?: string } =>
    (part?.contentType ?? 'html').toLowerCase() === 'html' ? { html: part?.content ?? '' } : { text: part?.content ?? '' };
  const messages = kept.map((m, k): MailMessage => {
    const part = m.uniqueBody?.content ? m.uniqueBody : m.body;
    const from = m.from?.emailAddress;
    // The sender's display name marks their signature block; the whole body, read against the earlier message,
    // finds answers typed inside the quoted original (Exchange does not count them as unique).
    const cleaned = cleanThreadMessage(bodyOf(part), {
      senderName: from?.name || undefined,
      ...(k > 0 && m.body?.content && kept[k - 1].body?.content ? { whole: bodyOf(m.body), earlier: bodyOf(kept[k - 1].body) } : {}),
    });
    return { from: from?.name || from?.address, date: m.receivedDateTime, subject: m.subject, text: cleaned.text };
  });
  return { messages, truncated };
}

export async function readConversation(source: ConversationSource): Promise<Conversation> {
  const fallback = async (reason: NonNullable<Conversation['fallbackReason']>): Promise<Conversation> => ({
    source: 'quoted-history',
    messages: (await loadMail()).rebuildThread(source.openMail),
    fallbackReason: reason,
    truncated: false,
  });
  if (!source.conversationId) return fallback('no-conversation');
  let token: string | null;
  try {
    token = await source.getToken();
  } catch {
    token = null;
  }
  if (!token) return fallback('not-signed-in');
  try {
    const client = await createGraphClient(async () => token, source.graphBaseUrl, source.fetchOptions);
    const { messages, truncated } = await fetchConversationMessages(client, source.conversationId, source.maxMessages);
    if (messages.length === 0) return fallback('graph-error');
    return { source: 'graph', messages, truncated };
  } catch (err) {
    // GraphError, a network failure, a refused token: all are Errors, all mean "rebuild from the quoted history".
    if (err instanceof Error) return fallback('graph-error');
    throw err;
  }
}

export interface GraphAccess {
  /** Returns a Graph access token (scope User.Read for `/me`), or null when there is none. */
  getToken: () => Promise<string | null>;
  graphBaseUrl?: string;
  fetchOptions?: Record<string, unknown>;
}

/**
 * The signed-in user's job title as the directory gives it ("Secrétaire médicale", "Ingénieur biomédical"), or null
 * when there is no token, no title, or Graph fails: a suggestion is a convenience, never a reason to show an error.
 */
export async function readJobTitle(access: GraphAccess): Promise<string | null> {
  let token: string | null;
  try {
    token = await access.getToken();
  } catch {
    token = null;
  }
  if (!token) return null;
  try {
    const client = await createGraphClient(async () => token, access.graphBaseUrl, access.fetchOptions);
    const me = (await client.api('/me').select('jobTitle').get()) as { jobTitle?: unknown };
    return typeof me.jobTitle === 'string' && me.jobTitle.trim() ? me.jobTitle.trim() : null;
  } catch {
    return null;
  }
}
