/**
 * The test server's close is bounded: a client that holds a connection open (a keep-alive socket in the middle of a
 * request) cannot hold a test's close for ever — after 3 s the connections still open are cut, as `aide serve` does
 * after its drain timeout.
 */
import net from 'node:net';
import { startServer } from '../helpers/server';

test('a connection held open does not hold the test server’s close', async () => {
  const server = await startServer();
  const { port } = new URL(server.url);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
  // Headers begun, never finished: the server sees a request in progress on this connection.
  socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const started = Date.now();
    await server.close();
    await closed;
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/1 connection\(s\) still open/);
  } finally {
    warn.mockRestore();
    socket.destroy();
  }
}, 30_000);
