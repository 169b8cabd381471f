import { describe, expect, it } from 'vitest';
import { controlRoutes } from '../../src/control/control-routes.js';
import { FaultRegistry, InvalidFaultError } from '../../src/faults/fault-registry.js';
import { ServiceFaults } from '../../src/faults/service-faults.js';
import { TaskFaults } from '../../src/faults/task-faults.js';
import { LocalRouteError } from '../../src/sfn/local-server.js';

/** The routes' faults over one Lambda Task (Verify, invoking orders-verify-payment) and one SNS Task. */
const DEFINITION = {
  StartAt: 'Verify',
  States: {
    Verify: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'orders-verify-payment' },
      Next: 'Notify',
    },
    Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true },
  },
};

const FUNCTIONS = new Map([
  ['verifyPayment', 'orders-verify-payment'],
  ['orders-verify-payment', 'orders-verify-payment'],
]);

function setUp() {
  const registry = new TaskFaults(
    new FaultRegistry((name) => FUNCTIONS.get(name)),
    new ServiceFaults(),
    DEFINITION,
  );
  const logs: Record<string, string[]> = { 'orders-verify-payment': ['a', 'b'], other: ['c'] };
  const routes = controlRoutes({
    faults: registry,
    lambdaLogs: (functionName) =>
      functionName === undefined ? Object.values(logs).flat() : (logs[functionName] ?? []),
    outputs: () => ({ region: 'us-east-1' }),
  });
  const call = (name: string, method: string, path: string, body?: unknown) => {
    const route = routes[name];
    if (route === undefined) throw new Error(`no route ${name}`);
    return route({ method, url: new URL(path, 'http://127.0.0.1'), body });
  };
  return { registry, call };
}

describe('controlRoutes', () => {
  it('serves faults, lambda-logs and outputs, and nothing else', () => {
    const routes = controlRoutes({
      faults: new TaskFaults(new FaultRegistry(() => undefined), new ServiceFaults(), DEFINITION),
      lambdaLogs: () => [],
      outputs: () => ({}),
    });
    expect(Object.keys(routes).sort()).toEqual(['faults', 'lambda-logs', 'outputs']);
  });

  it('injects a fault on POST and answers with the pending faults', () => {
    const { call } = setUp();
    const answer = call('faults', 'POST', '/_local/faults', {
      functionName: 'verifyPayment',
      count: 2,
      error: 'OutOfStock',
    });
    expect(answer).toEqual({ ok: true, pending: { 'orders-verify-payment': 2 } });
    expect(call('faults', 'GET', '/_local/faults')).toEqual({ 'orders-verify-payment': 2 });
  });

  it('passes the fault on to the registry, which rejects a bad count', () => {
    const { call } = setUp();
    expect(() =>
      call('faults', 'POST', '/_local/faults', { functionName: 'verifyPayment', count: 0 }),
    ).toThrow(InvalidFaultError);
  });

  it('requires functionName as a string on POST', () => {
    const { call } = setUp();
    expect(() => call('faults', 'POST', '/_local/faults', { count: 1 })).toThrow(LocalRouteError);
    expect(() => call('faults', 'POST', '/_local/faults', { functionName: 7, count: 1 })).toThrow(
      'functionName (a string) is required',
    );
    expect(() => call('faults', 'POST', '/_local/faults')).toThrow(LocalRouteError);
  });

  it('clears the faults of one function, or all, on DELETE', () => {
    const { registry, call } = setUp();
    registry.inject('verifyPayment', { count: 1 });
    call('faults', 'DELETE', '/_local/faults?functionName=other');
    expect(registry.pending()).toEqual({ 'orders-verify-payment': 1 });
    call('faults', 'DELETE', '/_local/faults?functionName=verifyPayment');
    expect(registry.pending()).toEqual({});
    registry.inject('verifyPayment', { count: 1 });
    call('faults', 'DELETE', '/_local/faults');
    expect(registry.pending()).toEqual({});
  });

  it('injects a fault on a Task state and answers with the pending faults per state', () => {
    const { call } = setUp();
    const answer = call('faults', 'POST', '/_local/faults', {
      state: 'Notify',
      count: 4,
      error: 'SNS.ThrottledException',
    });
    expect(answer).toEqual({ ok: true, pending: { Notify: 4 } });
    call('faults', 'POST', '/_local/faults', { state: 'Verify', count: 1 });
    expect(call('faults', 'GET', '/_local/faults?by=state')).toEqual({ Notify: 4, Verify: 1 });
    // the default answer stays per function
    expect(call('faults', 'GET', '/_local/faults')).toEqual({ 'orders-verify-payment': 1 });
    call('faults', 'DELETE', '/_local/faults?state=Notify');
    expect(call('faults', 'GET', '/_local/faults?by=state')).toEqual({ Verify: 1 });
  });

  it("rejects a state fault with another service's error, and both targets at once", () => {
    const { call } = setUp();
    expect(() =>
      call('faults', 'POST', '/_local/faults', {
        state: 'Notify',
        count: 1,
        error: 'DynamoDB.InternalServerErrorException',
      }),
    ).toThrow(/its errors start with 'SNS\.'/);
    expect(() =>
      call('faults', 'POST', '/_local/faults', { state: 'Notify', functionName: 'verifyPayment', count: 1 }),
    ).toThrow('give functionName or state, not both');
    expect(() => call('faults', 'POST', '/_local/faults', { state: 3, count: 1 })).toThrow(LocalRouteError);
  });

  it('serves the logs of one function, or of all', () => {
    const { call } = setUp();
    expect(call('lambda-logs', 'GET', '/_local/lambda-logs?functionName=orders-verify-payment')).toEqual([
      'a',
      'b',
    ]);
    expect(call('lambda-logs', 'GET', '/_local/lambda-logs')).toEqual(['a', 'b', 'c']);
  });

  it('serves the outputs as the getter gives them when asked', () => {
    const { call } = setUp();
    expect(call('outputs', 'GET', '/_local/outputs')).toEqual({ region: 'us-east-1' });
  });
});
