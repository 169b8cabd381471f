/**
 * `pnpm --filter @orders/local run race`: many concurrent orders for one unit of an item with little stock,
 * submitted through the local stack's intake API (`POST /orders`; each execution is named by the order id it
 * answers), then the reservation's invariants. Two runs:
 *   1. 200 orders with good cards against a stock of 5: exactly 5 succeed, the stock ends at 0, never below.
 *   2. the same, mixing declined cards and payment details that do not verify: whatever did not sell gave its
 *      stock back (stock after = stock before − units sold) and no unsold order still holds a reservation.
 * Prints a table per run and exits 1 when an invariant does not hold.
 *   RACE_ORDERS (default 200), RACE_STOCK (default 5)
 */
import { EXAMPLE_ORDERS, ORDER_STATES } from '@orders/shared-types';
import { startLocalStack } from '../src/index.js';
import { intSetting, progressLog } from './internal/cli-settings.js';
import { executionArnOf, waitForExecution } from './internal/executions.js';
import { localIntake, submitAccepted } from './internal/intake-orders.js';
import { ScriptItem } from './internal/inventory.js';
import { localClients } from './internal/local-clients.js';
import { scanOrders } from './internal/order-rows.js';
import { holdsReservation, stockProblem } from './internal/reservations.js';
import { runCli } from './internal/run-cli.js';

const ORDERS = intSetting('RACE_ORDERS', 200);
const STOCK = intSetting('RACE_STOCK', 5);

const progress = progressLog();

type Card = 'good' | 'declined' | 'notVerified';
const CARDS: Record<Card, object> = {
  good: EXAMPLE_ORDERS.success.paymentDetails,
  declined: EXAMPLE_ORDERS.paymentDeclined.paymentDetails,
  notVerified: EXAMPLE_ORDERS.notVerified.paymentDetails,
};

interface RaceResult {
  readonly label: string;
  readonly orders: number;
  readonly byCard: Record<Card, number>;
  readonly succeeded: number;
  readonly outOfStock: number;
  readonly declined: number;
  readonly notVerified: number;
  readonly otherwise: string[];
  readonly stockBefore: number;
  readonly stockAfter: number;
  readonly lowestStockSeen: number;
  readonly unitsSold: number;
  readonly reservationsHeld: number;
  readonly unsoldHoldingStock: number;
}

