/**
 * `pnpm --filter @orders/console profile`: where a cold load of the page goes, with PROFILE_ORDERS (default
 * 500) executions listed. Chromium's CPU profiler (the DevTools protocol's `Profiler` domain) runs from
 * navigation to the list drawn and the rows on screen summarised; prints the requests (start, duration,
 * size), the page's marks and long tasks, and the functions with the most self time. A figure, not a test.
 */
import { startLocalStack } from '@orders/local';
import { INVENTORY_FIXTURE } from '@orders/shared-types';
import type { Page } from 'playwright-core';
import { launchChromium } from './lib/chromium.js';
import { runOrders, sfnClient } from './lib/orders.js';
import { type Load, waitForLoad } from './lib/page-load.js';

const ORDERS = Number(process.env.PROFILE_ORDERS ?? 500);
/** A page build to serve (e.g. `vite build --minify false --outDir dist-profile`, for readable names). */
const DIST = process.env.PROFILE_DIST;
/** Seconds of CPU profile while PROFILE_ORDERS more orders run with the page open and clicked (0: none). */
const RUN_SECONDS = Number(process.env.PROFILE_RUN_SECONDS ?? 20);
const ms = (x: number) => `${Math.round(x)} ms`.padStart(8);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (`name url:line`), in ms, largest first. */
function selfTimes(profile: Profile): Array<[string, number]> {
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').at(-1) ?? url;
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (byNode.get(node.id) ?? 0));
  }
  return [...byFunction].sort((a, b) => b[1] - a[1]);
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string } };
}

/** The main thread's events of 15 ms or more, from navigation start, and the total per event name. */
function mainThreadSummary(events: TraceEvent[]): string[] {
  // the renderer main thread that did the most (a trace can hold others: an earlier page's, an extension's)
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onThread = (t: TraceEvent) =>
    events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X');
  const main = mains
    .map((t) => ({ t, events: onThread(t) }))
    .sort((a, b) => b.events.length - a.events.length)[0];
  const navigation = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationTiming');
  if (main === undefined) return ['  (no renderer main thread in the trace)'];
  const onMain = main.events;
  const t0 = navigation?.ts ?? Math.min(...onMain.map((e) => e.ts));
  const lines = onMain
    .filter(
      (e) => (e.dur ?? 0) >= 15_000 && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask',
    )
    .map((e) => {
      const detail = e.args?.data?.url?.split('/').at(-1) ?? e.args?.data?.functionName ?? '';
      return `  ${ms((e.ts - t0) / 1000)} ${ms((e.dur ?? 0) / 1000)}  ${e.name} ${detail}`.trimEnd();
    });
  const totals = new Map<string, number>();
  for (const e of onMain) totals.set(e.name, (totals.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  const top = [...totals]
    .filter(([name]) => name !== 'RunTask' && name !== 'ThreadControllerImpl::RunTask')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12);
  return [
    ...lines.slice(0, 40),
    '  totals (nested events counted in each):',
    ...top.map(([n, t]) => `  ${ms(t)}  ${n}`),
  ];
}

/** The renderer's timeline events (the DevTools protocol's Tracing domain) while `work` runs. */
async function traceWhile(page: Page, work: () => Promise<void>): Promise<TraceEvent[]> {
  const tracing = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  tracing.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => tracing.once('Tracing.tracingComplete', () => resolve()));
  await tracing.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  await work();
  await tracing.send('Tracing.end');
  await complete;
  await tracing.detach();
  return events;
}

/** Click one of the first rows every 500 ms until `stop()` says so. */
async function clickRows(page: Page, stop: () => boolean): Promise<void> {
  while (!stop()) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await page.evaluate(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('.executions tr[data-arn]')].slice(0, 15);
      rows[Math.floor(Math.random() * rows.length)]?.click();
    });
  }
}

