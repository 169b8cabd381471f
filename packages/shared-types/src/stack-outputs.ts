/** The stack outputs every target exposes: `pulumi stack output --json` on AWS and the local stack alike. */
export interface StackOutputs {
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly region: string;
  readonly ordersTableName: string;
  readonly inventoryTableName: string;
  readonly notificationTopicArn: string;
  readonly functionNames: {
    readonly verifyPayment: string;
    readonly reserveStock: string;
    readonly chargePayment: string;
    readonly releaseStock: string;
  };
  /**
   * The intake API's base URL (`POST {intakeApiUrl}/orders`): every stack of this program has it, deployed or
   * local. Optional for stacks of other programs (the local stack's test models have no HTTP API); tools that
   * submit orders (the e2e suite, the scripts) require it and say so.
   */
  readonly intakeApiUrl?: string;
  /** The intake API's function, the one that sees the card before it is tokenized (its logs are scanned too). */
  readonly intakeFunctionName?: string;
}

/** The outputs object lacks a key the suite needs, or holds a value of the wrong type. */
export class InvalidStackOutputsError extends Error {
  override readonly name = 'InvalidStackOutputsError';
  constructor(
    readonly problems: string[],
    source: string,
  ) {
    super(`stack outputs from ${source} are not usable: ${problems.join('; ')}`);
  }
}

const STRING_KEYS = [
  'stateMachineArn',
  'stateMachineName',
  'region',
  'ordersTableName',
  'inventoryTableName',
  'notificationTopicArn',
] as const;
const FUNCTION_KEYS = ['verifyPayment', 'reserveStock', 'chargePayment', 'releaseStock'] as const;

/**
 * Read the stack outputs the suite needs out of `pulumi stack output --json` (or any object of that shape).
 * Pulumi prints secret outputs as `"[secret]"` unless `--show-secrets`; none of these keys is secret.
 */
export function parseStackOutputs(value: unknown, source: string): StackOutputs {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null) {
    throw new InvalidStackOutputsError([`expected a JSON object, got ${JSON.stringify(value)}`], source);
  }
  const record = value as Record<string, unknown>;
  for (const key of STRING_KEYS) {
    if (typeof record[key] !== 'string' || record[key] === '') {
      problems.push(`${key} must be a non-empty string (got ${JSON.stringify(record[key])})`);
    }
  }
  const functionNames = record.functionNames as Record<string, unknown> | undefined;
  for (const key of FUNCTION_KEYS) {
    if (typeof functionNames?.[key] !== 'string') {
      problems.push(`functionNames.${key} must be a string (got ${JSON.stringify(functionNames?.[key])})`);
    }
  }
  const intakeApiUrl = record.intakeApiUrl;
  if (
    intakeApiUrl !== undefined &&
    (typeof intakeApiUrl !== 'string' || !/^https?:\/\//.test(intakeApiUrl))
  ) {
    problems.push(`intakeApiUrl must be an http(s) URL (got ${JSON.stringify(intakeApiUrl)})`);
  }
  if (problems.length > 0) throw new InvalidStackOutputsError(problems, source);
  return {
    stateMachineArn: record.stateMachineArn as string,
    stateMachineName: record.stateMachineName as string,
    region: record.region as string,
    ordersTableName: record.ordersTableName as string,
    inventoryTableName: record.inventoryTableName as string,
    notificationTopicArn: record.notificationTopicArn as string,
    functionNames: {
      verifyPayment: functionNames?.verifyPayment as string,
      reserveStock: functionNames?.reserveStock as string,
      chargePayment: functionNames?.chargePayment as string,
      releaseStock: functionNames?.releaseStock as string,
    },
    ...(typeof intakeApiUrl === 'string' ? { intakeApiUrl } : {}),
    ...(typeof record.intakeFunctionName === 'string'
      ? { intakeFunctionName: record.intakeFunctionName }
      : {}),
  };
}
