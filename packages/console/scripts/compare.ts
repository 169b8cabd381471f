/**
 * `pnpm --filter @orders/console compare`: two builds of the page measured in turns on one local stack, so
 * that the load the shared machine is under falls on both alike. COMPARE_A and COMPARE_B name `dist`
 * folders (B defaults to this package's dist/; build A from another commit with `vite build --outDir …`).
 * Prints, per build, the cold loads with COMPARE_ORDERS (default 500) executions listed, then, with both
 * pages open while as many orders more run, their clicks (one each in turn), long tasks and longest frame.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONSOLE_DIST_DIR, startLocalStack } from '@orders/local';
import { INVENTORY_FIXTURE } from '@orders/shared-types';
import { launchChromium } from './lib/chromium.js';
import { clickRow } from './lib/click-row.js';
import { runOrders, sfnClient } from './lib/orders.js';
import { type Load, waitForLoad } from './lib/page-load.js';
import { responsiveness, watchResponsiveness } from './lib/responsiveness.js';

const ORDERS = Number(process.env.COMPARE_ORDERS ?? 500);
const LOADS = Number(process.env.COMPARE_LOADS ?? 5);
const BUILDS = { A: process.env.COMPARE_A, B: process.env.COMPARE_B ?? CONSOLE_DIST_DIR };
const EXAMPLES = ['success', 'paymentDeclined', 'success', 'notVerified', 'outOfStock'] as const;
type Build = keyof typeof BUILDS;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? Number.NaN;
const ms = (x: number) => `${Math.round(x)} ms`;
const avg = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');

if (BUILDS.A === undefined)
  throw new Error('COMPARE_A must name a dist folder (e.g. vite build --outDir /tmp/a)');
// one folder serving both: each build's assets (content-hashed names) and its page as index-<build>.html
const served = await mkdtemp(join(tmpdir(), 'console-compare-'));
for (const [build, dir] of Object.entries(BUILDS)) {
  await cp(join(dir ?? '', 'assets'), join(served, 'assets'), { recursive: true });
  await cp(join(dir ?? '', 'index.html'), join(served, `index-${build}.html`));
}
await cp(join(served, 'index-B.html'), join(served, 'index.html'));

const stack = await startLocalStack({
  quiet: true,
  console: { distDir: served },
  inventory: INVENTORY_FIXTURE.map((i) => ({
    itemId: i.itemId,
    quantityInStock: i.quantityInStock === 0 ? 0 : 1_000_000,
  })),
});
const urlOf = (build: Build) => `${stack.outputs.consoleUrl ?? ''}index-${build}.html`;
const sfn = sfnClient(stack.outputs);
const out: string[] = ['', `load average (1, 5, 15 min) at the start ${avg()}`];
try {
  process.stderr.write(`running ${ORDERS} orders…\n`);
  await runOrders(sfn, stack.outputs, {
    total: ORDERS,
    inFlight: 20,
    prefix: 'compare-a',
    examples: EXAMPLES,
  });

  const loads: Record<Build, Load[]> = { A: [], B: [] };
  for (let i = 0; i < LOADS; i++) {
    for (const build of (i % 2 === 0 ? ['A', 'B'] : ['B', 'A']) as Build[]) {
      const browser = await launchChromium();
      try {
        loads[build].push(await waitForLoad(await browser.context.newPage(), urlOf(build), ORDERS));
      } finally {
        await browser.close();
      }
    }
  }
  for (const build of ['A', 'B'] as Build[])
    out.push(
      `${build} (${BUILDS[build]}): cold load ready ${ms(median(loads[build].map((l) => l.ready)))} median ` +
        `(${loads[build].map((l) => ms(l.ready)).join(', ')}), rows on screen summarised ` +
        `${ms(median(loads[build].map((l) => l.summaries)))}`,
    );

  process.stderr.write(`both pages open while ${ORDERS} more orders run, clicked in turns…\n`);
  const pages = await Promise.all(
    (['A', 'B'] as Build[]).map(async (build) => {
      const browser = await launchChromium();
      const page = await browser.context.newPage();
      await waitForLoad(page, urlOf(build), ORDERS);
      await watchResponsiveness(page);
      return { build, browser, page, clicks: [] as number[] };
    }),
  );
  let running = true;
  const started = performance.now();
  const run = runOrders(sfn, stack.outputs, {
    total: ORDERS,
    inFlight: 20,
    prefix: 'compare-b',
    examples: EXAMPLES,
  }).finally(() => {
    running = false;
  });
  for (let turn = 0; running; turn++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const p = pages[turn % 2];
    if (p === undefined || p.page.isClosed()) continue;
    const latency = await clickRow(p.page).catch(() => Number.NaN);
    if (Number.isFinite(latency)) p.clicks.push(latency);
  }
  await run;
  const seconds = (performance.now() - started) / 1000;
  for (const p of pages) {
    if (p.page.isClosed()) {
      out.push(`${p.build}: the page closed (crashed?) while the orders ran`);
      continue;
    }
    const { longTasks, maxFrameGap, clickPaints } = await responsiveness(p.page);
    await p.browser.close();
    out.push(
      `${p.build} while ${ORDERS} more orders ran (${seconds.toFixed(0)} s): ${p.clicks.length} clicks painted with ` +
        `their execution after p50 ${ms(pct(p.clicks, 50))}, p95 ${ms(pct(p.clicks, 95))}; click to next paint ` +
        `p50 ${ms(pct(clickPaints, 50))}; long tasks ${longTasks.length}, ` +
        `${ms(longTasks.reduce((a, b) => a + b, 0))} in all, longest ${ms(Math.max(0, ...longTasks))}; ` +
        `longest frame ${ms(maxFrameGap)}`,
    );
  }
  out.push(`load average at the end ${avg()}`, '');
  process.stdout.write(out.join('\n'));
} finally {
  await stack.stop();
  await rm(served, { recursive: true, force: true });
}
process.exit(0);
