import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type MotoRestart, type MotoServer, startMoto } from '@orders/moto-server';
import type { StackOutputs } from '@orders/shared-types';
import { INVENTORY_FIXTURE } from '@orders/shared-types';
import { httpApiService } from './api/http-api-service.js';
import { CONSOLE_PATH, type ConsoleService, startConsole } from './console/console-service.js';
import { controlRoutes, type FaultControls } from './control/control-routes.js';
import { TaskFaults } from './faults/task-faults.js';
import { type IamEnforcement, startIamEnforcement } from './iam/iam-enforcement.js';
import { AwsSdkIntegration } from './integrations/aws-sdk-integration.js';
import { createDispatcher } from './integrations/dispatcher.js';
import { findBundleFile, type InvocationOutcome } from './lambda/function-runtime.js';
import { LambdaService, type LocalFunction } from './lambda/lambda-service.js';
import { aslEngineLoader } from './sfn/asl-engine-adapter.js';
import { type LocalServer, openLocalServer } from './sfn/local-server.js';
import { SfnService } from './sfn/sfn-service.js';
import { BundlesNotBuiltError } from './stack/bundles-not-built-error.js';
import { loadStackModel } from './stack/load-program.js';
import { type AwsClients, type InventoryRow, type Provisioned, provision } from './stack/provision.js';
import type { StackModel } from './stack/stack-model.js';

/** What `pnpm dev` prints and writes to `.local/stack.json`: the stack outputs plus local endpoints. */
export interface LocalStackOutputs extends StackOutputs {
  readonly endpoints: {
    readonly stepfunctions: string;
    readonly dynamodb: string;
    readonly sns: string;
    readonly sqs: string;
  };
  /** An SQS queue subscribed to the notification topic (SNS envelope: raw message delivery is off). */
  readonly queueUrl: string;
  /** Fault injection and Lambda logs over HTTP (`POST faults`, `GET lambda-logs`), for tests in other processes. */
  readonly controlUrl: string;
  /** The console page (with `console` on): executions, graph, orders, stock, notifications, faults. */
  readonly consoleUrl?: string;
}

export interface LocalStackOptions {
  /** Print nothing (the default prints start-up steps to stderr). */
  readonly quiet?: boolean;
  /** Port of the Step Functions API; a port in use is replaced by a free one. Default: a free port. */
  readonly port?: number;
  /** Called with every line a Lambda writes (e.g. to print it). */
  readonly onLambdaLog?: (functionName: string, line: string) => void;
  /** Inventory rows to seed; default INVENTORY_FIXTURE from @orders/shared-types. */
  readonly inventory?: readonly InventoryRow[];
  /** The program model to run; default: the infra program run under mocks for stack `local`. */
  readonly model?: StackModel;
  /** Serve the console page at `<endpoint>/console/` (from `packages/console/dist`, or `distDir`). */
  readonly console?: boolean | { readonly distDir?: string };
  /** Record moto's requests from boot so that `restartMoto()` can restart it with its state (a file append per request). */
  readonly restartableMoto?: boolean;
}

export interface LocalStack {
  readonly outputs: LocalStackOutputs;
  /** The program model the stack runs (tables, functions, definition). */
  readonly model: StackModel;
  readonly faults: FaultControls;
  /** Every line a Lambda wrote (all functions, or one by key, name or ARN), oldest first. */
  lambdaLogs(functionName?: string): string[];
  /**
   * Invoke a function (by key, name or ARN) as the Lambda service does, e.g. one that EventBridge runs on a
   * schedule in AWS (nothing schedules it locally); a function error is an outcome, not a rejection.
   */
  invoke(functionName: string, event?: unknown): Promise<InvocationOutcome>;
  /**
   * Restart moto: a new process on the same port with the same state (`restartableMoto` only). Its port is
   * closed meanwhile, so calls in flight fail as when a service restarts.
   */
  restartMoto(): Promise<MotoRestart>;
  /** True when the Step Functions port asked for was taken and another was picked. */
  readonly portReplaced: boolean;
  stop(): Promise<void>;
}

