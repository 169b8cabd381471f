import { describe, expect, it } from 'vitest';
import { correlationIdOf } from '../../src/runtime/lambda-context.js';

describe('correlationIdOf', () => {
  it('prefers an id carried by the event', () => {
    expect(correlationIdOf({ correlationId: 'exec-1', orderId: 'o-1' }, { awsRequestId: 'r' })).toBe(
      'exec-1',
    );
    expect(correlationIdOf({ orderId: 'o-1' }, { awsRequestId: 'r' })).toBe('o-1');
  });

  it('falls back to the request id, and ignores ids that are not safe to log', () => {
    expect(correlationIdOf({ orderId: 'bad id\n{"level":"ERROR"}' }, { awsRequestId: 'r-1' })).toBe('r-1');
    expect(correlationIdOf('x', undefined)).toBe('none');
  });
});
