/**
 * Debian's Chromium driven by playwright-core: headless, no sandbox (root in CI), no background traffic,
 * a fresh profile per launch. No browser download: the binary must be installed.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chromium is not where the tests look for it. */
export class ChromiumMissingError extends Error {
  override readonly name = 'ChromiumMissingError';
  constructor(path: string) {
    super(
      `no Chromium at ${path}. Install Debian's package: \`apt-get install -y chromium\` (as root; .ci/run does ` +
        'it when it can), or point CHROMIUM_PATH at a Chromium binary.',
    );
  }
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launch Chromium with a fresh profile; `close()` also removes the profile. */
export async function launchChromium(viewport = { width: 1600, height: 1000 }): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new ChromiumMissingError(CHROMIUM_PATH);
  const profile = await mkdtemp(join(tmpdir(), 'orders-console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport,
  });
  // tsx compiles scripts with esbuild's keepNames: a function handed to page.evaluate() may call its
  // `__name` helper, which the page lacks.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
