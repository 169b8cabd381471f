/**
 * The console in Debian's Chromium against a real local stack: two orders submitted from the page,
 * followed to the end, their paths read off the graph, a state opened, a fault switched on. Fails (never
 * skips) when Chromium is missing, with the command that installs it.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type LocalStack, startLocalStack } from '@orders/local';
import { EXAMPLE_ORDERS, normalizeCardNumber } from '@orders/shared-types';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium } from '../scripts/lib/chromium.js';

const ARTIFACTS = fileURLToPath(new URL('../test-results/', import.meta.url));
const FINISH_MS = 30_000;

/** What each example's execution must show on the graph: every state entered, and how it went. */
const SUCCESS_PATH = {
  'Card In Input?': 'succeeded',
  'Claim Order': 'succeeded',
  'Verify Payment And Reserve Stock': 'succeeded',
  'Verify Payment Details': 'succeeded',
  'Reserve Stock': 'succeeded',
  'Charge Payment': 'succeeded',
  'Record Processed Order': 'succeeded',
  'Notify Order Processed': 'succeeded',
};
const OUT_OF_STOCK_PATH = {
  'Card In Input?': 'succeeded',
  'Claim Order': 'succeeded',
  'Verify Payment And Reserve Stock': 'caught',
  'Verify Payment Details': 'succeeded',
  'Reserve Stock': 'failed',
  'Release Stock Of Rejected Order': 'succeeded',
  'Record Rejected Order': 'succeeded',
  'Notify Order Rejected': 'succeeded',
  'Order Rejected': 'failed',
};

