import { ERROR_NAMES, EXAMPLE_ORDERS, ORDER_STATES, type OrderInputJson } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { e2eContext } from '../support/e2e-context.js';
import { expectReadableReason } from '../support/expect-readable.js';
import { expectStates } from '../support/expect-states.js';
import { orderLogEntries } from '../support/lambda-log.js';
import { expectReservationMarks, expectStock } from '../support/stock.js';
import { CLAIM, REJECTION, STATES, VERIFY_AND_RESERVE } from '../support/workflow-states.js';

const ctx = e2eContext();

/** EXAMPLE_ORDERS.lowStock's 3 AirPods (2 in stock) as two lines, 1 and 2: each alone fits, together not. */
const TWO_LINES = {
  ...EXAMPLE_ORDERS.lowStock,
  orderContents: {
    items: [
      { itemId: 'item-l0w5t', price: 0.1, itemDescription: 'AirPods', quantity: 1 },
      { itemId: 'item-l0w5t', price: 0.1, itemDescription: 'AirPods', quantity: 2 },
    ],
  },
};

/** Two short items (none of one, too few of the other) beside one in stock: both are named. */
const TWO_SHORT = {
  ...EXAMPLE_ORDERS.outOfStock,
  orderContents: {
    items: [
      ...EXAMPLE_ORDERS.outOfStock.orderContents.items,
      { itemId: 'item-l0w5t', price: 0.1, itemDescription: 'AirPods', quantity: 5 },
    ],
  },
  orderTotal: 4500.49,
};

interface Shortage {
  readonly itemId: string;
  readonly ordered: number;
  readonly available: number;
}

const CASES: ReadonlyArray<{
  label: string;
  example: OrderInputJson;
  short: readonly Shortage[];
}> = [
  {
    label: 'an item with no stock',
    example: EXAMPLE_ORDERS.outOfStock,
    short: [{ itemId: 'item-z0s7k', ordered: 1, available: 0 }],
  },
  {
    label: 'a quantity above the stock',
    example: EXAMPLE_ORDERS.lowStock,
    short: [{ itemId: 'item-l0w5t', ordered: 3, available: 2 }],
  },
  {
    label: 'two lines of one item that together exceed its stock',
    example: TWO_LINES,
    short: [{ itemId: 'item-l0w5t', ordered: 3, available: 2 }],
  },
  {
    label: 'two short items',
    example: TWO_SHORT,
    short: [
      { itemId: 'item-z0s7k', ordered: 1, available: 0 },
      { itemId: 'item-l0w5t', ordered: 5, available: 2 },
    ],
  },
];

describe('scenario 3: out of stock', () => {
  it.each(CASES)('rejects $label, naming every short item', async ({ example, short }) => {
    const stocked = await ctx.stockedOrder(example);
    const { order, orderId, itemIds } = stocked;
    for (const s of short) expect(stocked.seeded[stocked.idOf(s.itemId)], 'seeded stock').toBe(s.available);
    const before = await ctx.stock(itemIds);

    const execution = await ctx.submit(order);

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe(ERROR_NAMES.OutOfStock);
    expectReadableReason(execution.cause);
    // Every short item by id, with what was ordered of it (all lines together) and what was there.
    for (const s of short) {
      expect(execution.cause).toContain(
        `${stocked.idOf(s.itemId)}: ${s.ordered} ordered, ${s.available} available`,
      );
    }
    // Items that were in stock are not blamed.
    const shortIds = new Set(short.map((s) => stocked.idOf(s.itemId)));
    for (const itemId of itemIds.filter((id) => !shortIds.has(id)))
      expect(execution.cause).not.toContain(itemId);
    expectStates(execution.states, {
      exactly: [...CLAIM, ...VERIFY_AND_RESERVE, ...REJECTION],
      order: [
        [STATES.reserveStock, STATES.releaseRejected],
        [STATES.releaseRejected, STATES.recordRejected],
        [STATES.recordRejected, STATES.notifyRejected],
        [STATES.notifyRejected, STATES.orderRejected],
      ],
    });

    const row = await ctx.orderRow(orderId);
    expect(row).toMatchObject({
      OrderId: orderId,
      State: ORDER_STATES.OUT_OF_STOCK,
      CustomerId: order.customerId,
      Reason: execution.cause,
    });
    expect(row?.ChargeId).toBeUndefined();

    // All or nothing: not even the items in stock were taken; the release only marks the order.
    expectStock(await ctx.stock(itemIds), before, 'stock after an out-of-stock order');
    expectReservationMarks(row, { reserved: false, released: true });

    const notification = await ctx.notification(orderId);
    expect(notification.message).toMatchObject({ orderId, state: ORDER_STATES.OUT_OF_STOCK });
    for (const s of short) {
      expect((notification.message as { reason?: string }).reason).toContain(stocked.idOf(s.itemId));
    }

    if (ctx.control) {
      const logs = await orderLogEntries(
        ctx.control,
        ctx.target.outputs.functionNames.chargePayment,
        orderId,
      );
      expect(logs, 'charge-payment was never invoked for this order').toEqual([]);
    }
    await ctx.expectNoCardData(orderId);
  });
});
