import { parseDocument } from 'htmlparser2';
import { jwtVerify } from 'jose';
import { z } from 'zod';

test('ESM-only dependencies load under jest', () => {
  expect(typeof jwtVerify).toBe('function');
  expect(parseDocument('<p>a</p>').children.length).toBe(1);
  expect(z.string().parse('x')).toBe('x');
});