describe('the console page in Chromium', () => {
  let browser: Browser | undefined;
  let stack: LocalStack | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  const submitted: Record<string, string> = {};

  beforeAll(async () => {
    browser = await launchChromium();
    stack = await startLocalStack({ quiet: true, console: true });
    page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(stack.outputs.consoleUrl ?? '');
  });
  afterAll(async () => {
    if (browser !== undefined && page !== undefined) {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: `${ARTIFACTS}console.png`, fullPage: true }).catch(() => undefined);
    }
    await browser?.close();
    await stack?.stop();
  });

  /** Data-status of every coloured state on the graph, by state name. */
  const graphStatuses = () =>
    page.$$eval('g.node[data-state][data-status]', (nodes) =>
      Object.fromEntries(
        nodes.map((n) => [(n as SVGGElement).dataset.state, (n as SVGGElement).dataset.status]),
      ),
    );

  const submit = async (example: keyof typeof EXAMPLE_ORDERS) => {
    const before = await page.evaluate(() => window.location.hash);
    await page.selectOption('[data-testid=example-select]', example);
    await page.click('[data-testid=submit-order]');
    await page.waitForFunction((old) => window.location.hash !== old && window.location.hash !== '', before);
    const arn = await page.evaluate(() => decodeURIComponent(window.location.hash.slice('#exec='.length)));
    submitted[example] = arn;
    return arn;
  };

  const open = async (executionArn: string, status: string) => {
    await page.click(`tr[data-arn="${executionArn}"]`);
    await page.waitForSelector(
      `[data-testid=execution-summary][data-arn="${executionArn}"][data-status=${status}]`,
    );
  };

  it('lays out the deployed definition: a node for every state', async () => {
    await page.waitForSelector('body[data-graph-ready=true]', { timeout: 20_000 });
    const definition = JSON.parse(stack?.model.stateMachine.definition ?? '{}') as {
      States: Record<string, { Branches?: Array<{ States: object }> }>;
    };
    const names = Object.entries(definition.States).flatMap(([name, s]) => [
      name,
      ...(s.Branches ?? []).flatMap((b) => Object.keys(b.States)),
    ]);
    const nodes = await page.$$eval('g.node[data-state]', (n) =>
      n.map((e) => (e as SVGGElement).dataset.state),
    );
    expect(nodes.sort()).toEqual(names.sort());
  });

  it('submits the success and the out-of-stock orders and follows both to the end in the live list', async () => {
    const success = await submit('success');
    const outOfStock = await submit('outOfStock');
    await page.waitForSelector(`tr[data-arn="${success}"][data-status=SUCCEEDED]`, { timeout: FINISH_MS });
    await page.waitForSelector(`tr[data-arn="${outOfStock}"][data-status=FAILED]`, { timeout: FINISH_MS });
    // the rows' summaries: order id from the input, billable transitions from the history
    await page.waitForFunction(
      (arns) =>
        arns.every(
          (a) => document.querySelector(`tr[data-arn="${a}"] [data-testid=transitions]`)?.textContent !== '…',
        ),
      [success, outOfStock],
    );
    const transitions = await Promise.all(
      [success, outOfStock].map((a) => page.textContent(`tr[data-arn="${a}"] [data-testid=transitions]`)),
    );
    expect(transitions).toEqual(['8', '9']);
    // Submitted through the intake API: the page says what it answered.
    expect(await page.textContent('[data-testid=intake-answer]')).toMatch(/^POST \/orders → 202 /);
  });

  it('highlights the path each took on the graph', async () => {
    await open(submitted.success ?? '', 'SUCCEEDED');
    expect(await graphStatuses()).toEqual(SUCCESS_PATH);
    const taken = await page.$$eval('g.edge.taken', (edges) =>
      edges.map((e) => `${(e as SVGGElement).dataset.from} -> ${(e as SVGGElement).dataset.to}`),
    );
    expect(taken).toEqual(
      expect.arrayContaining(['start -> Card In Input?', 'Notify Order Processed -> end']),
    );

    await open(submitted.outOfStock ?? '', 'FAILED');
    // The branches race: when Reserve Stock fails before verify-payment has read the vault, the Parallel
    // stops Verify Payment Details, and the graph says so.
    expect(await graphStatuses()).toEqual({
      ...OUT_OF_STOCK_PATH,
      'Verify Payment Details': expect.stringMatching(/^(succeeded|stopped)$/),
    });
    // of the four Catch rules from the Parallel to the release, the one taken names OutOfStock
    const caught = await page.$$eval(
      'g.edge.taken[data-from="Verify Payment And Reserve Stock#join"][data-to="Release Stock Of Rejected Order"]',
      (edges) => edges.map((e) => e.querySelector('text')?.textContent),
    );
    expect(caught).toEqual(['OutOfStock']);
  });

  it('opens a state and reads its input and output, with no card number on the page', async () => {
    await open(submitted.success ?? '', 'SUCCEEDED');
    await page.click('g.node[data-state="Verify Payment Details"]');
    await page.waitForSelector(
      '[data-testid=state-panel][data-state="Verify Payment Details"][data-status=succeeded]',
    );
    const output = JSON.parse((await page.textContent('[data-testid=state-output]')) ?? '');
    expect(output).toEqual({ paymentVerified: true, cardType: 'VISA', cardLast4: '1111' });

    await page.click('g.node[data-state="Charge Payment"]');
    await page.waitForSelector('[data-testid=state-panel][data-state="Charge Payment"]');
    await page.click(
      '[data-testid=events-table] tbody tr:has-text("TaskScheduled"):has-text("Charge Payment")',
    );
    const html = await page.content();
    // Charge Payment is sent the card's token (the intake API tokenized it), never the card.
    expect(html).toMatch(/tok_[a-z]{24}/);
    const digits = html.replace(/[\s-]/g, '');
    for (const order of Object.values(EXAMPLE_ORDERS))
      expect(digits).not.toContain(normalizeCardNumber(order.paymentDetails.cardNumber));

    await open(submitted.outOfStock ?? '', 'FAILED');
    await page.click('g.node[data-state="Reserve Stock"]');
    await page.waitForSelector('[data-testid=state-panel][data-state="Reserve Stock"][data-status=failed]');
    expect(await page.textContent('[data-testid=state-error]')).toContain('OutOfStock');
  });

  it('shows both rows of the Orders table, the stock left and both notifications', async () => {
    const orderIds = await Promise.all(
      ['success', 'outOfStock'].map((k) => (submitted[k] ?? '').split(':').at(-1) ?? ''),
    );
    // the tables are read every few seconds: wait for the rows as the orders ended
    await page.click('[data-tab=orders]');
    for (const [id, state] of [
      [orderIds[0], 'PAYMENT_PROCESSED'],
      [orderIds[1], 'OUT_OF_STOCK'],
    ])
      await page.waitForSelector(`[data-testid=orders-table] tr[data-order="${id}"]:has-text("${state}")`, {
        timeout: 15_000,
      });

    await page.click('[data-tab=stock]');
    // 25 in the fixture, one sold; the out-of-stock order's reservation was given back
    await page.waitForSelector(
      '[data-testid=stock-table] tr[data-item=item-c9f4x] td:nth-child(3):text-is("24")',
      {
        timeout: 15_000,
      },
    );
    expect(await page.textContent('tr[data-item=item-z0s7k] td:nth-child(3)')).toBe('0');

    await page.click('[data-tab=notifications]');
    for (const id of orderIds)
      await page.waitForSelector(`[data-testid=notifications-table] td:text-is("${id}")`, {
        timeout: 10_000,
      });
  });

  it('a fault switch on a Task: its next invocation fails, the Task retries it, the graph says so', async () => {
    await page.click('[data-testid=faults] .fault[data-function=chargePayment] input[type=checkbox]');
    await page.waitForSelector(
      '.fault[data-function=chargePayment] [data-testid=fault-pending]:text-is("1 pending")',
    );
    const arn = await submit('success');
    await page.waitForSelector(`[data-testid=execution-summary][data-arn="${arn}"][data-status=SUCCEEDED]`, {
      timeout: FINISH_MS,
    });
    const statuses = await graphStatuses();
    expect(statuses['Charge Payment']).toBe('retried');
    expect(await page.textContent('g.node[data-state="Charge Payment"] .retry-badge')).toBe('↻1');
    await page.click('g.node[data-state="Charge Payment"]');
    await page.waitForSelector(
      '.fault[data-function=chargePayment] [data-testid=fault-pending]:text-is("off")',
    );
    expect(pageErrors).toEqual([]);
  });

  it('a fault switch on a DynamoDB Task: throttled once, retried, the order still processed', async () => {
    const record = '.fault[data-state="Record Processed Order"]';
    expect(await page.getAttribute(record, 'data-service')).toBe('dynamodb');
    // every Task of the definition has a switch: the Lambda ones and the DynamoDB and SNS ones
    const switches = await page.$$eval('[data-testid=faults] .fault', (rows) =>
      rows.map((r) => (r as HTMLElement).dataset.service),
    );
    expect(new Set(switches)).toEqual(new Set(['lambda', 'dynamodb', 'sns']));
    await page.selectOption(`${record} [data-testid=fault-kind]`, {
      label: 'throttled (ProvisionedThroughputExceeded, retried)',
    });
    await page.click(`${record} input[type=checkbox]`);
    await page.waitForSelector(`${record} [data-testid=fault-pending]:text-is("1 pending")`);

    const arn = await submit('success');
    await page.waitForSelector(`[data-testid=execution-summary][data-arn="${arn}"][data-status=SUCCEEDED]`, {
      timeout: FINISH_MS,
    });
    expect(await graphStatuses()).toEqual({ ...SUCCESS_PATH, 'Record Processed Order': 'retried' });
    expect(await page.textContent('g.node[data-state="Record Processed Order"] .retry-badge')).toBe('↻1');
    // the failed attempt is in the events, with the error as Step Functions names it
    await page.waitForSelector(
      '[data-testid=events-table] tbody tr:has-text("TaskFailed"):has-text("Record Processed Order")',
    );
    await page.click('g.node[data-state="Record Processed Order"]');
    await page.waitForSelector(`${record} [data-testid=fault-pending]:text-is("off")`);
    expect(pageErrors).toEqual([]);
  });
});
