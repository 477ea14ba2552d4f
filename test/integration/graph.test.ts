/**
 * The conversation read through Microsoft Graph, against a local HTTP server that answers like Graph:
 * `$filter=conversationId eq '…'`, pages linked by `@odata.nextLink`, throttling (429 + Retry-After), bearer token;
 * `/me?$select=jobTitle` for the role suggestion; and the Outlook adapter (office-addin-mock) reading through it.
 * The Graph client only attaches the token to https URLs, so the fake Graph speaks TLS with a self-signed
 * certificate that these requests trust through an undici dispatcher passed as a fetch option.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';
import { Agent } from 'undici';
import { OfficeApp } from 'office-addin-manifest';
import { OfficeMockObject } from 'office-addin-mock';
import { readConversation, readJobTitle } from '../../src/hosts/graph';
import { createOutlookHost } from '../../src/hosts/outlook';

interface FakeGraph {
  url: string;
  requests: { path: string; auth?: string }[];
  close(): Promise<void>;
}

const TOKEN = 'graph-token-123';

function message(i: number) {
  return {
    subject: 'RE: Planning des astreintes biomédicales',
    receivedDateTime: new Date(Date.UTC(2026, 0, 1, 8) + i * 86_400_000).toISOString(),
    from: { emailAddress: { name: `Agent ${i}`, address: `agent${i}@chu-exemple.fr` } },
    uniqueBody: {
      contentType: 'html',
      content: `<div><p>Message numéro ${i} : point sur la semaine ${i}.</p><p>Cordialement,</p><p>Agent ${i}<br>Service biomédical<br>Tél. 01 23 45 67 8${i % 10}</p></div>`,
    },
  };
}

let tls: { key: string; cert: string };
let dispatcher: Agent;
beforeAll(async () => {
  const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  tls = { key: pems.private, cert: pems.cert };
  dispatcher = new Agent({ connect: { ca: pems.cert } });
});
afterAll(() => dispatcher.close());

async function startFakeGraph(total: number, opts: { throttleFirst?: boolean; status?: number; jobTitle?: string | null } = {}): Promise<FakeGraph> {
  const all = Array.from({ length: total }, (_, i) => message(i)).reverse(); // Graph gives no useful order
  const requests: FakeGraph['requests'] = [];
  let throttled = false;
  const server = https.createServer(tls, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({ path: url.pathname + url.search, auth: req.headers.authorization });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: 'bad token' } }));
      return;
    }
    if (opts.status) {
      res.writeHead(opts.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'ErrorAccessDenied', message: 'denied' } }));
      return;
    }
    if (opts.throttleFirst && !throttled) {
      throttled = true;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'slow down' } }));
      return;
    }
    if (url.pathname === '/v1.0/me') {
      // Graph answers only the properties asked for; jobTitle is null when the directory has none.
      const select = url.searchParams.get('$select') ?? '';
      const me: Record<string, unknown> = { id: 'u1', displayName: 'Agent', jobTitle: opts.jobTitle === undefined ? null : opts.jobTitle };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(Object.fromEntries(Object.entries(me).filter(([k]) => select.split(',').includes(k)))));
      return;
    }
    if (url.pathname !== '/v1.0/me/messages' || !/conversationId eq 'AAQk\+conv=='/.test(url.searchParams.get('$filter') ?? '')) {
      res.writeHead(400).end('{}');
      return;
    }
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    const top = Number(url.searchParams.get('$top') ?? 10);
    const value = all.slice(skip, skip + top);
    const body: Record<string, unknown> = { value };
    if (skip + top < all.length) {
      const next = new URL(url.toString().replace('http://x', address()));
      next.searchParams.set('$skip', String(skip + top));
      body['@odata.nextLink'] = next.toString();
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  const address = () => `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: address(), requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const openMail = {
  text: 'Merci pour le retour.\n\nDe : Agent 1\nEnvoyé : lundi 2 mars 2026 09:00\nÀ : Agent 2\nObjet : Planning\n\nVoici le planning proposé.',
};

test('reads every page of the conversation, oldest first, each message cleaned', async () => {
  const graph = await startFakeGraph(120);
  try {
    const conversation = await readConversation({ conversationId: 'AAQk+conv==', getToken: async () => TOKEN, openMail, graphBaseUrl: graph.url, fetchOptions: { dispatcher } });
    expect(conversation.source).toBe('graph');
    expect(conversation.messages).toHaveLength(120);
    expect(conversation.messages[0].text).toContain('Message numéro 0');
    expect(conversation.messages[119].text).toContain('Message numéro 119');
    expect(conversation.messages[5].from).toBe('Agent 5');
    // The signature is not the message's own text.
    expect(conversation.messages[5].text).not.toContain('01 23 45 67');
    expect(graph.requests.length).toBeGreaterThanOrEqual(3); // paging was followed
    expect(graph.requests.every((r) => r.auth === `Bearer ${TOKEN}`)).toBe(true);
  } finally {
    await graph.close();
  }
});

test('a throttled request (429 + Retry-After) is retried', async () => {
  const graph = await startFakeGraph(3, { throttleFirst: true });
  try {
    const conversation = await readConversation({ conversationId: 'AAQk+conv==', getToken: async () => TOKEN, openMail, graphBaseUrl: graph.url, fetchOptions: { dispatcher } });
    expect(conversation.source).toBe('graph');
    expect(conversation.messages).toHaveLength(3);
    expect(graph.requests.length).toBe(2);
  } finally {
    await graph.close();
  }
}, 20000);

test('without sign-in or when Graph refuses, the thread is rebuilt from the quoted history and says so', async () => {
  const graph = await startFakeGraph(3, { status: 403 });
  try {
    const refused = await readConversation({ conversationId: 'AAQk+conv==', getToken: async () => TOKEN, openMail, graphBaseUrl: graph.url, fetchOptions: { dispatcher } });
    expect(refused).toMatchObject({ source: 'quoted-history', fallbackReason: 'graph-error' });
    expect(refused.messages.length).toBeGreaterThanOrEqual(2);
    expect(refused.messages.map((m) => m.text).join('\n')).toContain('Voici le planning proposé.');
    const anonymous = await readConversation({ conversationId: 'AAQk+conv==', getToken: async () => null, openMail, graphBaseUrl: graph.url, fetchOptions: { dispatcher } });
    expect(anonymous).toMatchObject({ source: 'quoted-history', fallbackReason: 'not-signed-in' });
  } finally {
    await graph.close();
  }
});

test('the number of messages read is bounded', async () => {
  const graph = await startFakeGraph(200);
  try {
    const conversation = await readConversation({ conversationId: 'AAQk+conv==', getToken: async () => TOKEN, openMail, graphBaseUrl: graph.url, fetchOptions: { dispatcher }, maxMessages: 60 });
    expect(conversation.messages.length).toBeLessThanOrEqual(60);
    expect(conversation.truncated).toBe(true);
  } finally {
    await graph.close();
  }
});

test('the token is never sent to a plain-http Graph address: the thread falls back to the quoted history', async () => {
  const graph = await startFakeGraph(3);
  try {
    const conversation = await readConversation({ conversationId: 'AAQk+conv==', getToken: async () => TOKEN, openMail, graphBaseUrl: graph.url.replace('https:', 'http:'), fetchOptions: { dispatcher } });
    expect(conversation).toMatchObject({ source: 'quoted-history', fallbackReason: 'graph-error' });
    expect(graph.requests.some((r) => r.auth)).toBe(false);
  } finally {
    await graph.close();
  }
});

test('the job title is read from /me (only that property); none, refused or no token gives null', async () => {
  const graph = await startFakeGraph(0, { jobTitle: 'Secrétaire médicale — cardiologie' });
  try {
    expect(await readJobTitle({ getToken: async () => TOKEN, graphBaseUrl: graph.url, fetchOptions: { dispatcher } })).toBe('Secrétaire médicale — cardiologie');
    expect(graph.requests.at(-1)?.path).toBe('/v1.0/me?$select=jobTitle');
    expect(await readJobTitle({ getToken: async () => 'wrong-token', graphBaseUrl: graph.url, fetchOptions: { dispatcher } })).toBeNull();
    const before = graph.requests.length;
    expect(await readJobTitle({ getToken: async () => null, graphBaseUrl: graph.url, fetchOptions: { dispatcher } })).toBeNull();
    expect(await readJobTitle({ getToken: async () => Promise.reject(new Error('consent')), graphBaseUrl: graph.url, fetchOptions: { dispatcher } })).toBeNull();
    expect(graph.requests.length).toBe(before); // no token, no request
  } finally {
    await graph.close();
  }
  const untitled = await startFakeGraph(0, { jobTitle: null });
  try {
    expect(await readJobTitle({ getToken: async () => TOKEN, graphBaseUrl: untitled.url, fetchOptions: { dispatcher } })).toBeNull();
  } finally {
    await untitled.close();
  }
});

test('the Outlook adapter reads the open mail\'s whole conversation and the job title through Graph', async () => {
  type Cb = (r: { status: string; value?: unknown }) => void;
  const office = new OfficeMockObject(
    {
      context: {
        mailbox: {
          item: {
            conversationId: 'AAQk+conv==',
            from: { displayName: 'Agent 4', emailAddress: 'agent4@chu-exemple.fr' },
            body: { getAsync: (_type: string, cb: Cb) => cb({ status: 'succeeded', value: '<p>Merci pour le retour.</p>' }) },
          },
        },
      },
    },
    OfficeApp.Outlook,
  ) as unknown as Record<string, unknown>;
  Object.assign(office, { CoercionType: { Html: 'html' }, AsyncResultStatus: { Succeeded: 'succeeded' }, MailboxEnums: { AttachmentType: { Cloud: 'cloud' } } });
  const item = (office as { context: { mailbox: { item: Record<string, unknown> } } }).context.mailbox.item;
  Object.defineProperty(item, 'subject', { value: 'RE: Planning des astreintes biomédicales' });
  Object.defineProperty(item, 'attachments', { value: [] });
  (global as unknown as { Office: unknown }).Office = office;

  const graph = await startFakeGraph(12, { jobTitle: 'Ingénieur biomédical' });
  try {
    const scopes: string[][] = [];
    const host = createOutlookHost('read', {
      getToken: async (s) => {
        scopes.push(s);
        return TOKEN;
      },
      graphBaseUrl: graph.url,
      fetchOptions: { dispatcher },
    });
    const conversation = await host.readConversation!();
    expect(conversation).toMatchObject({ source: 'graph', truncated: false });
    expect(conversation.fallbackReason).toBeUndefined();
    expect(conversation.messages).toHaveLength(12);
    expect(conversation.messages[0].text).toContain('Message numéro 0');
    expect(conversation.messages[11].text).toContain('Message numéro 11');
    expect(await host.readJobTitle!()).toBe('Ingénieur biomédical');
    expect(scopes).toEqual([['Mail.Read'], ['User.Read']]);
  } finally {
    await graph.close();
    delete (global as unknown as { Office?: unknown }).Office;
  }
});
