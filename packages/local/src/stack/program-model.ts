import type { StackOutputs } from '@orders/shared-types';
import { httpApiFromProgram } from './program-http-api.js';
import { iamFromProgram } from './program-iam.js';
import type { FunctionSpec, StackModel, TableSpec } from './stack-model.js';

/** One resource the mocked program registered (the shape `runProgramWithMocks` returns). */
export interface MockedResource {
  readonly type: string;
  readonly name: string;
  /** The provider id the mocks gave it (role policies name their role by it). */
  readonly id?: string;
  readonly inputs: Record<string, unknown>;
  readonly state?: Record<string, unknown>;
}

export interface MockedProgram {
  readonly resources: readonly MockedResource[];
  readonly outputs: Record<string, unknown>;
}

/** The program does not declare something the local stack needs; lists every gap. */
export class ProgramModelError extends Error {
  override readonly name = 'ProgramModelError';
  constructor(readonly problems: readonly string[]) {
    super(`the Pulumi program cannot be run locally:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** moto's account; local ARNs use it so that what moto assigns and what the definition names agree. */
export const LOCAL_ACCOUNT_ID = '123456789012';

const TABLE = 'aws:dynamodb/table:Table';
const TOPIC = 'aws:sns/topic:Topic';
const FUNCTION = 'aws:lambda/function:Function';
const STATE_MACHINE = 'aws:sfn/stateMachine:StateMachine';

/**
 * Turn what the mocked program registered into the local stack's model. Mock ARNs (whatever account
 * the mocks invent) are replaced everywhere — definition, environments, outputs — by the ARNs moto and
 * the local services use, so the definition still names exactly the resources the program created.
 */
export async function stackModelFromProgram(program: MockedProgram): Promise<StackModel> {
  const problems: string[] = [];
  const region = stringOr(program.outputs.region, 'us-east-1');
  const local = (service: string, resource: string) =>
    `arn:aws:${service}:${region}:${LOCAL_ACCOUNT_ID}:${resource}`;
  const substitutions = new Map<string, string>();
  const field = (r: MockedResource, key: string): unknown => r.state?.[key] ?? r.inputs[key];
  const nameOf = (r: MockedResource) => stringOr(field(r, 'name'), r.name);
  const remember = (r: MockedResource, localArn: string) => {
    const mockArn = field(r, 'arn');
    if (typeof mockArn === 'string' && mockArn !== '' && mockArn !== localArn)
      substitutions.set(mockArn, localArn);
  };

  const tables: TableSpec[] = [];
  const topics: Array<{ name: string; arn: string }> = [];
  const functions: Array<
    Omit<FunctionSpec, 'key' | 'environment'> & { environment: Record<string, string> }
  > = [];
  const machines: MockedResource[] = [];
  for (const resource of program.resources) {
    if (resource.type === TABLE) {
      const name = nameOf(resource);
      const hashKey = field(resource, 'hashKey');
      if (typeof hashKey !== 'string') problems.push(`table ${name} has no hashKey`);
      const rangeKey = field(resource, 'rangeKey');
      const attributes = (field(resource, 'attributes') ?? []) as Array<{
        name: string;
        type: 'S' | 'N' | 'B';
      }>;
      tables.push({
        name,
        hashKey: String(hashKey),
        ...(typeof rangeKey === 'string' ? { rangeKey } : {}),
        attributes: attributes.map((a) => ({ name: a.name, type: a.type })),
      });
      remember(resource, local('dynamodb', `table/${name}`));
    } else if (resource.type === TOPIC) {
      const name = nameOf(resource);
      const arn = local('sns', name);
      topics.push({ name, arn });
      remember(resource, arn);
    } else if (resource.type === FUNCTION) {
      const name = nameOf(resource);
      const arn = local('lambda', `function:${name}`);
      const bundleDir = await archivePath(field(resource, 'code'));
      if (bundleDir === undefined)
        problems.push(`function ${name} has no FileArchive code (a bundle folder)`);
      const environment = (
        field(resource, 'environment') as { variables?: Record<string, unknown> } | undefined
      )?.variables;
      functions.push({
        name,
        arn,
        bundleDir: bundleDir ?? '',
        handler: stringOr(field(resource, 'handler'), 'index.handler'),
        environment: Object.fromEntries(Object.entries(environment ?? {}).map(([k, v]) => [k, String(v)])),
        timeoutSeconds: numberOr(field(resource, 'timeout'), 3),
        memorySize: numberOr(field(resource, 'memorySize'), 128),
        ...(typeof field(resource, 'role') === 'string' ? { roleArn: String(field(resource, 'role')) } : {}),
      });
      remember(resource, arn);
    } else if (resource.type === STATE_MACHINE) {
      machines.push(resource);
      remember(resource, local('states', `stateMachine:${nameOf(resource)}`));
    }
  }

  const machine = machines[0];
  if (machines.length !== 1 || machine === undefined) {
    problems.push(`expected exactly one aws:sfn/stateMachine:StateMachine, found ${machines.length}`);
  }
  const definition = machine === undefined ? undefined : field(machine, 'definition');
  if (machine !== undefined && typeof definition !== 'string')
    problems.push('the state machine has no definition');
  const outputs = readOutputs(program.outputs, problems);
  const swap = (text: string) => {
    let out = text;
    for (const [mock, real] of substitutions) out = out.split(mock).join(real);
    return out;
  };
  const iam = iamFromProgram(program.resources, { field, swap }, problems);
  const httpApi = httpApiFromProgram(program.resources, { field, swap }, problems);
  for (const route of httpApi?.routes ?? []) {
    if (!functions.some((fn) => fn.name === route.functionName))
      problems.push(
        `HTTP API route ${route.routeKey} invokes ${route.functionName}, which is none of the program's functions`,
      );
  }
  if (problems.length > 0 || machine === undefined || outputs === undefined)
    throw new ProgramModelError(problems);

