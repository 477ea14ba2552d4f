/** The output cap counts characters (4 per estimated token, 25 % margin) and UTF-8 bytes, and cuts inside a chunk. */
import { createOutputCap } from '../../../src/server/gateway/pipeline';

test('cuts at 5 characters per token of the cap, inside the chunk that crosses it', () => {
  const cap = createOutputCap({ tokens: 10, bytes: 1_000_000 });
  expect(cap.take('a'.repeat(30))).toHaveLength(30);
  expect(cap.reached).toBe(false);
  expect(cap.take('b'.repeat(30))).toBe('b'.repeat(20));
  expect(cap.reached).toBe(true);
  expect(cap.take('more')).toBe('');
});

test('cuts at the byte cap, counting multi-byte characters', () => {
  const cap = createOutputCap({ tokens: 1_000_000, bytes: 10 });
  expect(cap.take('éé')).toBe('éé'); // 4 bytes
  const rest = cap.take('éééééé'); // 12 bytes offered, 6 fit
  expect(Buffer.byteLength(rest)).toBeLessThanOrEqual(6);
  expect(rest.length).toBeGreaterThan(0);
  expect(cap.reached).toBe(true);
});

test('an answer under both caps passes whole', () => {
  const cap = createOutputCap({ tokens: 4096, bytes: 262144 });
  const text = 'Résumé : trois consultations reportées.';
  expect(cap.take(text)).toBe(text);
  expect(cap.reached).toBe(false);
});
