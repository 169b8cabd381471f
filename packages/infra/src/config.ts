import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pulumi from '@pulumi/pulumi';
import * as z from 'zod';
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
  /** `orders:workflowType`: STANDARD, or EXPRESS (at-least-once; every step is safe to repeat). */
  readonly workflowType: StateMachineType;
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

const REQUIRED = 'is required (set it in Pulumi.yaml or the stack file)';
const got = (value: unknown) => `got ${JSON.stringify(value)}`;

/** A config value as Pulumi hands it over: a string, trimmed; unset and blank are the same. */
const setting = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined),
  z.string({ error: REQUIRED }),
);
const optionalSetting = setting.optional();

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  setting.pipe(
    z.enum(values, { error: (issue) => `must be one of ${values.join(', ')}, ${got(issue.input)}` }),
  );

const bool = setting.pipe(
  z
    .enum(['true', 'false'], { error: (issue) => `must be true or false, ${got(issue.input)}` })
    .transform((v) => v === 'true'),
);

const int = (min: number, max: number) =>
  setting.pipe(
    z.string().transform((value, ctx) => {
      const n = Number(value);
      if (Number.isInteger(n) && n >= min && n <= max) return n;
      ctx.addIssue({ code: 'custom', message: `must be an integer from ${min} to ${max}, ${got(value)}` });
      return z.NEVER;
    }),
  );

const rate = setting.pipe(
  z.string().transform((value, ctx) => {
    const n = Number(value);
    if (Number.isFinite(n) && n >= 0 && n <= 1) return n;
    ctx.addIssue({ code: 'custom', message: `must be a number from 0 to 1, ${got(value)}` });
    return z.NEVER;
  }),
);

const retentionDays = setting.pipe(
  z.string().transform((value, ctx) => {
    const n = Number(value);
    if ((LOG_RETENTION_DAYS as readonly number[]).includes(n)) return n;
    ctx.addIssue({
      code: 'custom',
      message: `must be one of ${LOG_RETENTION_DAYS.join(', ')}, ${got(value)}`,
    });
    return z.NEVER;
  }),
);

const email = optionalSetting.pipe(
  z
    .string()
    .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, {
      error: (issue) => `must be an email address, ${got(issue.input)}`,
    })
    .optional(),
);

/** The raw settings by short name (`aws:region` keeps its namespace), each validated on its own. */
const SETTINGS = z.object({
  'aws:region': setting,
  environment: oneOf(ENVIRONMENTS),
  workflowType: oneOf(STATE_MACHINE_TYPES),
  // The key's old name: a stack file that still sets it would otherwise deploy the default type silently.
  stateMachineType: z.undefined({ error: () => 'was renamed: set <ns>:workflowType instead' }),
  logLevel: oneOf(LOG_LEVELS),
  includeExecutionData: bool,
  logRetentionDays: retentionDays,
  lambdaTimeoutSeconds: int(1, 900),
  lambdaMemoryMb: int(128, 10240),
  simulate: bool,
  simulationSeed: optionalSetting,
  simPaymentRejectRate: rate.optional(),
  simOutOfStockRate: rate.optional(),
  simDeclineRate: rate.optional(),
  seedInventory: bool,
  alarmEmail: email,
  lambdaDistDir: optionalSetting,
});
type Settings = z.output<typeof SETTINGS>;

/** The rules between settings: what production forbids, what the workflow's timeouts and the simulation need. */
function crossChecks(s: Settings, ctx: z.RefinementCtx): void {
  const problem = (key: keyof Settings, message: string) =>
    ctx.addIssue({ code: 'custom', path: [key], message });
  const production = s.environment === 'production';
  if (production && s.includeExecutionData)
    problem('includeExecutionData', 'must be false in production (execution data holds card details)');
  if (production && s.simulate) problem('simulate', 'must be false in production');
  if (production && s.seedInventory) problem('seedInventory', 'must be false in production (test fixture)');
  // The workflow gives each Lambda task TASK_TIMEOUTS.lambda seconds: a function allowed to run longer could
  // still be charging after the task has given up on it.
  if (s.lambdaTimeoutSeconds >= TASK_TIMEOUTS.lambda) {
    problem(
      'lambdaTimeoutSeconds',
      `must be below the workflow's Lambda task timeout (${TASK_TIMEOUTS.lambda} s), got ${s.lambdaTimeoutSeconds}`,
    );
  }
  if (s.simulate) {
    for (const key of ['simPaymentRejectRate', 'simOutOfStockRate', 'simDeclineRate'] as const)
      if (s[key] === undefined) problem(key, REQUIRED);
  }
}

function simulationOf(s: Settings): SimulationConfig {
  if (!s.simulate) return { enabled: false };
  return {
    enabled: true,
    ...(s.simulationSeed === undefined ? {} : { seed: s.simulationSeed }),
    paymentRejectRate: s.simPaymentRejectRate ?? 0,
    outOfStockRate: s.simOutOfStockRate ?? 0,
    declineRate: s.simDeclineRate ?? 0,
  };
}

/**
 * Validate raw config values into a {@link StackConfig}; throws {@link ConfigError} naming every bad key.
 * Defaults live in Pulumi.yaml (the CLI applies them), so a missing key here is an error.
 */
export function parseStackConfig(
  get: ConfigSource,
  ids: { readonly project: string; readonly stack: string },
): StackConfig {
  const fullKey = (name: string) => (name.includes(':') ? name : `${ids.project}:${name}`);
  const raw = Object.fromEntries(Object.keys(SETTINGS.shape).map((name) => [name, get(fullKey(name))]));
  const parsed = SETTINGS.superRefine(crossChecks).safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        key: fullKey(String(issue.path[0])),
        message: issue.message.replace('<ns>:', `${ids.project}:`),
      })),
    );
  }
  const s = parsed.data;
  return {
    project: ids.project,
    stack: ids.stack,
    region: s['aws:region'],
    environment: s.environment,
    workflowType: s.workflowType,
    logLevel: s.logLevel,
    includeExecutionData: s.includeExecutionData,
    logRetentionDays: s.logRetentionDays,
    lambdaTimeoutSeconds: s.lambdaTimeoutSeconds,
    lambdaMemoryMb: s.lambdaMemoryMb,
    simulation: simulationOf(s),
    seedInventory: s.seedInventory,
    ...(s.alarmEmail === undefined ? {} : { alarmEmail: s.alarmEmail }),
    lambdaDistDir: path.resolve(s.lambdaDistDir ?? DEFAULT_LAMBDA_DIST_DIR),
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
