import { randomBytes } from 'node:crypto';
import type { Dispatcher } from '@orders/asl-engine';
import type { LocalFunction } from '../lambda/lambda-service.js';
import type { StackModel } from '../stack/stack-model.js';
import { authorizingDispatcher } from './authorizing-dispatcher.js';
import { type CallerIdentity, IamAuthorizer } from './iam-authorizer.js';
import { type IamProxy, startIamProxy } from './iam-proxy.js';

/** `LOCAL_IAM` holds something other than `on` or `off`, or the model cannot be enforced (a function without a role). */
export class LocalIamSettingError extends Error {
  override readonly name = 'LocalIamSettingError';
}

/** A role of the program that the service meant to use it may not assume: AWS refuses to create the resource. */
export class RoleTrustError extends Error {
  override readonly name = 'RoleTrustError';
  constructor(readonly problems: readonly string[]) {
    super(
      `the program's roles cannot be assumed as AWS would need:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/** What the stack wires in: the functions' endpoint and credentials, and the state machine's dispatcher. */
export interface IamEnforcement {
  /** Why not, when off: `LOCAL_IAM=off`, or a model without IAM. */
  readonly off?: string;
  /** AWS_ENDPOINT_URL for the functions: the IAM proxy, or moto when enforcement is off. */
  readonly functionEndpoint: string;
  /**
   * The functions' endpoint for a service served outside moto (`states`): the IAM proxy, which checks the
   * call and hands it on, or the service itself when enforcement is off.
   */
  serviceEndpoint(service: string): string;
  /** The functions, each with its own access key id in its environment (the proxy tells them apart by it). */
  withCredentials(functions: readonly LocalFunction[]): LocalFunction[];
  /** The engine's dispatcher, with the state machine's calls checked against its role. */
  dispatcher(inner: Dispatcher): Dispatcher;
  close(): Promise<void>;
}

/** Read `LOCAL_IAM` (default on); anything but `on`/`off` is refused, naming the value. */
export function localIamSetting(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'on') return true;
  if (value === 'off') return false;
  throw new LocalIamSettingError(`LOCAL_IAM must be on or off, got ${JSON.stringify(value)}`);
}

/**
 * Enforce the program's IAM on the local stack (see the README's IAM section): the state machine's Tasks
 * at the dispatcher, the functions' SDK calls at a proxy in front of moto and of `serviceEndpoints` (the
 * local Step Functions API as `states`, which the intake function calls). Off with `LOCAL_IAM=off`, and for
 * a model that carries no IAM (one built by hand).
 */
export async function startIamEnforcement(
  model: StackModel,
  motoEndpoint: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  serviceEndpoints: Readonly<Record<string, string>> = {},
): Promise<IamEnforcement> {
  const on = localIamSetting(env.LOCAL_IAM);
  const endpointOf = (service: string): string => {
    const endpoint = serviceEndpoints[service];
    if (endpoint === undefined) throw new Error(`no local endpoint serves ${service}`);
    return endpoint;
  };
  const passThrough = (off: string): IamEnforcement => ({
    off,
    functionEndpoint: motoEndpoint,
    serviceEndpoint: endpointOf,
    withCredentials: (functions) => functions.map((fn) => withAccessKey(fn, 'local')),
    dispatcher: (inner) => inner,
    close: async () => undefined,
  });
  if (!on) return passThrough('LOCAL_IAM=off');
  if (model.iam === undefined) return passThrough('the model carries no IAM roles');

  const scope = { region: model.region, accountId: model.accountId };
  const authorizer = new IamAuthorizer(model.iam, scope);
  // Lambda names a function's role session after the function; the key id stands for its credentials.
  const callers = new Map<string, CallerIdentity>();
  const roleless = model.functions.filter((fn) => fn.roleArn === undefined).map((fn) => fn.name);
  if (roleless.length > 0) {
    throw new LocalIamSettingError(
      `with IAM enforced every function needs its role (roleArn), and ${roleless.join(', ')} has none; set LOCAL_IAM=off to run without IAM`,
    );
  }
  checkTrust(authorizer, model);
  for (const fn of model.functions) {
    callers.set(accessKeyOf(fn.name), { roleArn: String(fn.roleArn), sessionName: fn.name });
  }
  const proxy: IamProxy = await startIamProxy({
    target: motoEndpoint,
    serviceTargets: serviceEndpoints,
    authorizer,
    accountId: model.accountId,
    callers,
  });
  // Step Functions' role sessions have a random 32-character name.
  const machine: CallerIdentity = {
    roleArn: model.stateMachine.roleArn,
    sessionName: randomBytes(16).toString('hex'),
  };
  return {
    functionEndpoint: proxy.endpoint,
    serviceEndpoint: (service) => {
      endpointOf(service);
      return proxy.endpoint;
    },
    withCredentials: (functions) => functions.map((fn) => withAccessKey(fn, accessKeyOf(fn.spec.name))),
    dispatcher: (inner) => authorizingDispatcher(inner, authorizer, machine, scope),
    close: () => proxy.close(),
  };
}

/** A function's access key id: its name, readable in the proxy's decisions. */
function accessKeyOf(functionName: string): string {
  return functionName;
}

function withAccessKey(fn: LocalFunction, accessKeyId: string): LocalFunction {
  return {
    ...fn,
    spec: { ...fn.spec, environment: { ...fn.spec.environment, AWS_ACCESS_KEY_ID: accessKeyId } },
  };
}

/**
 * Each role's trust policy, as AWS checks it when the resource is created: Step Functions assumes the state
 * machine's role with `aws:SourceAccount` and `aws:SourceArn` (the confused-deputy keys), Lambda a function's.
 */
function checkTrust(authorizer: IamAuthorizer, model: StackModel): void {
  const problems: string[] = [];
  const machine = model.stateMachine;
  const keys = { 'aws:SourceAccount': model.accountId, 'aws:SourceArn': model.outputs.stateMachineArn };
  if (!authorizer.mayAssume(machine.roleArn, 'states.amazonaws.com', keys)) {
    problems.push(
      `state machine ${machine.name} (role ${machine.roleArn}): Neither the global service principal states.amazonaws.com, ` +
        'nor the regional one is authorized to assume the provided role.',
    );
  }
  for (const fn of model.functions) {
    if (fn.roleArn !== undefined && !authorizer.mayAssume(fn.roleArn, 'lambda.amazonaws.com')) {
      problems.push(
        `function ${fn.name} (role ${fn.roleArn}): The role defined for the function cannot be assumed by Lambda.`,
      );
    }
  }
  if (problems.length > 0) throw new RoleTrustError(problems);
}
