import { ERROR_NAMES, ORDER_STATES, SENSITIVE_FIELDS } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import {
  countTransitions,
  newWorld,
  type RunResult,
  runScenario,
  type Scenario,
  type World,
} from '../../scripts/lib/order-scenarios.js';
import {
  asOriginalInput,
  EXAMPLE_TOKEN,
  exampleOrder,
  transitionRows,
} from '../../scripts/lib/transitions.js';
import { orderWorkflow, PLACEHOLDER_REFS, STATE_NAMES } from '../../src/workflow/index.js';

// The rendered definition, executed on @orders/asl-engine against in-memory fakes of the Lambdas (reserve-
// and release-stock on the world's stock and order rows), the orders table and the topic: every path ends
// where it should, leaves the right record, message and stock, and gives back exactly what it reserved.
const definition = orderWorkflow(PLACEHOLDER_REFS).toAsl();
const N = STATE_NAMES;
const CARD_NUMBER = '5192 7402 9672 1055';
const STOCK = { 'item-c9f4x': 25, 'item-g7b2q': 120, 'item-p4c97': 40 } as const;
/** The stock after one exampleOrder(3) is sold. */
const SOLD_ONE_EACH = { 'item-c9f4x': 24, 'item-g7b2q': 119, 'item-p4c97': 39 };

/** A world whose inventory holds STOCK (and `extra`). */
function stocked(extra: Record<string, number> = {}): World {
  const world = newWorld();
  Object.assign(world.stock, STOCK, extra);
  return world;
}

async function run(
  scenario: Omit<Scenario, 'name'> & { name?: string },
  world = stocked(),
): Promise<RunResult> {
  return runScenario(definition, { name: 'run', ...scenario }, world);
}

/** The order row's attributes as plain values (`{ S: 'x' }` → 'x'). */
function row(world: World, id: string): Record<string, string> | undefined {
  const item = world.orders.get(id);
  if (item === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(item).map(([k, v]) => [k, (v as { S?: string; N?: string }).S ?? (v as { N: string }).N]),
  );
}

const callsTo = (world: World, arn: string) => world.calls.filter((c) => c.function === arn);
const reserves = (world: World) => callsTo(world, PLACEHOLDER_REFS.reserveStockFunctionArn);
const releases = (world: World) => callsTo(world, PLACEHOLDER_REFS.releaseStockFunctionArn);
const charges = (world: World) => callsTo(world, PLACEHOLDER_REFS.chargePaymentFunctionArn);

function entered(r: RunResult): string[] {
  return r.history
    .filter((e) => e.type.endsWith('StateEntered'))
    .map((e) => (e.stateEnteredEventDetails as { name: string }).name);
}

function noCardData(world: World): void {
  const stored = JSON.stringify([...world.orders.values()]) + JSON.stringify(world.messages);
  expect(stored).not.toContain(CARD_NUMBER);
  expect(stored).not.toContain(CARD_NUMBER.replace(/ /g, ''));
  expect(stored).not.toContain('08/26');
}

/** The stock is as before, and the row says it was reserved (or not) and given back exactly once. */
function expectReleased(r: RunResult, id: string, { reserved }: { reserved: boolean }): void {
  expect(r.world.stock).toEqual(STOCK);
  expect(releases(r.world)).toHaveLength(1);
  const record = row(r.world, id)!;
  expect(record.ReleasedAt).toEqual(expect.any(String));
  expect(record.ReservationExpiresAt).toBeUndefined();
  if (reserved) expect(record.ReservedAt).toEqual(expect.any(String));
  else expect(record.ReservedAt).toBeUndefined();
}

