import { describe, expect, it } from 'vitest';
import { InvalidStackOutputsError, parseStackOutputs, queuePolicy } from '../src/index.js';

const OUTPUTS = {
  stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:orders',
  stateMachineName: 'orders',
  region: 'eu-west-1',
  ordersTableName: 'orders',
  inventoryTableName: 'inventory',
  notificationTopicArn: 'arn:aws:sns:eu-west-1:123456789012:orders',
  functionNames: { verifyPayment: 'v', reserveStock: 'r', chargePayment: 'c', releaseStock: 'l' },
  extra: 'ignored',
};

describe('parseStackOutputs', () => {
  it('keeps the keys the suite needs', () => {
    const { extra: _extra, ...expected } = OUTPUTS;
    expect(parseStackOutputs(OUTPUTS, 'test')).toEqual(expected);
  });

  it('names every missing key at once', () => {
    const { region: _r, functionNames: _f, ...broken } = OUTPUTS;
    expect(() => parseStackOutputs(broken, 'outputs.json')).toThrowError(InvalidStackOutputsError);
    try {
      parseStackOutputs(broken, 'outputs.json');
    } catch (error) {
      expect((error as InvalidStackOutputsError).problems).toEqual([
        'region must be a non-empty string (got undefined)',
        'functionNames.verifyPayment must be a string (got undefined)',
        'functionNames.reserveStock must be a string (got undefined)',
        'functionNames.chargePayment must be a string (got undefined)',
        'functionNames.releaseStock must be a string (got undefined)',
      ]);
    }
  });
});

describe('queuePolicy', () => {
  it('lets only the topic send to the queue', () => {
    expect(JSON.parse(queuePolicy('arn:q', 'arn:t'))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowNotificationTopic',
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: 'arn:q',
          Condition: { ArnEquals: { 'aws:SourceArn': 'arn:t' } },
        },
      ],
    });
  });
});
