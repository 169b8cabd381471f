import * as fs from 'node:fs';
import { ERROR_NAMES, ORDER_STATES, SENSITIVE_FIELDS } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { findSensitiveFlows } from '../../src/asl/index.js';
import { orderWorkflow, PLACEHOLDER_REFS, STATE_NAMES } from '../../src/workflow/index.js';
import { aslErrors } from '../support/asl-validator.js';

type StateJson = Record<string, unknown>;
const workflow = orderWorkflow(PLACEHOLDER_REFS);
const asl = workflow.toAsl();

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

  it('never builds a key from States.UUID and writes conditionally', () => {
    expect(workflow.render()).not.toMatch(/UUID/);
    const puts = allStates(asl).filter(([, s]) => s.Resource === 'arn:aws:states:::dynamodb:putItem');
    expect(puts.map(([n]) => n)).toEqual([
      STATE_NAMES.recordRejected,
      STATE_NAMES.recordProcessed,
      STATE_NAMES.recordDeclined,
    ]);
    for (const [, s] of puts) {
      const args = s.Arguments as { ConditionExpression: string; Item: string };
      expect(args.ConditionExpression).toBe('attribute_not_exists(OrderId)');
      expect(args.Item).toContain("'OrderId': { 'S': $orderId }");
    }
    const prepare = (asl.States as Record<string, StateJson>)[STATE_NAMES.prepareOrder]!;
    expect((prepare.Assign as Record<string, string>).orderId).toBe(
      '{% $states.input.orderId ? $string($states.input.orderId) : $states.context.Execution.Name %}',
    );
  });

  it('gives every Task a timeout and every Lambda task the transient-error retry', () => {
    const tasks = allStates(asl).filter(([, s]) => s.Type === 'Task');
    expect(tasks).toHaveLength(10);
    for (const [name, s] of tasks) {
      expect(s.TimeoutSeconds, name).toEqual(expect.any(Number));
      if (s.Resource === 'arn:aws:states:::lambda:invoke') {
        expect((s.Retry as { ErrorEquals: string[] }[])[0]!.ErrorEquals, name).toContain(
          'Lambda.ServiceException',
        );
      }
    }
  });

  it('gives every Fail state an Error from ERROR_NAMES (or the recorded rejection) and a Cause', () => {
    const fails = allStates(asl).filter(([, s]) => s.Type === 'Fail');
    expect(Object.fromEntries(fails.map(([n, s]) => [n, s.Error]))).toEqual({
      [STATE_NAMES.duplicateOrder]: ERROR_NAMES.DuplicateOrder,
      [STATE_NAMES.orderRejected]: '{% $rejection.error %}',
      [STATE_NAMES.itemOutOfStock]: ERROR_NAMES.OutOfStock,
    });
    for (const [name, s] of fails) expect(s.Cause, name).toEqual(expect.any(String));
    // The rejection variable is only ever set to an ERROR_NAMES value and an ORDER_STATES value.
    const rendered = workflow.render();
    const errors = [...rendered.matchAll(/'error': '(\w+)'/g)].map((m) => m[1]);
    const states = [...rendered.matchAll(/'state': '(\w+)'/g)].map((m) => m[1]);
    expect(new Set(errors)).toEqual(
      new Set([
        ERROR_NAMES.PaymentError,
        ERROR_NAMES.OutOfStock,
        ERROR_NAMES.InvalidOrder,
        ERROR_NAMES.PaymentDetailsRejected,
      ]),
    );
    expect(new Set(states)).toEqual(
      new Set([
        ORDER_STATES.PAYMENT_FAILED,
        ORDER_STATES.OUT_OF_STOCK,
        ORDER_STATES.INVALID_ORDER,
        ORDER_STATES.PAYMENT_DETAILS_REJECTED,
        ORDER_STATES.PAYMENT_PROCESSED,
      ]),
    );
  });

  it('looks the order up before it can be charged', () => {
    // Remove the lookup from the graph: Charge Payment must then be unreachable from the start.
    const states = asl.States as Record<string, StateJson>;
    const seen = new Set<string>();
    const queue = [asl.StartAt as string];
    while (queue.length > 0) {
      const name = queue.shift()!;
      if (seen.has(name) || name === STATE_NAMES.checkExisting) continue;
      seen.add(name);
      const s = states[name]!;
      const next = [
        s.Next,
        s.Default,
        ...((s.Choices as { Next: string }[]) ?? []).map((c) => c.Next),
        ...((s.Catch as { Next: string }[]) ?? []).map((c) => c.Next),
      ];
      for (const n of next) if (typeof n === 'string') queue.push(n);
    }
    expect(seen.has(STATE_NAMES.prepareOrder)).toBe(true);
    expect(seen.has(STATE_NAMES.chargePayment)).toBe(false);
  });

  it('publishes with the order state as a message attribute', () => {
    const states = asl.States as Record<string, StateJson>;
    const processed = states[STATE_NAMES.notifyProcessed]!.Arguments as Record<string, unknown>;
    const declined = states[STATE_NAMES.notifyDeclined]!.Arguments as Record<string, unknown>;
    const rejected = states[STATE_NAMES.notifyRejected]!.Arguments as Record<string, unknown>;
    expect(processed.MessageAttributes).toEqual({
      state: { DataType: 'String', StringValue: ORDER_STATES.PAYMENT_PROCESSED },
      outcome: { DataType: 'String', StringValue: 'PROCESSED' },
    });
    expect(declined.MessageAttributes).toEqual({
      state: { DataType: 'String', StringValue: ORDER_STATES.PAYMENT_FAILED },
      outcome: { DataType: 'String', StringValue: 'DECLINED' },
    });
    expect(rejected.MessageAttributes).toEqual({
      state: { DataType: 'String', StringValue: '{% $rejection.state %}' },
      outcome: { DataType: 'String', StringValue: 'REJECTED' },
    });
  });

  it('declares exactly the IAM it needs', () => {
    const r = PLACEHOLDER_REFS;
    expect(workflow.iamStatements()).toEqual([
      { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [r.ordersTableArn] },
      { actions: ['lambda:InvokeFunction'], resources: [r.verifyPaymentFunctionArn] },
      { actions: ['lambda:InvokeFunction'], resources: [r.retrieveStockFunctionArn] },
      { actions: ['sns:Publish'], resources: [r.notificationTopicArn] },
      { actions: ['lambda:InvokeFunction'], resources: [r.chargePaymentFunctionArn] },
    ]);
  });

  it('carries ref objects (Pulumi Outputs) through as given', () => {
    class Ref {
      constructor(readonly id: string) {}
    }
    const refs = {
      verifyPaymentFunctionArn: new Ref('verify'),
      retrieveStockFunctionArn: new Ref('stock'),
      chargePaymentFunctionArn: new Ref('charge'),
      ordersTableName: new Ref('table'),
      ordersTableArn: new Ref('tableArn'),
      notificationTopicArn: new Ref('topic'),
    };
    const typed = orderWorkflow<Ref>(refs);
    const found = allStates(typed.toAsl()).flatMap(([, s]) => Object.values((s.Arguments as object) ?? {}));
    for (const ref of [refs.verifyPaymentFunctionArn, refs.ordersTableName, refs.notificationTopicArn]) {
      expect(found).toContain(ref);
    }
    expect(typed.iamStatements().flatMap((s) => s.resources)).toContain(refs.ordersTableArn);
  });
});

describe('sensitive data (SENSITIVE_FIELDS)', () => {
  const allowed = [PLACEHOLDER_REFS.verifyPaymentFunctionArn, PLACEHOLDER_REFS.chargePaymentFunctionArn];

  it('never reaches DynamoDB, SNS, or a Lambda other than verify-payment and charge-payment', () => {
    expect(findSensitiveFlows(asl, { sensitiveFields: SENSITIVE_FIELDS, allowedFunctions: allowed })).toEqual(
      [],
    );
  });

  it('does reach verify-payment and charge-payment (so the analysis sees the card data flow)', () => {
    const flows = findSensitiveFlows(asl, { sensitiveFields: SENSITIVE_FIELDS });
    expect([...new Set(flows.map((f) => `${f.state} (${f.sink})`))]).toEqual([
      `${STATE_NAMES.verifyPayment} (Lambda)`,
      `${STATE_NAMES.chargePayment} (Lambda)`,
    ]);
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