describe('the processed path', () => {
  it('claims, reserves, charges, records PAYMENT_PROCESSED and notifies a 3-item order in 8 transitions', async () => {
    const r = await run({ input: exampleOrder(3, 'order-1') });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toMatchObject({
      orderId: 'order-1',
      state: 'PAYMENT_PROCESSED',
      chargeId: 'ch_order-1',
    });
    expect(row(r.world, 'order-1')).toMatchObject({
      State: ORDER_STATES.PAYMENT_PROCESSED,
      OrderTotal: '2250',
      CardType: 'MASTERCARD',
      CardLast4: '1055',
      ChargeId: 'ch_order-1',
      ReservedAt: expect.any(String),
      ExecutionId: expect.stringMatching(/:exec-run$/),
    });
    // Sold: the reservation stays taken, nothing is released, the abandoned-reservation mark is gone.
    expect(row(r.world, 'order-1')).not.toHaveProperty('ReleasedAt');
    expect(row(r.world, 'order-1')).not.toHaveProperty('ReservationExpiresAt');
    expect(r.world.stock).toEqual(SOLD_ONE_EACH);
    expect(reserves(r.world)).toHaveLength(1);
    expect(charges(r.world)).toHaveLength(1);
    expect(releases(r.world)).toHaveLength(0);
    expect(r.world.messages).toHaveLength(1);
    expect(r.world.messages[0]!.attributes).toMatchObject({
      state: { StringValue: 'PAYMENT_PROCESSED' },
      outcome: { StringValue: 'PROCESSED' },
    });
    expect(JSON.parse(r.world.messages[0]!.message as string)).toMatchObject({
      orderId: 'order-1',
      state: 'PAYMENT_PROCESSED',
      chargeId: 'ch_order-1',
      cardType: 'MASTERCARD',
      cardLast4: '1055',
    });
    noCardData(r.world);
    expect(countTransitions(r.history).standard).toBeLessThanOrEqual(8);
    expect(entered(r)).toEqual([
      N.cardInInput,
      N.claimOrder,
      N.verifyAndReserve,
      N.verifyPayment,
      N.reserveStock,
      N.chargePayment,
      N.recordProcessed,
      N.notifyProcessed,
    ]);
  });

  it('takes 8 transitions for one item too (no per-item states)', async () => {
    const r = await run({ input: exampleOrder(1, 'order-one') });
    expect(r.status).toBe('SUCCEEDED');
    expect(countTransitions(r.history).standard).toBeLessThanOrEqual(8);
    expect(r.world.stock).toEqual({ ...STOCK, 'item-c9f4x': 24 });
  });

  it('reserves the lines of one item added up, once, and records what it reserved', async () => {
    const input = {
      ...exampleOrder(1, 'order-lines'),
      orderContents: {
        items: [
          { itemId: 'item-c9f4x', price: 1000, itemDescription: 'Macbook', quantity: 2 },
          { itemId: 'item-g7b2q', price: 500, itemDescription: 'iPhone' },
          { itemId: 'item-c9f4x', price: 1000, itemDescription: 'Macbook', quantity: 3 },
        ],
      },
      orderTotal: 5500,
    };
    const r = await run({ input });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.world.stock).toEqual({ ...STOCK, 'item-c9f4x': 20, 'item-g7b2q': 119 });
    expect(JSON.parse(row(r.world, 'order-lines')!.ReservedItems!)).toEqual([
      { itemId: 'item-c9f4x', quantity: 5 },
      { itemId: 'item-g7b2q', quantity: 1 },
    ]);
    // The record keeps every line as ordered.
    expect(JSON.parse(row(r.world, 'order-lines')!.Items!)).toHaveLength(3);
  });

  it('uses the execution name as the order id when the input has none', async () => {
    const r = await run({ executionName: 'exec-42', input: exampleOrder(1) });
    expect(r.status).toBe('SUCCEEDED');
    expect([...r.world.orders.keys()]).toEqual(['exec-42']);
    expect(reserves(r.world)[0]!.payload).toMatchObject({ orderId: 'exec-42' });
  });

  it('sends the token, never a card, and only to verify-payment and charge-payment', async () => {
    const r = await run({ input: exampleOrder(3, 'order-5') });
    const withToken = r.world.calls.filter((c) => JSON.stringify(c.payload).includes(EXAMPLE_TOKEN.token));
    expect(withToken.map((c) => c.function).sort()).toEqual(
      [PLACEHOLDER_REFS.verifyPaymentFunctionArn, PLACEHOLDER_REFS.chargePaymentFunctionArn].sort(),
    );
    expect(r.world.calls.filter((c) => JSON.stringify(c.payload).includes('paymentDetails'))).toEqual([]);
  });

  it('refuses an input that carries the card (InvalidOrder) before anything is recorded, charged or sent', async () => {
    const r = await run({ input: asOriginalInput(exampleOrder(3, 'order-raw')) });
    expect(r).toMatchObject({ status: 'FAILED', error: ERROR_NAMES.InvalidOrder });
    expect(r.cause).toContain('intake API');
    expect(entered(r)).toEqual([N.cardInInput, N.cardDataRefused]);
    expect(r.world.orders.size).toBe(0);
    expect(r.world.calls).toEqual([]);
    expect(r.world.messages).toEqual([]);
    // The card stays in the execution's input (Step Functions keeps it) and the guard's own input, nowhere else.
    const withCard = r.history.filter((e) => JSON.stringify(e).includes(CARD_NUMBER)).map((e) => e.type);
    expect(withCard).toEqual(['ExecutionStarted', 'ChoiceStateEntered']);
    expect(SENSITIVE_FIELDS).toContain('paymentDetails.cardNumber');
  });
});

