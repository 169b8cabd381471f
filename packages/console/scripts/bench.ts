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
 *      from the click to its graph and events on screen, the page's long tasks and its longest frame.
 * Exits 1 when the median cold load is 1 s or more.
 */
import { startLocalStack } from '@orders/local';
import { INVENTORY_FIXTURE } from '@orders/shared-types';
import type { Page } from 'playwright-core';
import { launchChromium } from './lib/chromium.js';
import { runOrders, sfnClient } from './lib/orders.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 500);
const IN_FLIGHT = Number(process.env.BENCH_CONCURRENCY ?? 20);
const LOADS = 5;
const BUDGET_MS = 1000;
const EXAMPLES = ['success', 'paymentDeclined', 'success', 'notVerified', 'outOfStock'] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? Number.NaN;
const ms = (x: number) => `${Math.round(x)} ms`;

interface Load {
  /** Navigation start → every execution in the list and the graph laid out. */
  ready: number;
  list: number;
  graph: number;
  /** → the rows on screen show their order id and billable transitions. */
  summaries: number;
}

async function load(page: Page, url: string, expected: number): Promise<Load> {
  await page.goto(url);
  await page.waitForFunction(
    (n) =>
      document.body.dataset.graphReady === 'true' &&
      Number(document.querySelector('[data-testid=execution-count]')?.getAttribute('data-count')) >= n &&
      document.querySelector('.executions tr[data-arn]') !== null,
    expected,
    { timeout: 30_000, polling: 'raf' },
  );
  const atReady = await page.evaluate(() => performance.now());
  await page.waitForFunction(
    () => {
      const rows = [...document.querySelectorAll('.executions tr[data-arn]')].slice(0, 10);
      return (
        rows.length > 0 &&
        rows.every((r) => r.querySelector('[data-testid=transitions]')?.textContent !== '…')
      );
    },
    undefined,
    { timeout: 30_000, polling: 'raf' },
  );
  return page.evaluate((ready) => {
    const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
    return {
      ready,
      list: mark('console:list-ready'),
      graph: mark('console:graph-ready'),
      summaries: performance.now(),
    };
  }, atReady);
}

const stack = await startLocalStack({
  quiet: true,
  console: true,
  inventory: INVENTORY_FIXTURE.map((i) => ({
    itemId: i.itemId,
    quantityInStock: i.quantityInStock === 0 ? 0 : 1_000_000,
  })),
});
const url = stack.outputs.consoleUrl ?? '';
const sfn = sfnClient(stack.outputs);
let exitCode = 0;
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
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; maxFrameGap: number };
    w.longTasks = [];
    w.maxFrameGap = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    let last = performance.now();
    const frame = (t: number) => {
      w.maxFrameGap = Math.max(w.maxFrameGap, t - last);
      last = t;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
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
    const latency = await page.evaluate(async () => {
      const rows = [...document.querySelectorAll<HTMLElement>('.executions tr[data-arn]')].slice(0, 15);
      const row = rows[Math.floor(Math.random() * rows.length)];
      const name = row?.dataset.name;
      if (row === undefined || name === undefined) return Number.NaN;
      const t0 = performance.now();
      row.click();
      return new Promise<number>((resolve) => {
        const check = () => {
          const summary = document.querySelector('[data-testid=execution-summary]');
          const coloured = document.querySelector('g.node[data-status]');
          if (summary?.textContent?.includes(name) && coloured !== null) resolve(performance.now() - t0);
          else requestAnimationFrame(check);
        };
        check();
      });
    });
    if (Number.isFinite(latency)) clicks.push(latency);
  }
  const secondSeconds = await secondRun;
  await new Promise((resolve) => setTimeout(resolve, 2000));
  listedAtEnd = await page.evaluate(() =>
    Number(document.querySelector('[data-testid=execution-count]')?.getAttribute('data-count')),
  );
  const { longTasks, maxFrameGap } = await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; maxFrameGap: number };
    return { longTasks: w.longTasks, maxFrameGap: w.maxFrameGap };
  });
  await browser.close();

  const coldReady = median(cold.map((l) => l.ready));
  const line = (label: string, loads: Load[]) =>
    `${label}: ready ${ms(median(loads.map((l) => l.ready)))} median (${loads.map((l) => ms(l.ready)).join(', ')}); ` +
    `list ${ms(median(loads.map((l) => l.list)))}, graph ${ms(median(loads.map((l) => l.graph)))}, ` +
    `rows on screen summarised ${ms(median(loads.map((l) => l.summaries)))}`;
  process.stdout.write(
    [
      '',
      `${ORDERS} orders run first in ${firstRun.toFixed(1)} s; the page lists ${ORDERS} executions`,
      line('page load, cold', cold),
      line('page load, warm', warm),
      `budget ${BUDGET_MS} ms for a cold load: ${coldReady < BUDGET_MS ? 'met' : 'MISSED'}`,
      '',
      `while ${ORDERS} more orders ran (${secondSeconds.toFixed(1)} s), ${clicks.length} clicks on an execution: ` +
        `graph and events on screen after p50 ${ms(pct(clicks, 50))}, p95 ${ms(pct(clicks, 95))}, max ${ms(Math.max(...clicks))}`,
      `long tasks (> 50 ms) on the page: ${longTasks.length}, longest ${ms(Math.max(0, ...longTasks))}, ` +
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
