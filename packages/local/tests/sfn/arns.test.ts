import { describe, expect, it } from 'vitest';
import { executionArn, isValidName, stateMachineArn } from '../../src/sfn/arns.js';

describe('names and ARNs', () => {
  it('accepts Step Functions names and refuses the forbidden characters', () => {
    expect(isValidName('order-123_ABC.x')).toBe(true);
    for (const bad of [
      '',
      'a b',
      'a:b',
      'a/b',
      'a*',
      'a?',
      'a{b}',
      'tab\there',
      '\u0007bell',
      'x'.repeat(81),
    ]) {
      expect(isValidName(bad)).toBe(false);
    }
  });

  it('builds AWS-shaped ARNs; Express executions carry a unique suffix', () => {
    const scope = { region: 'us-east-1', accountId: '123456789012' };
    expect(stateMachineArn(scope, 'sm')).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:sm');
    expect(executionArn(scope, 'sm', 'run', false)).toBe(
      'arn:aws:states:us-east-1:123456789012:execution:sm:run',
    );
    expect(executionArn(scope, 'sm', 'run', true)).toMatch(
      /^arn:aws:states:us-east-1:123456789012:express:sm:run:[0-9a-f-]{36}$/,
    );
  });
});