describe('the exits that do not sell give the stock back', () => {
  it('records and notifies a declined charge (PAYMENT_FAILED), releases once and ends SUCCEEDED', async () => {
    const r = await run({ input: exampleOrder(3, 'order-d'), declineCharge: true });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toMatchObject({
      orderId: 'order-d',
      state: 'PAYMENT_FAILED',
      reason: 'The card was declined',
    });
    expect(row(r.world, 'order-d')).toMatchObject({
      State: ORDER_STATES.PAYMENT_FAILED,
      Reason: 'The card was declined',
      CardLast4: '1055',
    });
    expect(row(r.world, 'order-d')).not.toHaveProperty('ChargeId');
    expectReleased(r, 'order-d', { reserved: true });
    expect(r.world.messages).toHaveLength(1);
    expect(r.world.messages[0]!.attributes).toMatchObject({
      state: { StringValue: 'PAYMENT_FAILED' },
      outcome: { StringValue: 'DECLINED' },
    });
    noCardData(r.world);
    expect(entered(r).slice(-3)).toEqual([N.releaseDeclined, N.recordDeclined, N.notifyDeclined]);
  });

  it.each([
    {
      name: 'rejected payment details',
      scenario: { rejectPayment: 'card expired' },
      state: ORDER_STATES.PAYMENT_DETAILS_REJECTED,
      error: 'PaymentDetailsRejected',
      cause: 'card expired',
      // verify-payment and reserve-stock run in parallel: the reservation happened and is given back.
      reserved: true,
    },
    {
      name: 'an item short of stock',
      scenario: {},
      stock: { 'item-g7b2q': 0 },
      state: ORDER_STATES.OUT_OF_STOCK,
      error: 'OutOfStock',
      cause: 'Out of stock: item-g7b2q: 1 ordered, 0 available',
      reserved: false,
    },
    {
      name: 'two items short of stock (every short item named, none of the others reserved)',
      scenario: {},
      stock: { 'item-g7b2q': 0, 'item-p4c97': 0 },
      state: ORDER_STATES.OUT_OF_STOCK,
      error: 'OutOfStock',
      cause: 'Out of stock: item-g7b2q: 1 ordered, 0 available; item-p4c97: 1 ordered, 0 available',
      reserved: false,
    },
    {
      name: 'more ordered than in stock (not only stock 0)',
      scenario: {},
      stock: { 'item-c9f4x': 1 },
      input: {
        ...exampleOrder(1, 'order-x'),
        orderContents: {
          items: [{ itemId: 'item-c9f4x', price: 1000, itemDescription: 'Macbook', quantity: 2 }],
        },
        orderTotal: 2000,
      },
      state: ORDER_STATES.OUT_OF_STOCK,
      error: 'OutOfStock',
      cause: 'Out of stock: item-c9f4x: 2 ordered, 1 available',
      reserved: false,
    },
    {
      name: 'two lines of one item that together exceed its stock',
      scenario: {},
      stock: { 'item-c9f4x': 5 },
      input: {
        ...exampleOrder(1, 'order-x'),
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
      cause: 'Out of stock: item-c9f4x: 6 ordered, 5 available',
      reserved: false,
    },
  ])('records, notifies, releases and fails on $name', async (c) => {
    const order: Record<string, unknown> = c.input ?? exampleOrder(3, 'order-x');
    const world = stocked(c.stock);
    const before = { ...world.stock };
    const r = await run({ input: order, ...c.scenario }, world);
    expect(r).toMatchObject({ status: 'FAILED', error: c.error, cause: c.cause });
    expect(r.world.stock).toEqual(before);
    expect(releases(r.world)).toHaveLength(1);
    const record = row(r.world, 'order-x')!;
    expect(record).toMatchObject({ State: c.state, Reason: c.cause, ReleasedAt: expect.any(String) });
    if (c.reserved) expect(record.ReservedAt).toEqual(expect.any(String));
    else expect(record).not.toHaveProperty('ReservedAt');
    expect(charges(r.world)).toHaveLength(0);
    expect(r.world.messages).toHaveLength(1);
    expect(r.world.messages[0]!.attributes).toMatchObject({
      state: { StringValue: c.state },
      outcome: { StringValue: 'REJECTED' },
    });
    expect(JSON.parse(r.world.messages[0]!.message as string)).toMatchObject({
      orderId: 'order-x',
      state: c.state,
      reason: c.cause,
    });
    noCardData(r.world);
    expect(entered(r).slice(-4)).toEqual([
      N.releaseRejected,
      N.recordRejected,
      N.notifyRejected,
      N.orderRejected,
    ]);
  });

  it.each([
    ['a string', 'x'],
    ['null', null],
    ['an array', []],
    ['an object without orderContents', { customerId: 'c-1' }],
  ])('rejects %s as input with InvalidOrder: recorded, notified, stock untouched', async (_, input) => {
    const r = await run({ executionName: 'odd-input', input });
    expect(r).toMatchObject({ status: 'FAILED', error: 'InvalidOrder' });
    expect(row(r.world, 'odd-input')).toMatchObject({ State: ORDER_STATES.INVALID_ORDER, Items: '[]' });
    expectReleased(r, 'odd-input', { reserved: false });
    expect(r.world.messages).toHaveLength(1);
  });

  it('records an invalid order with the empty summary, then fails with InvalidOrder', async () => {
    const r = await run({ input: { orderId: 'order-bad', customerId: 42 } });
    // Both checks refuse it; the Parallel fails with whichever branch fails first.
    const reasons = [
      'invalid order: paymentDetails: expected an object',
      'invalid order: event.items: expected a non-empty array',
    ];
    expect(r).toMatchObject({ status: 'FAILED', error: 'InvalidOrder' });
    expect(reasons).toContain(r.cause);
    expect(row(r.world, 'order-bad')).toMatchObject({
      State: ORDER_STATES.INVALID_ORDER,
      Reason: r.cause,
      CustomerId: '',
      OrderTotal: '0',
      Items: '[]',
    });
    expectReleased(r, 'order-bad', { reserved: false });
  });
});

describe('resubmissions and repeats', () => {
  it('answers a resubmitted processed order with the record: nothing reserved, charged or sent again', async () => {
    const world = stocked();
    await run({ name: 'first', input: exampleOrder(3, 'order-2') }, world);
    const calls = world.calls.length;
    const again = await run({ name: 'again', input: exampleOrder(3, 'order-2') }, world);
    expect(again.status).toBe('SUCCEEDED');
    expect(again.output).toEqual({
      orderId: 'order-2',
      state: 'PAYMENT_PROCESSED',
      chargeId: 'ch_order-2',
      duplicate: true,
    });
    expect(world.calls.slice(calls)).toEqual([]);
    expect(world.stock).toEqual(SOLD_ONE_EACH);
    expect(world.messages).toHaveLength(1);
    expect(entered(again)).toEqual([
      N.cardInInput,
      N.claimOrder,
      N.findRecorded,
      N.alreadyRecorded,
      N.returnRecorded,
    ]);
  });

  it('answers a resubmitted declined order with the record, without reserving or charging again', async () => {
    const world = stocked();
    await run({ name: 'first', input: exampleOrder(3, 'order-7'), declineCharge: true }, world);
    const calls = world.calls.length;
    const again = await run({ name: 'again', input: exampleOrder(3, 'order-7') }, world);
    expect(again.status).toBe('SUCCEEDED');
    expect(again.output).toEqual({
      orderId: 'order-7',
      state: 'PAYMENT_FAILED',
      reason: 'The card was declined',
      duplicate: true,
    });
    expect(world.calls.slice(calls)).toEqual([]);
    expect(world.stock).toEqual(STOCK);
  });

  it('fails a resubmission of a rejected order with DuplicateOrder, touching nothing', async () => {
    const world = stocked();
    await run({ name: 'first', input: exampleOrder(3, 'order-3'), rejectPayment: 'expired' }, world);
    const before = structuredClone(world.orders.get('order-3'));
    const calls = world.calls.length;
    const again = await run({ name: 'again', input: exampleOrder(3, 'order-3') }, world);
    expect(again).toMatchObject({
      status: 'FAILED',
      error: 'DuplicateOrder',
      cause: 'Order order-3 is already recorded as PAYMENT_DETAILS_REJECTED; resubmit with a new orderId',
    });
    expect(world.orders.get('order-3')).toEqual(before);
    expect(world.calls.slice(calls)).toEqual([]);
    expect(world.messages).toHaveLength(1);
  });

  it('fails with DuplicateOrder while another execution owns the order id, touching nothing', async () => {
    const world = stocked();
    const theirs = {
      OrderId: { S: 'order-4' },
      State: { S: ORDER_STATES.RECEIVED },
      ExecutionId: { S: 'arn:aws:states:us-east-1:123456789012:execution:StateMachine:someone-else' },
    };
    world.orders.set('order-4', theirs);
    const r = await run({ input: exampleOrder(1, 'order-4') }, world);
    expect(r).toMatchObject({
      status: 'FAILED',
      error: 'DuplicateOrder',
      cause: 'Order order-4 is already recorded as RECEIVED; resubmit with a new orderId',
    });
    expect(world.orders.get('order-4')).toEqual(theirs);
    expect(world.calls).toEqual([]);
    expect(world.stock).toEqual(STOCK);
  });

  it('repeats an execution (same execution id, as Express may) without reserving or charging twice', async () => {
    const world = stocked();
    // The first run charged but could not record; Express runs the execution again.
    const first = await run(
      {
        executionName: 'exec-express',
        input: exampleOrder(3, 'order-8'),
        failTasks: { [N.recordProcessed]: 'DynamoDB.InternalServerErrorException' },
      },
      world,
    );
    expect(first.error).toBe(ERROR_NAMES.ChargeNotRecorded);
    const again = await run({ executionName: 'exec-express', input: exampleOrder(3, 'order-8') }, world);
    expect(again.status).toBe('SUCCEEDED');
    expect(row(world, 'order-8')).toMatchObject({
      State: ORDER_STATES.PAYMENT_PROCESSED,
      ChargeId: 'ch_order-8',
    });
    // The claim passed (its own execution), the reservation was found, not taken again.
    expect(world.stock).toEqual(SOLD_ONE_EACH);
    expect(reserves(world)).toHaveLength(2);
    // Both charges carry the order id, the provider's idempotency key: one charge at the provider.
    expect(charges(world).map((c) => (c.payload as { orderId: string }).orderId)).toEqual([
      'order-8',
      'order-8',
    ]);
    expect(releases(world)).toHaveLength(0);

    // A third run of the finished execution loses the claim and answers with the record.
    const calls = world.calls.length;
    const third = await run({ executionName: 'exec-express', input: exampleOrder(3, 'order-8') }, world);
    expect(third.output).toMatchObject({ state: 'PAYMENT_PROCESSED', duplicate: true });
    expect(world.calls.slice(calls)).toEqual([]);
  });
});

describe('a notification is never lost', () => {
  it.each([
    [N.notifyProcessed, N.outboxProcessed, {}, ORDER_STATES.PAYMENT_PROCESSED],
    [N.notifyDeclined, N.outboxDeclined, { declineCharge: true }, ORDER_STATES.PAYMENT_FAILED],
  ] as const)(
    '%s and %s failing for good: the execution fails with the notification as Cause',
    async (notify, outbox, scenario, state) => {
      const r = await run({
        input: exampleOrder(3, 'order-n'),
        ...scenario,
        failTasks: {
          [notify]: 'SNS.InternalErrorException',
          [outbox]: 'DynamoDB.InternalServerErrorException',
        },
      });
      expect(r).toMatchObject({ status: 'FAILED', error: ERROR_NAMES.NotificationNotKept });
      expect(JSON.parse(r.cause ?? '')).toMatchObject({ orderId: 'order-n', state });
      expect(entered(r)).toEqual(expect.arrayContaining([notify, outbox, N.notificationNotKept]));
      expect(row(r.world, 'order-n')?.State).toBe(state);
    },
  );
});

describe('a failure after the reservation never loses both the stock and the sale', () => {
  type Outcome =
    /** Not charged; the stock is back (the row says ReleasedAt). */
    | 'released'
    /** Charged and recorded PAYMENT_PROCESSED; the stock is sold. */
    | 'sold'
    /** Charged, not recorded: ChargeNotRecorded with the charge id (alarmed); the stock kept for the sale. */
    | 'charged, not recorded'
    /** Not charged and not released: the reservation stays on the RECEIVED row for a sweeper. */
    | 'held';

  const LAMBDA = 'Lambda.Unknown';
  const DYNAMODB = 'DynamoDB.AmazonDynamoDBException';
  const SNS = 'SNS.AuthorizationErrorException';
  // The charge fails too, so the rejected exit has a reservation to give back.
  const chargeFails = { failTasks: { [N.chargePayment]: LAMBDA } };
  const cases: Array<{
    task: string;
    failure: string;
    scenario: Partial<Scenario>;
    outcome: Outcome;
    state: string;
    error?: string;
    /** How the run ends when the failure is caught (default: FAILED with the failure or `error`). */
    ends?: { status: 'SUCCEEDED' } | { status: 'FAILED'; error: string };
  }> = [
    { task: N.chargePayment, failure: LAMBDA, scenario: {}, outcome: 'released', state: ORDER_STATES.FAILED },
    {
      task: N.recordProcessed,
      failure: DYNAMODB,
      scenario: {},
      outcome: 'charged, not recorded',
      state: ORDER_STATES.RECEIVED,
      error: ERROR_NAMES.ChargeNotRecorded,
    },
    {
      task: N.notifyProcessed,
      failure: SNS,
      scenario: {},
      outcome: 'sold',
      state: ORDER_STATES.PAYMENT_PROCESSED,
      ends: { status: 'SUCCEEDED' },
    },
    {
      task: N.releaseDeclined,
      failure: LAMBDA,
      scenario: { declineCharge: true },
      outcome: 'held',
      state: ORDER_STATES.RECEIVED,
    },
    {
      task: N.recordDeclined,
      failure: DYNAMODB,
      scenario: { declineCharge: true },
      outcome: 'released',
      state: ORDER_STATES.RECEIVED,
    },
    {
      task: N.notifyDeclined,
      failure: SNS,
      scenario: { declineCharge: true },
      outcome: 'released',
      state: ORDER_STATES.PAYMENT_FAILED,
      ends: { status: 'SUCCEEDED' },
    },
    {
      task: N.releaseRejected,
      failure: LAMBDA,
      scenario: chargeFails,
      outcome: 'held',
      state: ORDER_STATES.RECEIVED,
    },
    {
      task: N.recordRejected,
      failure: DYNAMODB,
      scenario: chargeFails,
      outcome: 'released',
      state: ORDER_STATES.RECEIVED,
    },
    {
      task: N.notifyRejected,
      failure: SNS,
      scenario: chargeFails,
      outcome: 'released',
      state: ORDER_STATES.FAILED,
      ends: { status: 'FAILED', error: LAMBDA },
    },
  ];

  it.each(cases)(
    '$task failing for good: $outcome',
    async ({ task, failure, scenario, outcome, state, error, ends }) => {
      const r = await run({
        input: exampleOrder(3, 'order-f'),
        ...scenario,
        failTasks: { ...scenario.failTasks, [task]: failure },
      });
      expect(r).toMatchObject(ends ?? { status: 'FAILED', error: error ?? failure });
      expect(entered(r)).toContain(task);
      const record = row(r.world, 'order-f')!;
      expect(record.State).toBe(state);
      if (task.startsWith('Notify')) {
        // SNS refused for good: the row keeps the notification for re-sending (the outbox).
        expect(JSON.parse(record.PendingNotification!)).toMatchObject({ orderId: 'order-f', state });
        expect(record).toMatchObject({
          NotificationError: failure,
          NotificationFailedAt: expect.any(String),
        });
      } else {
        expect(record.PendingNotification).toBeUndefined();
      }
      expect(record.ReservedAt).toEqual(expect.any(String));
      // Never given back twice, and never given back once sold.
      expect(releases(r.world).length).toBeLessThanOrEqual(1);

      switch (outcome) {
        case 'released':
          expect(r.world.stock).toEqual(STOCK);
          expect(record.ReleasedAt).toEqual(expect.any(String));
          expect(record.ChargeId).toBeUndefined();
          // Not charged: the charge failed before it reached the provider, or was declined.
          if (!scenario.declineCharge) expect(charges(r.world)).toHaveLength(0);
          break;
        case 'sold':
          expect(r.world.stock).toEqual(SOLD_ONE_EACH);
          expect(record).toMatchObject({ ChargeId: 'ch_order-f' });
          expect(record.ReleasedAt).toBeUndefined();
          expect(releases(r.world)).toHaveLength(0);
          break;
        case 'charged, not recorded':
          expect(r.world.stock).toEqual(SOLD_ONE_EACH);
          expect(charges(r.world)).toHaveLength(1);
          expect(record.ReleasedAt).toBeUndefined();
          expect(releases(r.world)).toHaveLength(0);
          expect(r.cause).toContain('chargeId ch_order-f');
          break;
        case 'held':
          expect(r.world.stock).toEqual(SOLD_ONE_EACH);
          expect(record.ReleasedAt).toBeUndefined();
          expect(record.ChargeId).toBeUndefined();
          if (!scenario.declineCharge) expect(charges(r.world)).toHaveLength(0);
          // What a sweeper would need: the reservation's items and its expiry are on the row.
          expect(record.ReservationExpiresAt).toEqual(expect.any(String));
          expect(JSON.parse(record.ReservedItems!)).toHaveLength(3);
          break;
      }
    },
  );

  it('ends a charged order whose record cannot be written as ChargeNotRecorded, naming the charge id', async () => {
    const r = await run({
      input: exampleOrder(3, 'order-nr'),
      failTasks: {
        [N.recordProcessed]: { error: 'DynamoDB.InternalServerErrorException', cause: 'try later' },
      },
    });
    expect(r).toMatchObject({
      status: 'FAILED',
      error: 'ChargeNotRecorded',
      cause:
        'Order order-nr was charged (chargeId ch_order-nr) but recording it failed: ' +
        'DynamoDB.InternalServerErrorException: try later',
    });
    expect(entered(r).at(-1)).toBe(N.chargeNotRecorded);
    expect(r.world.messages).toEqual([]);
  });

  it('retries a release that met a busy inventory (InventoryUnavailable) instead of holding the stock', async () => {
    const r = await run({
      input: exampleOrder(3, 'order-busy'),
      declineCharge: true,
      failTasks: {
        [N.releaseDeclined]: { error: ERROR_NAMES.InventoryUnavailable, cause: 'conflict', times: 1 },
      },
    });
    expect(r.status).toBe('SUCCEEDED');
    expect(row(r.world, 'order-busy')).toMatchObject({ State: ORDER_STATES.PAYMENT_FAILED });
    expectReleased(r, 'order-busy', { reserved: true });
  });

  it('records an unexpected charge failure as FAILED with the error name as the Fail Error', async () => {
    const r = await run({
      input: exampleOrder(3, 'order-cf'),
      failTasks: {
        [N.chargePayment]: { error: 'Lambda.Unknown', cause: '{"errorType":"Boom","errorMessage":"no"}' },
      },
    });
    expect(r).toMatchObject({ status: 'FAILED', error: 'Lambda.Unknown', cause: 'no' });
    expect(row(r.world, 'order-cf')).toMatchObject({ State: ORDER_STATES.FAILED, Reason: 'no' });
    expectReleased(r, 'order-cf', { reserved: true });
    expect(JSON.parse(r.world.messages[0]!.message as string)).toMatchObject({
      state: 'FAILED',
      reason: 'no',
    });
  });

  it.each([
    ['no Cause', { error: 'States.HeartbeatTimeout' }, 'States.HeartbeatTimeout'],
    [
      'a Cause that is a cut-off JSON document',
      { error: 'Lambda.Unknown', cause: '{"errorType":"Boom","errorMessage":"cut sh' },
      '{"errorType":"Boom","errorMessage":"cut sh',
    ],
  ])('still releases and records when the charge fails with %s', async (_, failure, reason) => {
    const r = await run({ input: exampleOrder(3, 'order-odd'), failTasks: { [N.chargePayment]: failure } });
    expect(r).toMatchObject({ status: 'FAILED', error: failure.error });
    expect(row(r.world, 'order-odd')).toMatchObject({ State: ORDER_STATES.FAILED, Reason: reason });
    expectReleased(r, 'order-odd', { reserved: true });
  });
});

describe('transition counts (definition --stats)', () => {
  it('counts every path of ours (at most 10) and of the original', async () => {
    const rows = await transitionRows();
    expect(
      rows.map((r) => [
        r.path,
        r.ours.standard,
        r.ours.status,
        r.original?.standard,
        r.original?.expressChildren,
      ]),
    ).toEqual([
      ['Processed, 3 items', 8, 'SUCCEEDED', 12, 3],
      ['Processed, 1 item', 8, 'SUCCEEDED', 10, 1],
      ['Payment declined (PAYMENT_FAILED), 3 items', 9, 'SUCCEEDED', 12, 3],
      ['Payment details rejected', 9, 'FAILED', 5, 0],
      ['Out of stock (1 of 3 items)', 9, 'FAILED', 10, 3],
      ['Invalid order (a Lambda throws InvalidOrder)', 9, 'FAILED', 4, 0],
      ['Card in the input (refused before the claim)', 2, 'FAILED', undefined, undefined],
      ['Charge fails after its retries (stock released, FAILED)', 10, 'FAILED', undefined, undefined],
      ['Charged, record fails after its retries (ChargeNotRecorded)', 8, 'FAILED', undefined, undefined],
      ['Resubmitted processed order, 3 items', 5, 'SUCCEEDED', 12, 3],
    ]);
    for (const r of rows) expect(r.ours.standard, r.path).toBeLessThanOrEqual(10);
  });
});
