import { randomUUID } from 'node:crypto';
import * as DynamoDB from '@aws-sdk/client-dynamodb';
import * as SNS from '@aws-sdk/client-sns';
import * as SQS from '@aws-sdk/client-sqs';
import { TaskError } from '@orders/asl-engine';
import { type ServiceFault, ServiceFaults } from '../faults/service-faults.js';
import { responseMetadata } from './response-metadata.js';
import { SERVICE_NAMES, type ServiceNames, serviceErrorCause } from './service-names.js';
import type { ServiceResource } from './service-resource.js';

/** Endpoint, region and credentials every client uses (moto on loopback). */
export interface AwsTarget {
  readonly endpoint: string;
  readonly region: string;
}

type SdkClient = {
  send(command: unknown, options: { abortSignal?: AbortSignal }): Promise<Record<string, unknown>>;
};
type CommandClass = new (input: unknown) => unknown;

interface ServiceEntry extends ServiceNames {
  readonly module: Record<string, unknown>;
  readonly client: SdkClient;
}

/**
 * The `dynamodb:*`, `sns:*`, `sqs:*` and `aws-sdk:*` integrations, done with the AWS SDK v3 against
 * moto. The action names the SDK command (`putItem` → `PutItemCommand`) and Step Functions' PascalCase
 * parameters are that command's input, so any action of these services works without a per-action table.
 */
export class AwsSdkIntegration {
  private readonly services: Record<string, ServiceEntry>;
  /** Faults injected into service Tasks by state name (`TaskFaults` fills it), met before moto is called. */
  readonly faults = new ServiceFaults();

  constructor(target: AwsTarget) {
    const config = {
      endpoint: target.endpoint,
      region: target.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      // The SDK's own retries cover what AWS's service integrations never show a workflow: a kept-alive
      // connection to moto that dropped, moto's rare 5xx. Every write of the workflow is safe to repeat (its
      // condition admits its own earlier attempt); faults are injected before the SDK, so none is retried here.
      maxAttempts: 3,
    };
    const entry = (
      service: string,
      module: object,
      Client: new (c: typeof config) => object,
    ): ServiceEntry => {
      const names = SERVICE_NAMES[service];
      if (names === undefined) throw new Error(`no SERVICE_NAMES entry for ${service}`);
      return {
        module: module as Record<string, unknown>,
        client: new Client(config) as unknown as SdkClient,
        ...names,
      };
    };
    this.services = {
      dynamodb: entry('dynamodb', DynamoDB, DynamoDB.DynamoDBClient),
      sns: entry('sns', SNS, SNS.SNSClient),
      sqs: entry('sqs', SQS, SQS.SQSClient),
    };
  }

  /** Whether `resource` names a service and action this integration can call. */
  supports(resource: ServiceResource): boolean {
    const entry = this.services[resource.service];
    return entry !== undefined && typeof entry.module[commandName(resource.action)] === 'function';
  }

  /**
   * Call the service and answer with what the Task state receives as its result. `stateName` is the Task
   * calling: a fault injected for it is met here, in place of the call to moto.
   */
  async call(
    resource: ServiceResource,
    parameters: unknown,
    { signal, stateName }: { signal?: AbortSignal; stateName?: string } = {},
  ): Promise<unknown> {
    const entry = this.services[resource.service];
    const Command = entry?.module[commandName(resource.action)] as CommandClass | undefined;
    if (entry === undefined || Command === undefined) {
      throw new TaskError(
        'States.Runtime',
        `The local stack has no ${resource.service}:${resource.action} (services: ${Object.keys(this.services).join(', ')})`,
      );
    }
    const input = resource.optimized ? optimizedInput(resource, parameters) : parameters;
    const fault = stateName === undefined ? undefined : this.faults.take(stateName);
    if (fault !== undefined) return meetFault(fault, entry, resource.optimized, signal);
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
  const cause = serviceErrorCause(entry, {
    message: err.message ?? code,
    statusCode: status,
    code,
    requestId: err.$metadata?.requestId ?? 'local',
  });
  return new TaskError(`${prefix}.${code}`, cause);
}

/** An injected fault, as the service would have answered: its error, or no answer until the Task times out. */
async function meetFault(
  fault: ServiceFault,
  entry: ServiceEntry,
  optimized: boolean,
  signal: AbortSignal | undefined,
): Promise<never> {
  if (fault.kind === 'timeout') {
    // The engine aborts the signal at TimeoutSeconds (States.Timeout) or when the execution stops.
    await new Promise<void>((resolve) => {
      if (signal === undefined || signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    throw signal?.reason ?? new TaskError('States.Timeout', 'the injected hang ended without a timeout');
  }
  const prefix = optimized ? entry.optimizedPrefix : entry.sdkPrefix;
  // The fault was checked against the Task's own integration; its code stands for either prefix.
  const error = fault.error.startsWith(`${prefix}.`) ? fault.error : `${prefix}.${fault.code}`;
  const cause = serviceErrorCause(entry, { ...fault, requestId: randomUUID() });
  throw new TaskError(error, cause);
}
