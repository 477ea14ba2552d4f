/**
 * HTTPS material: the configured certificate, or a self-signed one created on first start in DATA_DIR/tls
 * (Office add-ins must be served over HTTPS; the user trusts this certificate once, see the README).
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import selfsigned from 'selfsigned';
import type { AideConfig } from './config';

export interface TlsMaterial {
  key: string;
  cert: string;
  certPath: string;
  created: boolean;
}

export async function ensureTls(config: AideConfig): Promise<TlsMaterial> {
  if (config.tlsCert && config.tlsKey) {
    return { key: fs.readFileSync(config.tlsKey, 'utf8'), cert: fs.readFileSync(config.tlsCert, 'utf8'), certPath: config.tlsCert, created: false };
  }
  const dir = path.join(config.dataDir, 'tls');
  const keyPath = path.join(dir, 'localhost.key');
  const certPath = path.join(dir, 'localhost.crt');
  if (fs.existsSync(keyPath) && fs.existsSync(certPath) && !expiresSoon(fs.readFileSync(certPath, 'utf8'))) {
    return { key: fs.readFileSync(keyPath, 'utf8'), cert: fs.readFileSync(certPath, 'utf8'), certPath, created: false };
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const notAfter = new Date();
  notAfter.setFullYear(notAfter.getFullYear() + 1);
  const hosts = Array.from(new Set(['localhost', config.host]));
  const pems = await selfsigned.generate([{ name: 'commonName', value: config.host }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...hosts.filter((h) => !/^[\d.:]+$/.test(h)).map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
          { type: 7 as const, ip: '::1' },
        ],
      },
    ],
  });
  fs.writeFileSync(keyPath, pems.private, { mode: 0o600 });
  fs.writeFileSync(certPath, pems.cert);
  return { key: pems.private, cert: pems.cert, certPath, created: true };
}

function expiresSoon(pem: string): boolean {
  try {
    const validTo = new Date(new X509Certificate(pem).validTo).getTime();
    return validTo - Date.now() < 7 * 24 * 3600 * 1000;
  } catch {
    return true;
  }
}
