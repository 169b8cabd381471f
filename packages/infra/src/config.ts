import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pulumi from '@pulumi/pulumi';
import { TASK_TIMEOUTS } from './workflow/order-workflow.js';

export const STATE_MACHINE_TYPES = ['STANDARD', 'EXPRESS'] as const;
export type StateMachineType = (typeof STATE_MACHINE_TYPES)[number];

export const LOG_LEVELS = ['ALL', 'ERROR', 'FATAL', 'OFF'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const ENVIRONMENTS = ['development', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** The retention periods CloudWatch Logs accepts (a log group rejects any other value). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** The Lambdas' failure simulation (the original sample's random failures); always off in production. */
export type SimulationConfig =
  | { readonly enabled: false }
  | {
      readonly enabled: true;
      readonly seed?: string;
      readonly paymentRejectRate: number;
      readonly outOfStockRate: number;
      readonly declineRate: number;
    };

/** Everything the program reads from stack config, validated. */
export interface StackConfig {
  readonly project: string;
  readonly stack: string;
  readonly region: string;
  readonly environment: Environment;
  readonly stateMachineType: StateMachineType;
  readonly logLevel: LogLevel;
  readonly includeExecutionData: boolean;
  readonly logRetentionDays: number;
  readonly lambdaTimeoutSeconds: number;
  readonly lambdaMemoryMb: number;
  readonly simulation: SimulationConfig;
  /** Create the shared inventory fixture in the Inventory table (test stacks only). */
  readonly seedInventory: boolean;
  readonly alarmEmail?: string;
  /** Folder holding one built bundle folder per handler (`<dir>/<handler>/index.mjs`). */
  readonly lambdaDistDir: string;
}

/** One invalid config value, named by its full key (`<namespace>:<key>`). */
export interface ConfigProblem {
  readonly key: string;
  readonly message: string;
}

/** Stack config is missing a key or holds a value the program cannot deploy; lists every problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`invalid stack config:\n${problems.map((p) => `  - ${p.key}: ${p.message}`).join('\n')}`);
  }
}

/** Reads one raw config value by full key (`orders:logLevel`, `aws:region`); undefined when unset. */
export type ConfigSource = (key: string) => string | undefined;

/** Where the Lambda bundles are when `lambdaDistDir` is not configured: the lambdas package's `dist`. */
export const DEFAULT_LAMBDA_DIST_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../lambdas/dist',
);

/**
 * Validate raw config values into a {@link StackConfig}; throws {@link ConfigError} naming every bad key.
 * Defaults live in Pulumi.yaml (the CLI applies them), so a missing key here is an error.
 */
