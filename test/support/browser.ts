import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, headless. Background networking is off: this machine
 * has no internet, and Chromium's own calls home would only fail noisily.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
