import type { HistoryEvent } from '@aws-sdk/client-sfn';
import {
  cardLast4,
  ERROR_NAMES,
  EXAMPLE_ORDERS,
  normalizeCardNumber,
  ORDER_STATES,
  type OrderStatus,
  TEST_CARDS,
} from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import {
  describeFindings,
  NotificationTimeoutError,
  scanForCardData,
  scanTable,
  waitForLogLines,
} from '../../src/index.js';
import { e2eContext } from '../support/e2e-context.js';
import { expectReadableReason } from '../support/expect-readable.js';
import { expectStates } from '../support/expect-states.js';
import { expectStock } from '../support/stock.js';
import { CARD_DATA_REFUSED, STATES } from '../support/workflow-states.js';

const ctx = e2eContext();

/**
 * Every card number this suite submits, as typed and as bare digits: a check beside the scanner that does
 * not depend on its rules (a number the scanner would not take for a card still must not come back).
 */
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

/** What GET /orders/{id} may show: the row's summary, the card as type and last four only. */
const STATUS_FIELDS = [
  'orderId',
  'state',
  'reason',
  'customerId',
  'orderTotal',
  'items',
  'card',
  'chargeId',
  'createdAt',
  'updatedAt',
];

/** `#<id> <type> <state name>`: a history event as a person finds it in the console. */
function eventLabel(event: HistoryEvent): string {
  const name = event.stateEnteredEventDetails?.name ?? event.stateExitedEventDetails?.name;
  return [`#${event.id}`, event.type, name].filter(Boolean).join(' ');
}

