import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { E2eTarget } from './target/e2e-target.js';

/** The AWS clients the suite talks through, all pointed at one target. */
export interface E2eClients {
  readonly sfn: SFNClient;
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
}

// The emulator accepts any key; fixed ones keep a developer's real credentials out of local runs.
const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Build clients from the target: its endpoints for the local stack, the SDK's defaults for AWS. */
export function createClients(target: E2eTarget): E2eClients {
  const common = { region: target.region, maxAttempts: 3 };
  const at = (endpoint: string | undefined) =>
    endpoint === undefined ? common : { ...common, endpoint, credentials: LOCAL_CREDENTIALS };
  return {
    sfn: new SFNClient(at(target.endpoints?.stepfunctions)),
    dynamodb: new DynamoDBClient(at(target.endpoints?.dynamodb)),
    sqs: new SQSClient(at(target.endpoints?.sqs)),
    sns: new SNSClient(at(target.endpoints?.sns)),
  };
}
