import { ORDER_STATES, SENSITIVE_FIELDS } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { countTransitions, newWorld, runScenario } from '../../scripts/lib/order-scenarios.js';
import { exampleOrder, transitionRows } from '../../scripts/lib/transitions.js';
import { orderWorkflow, PLACEHOLDER_REFS, STATE_NAMES } from '../../src/workflow/index.js';

// The rendered definition, executed on @orders/asl-engine against in-memory fakes of the Lambdas, the
// orders table and the topic: every path ends where it should and leaves the right record and message.
const definition = orderWorkflow(PLACEHOLDER_REFS).toAsl();
const CARD_NUMBER = '5192 7402 9672 1055';

function stateOf(world: ReturnType<typeof newWorld>, id: string): string | undefined {
  return (world.orders.get(id)?.State as { S: string } | undefined)?.S;
}

function noCardData(world: ReturnType<typeof newWorld>): void {
  const stored = JSON.stringify([...world.orders.values()]) + JSON.stringify(world.messages);
  expect(stored).not.toContain(CARD_NUMBER);
  expect(stored).not.toContain(CARD_NUMBER.replace(/ /g, ''));
  expect(stored).not.toContain('08/26');
}

describe('the order workflow, executed', () => {
  it('processes a 3-item order: charge, PAYMENT_PROCESSED record, notification with the state attribute', async () => {
    const r = await runScenario(definition, { name: 'ok', input: exampleOrder(3, 'order-1') });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toMatchObject({
      orderId: 'order-1',
      state: 'PAYMENT_PROCESSED',
      chargeId: 'ch_order-1',
    });
    expect(r.world.orders.get('order-1')).toMatchObject({
      State: { S: ORDER_STATES.PAYMENT_PROCESSED },
      OrderTotal: { N: '2250' },
      CardLast4: { S: '1055' },
      ChargeId: { S: 'ch_order-1' },
    });
    expect(r.world.messages).toHaveLength(1);
    expect(r.world.messages[0]!.attributes).toMatchObject({ state: { StringValue: 'PAYMENT_PROCESSED' } });
    expect(JSON.parse(r.world.messages[0]!.message as string)).toMatchObject({
      orderId: 'order-1',
      state: 'PAYMENT_PROCESSED',
      cardType: 'MASTERCARD',
      cardLast4: '1055',
    });
    noCardData(r.world);
    expect(countTransitions(r.history).standard).toBe(17);
  });

  it('uses the execution name as the order id when the input has none', async () => {
    const r = await runScenario(definition, { name: 'n', executionName: 'exec-42', input: exampleOrder(1) });
    expect(r.status).toBe('SUCCEEDED');
    expect([...r.world.orders.keys()]).toEqual(['exec-42']);
  });

  it('never charges a resubmitted order twice and ends with the recorded order', async () => {
    const world = newWorld();
    await runScenario(definition, { name: 'first', input: exampleOrder(3, 'order-2') }, world);
    const again = await runScenario(definition, { name: 'again', input: exampleOrder(3, 'order-2') }, world);
    expect(again.status).toBe('SUCCEEDED');
    expect(again.output).toEqual({
      orderId: 'order-2',
      state: 'PAYMENT_PROCESSED',
      chargeId: 'ch_order-2',
      duplicate: true,
    });
    expect(world.calls.filter((c) => /charge/.test(c.function))).toHaveLength(1);
    expect(world.messages).toHaveLength(1);
  });

  it('ends a resubmission of a declined order with the stored record, without charging again', async () => {
    const world = newWorld();
    const first = { name: 'first', input: exampleOrder(3, 'order-7'), declineCharge: true };
    await runScenario(definition, first, world);
    const again = await runScenario(definition, { name: 'again', input: exampleOrder(3, 'order-7') }, world);
    expect(again.status).toBe('SUCCEEDED');
    expect(again.output).toEqual({
      orderId: 'order-7',
      state: 'PAYMENT_FAILED',
      reason: 'The card was declined',
      duplicate: true,
    });
    expect(world.calls.filter((c) => /charge/.test(c.function))).toHaveLength(1);
  });

  it('fails a resubmission of a rejected order with DuplicateOrder', async () => {
    const world = newWorld();
    const first = { name: 'first', input: exampleOrder(3, 'order-3'), rejectPayment: 'expired' };
    await runScenario(definition, first, world);
    const again = await runScenario(definition, { name: 'again', input: exampleOrder(3, 'order-3') }, world);
    expect(again).toMatchObject({
      status: 'FAILED',
      error: 'DuplicateOrder',
      cause: 'Order order-3 is already recorded as PAYMENT_DETAILS_REJECTED; resubmit with a new orderId',
    });
    expect(world.messages).toHaveLength(1);
  });

  it('fails with DuplicateOrder when another execution records the order first (conditional write)', async () => {
    const world = newWorld();
    const racing = exampleOrder(1, 'order-4');
    // The lookup sees nothing, but the record exists by the time the write runs.
    let lookups = 0;
    world.orders.get = () => {
      lookups++;
      return undefined;
    };
    world.orders.set('order-4', { OrderId: { S: 'order-4' }, State: { S: 'PAYMENT_PROCESSED' } });
    const r = await runScenario(definition, { name: 'race', input: racing }, world);
    expect(lookups).toBe(1);
    expect(r).toMatchObject({
      status: 'FAILED',
      error: 'DuplicateOrder',
      cause: 'Order order-4 is already recorded; resubmit with a new orderId',
    });
    expect(world.calls.filter((c) => /charge/.test(c.function))).toHaveLength(1);
  });

  it('records and notifies a declined charge (PAYMENT_FAILED) and ends SUCCEEDED, as the original did', async () => {
    const r = await runScenario(definition, {
      name: 'declined',
      input: exampleOrder(3, 'order-d'),
      declineCharge: true,
    });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toMatchObject({
      orderId: 'order-d',
      state: 'PAYMENT_FAILED',
      reason: 'The card was declined',
    });
    expect(r.world.orders.get('order-d')).toMatchObject({
      State: { S: ORDER_STATES.PAYMENT_FAILED },
      Reason: { S: 'The card was declined' },
    });
    expect(r.world.orders.get('order-d')).not.toHaveProperty('ChargeId');
    expect(r.world.messages).toHaveLength(1);
    expect(r.world.messages[0]!.attributes).toMatchObject({ state: { StringValue: 'PAYMENT_FAILED' } });
    noCardData(r.world);
  });

  it.each([
    {
      name: 'rejected payment details',
      scenario: { rejectPayment: 'card expired' },
      state: ORDER_STATES.PAYMENT_DETAILS_REJECTED,
      error: 'PaymentDetailsRejected',
      cause: 'Payment details rejected: card expired',
    },
    {
      name: 'an item short of stock',
      scenario: { stock: { 'item-g7b2q': 0 } },
      state: ORDER_STATES.OUT_OF_STOCK,
      error: 'OutOfStock',
      cause: 'Item item-g7b2q (iPhone): 1 ordered, 0 in stock',
    },
    {
      name: 'more ordered than in stock (not only stock 0)',
      scenario: { stock: { 'item-c9f4x': 1 } },
      input: {
        ...exampleOrder(1, 'order-q'),
        orderContents: {
          items: [{ itemId: 'item-c9f4x', price: 1000, itemDescription: 'Macbook', quantity: 2 }],
        },
        orderTotal: 2000,
      },
      state: ORDER_STATES.OUT_OF_STOCK,
      error: 'OutOfStock',
      cause: 'Item item-c9f4x (Macbook): 2 ordered, 1 in stock',
    },
    {
      name: 'two lines of one item that together exceed its stock',
      scenario: { stock: { 'item-c9f4x': 5 } },
      input: {
        ...exampleOrder(1, 'order-lines'),
        orderContents: {
          items: [
            { itemId: 'item-c9f4x', price: 1000, itemDescription: 'Macbook', quantity: 3 },
            { itemId: 'item-c9f4x', price: 1000, itemDescription: 'Macbook', quantity: 3 },
          ],
        },
        orderTotal: 6000,
      },
      state: ORDER_STATES.OUT_OF_STOCK,
      error: 'OutOfStock',
      cause: 'Item item-c9f4x (Macbook): 6 ordered, 5 in stock',
    },
  ])('records, notifies and fails on $name', async ({ scenario, state, error, cause, input }) => {
    const order: Record<string, unknown> = input ?? exampleOrder(3, 'order-x');
    const id = String(order.orderId);
    const r = await runScenario(definition, { name: 'x', input: order, ...scenario });
    expect(r).toMatchObject({ status: 'FAILED', error, cause });
    expect(stateOf(r.world, id)).toBe(state);
    expect(r.world.orders.get(id)?.Reason).toEqual({ S: cause });
    expect(r.world.messages).toHaveLength(1);
    expect(r.world.messages[0]!.attributes).toMatchObject({ state: { StringValue: state } });
    expect(JSON.parse(r.world.messages[0]!.message as string)).toMatchObject({
      orderId: id,
      state,
      reason: cause,
    });
    noCardData(r.world);
  });

  it.each([
    ['a string', 'x'],
    ['null', null],
    ['an array', []],
    ['an object without orderContents', { customerId: 'c-1' }],
  ])(
    'rejects %s as input with InvalidOrder (recorded and notified, no evaluation error)',
    async (_, input) => {
      const r = await runScenario(definition, { name: 'odd-input', executionName: 'odd-input', input });
      expect(r).toMatchObject({ status: 'FAILED', error: 'InvalidOrder' });
      expect(stateOf(r.world, 'odd-input')).toBe(ORDER_STATES.INVALID_ORDER);
      expect(r.world.messages).toHaveLength(1);
    },
  );

  it('records and notifies an invalid order, then fails with InvalidOrder', async () => {
    const r = await runScenario(definition, { name: 'bad', input: { orderId: 'order-bad', customerId: 42 } });
    const reason = 'invalid order: paymentDetails: expected an object';
    expect(r).toMatchObject({ status: 'FAILED', error: 'InvalidOrder', cause: reason });
    expect(r.world.orders.get('order-bad')).toMatchObject({
      State: { S: ORDER_STATES.INVALID_ORDER },
      Reason: { S: reason },
      CustomerId: { S: '' },
      OrderTotal: { N: '0' },
      Items: { S: '[]' },
    });
    expect(r.world.messages).toHaveLength(1);
  });

  it('sends card data only to verify-payment and charge-payment', async () => {
    const r = await runScenario(definition, { name: 'ok', input: exampleOrder(3, 'order-5') });
    const withCard = r.world.calls.filter((c) => JSON.stringify(c.payload).includes(CARD_NUMBER));
    expect(withCard.map((c) => c.function)).toEqual([
      PLACEHOLDER_REFS.verifyPaymentFunctionArn,
      PLACEHOLDER_REFS.chargePaymentFunctionArn,
    ]);
    expect(SENSITIVE_FIELDS).toContain('paymentDetails.cardNumber');
  });

  it('enters the stock check once per item (INLINE map) and records before notifying', async () => {
    const r = await runScenario(definition, { name: 'ok', input: exampleOrder(3, 'order-6') });
    const entered = r.history
      .filter((e) => e.type.endsWith('StateEntered'))
      .map((e) => (e.stateEnteredEventDetails as { name: string }).name);
    expect(entered.filter((n) => n === STATE_NAMES.enoughStock)).toHaveLength(3);
    expect(entered.indexOf(STATE_NAMES.checkExisting)).toBeLessThan(
      entered.indexOf(STATE_NAMES.chargePayment),
    );
    expect(entered.indexOf(STATE_NAMES.recordProcessed)).toBeLessThan(
      entered.indexOf(STATE_NAMES.notifyProcessed),
    );
  });
});

describe('transition counts (definition --stats)', () => {
  it('counts every path of ours and of the original', async () => {
    const rows = await transitionRows();
    expect(
      rows.map((r) => [r.path, r.ours.standard, r.original?.standard, r.original?.expressChildren]),
    ).toEqual([
      ['Processed, 3 items', 17, 12, 3],
      ['Processed, 1 item', 13, 10, 1],
      ['Payment declined (PAYMENT_FAILED), 3 items', 17, 12, 3],
      ['Payment details rejected', 10, 5, 0],
      ['Out of stock (1 of 3 items)', 17, 10, 3],
      ['Invalid order (a Lambda throws InvalidOrder)', 9, 4, 0],
      ['Resubmitted processed order, 3 items', 4, 12, 3],
    ]);
  });
});
