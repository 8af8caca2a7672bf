import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`, as .ci/run does); playwright-core drives it and downloads nothing. */
export const CHROMIUM = process.env.SPARKIFY_CHROMIUM ?? '/usr/bin/chromium';

export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (apt-get install -y chromium)`;
}

export async function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}

export interface OpenedFile {
  readonly page: Page;
  /** Requests for anything but the file itself (all refused). */
  readonly outsideRequests: string[];
  /** console.error messages and uncaught page errors. */
  readonly errors: string[];
}

/**
 * Opens a local HTML file with every request routed through the test: the file itself is served,
 * anything else (another file, any network address) is refused and recorded.
 */
export async function openFile(browser: Browser, file: string): Promise<OpenedFile> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const url = pathToFileURL(file).href;
  const outsideRequests: string[] = [];
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route('**/*', (route) => {
    const requested = route.request().url();
    if (requested === url || requested.startsWith(`${url}#`)) return route.continue();
    outsideRequests.push(requested);
    return route.abort();
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, outsideRequests, errors };
}
