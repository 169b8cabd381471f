import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import {
  ERROR_NAMES,
  EXAMPLE_ORDERS,
  executionArnOf,
  type IntakeError,
  normalizeCardNumber,
  ORDER_STATES,
} from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { scanForCardData } from '../../src/index.js';
import { e2eContext, type StockedOrder } from '../support/e2e-context.js';
import { expectReadableReason } from '../support/expect-readable.js';
import { expectStates } from '../support/expect-states.js';
import { orderLogEntries } from '../support/lambda-log.js';
import { expectReservationMarks, expectStock } from '../support/stock.js';
import { CLAIM, REJECTION, STATES, VERIFY_AND_RESERVE } from '../support/workflow-states.js';

const ctx = e2eContext();

type Lines = { orderContents: { items: ReadonlyArray<Record<string, unknown>> } };
type Order = Record<string, unknown> & Lines & { paymentDetails: Record<string, unknown> };

function missingFields(order: Order) {
  const { customerId: _customerId, ...rest } = order;
  const { name: _name, ...paymentDetails } = order.paymentDetails;
  return { ...rest, paymentDetails };
}

function lineOfNoUnits<T extends Lines>(order: T): T {
  const [first, ...rest] = order.orderContents.items;
  return { ...order, orderContents: { items: [{ ...first, quantity: 0 }, ...rest] } };
}

// Card values the API must refuse without echoing them (test inputs: TEST_CARDS' first number, one digit
// made a letter; an expiry in a layout the schema does not take).
const BAD_CARD_NUMBER = '4111 1111 1111 111x';
const BAD_EXPIRY = '12/2034';

const API_CASES = [
  {
    label: 'missing fields',
    build: missingFields,
    // Every offending field is named, with what was expected.
    issues: { customerId: /expected/, 'paymentDetails.name': /expected/ },
  },
  {
    label: 'a total that does not add up',
    build: (order: Order) => ({ ...order, orderTotal: 2000 }),
    issues: { orderTotal: /2250/ },
  },
  {
    label: 'a line of no units',
    build: lineOfNoUnits,
    issues: { 'orderContents.items[0].quantity': /expected a positive whole number/ },
  },
  {
    label: 'a card number that is not one',
    build: (order: Order) => ({
      ...order,
      paymentDetails: { ...order.paymentDetails, cardNumber: BAD_CARD_NUMBER },
    }),
    issues: { 'paymentDetails.cardNumber': /expected digits/ },
  },
  {
    label: 'an expiry in another layout',
    build: (order: Order) => ({
      ...order,
      paymentDetails: { ...order.paymentDetails, expiration: BAD_EXPIRY },
    }),
    issues: { 'paymentDetails.expiration': /expected MM\/YY/ },
  },
] as const;