/** The page open while orders run, clicked every 500 ms: its long tasks and where its CPU time went. */
async function profileDuringRun(): Promise<string[]> {
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  await waitForLoad(page, stack.outputs.consoleUrl ?? '', ORDERS);
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  let running = true;
  const run = runOrders(sfnClient(stack.outputs), stack.outputs, {
    total: ORDERS,
    inFlight: 20,
    prefix: `profile-run-${Date.now().toString(36)}`,
    examples: ['success', 'paymentDeclined', 'notVerified', 'outOfStock'],
  }).finally(() => {
    running = false;
  });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const half = RUN_SECONDS * 500;
  let until = Date.now() + half;
  await clickRows(page, () => !running || Date.now() > until);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  until = Date.now() + half;
  const events = await traceWhile(page, () => clickRows(page, () => !running || Date.now() > until));
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  await browser.close();
  await run;
  return [
    `while ${ORDERS} more orders ran, ${RUN_SECONDS / 2} s CPU profile then ${RUN_SECONDS / 2} s trace: ${longTasks.length} long tasks, ` +
      `${ms(longTasks.reduce((a, b) => a + b, 0))} in all, longest ${ms(Math.max(0, ...longTasks))}`,
    'most self time:',
    ...selfTimes(profile)
      .slice(0, 30)
      .map(([name, t]) => `  ${ms(t)}  ${name}`),
    'trace, main thread:',
    ...mainThreadSummary(events).slice(-13),
  ];
}

const stack = await startLocalStack({
  quiet: true,
  console: DIST === undefined ? true : { distDir: DIST },
  inventory: INVENTORY_FIXTURE.map((i) => ({
    itemId: i.itemId,
    quantityInStock: i.quantityInStock === 0 ? 0 : 1_000_000,
  })),
});
try {
  process.stderr.write(`running ${ORDERS} orders…\n`);
  await runOrders(sfnClient(stack.outputs), stack.outputs, {
    total: ORDERS,
    inFlight: 20,
    prefix: `profile-${Date.now().toString(36)}`,
    examples: ['success', 'paymentDeclined', 'notVerified', 'outOfStock'],
  });
  // one load first: the stack lays the graph out once per definition
  const warmup = await launchChromium();
  await waitForLoad(await warmup.context.newPage(), stack.outputs.consoleUrl ?? '', ORDERS);
  await warmup.close();

  const browser = await launchChromium();
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await page.addInitScript({
    content: `globalThis.__longTasks = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) globalThis.__longTasks.push([e.startTime, e.duration]); })
        .observe({ type: 'longtask', buffered: true });`,
  });
  await cdp.send('Profiler.start');
  const load = await waitForLoad(page, stack.outputs.consoleUrl ?? '', ORDERS);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const timeline = await page.evaluate(() => ({
    resources: performance.getEntriesByType('resource').map((e) => {
      const r = e as PerformanceResourceTiming;
      return [
        r.name.replace(location.origin, ''),
        r.startTime,
        r.responseEnd - r.startTime,
        r.encodedBodySize,
      ];
    }) as Array<[string, number, number, number]>,
    marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]) as Array<[string, number]>,
    longTasks: (globalThis as unknown as { __longTasks: Array<[number, number]> }).__longTasks,
  }));
  await browser.close();

  // A second cold load under the timeline trace: what the renderer's main thread spent its time on.
  const traced = await launchChromium();
  const tracedPage = await traced.context.newPage();
  let tracedLoad: Load | undefined;
  const events = await traceWhile(tracedPage, async () => {
    tracedLoad = await waitForLoad(tracedPage, stack.outputs.consoleUrl ?? '', ORDERS);
  });
  await traced.close();

  const out: string[] = [
    '',
    `cold load with ${ORDERS} executions: ready ${ms(load.ready)}, rows on screen summarised ${ms(load.summaries)}`,
    '',
  ];
  out.push('requests (start, duration, bytes):');
  for (const [name, start, duration, size] of timeline.resources.slice(0, 40))
    out.push(`  ${ms(start)} ${ms(duration)} ${String(size).padStart(8)}  ${name.slice(0, 90)}`);
  if (timeline.resources.length > 40) out.push(`  … ${timeline.resources.length - 40} more`);
  out.push('marks:', ...timeline.marks.map(([name, t]) => `  ${ms(t)}  ${name}`));
  out.push(
    `long tasks: ${timeline.longTasks.length}`,
    ...timeline.longTasks.map(([t, d]) => `  at ${ms(t)} for ${ms(d)}`),
  );
  out.push('most self time (CPU profile, navigation → summarised):');
  for (const [name, t] of selfTimes(profile).slice(0, 25)) out.push(`  ${ms(t)}  ${name}`);
  out.push(
    '',
    `traced cold load: ready ${ms(tracedLoad?.ready ?? Number.NaN)}; the renderer main thread's longest events (start, duration):`,
    ...mainThreadSummary(events),
  );
  if (RUN_SECONDS > 0) out.push('', ...(await profileDuringRun()));
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  await stack.stop();
}
process.exit(0);
