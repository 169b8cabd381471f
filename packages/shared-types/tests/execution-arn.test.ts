import { describe, expect, it } from 'vitest';
import { executionArnOf } from '../src/index.js';

const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:orders-local';

describe('executionArnOf', () => {
  it('names the execution of a standard state machine', () => {
    expect(executionArnOf(MACHINE, 'e2e-RUN-ID')).toBe(
      'arn:aws:states:us-east-1:123456789012:execution:orders-local:e2e-RUN-ID',
    );
  });

  it('refuses an ARN that is not a state machine', () => {
    expect(() => executionArnOf('arn:aws:sns:us-east-1:123456789012:orders', 'x')).toThrow(
      /is not a state machine ARN/,
    );
  });
});
