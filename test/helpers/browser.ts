/** Headless Debian Chromium for e2e tests, driven by playwright-core (never a downloaded browser). */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.AIDE_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(__dirname, '..', 'e2e', 'artifacts');

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium (or run .ci/run, which does)`);
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

export function artifact(name: string): string {
  return path.join(ARTIFACTS, name);
}
