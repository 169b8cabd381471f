/**
 * `pnpm --filter @orders/console screenshot`: redraws docs/console.png, the picture at the top of the
 * root README. Starts the local stack with the console, sends one example order down each path from the
 * page (one with a Charge Payment fault, so a retry shows), opens the out-of-stock one and its Reserve
 * Stock state, and saves the window.
 */
import { fileURLToPath } from 'node:url';
import { startLocalStack } from '@orders/local';
import { launchChromium } from './lib/chromium.js';

const OUT = fileURLToPath(new URL('../../../docs/console.png', import.meta.url));

const stack = await startLocalStack({ quiet: true, console: true });
const browser = await launchChromium({ width: 1500, height: 920 });
try {
  const page = await browser.context.newPage();
  await page.goto(stack.outputs.consoleUrl ?? '');
  await page.waitForSelector('body[data-graph-ready=true]');
  const submit = async (example: string) => {
    const before = await page.evaluate(() => window.location.hash);
    await page.selectOption('[data-testid=example-select]', example);
    await page.click('[data-testid=submit-order]');
    await page.waitForFunction((old) => window.location.hash !== old, before);
    const arn = await page.evaluate(() => decodeURIComponent(window.location.hash.slice('#exec='.length)));
    await page.waitForSelector(
      `[data-testid=execution-summary][data-arn="${arn}"]:not([data-status=RUNNING])`,
      {
        timeout: 60_000,
      },
    );
    return arn;
  };
  await submit('success');
  await submit('notVerified');
  await page.click('.fault[data-function=chargePayment] input[type=checkbox]');
  await page.waitForSelector(
    '.fault[data-function=chargePayment] [data-testid=fault-pending]:text-is("1 pending")',
  );
  await submit('paymentDeclined');
  await submit('successWithQuantities');
  const outOfStock = await submit('outOfStock');
  await page.click(`tr[data-arn="${outOfStock}"]`);
  await page.click('g.node[data-state="Reserve Stock"]');
  await page.waitForSelector('[data-testid=notifications-table] tr:nth-child(5)', { timeout: 15_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: OUT });
  process.stdout.write(`wrote ${OUT}\n`);
} finally {
  await browser.close();
  await stack.stop();
}