describe('scenario 5: invalid input', () => {
  it.each(API_CASES)(
    'the API answers $label with 400 naming the field, echoes no card value and starts nothing',
    async ({ build, issues }) => {
      const { order, orderId, itemIds } = await ctx.stockedOrder(EXAMPLE_ORDERS.success);
      const before = await ctx.stock(itemIds);
      const body = build(order as unknown as Order) as Order;

      const answer = await ctx.intake.submit(body);

      expect(answer.status, answer.text).toBe(400);
      const error = answer.body as IntakeError;
      expect(error.error).toBe(ERROR_NAMES.InvalidOrder);
      const named = Object.fromEntries((error.issues ?? []).map((issue) => [issue.path, issue.message]));
      expect(Object.keys(named).sort(), `issues: ${answer.text}`).toEqual(Object.keys(issues).sort());
      for (const [path, message] of Object.entries(issues)) expect(named[path], path).toMatch(message);
      expectReadableReason(error.message);

      // No card value comes back: not the number (valid or not, as sent or as its digits), not the expiry.
      const { cardNumber, expiration } = body.paymentDetails as { cardNumber: string; expiration: string };
      expect(answer.text, 'the answer echoes the card number').not.toContain(cardNumber);
      expect(answer.text, 'the answer echoes the card digits').not.toContain(
        normalizeCardNumber(cardNumber).replace(/\D/g, ''),
      );
      expect(answer.text, 'the answer echoes the expiry').not.toContain(expiration);
      expect(scanForCardData(answer.text), 'card data in the answer').toEqual([]);

      // Nothing was started: no execution under the order's id, no row, the stock as it was.
      await expect(
        ctx.clients.sfn.send(
          new DescribeExecutionCommand({
            executionArn: executionArnOf(ctx.target.outputs.stateMachineArn, orderId),
          }),
        ),
        'an execution was started for the refused order',
      ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
      expect(await ctx.orderRow(orderId), 'a row for the refused order').toBeUndefined();
      expect((await ctx.intake.status(orderId)).status, 'GET /orders/{id} of the refused order').toBe(404);
      expectStock(await ctx.stock(itemIds), before, 'stock after a refused order');
    },
  );
});

type CardFreeOrder = Record<string, unknown> & Lines;

/** A card-free order as the intake API hands it to the workflow, with a token the vault never issued. */
function cardFree(order: StockedOrder['order']): CardFreeOrder {
  const { paymentDetails: _card, ...rest } = order;
  return { ...rest, payment: { token: 'tok_neverissuedbythevaultxyz', cardType: 'VISA', cardLast4: '1111' } };
}

const WORKFLOW_CASES = [
  {
    label: 'a missing customer id',
    build: (order: CardFreeOrder): CardFreeOrder => {
      const { customerId: _customerId, ...rest } = order;
      return rest as CardFreeOrder;
    },
    causes: [/customerId/],
    // verify-payment refuses the order; its items are valid, so Reserve Stock, beside it, may have
    // taken them first (see ExpectedReservation): whatever it took, the rejection gave back.
    reserved: 'either',
  },
  {
    label: 'a total that does not add up',
    build: (order: CardFreeOrder) => ({ ...order, orderTotal: 2000 }),
    causes: [/orderTotal/, /2250/],
    reserved: 'either',
  },
  {
    label: 'a line of no units',
    build: (order: CardFreeOrder) => lineOfNoUnits(order),
    causes: [/quantity/, /expected a positive whole number/],
    // Reserve Stock refuses the lines too: nothing is ever reserved, the release only marks the order.
    reserved: false,
  },
] as const;

// The API refuses these; the workflow checks its input again (defence in depth against a client that
// starts executions itself): a card-free order started directly must still be rejected, recorded and told.
describe('scenario 5: invalid input the workflow itself refuses', () => {
  it.each(WORKFLOW_CASES)(
    'rejects a card-free order with $label, started directly, with a clear error and charges nothing',
    async ({ build, causes, reserved }) => {
      const { order, orderId, itemIds, ordered } = await ctx.stockedOrder(EXAMPLE_ORDERS.success);
      const before = await ctx.stock(itemIds);

      const execution = await ctx.startDirectly(build(cardFree(order)), 'invalid-input');

      expect(execution.status).toBe('FAILED');
      expect(execution.error).toBe(ERROR_NAMES.InvalidOrder);
      for (const cause of causes) expect(execution.cause).toMatch(cause);
      // The path before the wording: a rejection that was never recorded is the bigger defect.
      expectStates(execution.states, {
        exactly: [...CLAIM, ...VERIFY_AND_RESERVE, ...REJECTION],
        order: [
          [STATES.verifyAndReserve, STATES.releaseRejected],
          [STATES.releaseRejected, STATES.recordRejected],
          [STATES.recordRejected, STATES.notifyRejected],
          [STATES.notifyRejected, STATES.orderRejected],
        ],
      });
      expectReadableReason(execution.cause);
      expect(execution.states).not.toContain(STATES.chargePayment);

      const row = await ctx.orderRow(orderId);
      expect(row).toMatchObject({
        OrderId: orderId,
        State: ORDER_STATES.INVALID_ORDER,
        Reason: execution.cause,
      });
      expect(row?.ChargeId).toBeUndefined();

      expectStock(await ctx.stock(itemIds), before, 'stock after an invalid order');
      expectReservationMarks(row, { reserved, released: true, items: ordered });

      const notification = await ctx.notification(orderId);
      expect(notification.message).toMatchObject({
        orderId,
        state: ORDER_STATES.INVALID_ORDER,
        reason: execution.cause,
      });

      if (ctx.control) {
        const logs = await orderLogEntries(
          ctx.control,
          ctx.target.outputs.functionNames.chargePayment,
          orderId,
        );
        expect(logs, 'charge-payment was never invoked for this order').toEqual([]);
      }
      await ctx.expectNoCardData(orderId);
    },
  );
});
