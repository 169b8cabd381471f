import type { DescribeExecutionOutput, ListExecutionsOutput } from '@aws-sdk/client-sfn';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { isJsonObject, toWire, type Unchecked, type Wire } from '../../src/sfn/wire.js';

describe('toWire', () => {
  it('turns every Date, at any depth, into epoch seconds with the fraction kept', () => {
    const answer: ListExecutionsOutput = {
      executions: [
        {
          executionArn: 'arn:e',
          stateMachineArn: 'arn:m',
          name: 'e',
          status: 'SUCCEEDED',
          startDate: new Date(1_700_000_000_123),
          stopDate: new Date(1_700_000_001_000),
        },
      ],
      nextToken: 't',
    };
    expect(toWire(answer)).toEqual({
      executions: [
        {
          executionArn: 'arn:e',
          stateMachineArn: 'arn:m',
          name: 'e',
          status: 'SUCCEEDED',
          startDate: 1_700_000_000.123,
          stopDate: 1_700_000_001,
        },
      ],
      nextToken: 't',
    });
  });

  it('leaves strings, numbers, booleans and null alone and does not change its argument', () => {
    const startDate = new Date(0);
    const body = { input: '{"a":1}', count: 3, included: true, none: null, startDate };
    expect(toWire(body)).toEqual({ input: '{"a":1}', count: 3, included: true, none: null, startDate: 0 });
    expect(body.startDate).toBe(startDate);
  });

  it('says so in its type: Date fields become numbers', () => {
    expectTypeOf<Wire<DescribeExecutionOutput>['startDate']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Wire<DescribeExecutionOutput>['executionArn']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Unchecked<DescribeExecutionOutput>['startDate']>().toEqualTypeOf<unknown>();
  });
});

describe('isJsonObject', () => {
  it('accepts objects only: not arrays, null or scalars', () => {
    expect([{}, { a: 1 }].map(isJsonObject)).toEqual([true, true]);
    expect([[], null, 'x', 1, undefined].map(isJsonObject)).toEqual([false, false, false, false, false]);
  });
});
