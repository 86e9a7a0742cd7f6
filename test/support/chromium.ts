import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, installed by .ci/setup; never a browser downloaded by a test tool. */
export const CHROMIUM = '/usr/bin/chromium';

export function findChromium(): string | undefined {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return CHROMIUM;
  } catch {
    return undefined;
  }
}

// No background traffic: this machine (and CI) has no network, and a report must not need one.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--font-render-hinting=none',
];

export interface Headless {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/** One browser for a test file, with a throwaway profile and a 1366×768 window, in Vietnamese. */
export async function launch(): Promise<Headless> {
  const profile = mkdtempSync(join(tmpdir(), 'cchc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    offline: true,
  });
  const browser = context.browser();
  return {
    browser: browser as Browser,
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
