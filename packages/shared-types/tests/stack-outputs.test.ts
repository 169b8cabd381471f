import { describe, expect, it } from 'vitest';
import { InvalidStackOutputsError, parseStackOutputs } from '../src/index.js';

const outputs = {
  stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:orders-dev-order-workflow',
  stateMachineName: 'orders-dev-order-workflow',
  region: 'us-east-1',
  ordersTableName: 'orders-dev-orders',
  inventoryTableName: 'orders-dev-inventory',
  notificationTopicArn: 'arn:aws:sns:us-east-1:123456789012:orders-dev-notifications',
  functionNames: {
    verifyPayment: 'orders-dev-verify-payment',
    reserveStock: 'orders-dev-reserve-stock',
    chargePayment: 'orders-dev-charge-payment',
    releaseStock: 'orders-dev-release-stock',
  },
};

describe('parseStackOutputs', () => {
  it('keeps the intake API URL when the stack has one, and refuses one that is not an http(s) URL', () => {
    const url = 'https://abc123.execute-api.us-east-1.amazonaws.com';
    expect(parseStackOutputs({ ...outputs, intakeApiUrl: url }, 'test')).toEqual({
      ...outputs,
      intakeApiUrl: url,
    });
    expect(() => parseStackOutputs({ ...outputs, intakeApiUrl: 'abc123' }, 'outputs.json')).toThrow(
      /intakeApiUrl must be an http\(s\) URL \(got "abc123"\)/,
    );
  });

  it('keeps exactly the keys every target exposes', () => {
    expect(parseStackOutputs({ ...outputs, extra: 1 }, 'test')).toEqual(outputs);
  });

  it('names every missing or mistyped key and where the outputs came from', () => {
    const { region: _region, ...noRegion } = outputs;
    const bad = { ...noRegion, ordersTableName: 7, functionNames: { verifyPayment: 'v' } };
    expect(() => parseStackOutputs(bad, 'outputs.json')).toThrow(InvalidStackOutputsError);
    expect(() => parseStackOutputs(bad, 'outputs.json')).toThrow(
      /outputs\.json.*region must be a non-empty string \(got undefined\).*ordersTableName must be a non-empty string \(got 7\).*functionNames\.reserveStock.*functionNames\.releaseStock/,
    );
  });

  it('rejects what is not an object', () => {
    expect(() => parseStackOutputs('[secret]', 'cli')).toThrow('expected a JSON object, got "[secret]"');
  });
});