describe('scenario 8: the card number appears nowhere', () => {
  const apiOrders: string[] = [];

  it.each(PATHS)('keeps the card out of what the $label path leaves behind', async ({ example, state }) => {
    // Items of its own: a deployed stack's fixture stock is not used up by repeated runs.
    const { order, orderId } = await ctx.stockedOrder(example);
    // Sanity: the scan sees the card in what is submitted (else the checks below could not fail).
    expect(scanForCardData(order).map((f) => f.kind)).toEqual(['card-number', 'expiry']);

    const execution = await ctx.submit(order);
    apiOrders.push(orderId);
    const row = await ctx.orderRow(orderId);
    const notification = await ctx.notification(orderId);

    // The outcome is the expected one (a card check on an order that went nowhere would prove nothing).
    expect(row?.State).toBe(state);
    expect(notification.message).toMatchObject({ orderId, state });
    // The workflow ran on the card-free order: a token, the brand and the last four in place of the card.
    const last4 = cardLast4(example.paymentDetails.cardNumber);
    expect(execution.input).toEqual({
      orderId,
      // As the API parsed it: every line's quantity filled in.
      orderContents: { items: order.orderContents.items.map((item) => ({ quantity: 1, ...item })) },
      orderTotal: order.orderTotal,
      customerId: order.customerId,
      payment: {
        token: expect.stringMatching(/^tok_[a-z]+$/),
        cardType: example.paymentDetails.cardType,
        cardLast4: last4,
      },
    });

    // GET /orders/{id}: the card as its type and last four digits, nothing more of it.
    const status = await ctx.intake.status(orderId);
    expect(status.status, status.text).toBe(200);
    const body = status.body as OrderStatus;
    expect(body).toMatchObject({ orderId, state });
    expect(
      Object.keys(body).filter((key) => !STATUS_FIELDS.includes(key)),
      'fields beyond the summary',
    ).toEqual([]);
    // Shown when the row has it (a processed or declined order's row does: scenarios 1 and 4).
    expect(body.card).toEqual(
      row?.CardLast4 === undefined ? undefined : { type: example.paymentDetails.cardType, last4 },
    );
    expect(scanForCardData(status.text), 'card data in GET /orders/{id}').toEqual([]);
    expect(status.text, 'the token in GET /orders/{id}').not.toMatch(/tok_/);

    // Everything the order left behind (executions, history, row, notification, its Lambda lines).
    await ctx.expectNoCardData(orderId);
    const traces = await ctx.traces(orderId);
    expect(cardNumbersIn(JSON.stringify(traces)), 'a submitted card number in the traces').toEqual([]);
  });

  it('refuses a raw order sent straight to StartExecution as InvalidOrder before anything is recorded', async () => {
    const { order, orderId, itemIds } = await ctx.stockedOrder(EXAMPLE_ORDERS.success);
    const before = await ctx.stock(itemIds);

    // The old way in: the order with its paymentDetails as the execution's input.
    const execution = await ctx.startDirectly(order, 'raw-card');

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe(ERROR_NAMES.InvalidOrder);
    expectReadableReason(execution.cause);
    expectStates(execution.states, { exactly: CARD_DATA_REFUSED });

    // Refused before the claim: no row, nothing to show, nothing reserved, charged or told.
    expect(await ctx.orderRow(orderId), 'an Orders row for the refused order').toBeUndefined();
    expect((await ctx.intake.status(orderId)).status, 'GET /orders/{id} of the refused order').toBe(404);
    expectStock(await ctx.stock(itemIds), before, 'stock after a refused order');
    if (ctx.control) {
      // The workflow's functions (the intake's own lines are its GET above): none ran for the order.
      for (const name of Object.values(ctx.target.outputs.functionNames)) {
        const lines = (await ctx.control.lambdaLogs(name)).filter((line) => line.includes(orderId));
        expect(lines, `${name}'s lines about the refused order`).toEqual([]);
      }
    }
    await expect(
      ctx.notifications(orderId, { timeoutMs: 3_000 }),
      'a notification about the refused order',
    ).rejects.toThrow(NotificationTimeoutError);

    // Step Functions keeps the input by itself (ExecutionStarted, and the first state's entered event);
    // the guard passes nothing on, so no other event holds the card.
    const [started] = execution.history;
    const firstEntered = execution.history.find((e) => e.stateEnteredEventDetails !== undefined);
    expect(firstEntered?.stateEnteredEventDetails?.name).toBe(STATES.cardInInput);
    const holding = execution.history.filter((event) => scanForCardData(event).length > 0);
    expect(holding.map(eventLabel), 'history events holding card data').toEqual(
      [started, firstEntered].map((e) => eventLabel(e as HistoryEvent)),
    );
    expect(
      scanForCardData({ output: execution.description.output, cause: execution.cause }),
      'card data in the execution output or cause',
    ).toEqual([]);
  });

  it('leaves no card data in any row of the Orders table', async () => {
    const rows = await scanTable(ctx.clients.dynamodb, ctx.target.outputs.ordersTableName);
    expect(rows.length).toBeGreaterThanOrEqual(PATHS.length);
    const findings = scanForCardData(rows, 'rows');
    expect(findings.length, `card data in the Orders table:\n${describeFindings(findings)}`).toBe(0);
  });

  it('leaves no card data in any Lambda log line', async () => {
    // On AWS the lines reach CloudWatch Logs some seconds late: wait until every order shows up.
    const lines = await waitForLogLines(ctx.logs, (all) =>
      apiOrders.every((id) => all.some((l) => l.includes(id))),
    );
    const missing = apiOrders.filter((id) => !lines.some((line) => line.includes(id)));
    expect(missing, 'orders missing from the Lambda logs').toEqual([]);
    // Every function ran for these orders (else an empty log would pass).
    for (const name of Object.values(ctx.target.outputs.functionNames)) {
      expect((await ctx.logs.lambdaLogs(name)).length, `log lines of ${name}`).toBeGreaterThan(0);
    }
    const findings = scanForCardData(lines, 'lines');
    expect(findings.length, `Lambda log lines holding card data:\n${describeFindings(findings)}`).toBe(0);
    expect(
      lines.filter((line) => cardNumbersIn(line).length > 0).length,
      'Lambda log lines holding a submitted card number',
    ).toBe(0);
  });
});
