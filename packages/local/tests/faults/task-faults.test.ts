import { describe, expect, it } from 'vitest';
import { FaultRegistry, InvalidFaultError } from '../../src/faults/fault-registry.js';
import { ServiceFaults } from '../../src/faults/service-faults.js';
import { TaskFaults } from '../../src/faults/task-faults.js';
import { workflowTasks } from '../../src/faults/workflow-tasks.js';
import { FAULT_DEFINITION, FAULT_FUNCTIONS } from '../fixtures/fault-definition.js';

function setUp() {
  const functions = new FaultRegistry((name) => FAULT_FUNCTIONS[name]);
  const services = new ServiceFaults();
  const faults = new TaskFaults(functions, services, JSON.stringify(FAULT_DEFINITION));
  return { functions, services, faults };
}

describe('workflowTasks', () => {
  it('finds every Task, nested ones too, and tells Lambda, service and other Tasks apart', () => {
    const tasks = workflowTasks(FAULT_DEFINITION);
    expect([...tasks.keys()]).toEqual(['Claim', 'Verify', 'Lookup', 'Pick', 'Notify', 'Elsewhere']);
    expect(tasks.get('Verify')).toEqual({
      kind: 'lambda',
      state: 'Verify',
      functionName: 'arn:aws:lambda:us-east-1:123456789012:function:fn-verify',
    });
    expect(tasks.get('Pick')).toEqual({ kind: 'lambda', state: 'Pick', functionName: undefined });
    expect(tasks.get('Claim')).toEqual({
      kind: 'service',
      state: 'Claim',
      service: 'dynamodb',
      action: 'updateItem',
      optimized: true,
      hasTimeout: true,
    });
    expect(tasks.get('Lookup')).toMatchObject({ kind: 'service', optimized: false, hasTimeout: false });
    expect(tasks.get('Elsewhere')?.kind).toBe('other');
  });
});

describe('TaskFaults', () => {
  it('keeps function faults as the registry had them (a string target is a function)', () => {
    const { faults, functions } = setUp();
    faults.inject('verifyPayment', { count: 2, error: 'Lambda.TooManyRequestsException' });
    faults.inject({ functionName: 'fn-verify' }, { count: 1 });
    expect(faults.pending()).toEqual({ 'fn-verify': 3 });
    expect(functions.take('fn-verify')).toEqual({
      kind: 'service',
      error: 'Lambda.TooManyRequestsException',
    });
  });

  it("resolves a Lambda Task's state to its function's queue", () => {
    const { faults, functions } = setUp();
    faults.inject({ state: 'Verify' }, { count: 1, error: 'PaymentError', cause: 'declined' });
    expect(faults.pending()).toEqual({ 'fn-verify': 1 });
    expect(faults.pendingByState()).toEqual({ Verify: 1 });
    expect(functions.take('fn-verify')).toEqual({
      kind: 'function',
      error: 'PaymentError',
      cause: 'declined',
    });
  });

  it("queues a service Task's fault by state, with the service's status code", () => {
    const { faults, services } = setUp();
    faults.inject({ state: 'Claim' }, { count: 2, error: 'DynamoDB.ProvisionedThroughputExceededException' });
    faults.inject({ state: 'Notify' }, { count: 1 });
    expect(faults.pending()).toEqual({});
    expect(faults.pendingByState()).toEqual({ Claim: 2, Notify: 1 });
    expect(services.take('Claim')).toEqual({
      kind: 'error',
      error: 'DynamoDB.ProvisionedThroughputExceededException',
      code: 'ProvisionedThroughputExceededException',
      statusCode: 400,
      message: "Injected by the local stack's fault registry: ProvisionedThroughputExceededException",
    });
    // the default is the service's internal error, which the workflow's Tasks retry
    expect(services.take('Notify')).toMatchObject({
      error: 'SNS.InternalErrorException',
      statusCode: 500,
    });
    expect(services.take('Notify')).toBeUndefined();
  });

  it('names the aws-sdk integration errors DynamoDb.* and rejects the optimized prefix there', () => {
    const { faults, services } = setUp();
    faults.inject(
      { state: 'Lookup' },
      { count: 1, error: 'DynamoDb.ThrottlingException', cause: 'slow down' },
    );
    expect(services.take('Lookup')).toMatchObject({ code: 'ThrottlingException', message: 'slow down' });
    expect(() =>
      faults.inject({ state: 'Lookup' }, { count: 1, error: 'DynamoDB.ThrottlingException' }),
    ).toThrow("its errors start with 'DynamoDb.'");
  });

  it("rejects an error of another service, naming the Task's service and prefix", () => {
    const { faults } = setUp();
    expect(() =>
      faults.inject({ state: 'Notify' }, { count: 1, error: 'DynamoDB.InternalServerErrorException' }),
    ).toThrow(
      `error "DynamoDB.InternalServerErrorException" is not an error of state 'Notify' (sns:publish): its errors start with 'SNS.'`,
    );
    expect(() => faults.inject({ state: 'Claim' }, { count: 1, error: 'States.Timeout' })).toThrow(
      'for States.Timeout give timeout: true',
    );
    expect(() => faults.inject({ state: 'Claim' }, { count: 1, error: 'DynamoDB.' })).toThrow(
      'is not a service error code',
    );
  });

  it('takes a timeout only for a Task that can time out', () => {
    const { faults, services } = setUp();
    faults.inject({ state: 'Notify' }, { count: 1, timeout: true });
    expect(services.take('Notify')).toEqual({ kind: 'timeout' });
    expect(() => faults.inject({ state: 'Lookup' }, { count: 1, timeout: true })).toThrow(
      /has no TimeoutSeconds/,
    );
  });

  it('rejects unknown states, other resources, run-time functions, bad counts and ambiguous targets', () => {
    const { faults } = setUp();
    expect(() => faults.inject({ state: 'Notfy' }, { count: 1 })).toThrow(
      /no Task state named "Notfy" in the deployed definition \(its Tasks: Claim, Verify, Lookup, Pick, Notify, Elsewhere\)/,
    );
    expect(() => faults.inject({ state: 'Elsewhere' }, { count: 1 })).toThrow(/glue:startJobRun/);
    expect(() => faults.inject({ state: 'Pick' }, { count: 1 })).toThrow(
      /target the function by functionName/,
    );
    expect(() => faults.inject({ state: 'Claim' }, { count: 0 })).toThrow(/positive integer \(got 0\)/);
    expect(() => faults.inject({ state: 'Claim', functionName: 'fn-verify' } as never, { count: 1 })).toThrow(
      InvalidFaultError,
    );
    expect(() => faults.inject({ state: '' }, { count: 1 })).toThrow(/state must be/);
  });

  it('clears one Task, one function, or everything', () => {
    const { faults } = setUp();
    faults.inject({ state: 'Claim' }, { count: 1 });
    faults.inject({ state: 'Notify' }, { count: 1 });
    faults.inject('verifyPayment', { count: 1 });
    faults.clear({ state: 'Claim' });
    expect(faults.pendingByState()).toEqual({ Notify: 1, Verify: 1 });
    faults.clear({ state: 'Verify' });
    expect(faults.pending()).toEqual({});
    faults.inject('verifyPayment', { count: 1 });
    faults.clear();
    expect(faults.pendingByState()).toEqual({});
  });
});