/**
 * Start the whole system locally from the Pulumi program: moto with the program's tables and topic,
 * the Lambda bundles in worker threads, the definition on the ASL engine, and the Step Functions API.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const say: Say = (message) => {
    if (options.quiet !== true) process.stderr.write(`[local] ${message}\n`);
  };
  const cleanups: Cleanups = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn();
    cleanups.length = 0;
  };
  try {
    say('rendering the Pulumi program for stack `local` under mocks; starting moto');
    const { model, moto } = await startModelAndMoto(options, cleanups);
    const functions = findBundles(model);
    // Reject a bad definition before provisioning anything (the service loads it again with its dispatcher).
    aslEngineLoader({ resolve: () => undefined })(model.stateMachine.definition);
    const aws = await provisionMoto(model, moto, options, cleanups, say);
    // The server listens first: the functions are given its endpoint (the intake starts executions on it).
    const server = await openLocalServer(options.port ?? 0);
    cleanups.push(() => server.close());
    const iam = await startIamEnforcement(model, moto.endpoint, process.env, { states: server.endpoint });
    cleanups.push(() => iam.close());
    if (iam.off !== undefined) say(`IAM is not enforced (${iam.off})`);
    const { lambda, sfn, faults } = startFunctions(model, moto, iam, functions, options, cleanups);
    const api = await startApi({ model, moto, aws, lambda, sfn, faults, server }, options, cleanups, say);
    let stopping: Promise<void> | undefined;
    return {
      outputs: api.outputs,
      model,
      faults,
      lambdaLogs: (functionName) => lambda.lambdaLogs(functionName),
      invoke: (functionName, event = {}) => lambda.invoke(functionName, event),
      restartMoto: () => moto.restart(),
      portReplaced: api.portReplaced,
      stop: () => {
        stopping ??= cleanup();
        return stopping;
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

type Say = (message: string) => void;
/** What to undo, in the order things were started; run last first. */
type Cleanups = Array<() => Promise<void> | void>;

/** Render the program (unless given) while moto boots: moto takes seconds. */
async function startModelAndMoto(
  options: LocalStackOptions,
  cleanups: Cleanups,
): Promise<{ model: StackModel; moto: MotoServer }> {
  const [modelResult, motoResult] = await Promise.allSettled([
    options.model === undefined ? loadStackModel() : Promise.resolve(options.model),
    startMoto({ restartable: options.restartableMoto ?? false }),
  ]);
  if (motoResult.status === 'fulfilled') cleanups.push(() => motoResult.value.stop());
  if (modelResult.status === 'rejected') throw modelResult.reason;
  if (motoResult.status === 'rejected') throw motoResult.reason;
  return { model: modelResult.value, moto: motoResult.value };
}

/** Each function with its built bundle; every missing bundle is named at once. */
function findBundles(model: StackModel): LocalFunction[] {
  const found: LocalFunction[] = [];
  const missing: string[] = [];
  for (const spec of model.functions) {
    const bundlePath = findBundleFile(spec.bundleDir, spec.handler);
    if (bundlePath === undefined) missing.push(spec.bundleDir);
    else found.push({ spec, bundlePath });
  }
  if (missing.length > 0) throw new BundlesNotBuiltError(missing);
  return found;
}

/** The SDK clients on moto, and what `provision` made there: the program's tables and topics, the inspection queue. */
interface MotoResources {
  readonly clients: AwsClients;
  readonly topicName: string;
  readonly provisioned: Provisioned;
}

