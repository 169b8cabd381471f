import { ERROR_NAMES, EXAMPLE_ORDERS, INVENTORY_FIXTURE, ORDER_STATES } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { e2eContext, withOrderId } from '../support/e2e-context.js';
import { expectReadableReason } from '../support/expect-readable.js';
import { expectStates } from '../support/expect-states.js';
import { orderLogEntries } from '../support/lambda-log.js';
import { ADMISSION, REJECTION, STATES, VERIFY_AND_RETRIEVE } from '../support/workflow-states.js';

const ctx = e2eContext();

const stockOf = (itemId: string) => INVENTORY_FIXTURE.find((item) => item.itemId === itemId)?.quantityInStock;

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

const CASES = [
  {
    label: 'an item with no stock',
    example: EXAMPLE_ORDERS.outOfStock,
    itemId: 'item-z0s7k',
    ordered: 1,
    // The Macbook's iteration may pass or be cut short when the sibling iteration fails.
    optional: [STATES.itemInStock],
  },
  {
    label: 'a quantity above the stock',
    example: EXAMPLE_ORDERS.lowStock,
    itemId: 'item-l0w5t',
    ordered: 3,
    optional: [],
  },
  {
    label: 'two lines of one item that together exceed its stock',
    example: TWO_LINES,
    itemId: 'item-l0w5t',
    ordered: 3,
    optional: [],
  },
] as const;

describe('scenario 3: out of stock', () => {
  it.each(CASES)('rejects $label, naming the item', async ({ example, itemId, ordered, optional }) => {
    expect(stockOf(itemId), 'fixture stock').toBeLessThan(ordered);
    const orderId = ctx.newOrderId();
    const order = withOrderId(example, orderId);

    const execution = await ctx.submit(order, `out-of-stock-${itemId}`);

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe(ERROR_NAMES.OutOfStock);
    expect(execution.cause).toContain(itemId);
    expectReadableReason(execution.cause);
    expect(execution.cause).toContain(`${ordered} ordered, ${stockOf(itemId)} in stock`);
    expectStates(execution.states, {
      exactly: [
        ...ADMISSION,
        ...VERIFY_AND_RETRIEVE,
        STATES.paymentVerified,
        STATES.checkStock,
        STATES.enoughStock,
        STATES.itemOutOfStock,
        ...REJECTION,
      ],
      optional,
      order: [
        [STATES.itemOutOfStock, STATES.recordRejected],
        [STATES.recordRejected, STATES.notifyRejected],
        [STATES.notifyRejected, STATES.orderRejected],
      ],
    });

    const row = await ctx.orderRow(orderId);
    expect(row).toMatchObject({
      OrderId: orderId,
      State: ORDER_STATES.OUT_OF_STOCK,
      CustomerId: order.customerId,
    });
    expect(row?.Reason).toContain(itemId);
    expect(row?.ChargeId).toBeUndefined();

    const notification = await ctx.notification(orderId);
    expect(notification.message).toMatchObject({ orderId, state: ORDER_STATES.OUT_OF_STOCK });
    expect((notification.message as { reason?: string }).reason).toContain(itemId);

    if (ctx.control) {
      const logs = await orderLogEntries(
        ctx.control,
        ctx.target.outputs.functionNames.chargePayment,
        orderId,
      );
      expect(logs, 'charge-payment was never invoked for this order').toEqual([]);
    }
  });
});
