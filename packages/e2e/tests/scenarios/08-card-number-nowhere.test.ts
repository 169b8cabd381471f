import { EXAMPLE_ORDERS, normalizeCardNumber, ORDER_STATES, TEST_CARDS } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import {
  type FinishedExecution,
  historyOutputs,
  type ReceivedNotification,
  scanTable,
  waitForLogLines,
} from '../../src/index.js';
import { e2eContext } from '../support/e2e-context.js';

const ctx = e2eContext();

/** Every card number this suite submits, as typed and as bare digits. */
const CARD_NUMBERS = [
  ...new Set(
    [
      ...Object.values(EXAMPLE_ORDERS).map((o) => o.paymentDetails.cardNumber),
      ...TEST_CARDS.map((c) => c.cardNumber),
    ].flatMap((number) => [number, normalizeCardNumber(number)]),
  ),
];

function cardNumbersIn(text: string): string[] {
  return CARD_NUMBERS.filter((number) => text.includes(number));
}

// One order per path that handles payment details: processed, declined, details rejected.
const PATHS = [
  { label: 'processed', example: EXAMPLE_ORDERS.success, state: ORDER_STATES.PAYMENT_PROCESSED },
  { label: 'declined', example: EXAMPLE_ORDERS.paymentDeclined, state: ORDER_STATES.PAYMENT_FAILED },
  { label: 'rejected', example: EXAMPLE_ORDERS.notVerified, state: ORDER_STATES.PAYMENT_DETAILS_REJECTED },
] as const;

describe('scenario 8: the card number appears nowhere', () => {
  const runs: Array<{ orderId: string; execution: FinishedExecution; notification: ReceivedNotification }> =
    [];

  it.each(PATHS)('keeps the card out of what the $label path leaves behind', async ({ example, state }) => {
    // Items of its own: a deployed stack's fixture stock is not used up by repeated runs.
    const { order, orderId } = await ctx.stockedOrder(example);
    const execution = await ctx.submit(order, `card-nowhere-${state}`);
    const row = await ctx.orderRow(orderId);
    const notification = await ctx.notification(orderId);
    runs.push({ orderId, execution, notification });

    // The outcome is the expected one (a card check on an order that went nowhere would prove nothing).
    expect(row?.State).toBe(state);
    expect(notification.message).toMatchObject({ orderId, state });
    expect(cardNumbersIn(JSON.stringify(row)), 'card number in the order row').toEqual([]);
    expect(cardNumbersIn(notification.body), 'card number in the notification').toEqual([]);
    expect(
      cardNumbersIn(historyOutputs(execution.history).join('\n')),
      'card number in task results',
    ).toEqual([]);
    // Sanity: the card did go in (else the checks above could not fail).
    expect(cardNumbersIn(execution.history[0]?.executionStartedEventDetails?.input ?? '')).toContain(
      order.paymentDetails.cardNumber,
    );
  });

  it('leaves no card number in any row of the Orders table', async () => {
    const rows = await scanTable(ctx.clients.dynamodb, ctx.target.outputs.ordersTableName);
    expect(rows.length).toBeGreaterThanOrEqual(PATHS.length);
    expect(rows.filter((row) => cardNumbersIn(JSON.stringify(row)).length > 0)).toEqual([]);
  });

  it('leaves no card number in any Lambda log line', async () => {
    const orderIds = runs.map((run) => run.orderId);
    // On AWS the lines reach CloudWatch Logs some seconds late: wait until every order shows up.
    const lines = await waitForLogLines(ctx.logs, (all) =>
      orderIds.every((id) => all.some((l) => l.includes(id))),
    );
    const missing = orderIds.filter((id) => !lines.some((line) => line.includes(id)));
    expect(missing, 'orders missing from the Lambda logs').toEqual([]);
    // Every function ran for these orders (else an empty log would pass).
    for (const name of Object.values(ctx.target.outputs.functionNames)) {
      expect((await ctx.logs.lambdaLogs(name)).length, `log lines of ${name}`).toBeGreaterThan(0);
    }
    expect(
      lines.filter((line) => cardNumbersIn(line).length > 0),
      'Lambda log lines holding a card number',
    ).toEqual([]);
  });
});
