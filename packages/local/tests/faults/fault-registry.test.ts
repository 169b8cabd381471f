import { describe, expect, it } from 'vitest';
import { FaultRegistry, InvalidFaultError } from '../../src/faults/fault-registry.js';

const registry = () =>
  new FaultRegistry((name) => ({ verifyPayment: 'fn-verify', 'fn-verify': 'fn-verify' })[name]);

describe('FaultRegistry', () => {
  it('hands out exactly count faults for the resolved function, then none', () => {
    const faults = registry();
    faults.inject('verifyPayment', { count: 2, error: 'Lambda.TooManyRequestsException' });
    expect(faults.pending()).toEqual({ 'fn-verify': 2 });
    expect(faults.take('fn-verify')).toEqual({ kind: 'service', error: 'Lambda.TooManyRequestsException' });
    expect(faults.take('fn-verify')?.kind).toBe('service');
    expect(faults.take('fn-verify')).toBeUndefined();
  });

  it('tells service errors, function errors and timeouts apart; defaults to Lambda.ServiceException', () => {
    const faults = registry();
    faults.inject('fn-verify', { count: 1 });
    faults.inject('fn-verify', { count: 1, error: 'PaymentError', cause: 'declined' });
    faults.inject('fn-verify', { count: 1, timeout: true });
    expect([faults.take('fn-verify'), faults.take('fn-verify'), faults.take('fn-verify')]).toEqual([
      { kind: 'service', error: 'Lambda.ServiceException' },
      { kind: 'function', error: 'PaymentError', cause: 'declined' },
      { kind: 'timeout' },
    ]);
  });

  it('rejects unknown functions, bad counts and error-with-timeout', () => {
    const faults = registry();
    expect(() => faults.inject('ghost', { count: 1 })).toThrow(InvalidFaultError);
    expect(() => faults.inject('verifyPayment', { count: 0 })).toThrow(/positive integer/);
    expect(() => faults.inject('verifyPayment', { count: 1, error: 'X', timeout: true })).toThrow(/not both/);
  });

  it('clears the faults of one function', () => {
    const faults = registry();
    faults.inject('verifyPayment', { count: 3 });
    faults.clear('verifyPayment');
    expect(faults.pending()).toEqual({});
  });
});
