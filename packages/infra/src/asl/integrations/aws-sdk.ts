import type { QueryLanguage } from '../state.js';
import type { IntegrationOptions, TaskOptions } from '../states/task.js';
import { TaskState } from '../states/task.js';

export type AwsSdkCallOptions<R, L extends QueryLanguage = 'JSONPath'> = IntegrationOptions<R, L> & {
  /** The SDK service name in lower case, e.g. `dynamodb`, `s3`, `eventbridge`. */
  readonly service: string;
  /** The API action in camelCase, e.g. `query`, `getObject`. */
  readonly action: string;
  /** The API request in PascalCase. */
  readonly request?: Readonly<Record<string, unknown>>;
  /** IAM actions (default: `<IAM prefix of the service>:<Action>`, see {@link iamActionOf}). */
  readonly iamActions?: readonly string[];
  /** IAM resources the call touches (refs). */
  readonly iamResources: readonly R[];
};

/**
 * SDK service names whose IAM action prefix differs (the SDK name is the prefix for every other service).
 * Pass `iamActions` for a service missing here.
 */
const IAM_PREFIX: Readonly<Record<string, string>> = {
  sfn: 'states',
  eventbridge: 'events',
  cloudwatchlogs: 'logs',
  sesv2: 'ses',
  efs: 'elasticfilesystem',
  emr: 'elasticmapreduce',
  emrcontainers: 'emr-containers',
  elasticloadbalancingv2: 'elasticloadbalancing',
  acmpca: 'acm-pca',
  mediastoredata: 'mediastore',
  iotdata: 'iot',
  lexruntimev2: 'lex',
};

/** The IAM action an SDK integration needs, e.g. (`sfn`, `startExecution`) -> `states:StartExecution`. */
export function iamActionOf(service: string, action: string): string {
  return `${IAM_PREFIX[service] ?? service}:${action.charAt(0).toUpperCase()}${action.slice(1)}`;
}

/** Any AWS SDK call (`arn:aws:states:::aws-sdk:<service>:<action>`), declaring its IAM. */
export function awsSdkCall<R = string, L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: AwsSdkCallOptions<R, L>,
): TaskState<R, L> {
  const { service, action, request, iamActions, iamResources, ...rest } = options;
  return new TaskState<R, L>(name, {
    ...rest,
    resource: `arn:aws:states:::aws-sdk:${service}:${action}`,
    ...(request !== undefined && { request }),
    iam: [{ actions: iamActions ?? [iamActionOf(service, action)], resources: iamResources }],
  } as unknown as TaskOptions<R, L>);
}