runCli(async () => {
  progress('starting the local stack');
  const stack = await startLocalStack({ quiet: true });
  const clients = localClients(stack.outputs, { maxSockets: ORDERS + 10 });
  const { ordersTableName, inventoryTableName, stateMachineArn } = stack.outputs;
  const intake = localIntake(stack.outputs);
  const results: RaceResult[] = [];
  try {
    const race = async (label: string, cardOf: (i: number) => Card): Promise<RaceResult> => {
      const run = Date.now().toString(36);
      const itemId = `race-${run}`;
      const item = new ScriptItem(clients.dynamodb, inventoryTableName, itemId);
      await item.seed(STOCK);
      const stockNow = () => item.stock();
      // Watch the stock while the orders run: it must never go below 0.
      let lowest = STOCK;
      let watching = true;
      const watcher = (async () => {
        while (watching) {
          lowest = Math.min(lowest, await stockNow());
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();

      progress(`${label}: ${ORDERS} concurrent orders of 1 × ${itemId} (stock ${STOCK})`);
      const cards = Array.from({ length: ORDERS }, (_, i) => cardOf(i));
      const outcomes = await Promise.all(
        cards.map(async (card, i) => {
          const orderId = `${itemId}-${i}`;
          const order = {
            orderId,
            orderContents: { items: [{ itemId, price: 10, itemDescription: 'Race item', quantity: 1 }] },
            orderTotal: 10,
            customerId: `c-race-${i}`,
            paymentDetails: CARDS[card],
          };
          // Keyed by the order id, so a retried POST (429, 5xx) can never submit the order twice.
          const accepted = await submitAccepted(intake, order, {
            idempotencyKey: orderId,
            retryForMs: 60_000,
          });
          const described = await waitForExecution(clients.sfn, executionArnOf(stateMachineArn, accepted), {
            intervalMs: 100,
            timeoutMs: 300_000,
          });
          return { card, status: described.status ?? '?', error: described.error, cause: described.cause };
        }),
      );
      watching = false;
      await watcher;
      lowest = Math.min(lowest, await stockNow());

      const rows = await scanOrders(clients.dynamodb, ordersTableName, `${itemId}-`);
      const sold = rows.filter((r) => r.State === ORDER_STATES.PAYMENT_PROCESSED);
      const holding = rows.filter(holdsReservation);
      const count = (f: (o: (typeof outcomes)[number]) => boolean) => outcomes.filter(f).length;
      return {
        label,
        orders: ORDERS,
        byCard: {
          good: cards.filter((c) => c === 'good').length,
          declined: cards.filter((c) => c === 'declined').length,
          notVerified: cards.filter((c) => c === 'notVerified').length,
        },
        succeeded: count((o) => o.status === 'SUCCEEDED' && o.card === 'good'),
        outOfStock: count((o) => o.error === 'OutOfStock'),
        declined: count((o) => o.status === 'SUCCEEDED' && o.card === 'declined'),
        notVerified: count((o) => o.error === 'PaymentDetailsRejected'),
        otherwise: outcomes
          .filter(
            (o) =>
              !(o.status === 'SUCCEEDED' || o.error === 'OutOfStock' || o.error === 'PaymentDetailsRejected'),
          )
          .map((o) => `${o.card}: ${o.status} ${o.error ?? ''} ${(o.cause ?? '').slice(0, 160)}`),
        stockBefore: STOCK,
        stockAfter: await stockNow(),
        lowestStockSeen: lowest,
        unitsSold: sold.length,
        reservationsHeld: holding.length,
        unsoldHoldingStock: holding.filter((r) => r.State !== ORDER_STATES.PAYMENT_PROCESSED).length,
      };
    };

    results.push(await race('run 1: good cards', () => 'good'));
    results.push(
      await race('run 2: good, declined and unverifiable cards', (i) =>
        i % 3 === 1 ? 'declined' : i % 3 === 2 ? 'notVerified' : 'good',
      ),
    );
  } finally {
    await stack.stop();
  }

  const violations: string[] = [];
  for (const r of results) {
    process.stdout.write(`\n${r.label}\n`);
    const lines: Array<[string, string | number]> = [
      [
        'orders (good / declined / not verified cards)',
        `${r.orders} (${r.byCard.good} / ${r.byCard.declined} / ${r.byCard.notVerified})`,
      ],
      ['succeeded (charged)', r.succeeded],
      ['out of stock', r.outOfStock],
      ['declined (stock given back)', r.declined],
      ['not verified (stock given back)', r.notVerified],
      ['stock before → after', `${r.stockBefore} → ${r.stockAfter}`],
      ['lowest stock seen', r.lowestStockSeen],
      ['reservations held (sold)', r.reservationsHeld],
      ['oversold', Math.max(0, r.unitsSold - r.stockBefore)],
    ];
    for (const [name, value] of lines) process.stdout.write(`  ${name.padEnd(48)} ${value}\n`);
    const expectedSold = Math.min(r.stockBefore, r.byCard.good);
    if (r.byCard.declined === 0 && r.succeeded !== expectedSold)
      violations.push(`${r.label}: ${r.succeeded} succeeded, expected exactly ${expectedSold}`);
    if (r.succeeded > r.stockBefore)
      violations.push(`${r.label}: ${r.succeeded} succeeded with a stock of ${r.stockBefore}`);
    const stock = stockProblem(r.stockBefore, r.stockAfter, r.unitsSold);
    if (stock !== undefined) violations.push(`${r.label}: ${stock}`);
    if (r.lowestStockSeen < 0) violations.push(`${r.label}: the stock went down to ${r.lowestStockSeen}`);
    if (r.unsoldHoldingStock > 0)
      violations.push(`${r.label}: ${r.unsoldHoldingStock} unsold orders still hold a reservation`);
    if (r.unitsSold !== r.succeeded)
      violations.push(`${r.label}: ${r.unitsSold} rows PAYMENT_PROCESSED, ${r.succeeded} charged`);
    if (r.otherwise.length > 0)
      violations.push(`${r.label}: unexpected outcomes: ${r.otherwise.slice(0, 5).join('; ')}`);
  }
  process.stdout.write(
    `\n${violations.length === 0 ? 'all invariants held' : violations.map((v) => `VIOLATION ${v}`).join('\n')}\n`,
  );
  if (violations.length > 0) process.exit(1);
});
