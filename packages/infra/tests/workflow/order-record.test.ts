import { ORDER_STATES } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import {
  applyUpdate,
  conditionHolds,
  type Item,
  validateExpressions,
} from '../../scripts/lib/fake-dynamodb.js';
import { orderWorkflow, PLACEHOLDER_REFS, STATE_NAMES } from '../../src/workflow/index.js';
import { asNumber, asString, type OrderUpdate, orderUpdate, state } from '../../src/workflow/order-record.js';
import { payment } from '../../src/workflow/rules.js';
import { type Evaluation, evaluateOutput } from '../support/evaluate-jsonata.js';

// orderUpdate() builds the UpdateItem requests of the order row. Each request is evaluated as Step Functions
// would (on @orders/asl-engine) and then checked the way DynamoDB checks it (scripts/lib/fake-dynamodb.ts).

interface Request {
  readonly UpdateExpression: string;
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues: Record<string, unknown>;
}

async function request(update: OrderUpdate, e: Evaluation = {}): Promise<Request> {
  return (await evaluateOutput(
    {
      UpdateExpression: update.updateExpression,
      ConditionExpression: update.conditionExpression,
      ExpressionAttributeNames: update.expressionAttributeNames,
      ExpressionAttributeValues: update.expressionAttributeValues,
    },
    e,
  )) as Request;
}

const expression = (r: Request) => ({
  names: r.ExpressionAttributeNames,
  values: r.ExpressionAttributeValues,
});
const S = (value: string) => ({ S: value });

/** The shape of the exits' record: optional card attributes, written from RECEIVED or repeated. */
const rejectedRecord = orderUpdate({
  from: [state(ORDER_STATES.RECEIVED), state(ORDER_STATES.OUT_OF_STOCK)],
  set: {
    State: asString(state(ORDER_STATES.OUT_OF_STOCK)),
    Reason: asString("'no stock'"),
    CardType: asString(payment('cardType'), `$exists(${payment('cardType')})`),
    CardLast4: asString(payment('cardLast4'), `$exists(${payment('cardLast4')})`),
  },
  remove: ['ReservationExpiresAt'],
});