/** Create the program's tables and topics and the inspection queue in moto, and seed the inventory. */
async function provisionMoto(
  model: StackModel,
  moto: MotoServer,
  options: LocalStackOptions,
  cleanups: Cleanups,
  say: Say,
): Promise<MotoResources> {
  const config = {
    endpoint: moto.endpoint,
    region: model.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const clients = {
    dynamodb: new DynamoDBClient(config),
    sns: new SNSClient(config),
    sqs: new SQSClient(config),
  };
  cleanups.push(() => {
    for (const client of Object.values(clients)) client.destroy();
  });

  const topicName = model.topics.find((t) => t.arn === model.outputs.notificationTopicArn)?.name;
  if (topicName === undefined) {
    throw new Error(
      `the program's notification topic ${model.outputs.notificationTopicArn} is not among its topics`,
    );
  }
  say(
    `creating ${model.tables.length} tables, ${model.topics.length} topic(s) and the inspection queue in moto`,
  );
  const provisioned = await provision(clients, model, topicName, options.inventory ?? INVENTORY_FIXTURE);
  for (const topic of model.topics) {
    if (provisioned.topicArns[topic.name] !== topic.arn) {
      throw new Error(
        `moto named topic ${topic.name} ${provisioned.topicArns[topic.name]}, expected ${topic.arn}`,
      );
    }
  }
  return { clients, topicName, provisioned };
}

/** The Lambda service over the bundles, and the Step Functions service running the definition on it. */
function startFunctions(
  model: StackModel,
  moto: MotoServer,
  iam: IamEnforcement,
  functions: readonly LocalFunction[],
  options: LocalStackOptions,
  cleanups: Cleanups,
): { lambda: LambdaService; sfn: SfnService; faults: FaultControls } {
  // Each function signs with its own access key (its role's credentials), for the IAM proxy to check.
  const lambda = new LambdaService(iam.withCredentials(functions), {
    baseEnvironment: {
      AWS_ENDPOINT_URL: iam.functionEndpoint,
      // Step Functions is the local API, not moto's (the IAM proxy hands the calls it allows on to it).
      AWS_ENDPOINT_URL_SFN: iam.serviceEndpoint('states'),
      AWS_REGION: model.region,
      AWS_DEFAULT_REGION: model.region,
      AWS_SECRET_ACCESS_KEY: 'local',
      // Lambda runs its own Node.js version; this machine's must not add SDK warnings to the function logs.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    ...(options.onLambdaLog === undefined ? {} : { onLogLine: options.onLambdaLog }),
  });
  cleanups.push(() => lambda.stop());
  const aws = new AwsSdkIntegration({ endpoint: moto.endpoint, region: model.region });
  cleanups.push(() => aws.destroy());

  const sfn = new SfnService(
    { region: model.region, accountId: model.accountId },
    aslEngineLoader(iam.dispatcher(createDispatcher(lambda, aws))),
  );
  sfn.addStateMachine(model.stateMachine);
  // Faults by function, or by Task state of the deployed definition (Lambda Tasks through their function).
  const faults = new TaskFaults(lambda.faults, aws.faults, model.stateMachine.definition);
  return { lambda, sfn, faults };
}

/** Everything the server serves: the Step Functions service, the control routes' sources, the console's, the HTTP API's. */
interface ApiParts {
  readonly model: StackModel;
  readonly moto: MotoServer;
  readonly aws: MotoResources;
  readonly lambda: LambdaService;
  readonly sfn: SfnService;
  readonly faults: FaultControls;
  readonly server: LocalServer;
}

/**
 * Serve the Step Functions API, the `/_local/` control routes, the program's HTTP API (the intake) and
 * (when asked) the console on one port.
 */
async function startApi(
  { model, moto, aws, lambda, sfn, faults, server }: ApiParts,
  options: LocalStackOptions,
  cleanups: Cleanups,
  say: Say,
): Promise<{ outputs: LocalStackOutputs; portReplaced: boolean }> {
  // The outputs name the server's own port, so the console and the `outputs` route read them once it listens.
  let outputs: LocalStackOutputs | undefined;
  const readOutputs = (): LocalStackOutputs => {
    if (outputs === undefined) throw new Error('the local stack outputs were read before its API listened');
    return outputs;
  };
  let consoleService: ConsoleService | undefined;
  if (options.console !== undefined && options.console !== false) {
    consoleService = await startConsole({
      ...(options.console === true ? {} : options.console),
      region: model.region,
      endpoints: () => readOutputs().endpoints,
      clients: aws.clients,
      topicArn: model.outputs.notificationTopicArn,
      queueName: `${aws.topicName}-console`,
    });
    cleanups.push(() => consoleService?.stop());
  }
  const routes = controlRoutes({
    faults,
    lambdaLogs: (functionName) => lambda.lambdaLogs(functionName),
    outputs: readOutputs,
  });
  const api =
    model.httpApi === undefined
      ? undefined
      : httpApiService({
          api: model.httpApi,
          accountId: model.accountId,
          invoke: (functionName, event) => lambda.invoke(functionName, event),
        });
  server.serve({
    service: sfn,
    routes,
    ...(consoleService?.handle === undefined ? {} : { pages: consoleService.handle }),
    ...(api === undefined ? {} : { api }),
  });
  // Closed before the Lambdas and moto stop under it (the close pushed when it opened is then a no-op).
  cleanups.push(() => server.close());
  // Runs first: running executions stop before the API, the Lambdas and moto go away under them.
  cleanups.push(() => sfn.shutdown());
  if (server.portReplaced)
    say(`port ${options.port} is in use; the Step Functions API is on ${server.port} instead`);

  outputs = {
    ...model.outputs,
    endpoints: {
      stepfunctions: server.endpoint,
      dynamodb: moto.endpoint,
      sns: moto.endpoint,
      sqs: moto.endpoint,
    },
    queueUrl: aws.provisioned.queueUrl,
    controlUrl: `${server.endpoint}/_local`,
    ...(api === undefined ? {} : { intakeApiUrl: server.endpoint }),
    ...(model.httpApi?.routes[0] === undefined
      ? {}
      : { intakeFunctionName: model.httpApi.routes[0].functionName }),
    ...(consoleService === undefined ? {} : { consoleUrl: `${server.endpoint}${CONSOLE_PATH}` }),
  };
  return { outputs, portReplaced: server.portReplaced };
}
