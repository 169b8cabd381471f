import type { E2eStackOutputs } from './e2e-outputs.js';

/** Service endpoints of an emulated stack; absent for AWS, where the SDK's defaults apply. */
export interface TargetEndpoints {
  readonly stepfunctions: string;
  readonly dynamodb: string;
  readonly sns: string;
  readonly sqs: string;
}

/**
 * Where the suite runs, as plain data: the global setup builds it once and hands it to every test file
 * through vitest's `provide`/`inject`, so it must stay JSON-serialisable.
 */
export interface E2eTarget {
  readonly kind: 'local' | 'aws';
  /** `local`, or the Pulumi stack name given in E2E_STACK. */
  readonly stackName: string;
  /** Prefix plus sortable id shared by every execution of this run. */
  readonly runId: string;
  /** The stack outputs, `intakeApiUrl` included (see requireE2eOutputs). */
  readonly outputs: E2eStackOutputs;
  readonly region: string;
  /** Set for the local stack only. */
  readonly endpoints?: TargetEndpoints;
  /** A queue subscribed to the notification topic; on AWS it was created for this run. */
  readonly queueUrl: string;
  /** Loopback URL of the local stack's control channel (POST faults, GET lambda-logs); local only. */
  readonly controlUrl?: string;
}
