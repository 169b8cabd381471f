import { Agent } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { LocalStackOutputs } from '../../src/index.js';

/**
 * SDK clients pointed at a local stack (dummy credentials; the local services do not check them).
 * `maxSockets` raises the SDK's 50 connections per client for scripts with many requests in flight.
 */
export function localClients(outputs: LocalStackOutputs, options: { maxSockets?: number } = {}) {
  const requestHandler =
    options.maxSockets === undefined
      ? {}
      : { requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: options.maxSockets }) } };
  const base = {
    region: outputs.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...requestHandler,
  };
  return {
    sfn: new SFNClient({ ...base, endpoint: outputs.endpoints.stepfunctions }),
    dynamodb: new DynamoDBClient({ ...base, endpoint: outputs.endpoints.dynamodb }),
    sqs: new SQSClient({ ...base, endpoint: outputs.endpoints.sqs }),
  };
}