  const keyOf = (name: string) =>
    Object.entries(outputs.functionNames).find(([, fnName]) => fnName === name)?.[0] ?? name;
  const type = field(machine, 'type') === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
  return {
    region,
    accountId: LOCAL_ACCOUNT_ID,
    tables,
    topics,
    functions: functions.map((fn) => ({
      ...fn,
      key: keyOf(fn.name),
      environment: Object.fromEntries(Object.entries(fn.environment).map(([k, v]) => [k, swap(v)])),
      ...(fn.roleArn === undefined ? {} : { roleArn: swap(fn.roleArn) }),
    })),
    stateMachine: {
      name: nameOf(machine),
      definition: swap(String(definition)),
      type,
      roleArn: swap(
        stringOr(field(machine, 'roleArn'), `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${nameOf(machine)}-role`),
      ),
    },
    iam,
    ...(httpApi === undefined ? {} : { httpApi }),
    outputs: {
      ...outputs,
      stateMachineArn: local('states', `stateMachine:${nameOf(machine)}`),
      notificationTopicArn: swap(outputs.notificationTopicArn),
    },
  };
}

/** The path of a `FileArchive` as the mocks hand it over (an Archive object, its promise, or its serialised form). */
async function archivePath(code: unknown): Promise<string | undefined> {
  if (typeof code !== 'object' || code === null) return undefined;
  const path = await (code as { path?: unknown }).path;
  return typeof path === 'string' ? path : undefined;
}

/** The functions every stack names in its outputs (the keys of `StackOutputs.functionNames`). */
const FUNCTION_KEYS = ['verifyPayment', 'reserveStock', 'chargePayment', 'releaseStock'] as const;

function readOutputs(raw: Record<string, unknown>, problems: string[]): StackOutputs | undefined {
  const keys = ['stateMachineName', 'ordersTableName', 'inventoryTableName', 'notificationTopicArn'] as const;
  for (const key of keys) if (typeof raw[key] !== 'string') problems.push(`stack output ${key} is missing`);
  const fns = raw.functionNames as Record<string, unknown> | undefined;
  for (const key of FUNCTION_KEYS) {
    if (typeof fns?.[key] !== 'string') problems.push(`stack output functionNames.${key} is missing`);
  }
  if (problems.length > 0) return undefined;
  return {
    stateMachineArn: String(raw.stateMachineArn ?? ''),
    stateMachineName: String(raw.stateMachineName),
    region: stringOr(raw.region, 'us-east-1'),
    ordersTableName: String(raw.ordersTableName),
    inventoryTableName: String(raw.inventoryTableName),
    notificationTopicArn: String(raw.notificationTopicArn),
    functionNames: {
      verifyPayment: String(fns?.verifyPayment),
      reserveStock: String(fns?.reserveStock),
      chargePayment: String(fns?.chargePayment),
      releaseStock: String(fns?.releaseStock),
    },
  };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function numberOr(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : fallback;
}
