import * as fs from 'node:fs';
import { ERROR_NAMES, ORDER_STATES, SENSITIVE_FIELDS } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { findSensitiveFlows } from '../../src/asl/index.js';
import {
  EXECUTION_TIMEOUT_SECONDS,
  orderWorkflow,
  PLACEHOLDER_REFS,
  STATE_NAMES,
} from '../../src/workflow/index.js';
import { CARD_FREE_INPUT, CARRIES_CARD, ORDER_ID } from '../../src/workflow/rules.js';
import { aslErrors } from '../support/asl-validator.js';

type StateJson = Record<string, unknown>;
const workflow = orderWorkflow(PLACEHOLDER_REFS);
const asl = workflow.toAsl();
const top = asl.States as Record<string, StateJson>;
const N = STATE_NAMES;

/** Every state of the definition, nested ones included. */
function allStates(definition: unknown): Array<[string, StateJson]> {
  const out: Array<[string, StateJson]> = [];
  const visit = (states: Record<string, StateJson>) => {
    for (const [name, state] of Object.entries(states)) {
      out.push([name, state]);
      for (const b of (state.Branches as { States: Record<string, StateJson> }[]) ?? []) visit(b.States);
      const p = state.ItemProcessor as { States: Record<string, StateJson> } | undefined;
      if (p) visit(p.States);
    }
  };
  visit((definition as { States: Record<string, StateJson> }).States);
  return out;
}

/** The top-level states a state can go to next (Next, Choices, Default, Catch). */
function successors(name: string): string[] {
  const s = top[name]!;
  return [
    s.Next,
    s.Default,
    ...((s.Choices as { Next: string }[]) ?? []).map((c) => c.Next),
    ...((s.Catch as { Next: string }[]) ?? []).map((c) => c.Next),
  ].filter((n): n is string => typeof n === 'string');
}

/** The top-level states reachable from `from` when `removed` is taken out of the graph. */
function reachable(from: string, removed?: string): Set<string> {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name) || name === removed) continue;
    seen.add(name);
    queue.push(...successors(name));
  }
  return seen;
}

/** Every path (list of state names) from `from` to a state that ends the execution. */
function pathsToEnd(from: string, prefix: string[] = []): string[][] {
  const path = [...prefix, from];
  const next = successors(from);
  // A state may end the run (End: true) and still have Catch edges: both are paths.
  const ends = next.length === 0 || top[from]?.End === true ? [path] : [];
  return [...ends, ...next.flatMap((n) => pathsToEnd(n, path))];
}

const RELEASES: readonly string[] = [N.releaseDeclined, N.releaseRejected];
const RECORDS: readonly string[] = [N.recordProcessed, N.recordDeclined, N.recordRejected];

