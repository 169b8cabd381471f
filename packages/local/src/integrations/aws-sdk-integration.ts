import * as DynamoDB from '@aws-sdk/client-dynamodb';
import * as SNS from '@aws-sdk/client-sns';
import * as SQS from '@aws-sdk/client-sqs';
import { TaskError } from '@orders/asl-engine';
import { responseMetadata } from './response-metadata.js';

/** Endpoint, region and credentials every client uses (moto on loopback). */
export interface AwsTarget {
  readonly endpoint: string;
  readonly region: string;
}

type SdkClient = {
  send(command: unknown, options: { abortSignal?: AbortSignal }): Promise<Record<string, unknown>>;
};
type CommandClass = new (input: unknown) => unknown;

interface ServiceEntry {
  readonly module: Record<string, unknown>;
  readonly client: SdkClient;
  /** Prefix of error names for the optimized integration (`DynamoDB.`) and the aws-sdk one (`DynamoDb.`). */
  readonly optimizedPrefix: string;
  readonly sdkPrefix: string;
  /** The service id in cause texts, as the Java SDK behind Step Functions prints it. */
  readonly serviceId: string;
}

/** A parsed Task `Resource` that targets an AWS service. */
export interface ServiceResource {
  readonly service: string;
  readonly action: string;
  /** `arn:aws:states:::dynamodb:putItem` (optimized) vs `arn:aws:states:::aws-sdk:dynamodb:putItem`. */
  readonly optimized: boolean;
}

const OPTIMIZED = /^arn:aws[\w-]*:states:::(dynamodb|sns|sqs):([A-Za-z]+)$/;
const AWS_SDK = /^arn:aws[\w-]*:states:::aws-sdk:([a-z0-9]+):([A-Za-z]+)$/;

/** Parse a service integration resource; undefined when it is not one this module serves. */
export function parseServiceResource(resource: string): ServiceResource | undefined {
  const optimized = OPTIMIZED.exec(resource);
  if (optimized?.[1] !== undefined && optimized[2] !== undefined) {
    return { service: optimized[1], action: optimized[2], optimized: true };
  }
  const sdk = AWS_SDK.exec(resource);
  if (sdk?.[1] !== undefined && sdk[2] !== undefined)
    return { service: sdk[1], action: sdk[2], optimized: false };
  return undefined;
}

/**
 * The `dynamodb:*`, `sns:*`, `sqs:*` and `aws-sdk:*` integrations, done with the AWS SDK v3 against
 * moto. The action names the SDK command (`putItem` → `PutItemCommand`) and Step Functions' PascalCase
 * parameters are that command's input, so any action of these services works without a per-action table.
 */
export class AwsSdkIntegration {
  private readonly services: Record<string, ServiceEntry>;

  constructor(target: AwsTarget) {
    const config = {
      endpoint: target.endpoint,
      region: target.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    };
    const entry = (
      module: object,
      Client: new (c: typeof config) => object,
      names: Pick<ServiceEntry, 'optimizedPrefix' | 'sdkPrefix' | 'serviceId'>,
    ): ServiceEntry => ({
      module: module as Record<string, unknown>,
      client: new Client(config) as unknown as SdkClient,
      ...names,
    });
    this.services = {
      dynamodb: entry(DynamoDB, DynamoDB.DynamoDBClient, {
        optimizedPrefix: 'DynamoDB',
        sdkPrefix: 'DynamoDb',
        serviceId: 'AmazonDynamoDBv2',
      }),
      sns: entry(SNS, SNS.SNSClient, { optimizedPrefix: 'SNS', sdkPrefix: 'Sns', serviceId: 'AmazonSNS' }),
      sqs: entry(SQS, SQS.SQSClient, { optimizedPrefix: 'SQS', sdkPrefix: 'Sqs', serviceId: 'AmazonSQS' }),
    };
  }

  /** Whether `resource` names a service and action this integration can call. */
  supports(resource: ServiceResource): boolean {
    const entry = this.services[resource.service];
    return entry !== undefined && typeof entry.module[commandName(resource.action)] === 'function';
  }

  /** Call the service and answer with what the Task state receives as its result. */
  async call(resource: ServiceResource, parameters: unknown, signal?: AbortSignal): Promise<unknown> {
    const entry = this.services[resource.service];
    const Command = entry?.module[commandName(resource.action)] as CommandClass | undefined;
    if (entry === undefined || Command === undefined) {
      throw new TaskError(
        'States.Runtime',
        `The local stack has no ${resource.service}:${resource.action} (services: ${Object.keys(this.services).join(', ')})`,
      );
    }
    const input = resource.optimized ? optimizedInput(resource, parameters) : parameters;
    let output: Record<string, unknown>;
    try {
      output = await entry.client.send(
        new Command(input ?? {}),
        signal === undefined ? {} : { abortSignal: signal },
      );
    } catch (error) {
      throw toTaskError(error, entry, resource.optimized);
    }
    const { $metadata: _metadata, ...rest } = output;
    const result = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
    if (!resource.optimized) return result;
    return { ...result, ...responseMetadata(Buffer.byteLength(JSON.stringify(result))) };
  }

  destroy(): void {
    for (const entry of Object.values(this.services))
      (entry.client as unknown as { destroy(): void }).destroy();
  }
}

function commandName(action: string): string {
  return `${action.charAt(0).toUpperCase()}${action.slice(1)}Command`;
}

/** The optimized SNS and SQS integrations serialise a JSON message body that is not a string. */
function optimizedInput(resource: ServiceResource, parameters: unknown): unknown {
  if (typeof parameters !== 'object' || parameters === null) return parameters;
  const params = { ...(parameters as Record<string, unknown>) };
  const bodyKey =
    resource.service === 'sns' ? 'Message' : resource.service === 'sqs' ? 'MessageBody' : undefined;
  if (bodyKey !== undefined && params[bodyKey] !== undefined && typeof params[bodyKey] !== 'string') {
    params[bodyKey] = JSON.stringify(params[bodyKey]);
  }
  return params;
}

/** SDK error → `<Service>.<Code>` with the Java-SDK-style cause text Step Functions shows. */
function toTaskError(error: unknown, entry: ServiceEntry, optimized: boolean): TaskError {
  const err = error as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number; requestId?: string };
  };
  const status = err.$metadata?.httpStatusCode;
  if (status === undefined || typeof err.name !== 'string') {
    return new TaskError('States.TaskFailed', err.message ?? String(error));
  }
  const code = err.name;
  const prefix = optimized ? entry.optimizedPrefix : entry.sdkPrefix;
  const cause =
    `${err.message ?? code} (Service: ${entry.serviceId}; Status Code: ${status}; Error Code: ${code}; ` +
    `Request ID: ${err.$metadata?.requestId ?? 'local'}; Proxy: null)`;
  return new TaskError(`${prefix}.${code}`, cause);
}
