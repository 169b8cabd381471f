import { notificationOutcome } from '@orders/lambdas/notification-attributes';
import { ORDER_STATES, type OrderState } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { orderWorkflow, PLACEHOLDER_REFS } from '../../src/workflow/index.js';

type StateJson = {
  Resource?: string;
  Arguments?: { MessageAttributes?: Record<string, { DataType: string; StringValue: string }> };
};

/** Each SNS publish of the definition with its message attributes. */
const publishes = Object.entries(orderWorkflow(PLACEHOLDER_REFS).toAsl().States as Record<string, StateJson>)
  .filter(([, state]) => state.Resource === 'arn:aws:states:::sns:publish')
  .map(([name, state]) => ({ name, attributes: state.Arguments?.MessageAttributes ?? {} }));

describe("the re-sender's attributes (@orders/lambdas notificationOutcome) and the workflow's Notify tasks", () => {
  it('set the same `state` and `outcome` String attributes for a charge and a decline', () => {
    const fixed = publishes.filter((p) => !p.attributes.state?.StringValue.startsWith('{%'));
    expect(fixed.map((p) => p.name).sort()).toEqual(['Notify Order Processed', 'Notify Payment Declined']);
    for (const { name, attributes } of fixed) {
      const state = attributes.state?.StringValue as OrderState;
      expect(attributes, name).toEqual({
        state: { DataType: 'String', StringValue: state },
        outcome: { DataType: 'String', StringValue: notificationOutcome(state) },
      });
    }
  });

  it('name every rejection REJECTED, as Notify Order Rejected does whatever state it records', () => {
    const rejected = publishes.find((p) => p.name === 'Notify Order Rejected');
    expect(rejected?.attributes.outcome).toEqual({ DataType: 'String', StringValue: 'REJECTED' });
    for (const state of [
      ORDER_STATES.PAYMENT_DETAILS_REJECTED,
      ORDER_STATES.OUT_OF_STOCK,
      ORDER_STATES.INVALID_ORDER,
      ORDER_STATES.FAILED,
    ])
      expect(notificationOutcome(state), state).toBe('REJECTED');
  });
});