describe('orderWorkflow()', () => {
  it('renders the committed definition (snapshot)', async () => {
    await expect(workflow.render()).toMatchFileSnapshot('./__snapshots__/order-workflow.asl.json');
  });

  it('is accepted by asl-validator', () => {
    expect(aslErrors(asl)).toBe('');
  });

  it('renders the same bytes every time', () => {
    expect(orderWorkflow(PLACEHOLDER_REFS).render()).toBe(workflow.render());
  });

  it('starts by refusing an input that carries the card, before the claim, passing nothing of it on', () => {
    expect(asl.StartAt).toBe(N.cardInInput);
    const guard = top[N.cardInInput]!;
    expect(guard.Type).toBe('Choice');
    expect(guard.Choices).toEqual([
      expect.objectContaining({ Condition: `{% ${CARRIES_CARD} %}`, Next: N.cardDataRefused }),
    ]);
    expect(guard.Default).toBe(N.claimOrder);
    expect(guard.Output).toBe(`{% ${CARD_FREE_INPUT} %}`);
    expect(top[N.cardDataRefused]).toMatchObject({ Type: 'Fail', Error: ERROR_NAMES.InvalidOrder });
    expect(String(top[N.cardDataRefused]!.Cause)).not.toMatch(/\{%/);
  });

  it('then claims: a conditional updateItem keyed by the order id (never a UUID)', () => {
    expect(workflow.render()).not.toMatch(/UUID/);
    const claim = top[N.claimOrder]!;
    const args = claim.Arguments as Record<string, unknown>;
    expect(claim.Resource).toBe('arn:aws:states:::dynamodb:updateItem');
    expect(args.Key).toEqual({ OrderId: { S: `{% ${ORDER_ID} %}` } });
    expect(args.ConditionExpression).toBe(
      'attribute_not_exists(OrderId) OR (#ExecutionId = :executionId AND #State = :received)',
    );
    expect(args.ExpressionAttributeValues).toContain("':executionId': { 'S': $states.context.Execution.Id }");
    expect(args.ExpressionAttributeValues).toContain("':State': { 'S': 'RECEIVED' }");
    expect((claim.Assign as Record<string, string>).orderId).toBe(`{% ${ORDER_ID} %}`);
    expect(claim.Catch).toEqual([
      {
        ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'],
        Assign: { orderId: `{% ${ORDER_ID} %}` },
        Next: N.findRecorded,
      },
    ]);
  });

  it('writes the order row only with conditional updateItem calls, each after the claim from RECEIVED', () => {
    const dynamo = allStates(asl).filter(([, s]) =>
      String(s.Resource).startsWith('arn:aws:states:::dynamodb:'),
    );
    expect(Object.fromEntries(dynamo.map(([n, s]) => [n, s.Resource]))).toEqual({
      [N.claimOrder]: 'arn:aws:states:::dynamodb:updateItem',
      [N.findRecorded]: 'arn:aws:states:::dynamodb:getItem',
      [N.recordProcessed]: 'arn:aws:states:::dynamodb:updateItem',
      [N.recordDeclined]: 'arn:aws:states:::dynamodb:updateItem',
      [N.recordRejected]: 'arn:aws:states:::dynamodb:updateItem',
      [N.outboxProcessed]: 'arn:aws:states:::dynamodb:updateItem',
      [N.outboxDeclined]: 'arn:aws:states:::dynamodb:updateItem',
      [N.outboxRejected]: 'arn:aws:states:::dynamodb:updateItem',
    });
    // The outbox writes only add the notification to a row that exists; they never move its state.
    for (const name of [N.outboxProcessed, N.outboxDeclined, N.outboxRejected]) {
      const args = top[name]!.Arguments as Record<string, string>;
      expect(args.ConditionExpression, name).toBe('attribute_exists(OrderId)');
      expect(Object.values(args.ExpressionAttributeNames!), name).not.toContain('State');
    }
    for (const name of RECORDS) {
      const args = top[name]!.Arguments as Record<string, string>;
      expect(args.Key, name).toEqual({ OrderId: { S: '{% $orderId %}' } });
      expect(args.ConditionExpression, name).toMatch(/^#State IN \(:from0, :from1\)/);
      expect(args.ExpressionAttributeValues, name).toContain("':from0': { 'S': 'RECEIVED' }");
    }
    // Sold stock is reserved stock: the sale is recorded only on a reservation that was not given back.
    expect((top[N.recordProcessed]!.Arguments as Record<string, string>).ConditionExpression).toBe(
      '#State IN (:from0, :from1) AND attribute_exists(ReservedAt) AND attribute_not_exists(ReleasedAt)',
    );
    for (const name of [N.recordDeclined, N.recordRejected]) {
      expect((top[name]!.Arguments as Record<string, string>).ConditionExpression, name).toBe(
        '#State IN (:from0, :from1)',
      );
    }
    // A repeat of each record finds the state it wrote itself.
    expect((top[N.recordProcessed]!.Arguments as Record<string, string>).ExpressionAttributeValues).toContain(
      "':from1': { 'S': 'PAYMENT_PROCESSED' }",
    );
    expect((top[N.recordDeclined]!.Arguments as Record<string, string>).ExpressionAttributeValues).toContain(
      "':from1': { 'S': 'PAYMENT_FAILED' }",
    );
    expect((top[N.recordRejected]!.Arguments as Record<string, string>).ExpressionAttributeValues).toContain(
      "':from1': { 'S': $rejection.state }",
    );
    expect(top[N.findRecorded]!.Arguments).toMatchObject({ ConsistentRead: true });
  });

  it('cannot reach the charge except through the claim and then the reservation', () => {
    expect(reachable(N.claimOrder).has(N.chargePayment)).toBe(true);
    expect(reachable(N.claimOrder, N.verifyAndReserve).has(N.chargePayment)).toBe(false);
    // The lost claim never charges, reserves or releases.
    const duplicate = reachable(N.findRecorded);
    expect([...duplicate].sort()).toEqual(
      [N.findRecorded, N.alreadyRecorded, N.returnRecorded, N.duplicateOrder].sort(),
    );
  });

  it('gives the stock back on every path after the reservation that does not sell', () => {
    const paths = pathsToEnd(N.verifyAndReserve);
    expect(paths.length).toBeGreaterThanOrEqual(6);
    for (const path of paths) {
      const sold = path.includes(N.recordProcessed);
      const release = path.findIndex((n) => RELEASES.includes(n));
      const record = path.findIndex((n) => RECORDS.includes(n));
      if (sold) {
        expect(release, path.join(' → ')).toBe(-1);
      } else {
        expect(release, path.join(' → ')).toBeGreaterThan(0);
        // Released before it is recorded: a failed record still leaves the stock given back.
        expect(release, path.join(' → ')).toBeLessThan(record);
      }
    }
    // The paths that sell end in the notification (sent, or kept in the outbox) or, charged but not
    // recorded, in ChargeNotRecorded.
    expect(paths.filter((p) => p.includes(N.recordProcessed)).map((p) => p.at(-1))).toEqual([
      N.notifyProcessed,
      N.outboxProcessed,
      N.notificationNotKept,
      N.chargeNotRecorded,
    ]);
  });

  it('routes each caught error to exactly one exit', () => {
    const catches = Object.fromEntries(
      Object.entries(top)
        .filter(([, s]) => s.Catch !== undefined)
        .map(([n, s]) => [
          n,
          (s.Catch as Array<{ ErrorEquals: string[]; Next: string }>).map(
            (c) => `${c.ErrorEquals.join(',')} → ${c.Next}`,
          ),
        ]),
    );
    expect(catches).toEqual({
      [N.claimOrder]: [`DynamoDB.ConditionalCheckFailedException → ${N.findRecorded}`],
      [N.verifyAndReserve]: [
        `PaymentDetailsRejected → ${N.releaseRejected}`,
        `OutOfStock → ${N.releaseRejected}`,
        `InvalidOrder → ${N.releaseRejected}`,
        `States.ALL → ${N.releaseRejected}`,
      ],
      [N.chargePayment]: [`PaymentError → ${N.releaseDeclined}`, `States.ALL → ${N.releaseRejected}`],
      [N.recordProcessed]: [`States.ALL → ${N.chargeNotRecorded}`],
      // A notification SNS kept refusing goes to the order row's outbox, never nowhere.
      [N.notifyProcessed]: [`States.ALL → ${N.outboxProcessed}`],
      [N.notifyDeclined]: [`States.ALL → ${N.outboxDeclined}`],
      [N.notifyRejected]: [`States.ALL → ${N.outboxRejected}`],
      [N.outboxProcessed]: [`States.ALL → ${N.notificationNotKept}`],
      [N.outboxDeclined]: [`States.ALL → ${N.notificationNotKept}`],
      [N.outboxRejected]: [`States.ALL → ${N.notificationNotKept}`],
    });
    for (const outbox of [N.outboxProcessed, N.outboxDeclined, N.outboxRejected]) {
      // SNS and the outbox both refused: the notification is the failed execution's Cause.
      expect(catches[outbox], outbox).toEqual([`States.ALL → ${N.notificationNotKept}`]);
    }
    // Each outbox write ends as its Notify would have.
    for (const [notify, outbox] of [
      [N.notifyProcessed, N.outboxProcessed],
      [N.notifyDeclined, N.outboxDeclined],
      [N.notifyRejected, N.outboxRejected],
    ] as const) {
      expect([top[outbox]!.Next, top[outbox]!.End], outbox).toEqual([top[notify]!.Next, top[notify]!.End]);
    }
  });

  it('gives every Task a timeout and the right retries', () => {
    const tasks = allStates(asl).filter(([, s]) => s.Type === 'Task');
    expect(tasks.map(([n]) => n).sort()).toEqual(
      [
        N.claimOrder,
        N.verifyPayment,
        N.reserveStock,
        N.findRecorded,
        N.chargePayment,
        N.recordProcessed,
        N.notifyProcessed,
        N.releaseDeclined,
        N.recordDeclined,
        N.notifyDeclined,
        N.releaseRejected,
        N.recordRejected,
        N.notifyRejected,
        N.outboxProcessed,
        N.outboxDeclined,
        N.outboxRejected,
      ].sort(),
    );
    for (const [name, s] of tasks) {
      expect(s.TimeoutSeconds, name).toEqual(expect.any(Number));
      const retried = (s.Retry as { ErrorEquals: string[] }[]).flatMap((r) => r.ErrorEquals);
      if (s.Resource === 'arn:aws:states:::lambda:invoke')
        expect(retried, name).toContain('Lambda.ServiceException');
      else if (name === N.recordProcessed) {
        // Everything is retried but a refused condition, which another attempt cannot change.
        expect(s.Retry, name).toEqual([
          { ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], MaxAttempts: 0 },
          expect.objectContaining({ ErrorEquals: ['States.ALL'] }),
        ]);
      } else if (String(s.Resource).includes('dynamodb'))
        expect(retried, name).toContain('DynamoDB.ThrottlingException');
      else expect(retried, name).toContain('SNS.ThrottledException');
    }
    const reserve = Object.fromEntries(allStates(asl))[N.reserveStock]!;
    expect((reserve.Retry as { ErrorEquals: string[] }[]).map((r) => r.ErrorEquals)).toContainEqual([
      ERROR_NAMES.InventoryUnavailable,
    ]);
    expect(asl.TimeoutSeconds).toBe(EXECUTION_TIMEOUT_SECONDS);
  });

  it('gives every Fail state an Error from ERROR_NAMES (or the recorded rejection) and a Cause', () => {
    const fails = allStates(asl).filter(([, s]) => s.Type === 'Fail');
    expect(Object.fromEntries(fails.map(([n, s]) => [n, s.Error]))).toEqual({
      [N.cardDataRefused]: ERROR_NAMES.InvalidOrder,
      [N.duplicateOrder]: ERROR_NAMES.DuplicateOrder,
      [N.orderRejected]: '{% $rejection.error %}',
      [N.chargeNotRecorded]: ERROR_NAMES.ChargeNotRecorded,
      [N.notificationNotKept]: ERROR_NAMES.NotificationNotKept,
    });
    for (const [name, s] of fails) expect(s.Cause, name).toEqual(expect.any(String));
    expect(top[N.chargeNotRecorded]!.Cause).toBe('{% $notRecorded %}');
    expect(top[N.notificationNotKept]!.Cause).toBe('{% $string($notification) %}');
    // The rejection variable is only ever set to an ERROR_NAMES value (or the caught error's own name)...
    const rendered = workflow.render();
    const errors = [...rendered.matchAll(/'error': '(\w+)'/g)].map((m) => m[1]);
    expect(new Set(errors)).toEqual(
      new Set([
        ERROR_NAMES.PaymentError,
        ERROR_NAMES.OutOfStock,
        ERROR_NAMES.InvalidOrder,
        ERROR_NAMES.PaymentDetailsRejected,
      ]),
    );
    expect(rendered.match(/'error': \$states\.errorOutput\.Error/g)).toHaveLength(2);
    // ...and the states written and sent to ORDER_STATES values.
    const states = [...rendered.matchAll(/'(?:state|S)': '([A-Z_]+)'/g)].map((m) => m[1]);
    expect(new Set(states)).toEqual(
      new Set([
        ORDER_STATES.RECEIVED,
        ORDER_STATES.PAYMENT_PROCESSED,
        ORDER_STATES.PAYMENT_FAILED,
        ORDER_STATES.OUT_OF_STOCK,
        ORDER_STATES.INVALID_ORDER,
        ORDER_STATES.PAYMENT_DETAILS_REJECTED,
        ORDER_STATES.FAILED,
      ]),
    );
  });

  it('publishes with the order state and the outcome as message attributes', () => {
    const attributes = (name: string) => (top[name]!.Arguments as Record<string, unknown>).MessageAttributes;
    expect(attributes(N.notifyProcessed)).toEqual({
      state: { DataType: 'String', StringValue: ORDER_STATES.PAYMENT_PROCESSED },
      outcome: { DataType: 'String', StringValue: 'PROCESSED' },
    });
    expect(attributes(N.notifyDeclined)).toEqual({
      state: { DataType: 'String', StringValue: ORDER_STATES.PAYMENT_FAILED },
      outcome: { DataType: 'String', StringValue: 'DECLINED' },
    });
    expect(attributes(N.notifyRejected)).toEqual({
      state: { DataType: 'String', StringValue: '{% $rejection.state %}' },
      outcome: { DataType: 'String', StringValue: 'REJECTED' },
    });
  });

  it('sends reserve-stock and release-stock the order id (their key) and nothing of the card', () => {
    const states = Object.fromEntries(allStates(asl));
    expect(states[N.reserveStock]!.Arguments).toEqual({
      FunctionName: PLACEHOLDER_REFS.reserveStockFunctionArn,
      Payload: {
        orderId: '{% $orderId %}',
        items: '{% $exists($order.orderContents.items) ? $order.orderContents.items : null %}',
      },
    });
    for (const name of RELEASES) {
      expect(states[name]!.Arguments, name).toEqual({
        FunctionName: PLACEHOLDER_REFS.releaseStockFunctionArn,
        Payload: { orderId: '{% $orderId %}' },
      });
    }
  });

  it('declares exactly the IAM it needs', () => {
    const r = PLACEHOLDER_REFS;
    expect(workflow.iamStatements()).toEqual([
      { actions: ['dynamodb:UpdateItem', 'dynamodb:GetItem'], resources: [r.ordersTableArn] },
      { actions: ['lambda:InvokeFunction'], resources: [r.verifyPaymentFunctionArn] },
      { actions: ['lambda:InvokeFunction'], resources: [r.reserveStockFunctionArn] },
      { actions: ['lambda:InvokeFunction'], resources: [r.chargePaymentFunctionArn] },
      { actions: ['lambda:InvokeFunction'], resources: [r.releaseStockFunctionArn] },
      { actions: ['sns:Publish'], resources: [r.notificationTopicArn] },
    ]);
  });

  it('carries ref objects (Pulumi Outputs) through as given', () => {
    class Ref {
      constructor(readonly id: string) {}
    }
    const refs = {
      verifyPaymentFunctionArn: new Ref('verify'),
      reserveStockFunctionArn: new Ref('reserve'),
      chargePaymentFunctionArn: new Ref('charge'),
      releaseStockFunctionArn: new Ref('release'),
      ordersTableName: new Ref('table'),
      ordersTableArn: new Ref('tableArn'),
      notificationTopicArn: new Ref('topic'),
    };
    const typed = orderWorkflow<Ref>(refs);
    const found = allStates(typed.toAsl()).flatMap(([, s]) => Object.values((s.Arguments as object) ?? {}));
    for (const ref of [
      refs.verifyPaymentFunctionArn,
      refs.reserveStockFunctionArn,
      refs.chargePaymentFunctionArn,
      refs.releaseStockFunctionArn,
      refs.ordersTableName,
      refs.notificationTopicArn,
    ]) {
      expect(found).toContain(ref);
    }
    expect(typed.iamStatements().flatMap((s) => s.resources)).toEqual([
      refs.ordersTableArn,
      refs.verifyPaymentFunctionArn,
      refs.reserveStockFunctionArn,
      refs.chargePaymentFunctionArn,
      refs.releaseStockFunctionArn,
      refs.notificationTopicArn,
    ]);
  });
});

describe('sensitive data (SENSITIVE_FIELDS)', () => {
  // The analysis is static: it sees the whole order go to verify-payment, not that the guard refuses an order
  // with paymentDetails before it (and verify-payment's strict schema after). charge-payment gets the token.
  const allowed = [PLACEHOLDER_REFS.verifyPaymentFunctionArn];

  it('never reaches DynamoDB, SNS, or a Lambda other than verify-payment (not even charge-payment)', () => {
    expect(findSensitiveFlows(asl, { sensitiveFields: SENSITIVE_FIELDS, allowedFunctions: allowed })).toEqual(
      [],
    );
  });

  it('does see the order reach verify-payment (so the analysis can see a flow)', () => {
    const flows = findSensitiveFlows(asl, { sensitiveFields: SENSITIVE_FIELDS });
    expect([...new Set(flows.map((f) => `${f.state} (${f.sink})`))]).toEqual([`${N.verifyPayment} (Lambda)`]);
  });

  it('finds the original workflow publishing card data to SNS', () => {
    const original = JSON.parse(
      fs.readFileSync(new URL('../../src/workflow/original-workflow.asl.json', import.meta.url), 'utf8'),
    );
    const fn = (name: string) => `arn:aws:lambda:{region}:{account}:function:${name}:$LATEST`;
    const flows = findSensitiveFlows(original, {
      sensitiveFields: SENSITIVE_FIELDS,
      allowedFunctions: [fn('PaymentVerifier'), fn('chargePaymentMethod')],
    });
    expect([...new Set(flows.map((f) => `${f.state} (${f.sink})`))]).toEqual([
      'Publish to interested parties (SNS)',
    ]);
  });
});
