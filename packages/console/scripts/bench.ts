/**
 * `pnpm --filter @orders/console bench` (also in `bash run.sh bench`): how fast the console loads with
 * 500 executions listed, and how it answers while another 500 orders run. A figure, not a test.
 *
 *   1. Start the local stack with the console and run BENCH_ORDERS orders (default 500, BENCH_CONCURRENCY
 *      20 in flight, the example orders in turn) to their end.
 *   2. Load the page 5 times in a fresh Chromium (cold: new profile, nothing cached) and 5 times more in
 *      the same one (warm): the time from navigation to the list holding every execution and the graph
 *      laid out, and to the rows on screen showing their order id and transitions.
 *   3. Run BENCH_ORDERS more orders while the page is open and click an execution every 500 ms: the time
 *      from the click to the first frame painted with its graph and summary, the browser's own click-to-next-
 *      paint (Event Timing), the page's long tasks (> 50 ms) and its longest frame.
 * Exits 1 when the median cold load is 1 s or more.
 */
import { loadavg } from 'node:os';
import { startLocalStack } from '@orders/local';
import { INVENTORY_FIXTURE } from '@orders/shared-types';
import { launchChromium } from './lib/chromium.js';
import { clickRow } from './lib/click-row.js';
import { runOrders, sfnClient } from './lib/orders.js';
import { type Load, waitForLoad as load } from './lib/page-load.js';
import { responsiveness, watchResponsiveness } from './lib/responsiveness.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 500);
const IN_FLIGHT = Number(process.env.BENCH_CONCURRENCY ?? 20);
const LOADS = 5;
const BUDGET_MS = 1000;
const EXAMPLES = ['success', 'paymentDeclined', 'success', 'notVerified', 'outOfStock'] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? Number.NaN;
const ms = (x: number) => `${Math.round(x)} ms`;

const stack = await startLocalStack({
  quiet: true,
  // BENCH_DIST: another build of the page to measure (e.g. one made from an earlier commit)
  console: process.env.BENCH_DIST === undefined ? true : { distDir: process.env.BENCH_DIST },
  inventory: INVENTORY_FIXTURE.map((i) => ({
    itemId: i.itemId,
    quantityInStock: i.quantityInStock === 0 ? 0 : 1_000_000,
  })),
});
const url = stack.outputs.consoleUrl ?? '';
const sfn = sfnClient(stack.outputs);
let exitCode = 0;
const loadAtStart = loadavg();
try {
  process.stderr.write(`running ${ORDERS} orders (${IN_FLIGHT} in flight)…\n`);
  const firstRun = await runOrders(sfn, stack.outputs, {
    total: ORDERS,
    inFlight: IN_FLIGHT,
    prefix: `bench-a-${Date.now().toString(36)}`,
    examples: EXAMPLES,
  });

  process.stderr.write(`loading the page ${LOADS} times cold and ${LOADS} times warm…\n`);
  const cold: Load[] = [];
  for (let i = 0; i < LOADS; i++) {
    const browser = await launchChromium();
    try {
      cold.push(await load(await browser.context.newPage(), url, ORDERS));
    } finally {
      await browser.close();
    }
  }
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  const warm: Load[] = [];
  for (let i = 0; i < LOADS; i++) warm.push(await load(page, url, ORDERS));

  process.stderr.write(
    `running ${ORDERS} more orders with the page open, clicking an execution every 500 ms…\n`,
  );
  await watchResponsiveness(page);
  let running = true;
  const secondRun = runOrders(sfn, stack.outputs, {
    total: ORDERS,
    inFlight: IN_FLIGHT,
    prefix: `bench-b-${Date.now().toString(36)}`,
    examples: EXAMPLES,
  }).finally(() => {
    running = false;
  });
  const clicks: number[] = [];
  let listedAtEnd = 0;
  while (running) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    // a click on one of the first rows (they change as new executions arrive) → its summary and graph
    const latency = await clickRow(page).catch(() => Number.NaN);
    if (Number.isFinite(latency)) clicks.push(latency);
  }
  const secondSeconds = await secondRun;
  await new Promise((resolve) => setTimeout(resolve, 2000));
  listedAtEnd = await page.evaluate(() =>
    Number(document.querySelector('[data-testid=execution-count]')?.getAttribute('data-count')),
  );
  const { longTasks, maxFrameGap, clickPaints } = await responsiveness(page);
  await browser.close();

  const coldReady = median(cold.map((l) => l.ready));
  const line = (label: string, loads: Load[]) =>
    `${label}: ready ${ms(median(loads.map((l) => l.ready)))} median (${loads.map((l) => ms(l.ready)).join(', ')}); ` +
    `list ${ms(median(loads.map((l) => l.list)))}, graph ${ms(median(loads.map((l) => l.graph)))}, ` +
    `rows on screen summarised ${ms(median(loads.map((l) => l.summaries)))}`;
  process.stdout.write(
    [
      '',
      `load average (1, 5, 15 min) at the start ${loadAtStart.map((l) => l.toFixed(1)).join(', ')}, ` +
        `at the end ${loadavg()
          .map((l) => l.toFixed(1))
          .join(', ')}`,
      `${ORDERS} orders run first in ${firstRun.toFixed(1)} s; the page lists ${ORDERS} executions`,
      line('page load, cold', cold),
      line('page load, warm', warm),
      `budget ${BUDGET_MS} ms for a cold load: ${coldReady < BUDGET_MS ? 'met' : 'MISSED'}`,
      '',
      `while ${ORDERS} more orders ran (${secondSeconds.toFixed(1)} s), ${clicks.length} clicks on an execution: ` +
        `painted with its graph and summary after p50 ${ms(pct(clicks, 50))}, p95 ${ms(pct(clicks, 95))}, max ${ms(Math.max(...clicks))}`,
      `click to next paint (Event Timing, clicks over 16 ms): ${clickPaints.length} of ${clicks.length}, ` +
        `p50 ${ms(pct(clickPaints, 50))}, max ${ms(Math.max(0, ...clickPaints))}`,
      `long tasks (> 50 ms) on the page: ${longTasks.length} in ${secondSeconds.toFixed(0)} s, longest ${ms(Math.max(0, ...longTasks))}, ` +
        `${ms(longTasks.reduce((a, b) => a + b, 0))} in all; longest frame ${ms(maxFrameGap)}; ` +
        `${listedAtEnd} executions listed at the end`,
      '',
    ].join('\n'),
  );
  if (!(coldReady < BUDGET_MS)) exitCode = 1;
} finally {
  await stack.stop();
}
process.exit(exitCode);