describe('orderUpdate()', () => {
  it('writes plain SET expressions as they are, and typed values', async () => {
    const update = orderUpdate({
      from: [state(ORDER_STATES.RECEIVED)],
      set: { State: asString(state(ORDER_STATES.PAYMENT_PROCESSED)), OrderTotal: asNumber('12.5') },
    });
    expect(update.updateExpression).toBe('SET #State = :State, #OrderTotal = :OrderTotal');
    expect(update.conditionExpression).toBe('#State IN (:from0)');
    const r = await request(update);
    expect(r.ExpressionAttributeNames).toEqual({ '#State': 'State', '#OrderTotal': 'OrderTotal' });
    expect(r.ExpressionAttributeValues).toEqual({
      ':State': S('PAYMENT_PROCESSED'),
      ':OrderTotal': { N: '12.5' },
      ':from0': S('RECEIVED'),
    });
    expect(() =>
      validateExpressions([r.UpdateExpression, r.ConditionExpression], expression(r)),
    ).not.toThrow();
  });

  it('names an optional attribute, and gives its value, only when it is written', async () => {
    const withCard = await request(rejectedRecord, {
      variables: { payment: { paymentVerified: true, cardType: 'VISA', cardLast4: '1111' } },
    });
    const without = await request(rejectedRecord, { variables: { payment: {} } });

    expect(withCard.UpdateExpression).toBe(
      'SET #State = :State, #Reason = :Reason, #CardType = :CardType, #CardLast4 = :CardLast4 REMOVE #ReservationExpiresAt',
    );
    expect(Object.keys(withCard.ExpressionAttributeNames).sort()).toEqual(
      ['#CardLast4', '#CardType', '#Reason', '#ReservationExpiresAt', '#State'].sort(),
    );
    expect(withCard.ExpressionAttributeValues).toMatchObject({
      ':CardType': S('VISA'),
      ':CardLast4': S('1111'),
    });

    expect(without.UpdateExpression).toBe(
      'SET #State = :State, #Reason = :Reason REMOVE #ReservationExpiresAt',
    );
    expect(Object.keys(without.ExpressionAttributeNames).sort()).toEqual(
      ['#Reason', '#ReservationExpiresAt', '#State'].sort(),
    );
    expect(Object.keys(without.ExpressionAttributeValues).sort()).toEqual([
      ':Reason',
      ':State',
      ':from0',
      ':from1',
    ]);

    // DynamoDB refuses a name or value no expression uses; both requests pass its checks.
    for (const r of [withCard, without]) {
      expect(() =>
        validateExpressions([r.UpdateExpression, r.ConditionExpression], expression(r)),
      ).not.toThrow();
    }
    // ...which do catch an unused name (the check itself works).
    expect(() =>
      validateExpressions([without.UpdateExpression, without.ConditionExpression], {
        names: { ...without.ExpressionAttributeNames, '#CardType': 'CardType' },
        values: without.ExpressionAttributeValues,
      }),
    ).toThrow(/unused in expressions: keys: \{#CardType\}/);
  });

  it('moves only from the listed states, and never creates a row', async () => {
    const r = await request(rejectedRecord, { variables: { payment: {} } });
    const e = expression(r);
    const row = (s: string): Item => ({ OrderId: S('o-1'), State: S(s), ReservationExpiresAt: { N: '9' } });

    expect(conditionHolds(r.ConditionExpression, row('RECEIVED'), e)).toBe(true);
    expect(conditionHolds(r.ConditionExpression, row('OUT_OF_STOCK'), e)).toBe(true);
    expect(conditionHolds(r.ConditionExpression, row('PAYMENT_PROCESSED'), e)).toBe(false);
    expect(conditionHolds(r.ConditionExpression, row('PAYMENT_DETAILS_REJECTED'), e)).toBe(false);
    expect(conditionHolds(r.ConditionExpression, undefined, e)).toBe(false);

    expect(applyUpdate(r.UpdateExpression, row('RECEIVED'), { OrderId: S('o-1') }, e)).toEqual({
      OrderId: S('o-1'),
      State: S('OUT_OF_STOCK'),
      Reason: S('no stock'),
    });
  });

  it('adds a condition of its own to the states it moves from (alsoRequire)', async () => {
    const sale = orderUpdate({
      from: [state(ORDER_STATES.RECEIVED)],
      set: { State: asString(state(ORDER_STATES.PAYMENT_PROCESSED)) },
      alsoRequire: 'attribute_exists(ReservedAt) AND attribute_not_exists(ReleasedAt)',
    });
    const r = await request(sale);
    const e = expression(r);
    const received = { OrderId: S('o-1'), State: S('RECEIVED') };

    expect(conditionHolds(r.ConditionExpression, { ...received, ReservedAt: S('t') }, e)).toBe(true);
    expect(conditionHolds(r.ConditionExpression, received, e)).toBe(false);
    expect(
      conditionHolds(r.ConditionExpression, { ...received, ReservedAt: S('t'), ReleasedAt: S('t') }, e),
    ).toBe(false);
    expect(
      conditionHolds(r.ConditionExpression, { ...received, State: S('FAILED'), ReservedAt: S('t') }, e),
    ).toBe(false);
  });

  it('claims an order id that is new, or its own claim again, and nothing else', async () => {
    const claim = orderUpdate({
      from: 'claim',
      bind: '$total := 7',
      set: {
        State: asString(state(ORDER_STATES.RECEIVED)),
        OrderTotal: asNumber('$total'),
        ExecutionId: asString('$states.context.Execution.Id'),
      },
    });
    expect(claim.conditionExpression).toBe(
      'attribute_not_exists(OrderId) OR (#ExecutionId = :executionId AND #State = :received)',
    );
    const r = await request(claim, { name: 'exec-claim' });
    const e = expression(r);
    const own = (r.ExpressionAttributeValues[':executionId'] as { S: string }).S;
    expect(own).toMatch(/:exec-claim$/);
    // `bind` makes variables available to the values before the state's Assign runs.
    expect(r.ExpressionAttributeValues[':OrderTotal']).toEqual({ N: '7' });
    expect(r.ExpressionAttributeValues[':received']).toEqual(S('RECEIVED'));
    expect(() => validateExpressions([r.UpdateExpression, r.ConditionExpression], e)).not.toThrow();

    const row = (executionId: string, s: string): Item => ({
      OrderId: S('o-1'),
      State: S(s),
      ExecutionId: S(executionId),
    });
    expect(conditionHolds(r.ConditionExpression, undefined, e)).toBe(true);
    expect(conditionHolds(r.ConditionExpression, row(own, 'RECEIVED'), e)).toBe(true);
    expect(conditionHolds(r.ConditionExpression, row('arn:other', 'RECEIVED'), e)).toBe(false);
    expect(conditionHolds(r.ConditionExpression, row(own, 'PAYMENT_PROCESSED'), e)).toBe(false);
    expect(conditionHolds(r.ConditionExpression, row(own, 'FAILED'), e)).toBe(false);
  });

  it("gives the workflow's Claim Order a request DynamoDB accepts, for a valid and an invalid order", async () => {
    const asl = orderWorkflow(PLACEHOLDER_REFS).toAsl() as { States: Record<string, { Arguments: object }> };
    const args = asl.States[STATE_NAMES.claimOrder]!.Arguments;
    for (const input of [
      {
        orderId: 'o-1',
        customerId: 'c-1',
        orderTotal: 10,
        orderContents: { items: [{ itemId: 'a', itemDescription: 'A', price: 10 }] },
      },
      'not an order',
    ]) {
      const r = (await evaluateOutput(args, { input, name: 'exec-9' })) as Request & { Key: unknown };
      expect(() =>
        validateExpressions([r.UpdateExpression, r.ConditionExpression], expression(r)),
      ).not.toThrow();
      const written = applyUpdate(r.UpdateExpression, undefined, r.Key as Item, expression(r));
      expect(written).toMatchObject({
        State: S('RECEIVED'),
        ExecutionId: { S: expect.stringMatching(/exec-9$/) },
      });
      expect(JSON.stringify(written)).not.toContain('paymentDetails');
    }
  });
});