export function parseStackConfig(
  get: ConfigSource,
  ids: { readonly project: string; readonly stack: string },
): StackConfig {
  const problems: ConfigProblem[] = [];
  const ns = ids.project;
  const key = (name: string) => `${ns}:${name}`;

  const raw = (name: string, required: boolean): string | undefined => {
    const value = get(name)?.trim();
    if (value === undefined || value === '') {
      if (required)
        problems.push({ key: name, message: 'is required (set it in Pulumi.yaml or the stack file)' });
      return undefined;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const value = raw(name, true);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push({
      key: name,
      message: `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
    });
    return undefined;
  };
  const bool = (name: string): boolean | undefined => {
    const value = raw(name, true);
    if (value === undefined) return undefined;
    if (value === 'true' || value === 'false') return value === 'true';
    problems.push({ key: name, message: `must be true or false, got ${JSON.stringify(value)}` });
    return undefined;
  };
  const int = (name: string, min: number, max: number): number | undefined => {
    const value = raw(name, true);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    problems.push({
      key: name,
      message: `must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`,
    });
    return undefined;
  };
  const rate = (name: string): number | undefined => {
    const value = raw(name, true);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (Number.isFinite(n) && n >= 0 && n <= 1) return n;
    problems.push({ key: name, message: `must be a number from 0 to 1, got ${JSON.stringify(value)}` });
    return undefined;
  };

  const region = raw('aws:region', true);
  const environment = oneOf(key('environment'), ENVIRONMENTS);
  const production = environment === 'production';
  const stateMachineType = oneOf(key('workflowType'), STATE_MACHINE_TYPES);
  // The key's old name: a stack file that still sets it would otherwise deploy the default type silently.
  if (get(key('stateMachineType')) !== undefined) {
    problems.push({
      key: key('stateMachineType'),
      message: `was renamed: set ${key('workflowType')} instead`,
    });
  }
  const logLevel = oneOf(key('logLevel'), LOG_LEVELS);
  const includeExecutionData = bool(key('includeExecutionData'));
  if (production && includeExecutionData === true) {
    problems.push({
      key: key('includeExecutionData'),
      message: 'must be false in production (execution data holds card details)',
    });
  }
  const retentionRaw = raw(key('logRetentionDays'), true);
  let logRetentionDays: number | undefined;
  if (retentionRaw !== undefined) {
    const n = Number(retentionRaw);
    if ((LOG_RETENTION_DAYS as readonly number[]).includes(n)) logRetentionDays = n;
    else {
      problems.push({
        key: key('logRetentionDays'),
        message: `must be one of ${LOG_RETENTION_DAYS.join(', ')}, got ${JSON.stringify(retentionRaw)}`,
      });
    }
  }
  const lambdaTimeoutSeconds = int(key('lambdaTimeoutSeconds'), 1, 900);
  // The workflow gives each Lambda task TASK_TIMEOUTS.lambda seconds: a function allowed to run longer could
  // still be charging after the task has given up on it.
  if (lambdaTimeoutSeconds !== undefined && lambdaTimeoutSeconds >= TASK_TIMEOUTS.lambda) {
    problems.push({
      key: key('lambdaTimeoutSeconds'),
      message: `must be below the workflow's Lambda task timeout (${TASK_TIMEOUTS.lambda} s), got ${lambdaTimeoutSeconds}`,
    });
  }
  const lambdaMemoryMb = int(key('lambdaMemoryMb'), 128, 10240);

  const simulate = bool(key('simulate'));
  if (production && simulate === true) {
    problems.push({ key: key('simulate'), message: 'must be false in production' });
  }
  let simulation: SimulationConfig = { enabled: false };
  if (simulate === true) {
    const seed = raw(key('simulationSeed'), false);
    const paymentRejectRate = rate(key('simPaymentRejectRate'));
    const outOfStockRate = rate(key('simOutOfStockRate'));
    const declineRate = rate(key('simDeclineRate'));
    if (paymentRejectRate !== undefined && outOfStockRate !== undefined && declineRate !== undefined) {
      simulation = {
        enabled: true,
        ...(seed === undefined ? {} : { seed }),
        paymentRejectRate,
        outOfStockRate,
        declineRate,
      };
    }
  }

  const seedInventory = bool(key('seedInventory'));
  if (production && seedInventory === true) {
    problems.push({ key: key('seedInventory'), message: 'must be false in production (test fixture)' });
  }

  const alarmEmail = raw(key('alarmEmail'), false);
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) {
    problems.push({
      key: key('alarmEmail'),
      message: `must be an email address, got ${JSON.stringify(alarmEmail)}`,
    });
  }
  const lambdaDistDir = path.resolve(raw(key('lambdaDistDir'), false) ?? DEFAULT_LAMBDA_DIST_DIR);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    project: ids.project,
    stack: ids.stack,
    region: region!,
    environment: environment!,
    stateMachineType: stateMachineType!,
    logLevel: logLevel!,
    includeExecutionData: includeExecutionData!,
    logRetentionDays: logRetentionDays!,
    lambdaTimeoutSeconds: lambdaTimeoutSeconds!,
    lambdaMemoryMb: lambdaMemoryMb!,
    simulation,
    seedInventory: seedInventory!,
    ...(alarmEmail === undefined ? {} : { alarmEmail }),
    lambdaDistDir,
  };
}

/** Read and validate the current stack's config (once, at the start of the program). */
export function loadStackConfig(): StackConfig {
  const project = pulumi.getProject();
  const stack = pulumi.getStack();
  const get: ConfigSource = (fullKey) => {
    const colon = fullKey.indexOf(':');
    return new pulumi.Config(fullKey.slice(0, colon)).get(fullKey.slice(colon + 1));
  };
  return parseStackConfig(get, { project, stack });
}
