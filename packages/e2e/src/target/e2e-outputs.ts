import type { StackOutputs } from '@orders/shared-types';

/** The stack outputs the suite runs on: every scenario submits its orders through the intake API. */
export type E2eStackOutputs = StackOutputs & { readonly intakeApiUrl: string };

/** The stack outputs lack one the suite cannot run without. */
export class MissingStackOutputError extends Error {
  override readonly name = 'MissingStackOutputError';
  constructor(
    readonly output: string,
    source: string,
    why: string,
  ) {
    super(`stack outputs from ${source} lack ${output}: ${why}`);
  }
}

/**
 * The outputs, with `intakeApiUrl` required (StackOutputs keeps it optional for the tools that predate the
 * intake API): without it no scenario can submit an order, so the run stops before any test does.
 */
export function requireE2eOutputs(outputs: StackOutputs, source: string): E2eStackOutputs {
  const { intakeApiUrl } = outputs;
  if (intakeApiUrl === undefined || intakeApiUrl === '') {
    throw new MissingStackOutputError(
      'intakeApiUrl',
      source,
      'the intake API base URL (POST {intakeApiUrl}/orders), through which every scenario submits its orders. ' +
        'Locally, start a local stack that serves the API; on AWS, deploy the program that exports it (pulumi up).',
    );
  }
  return { ...outputs, intakeApiUrl };
}
