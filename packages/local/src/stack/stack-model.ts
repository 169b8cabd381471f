import type { StackOutputs } from '@orders/shared-types';

/** A DynamoDB table as the program declares it. */
export interface TableSpec {
  readonly name: string;
  readonly hashKey: string;
  readonly rangeKey?: string;
  readonly attributes: ReadonlyArray<{ readonly name: string; readonly type: 'S' | 'N' | 'B' }>;
}

/** A Lambda function as the program declares it. */
export interface FunctionSpec {
  /** The key under the `functionNames` output (e.g. `verifyPayment`), or the function name. */
  readonly key: string;
  readonly name: string;
  readonly arn: string;
  /** Directory of the esbuild bundle (the FileArchive path). */
  readonly bundleDir: string;
  /** `index.handler`: module file stem and export name. */
  readonly handler: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
}

/** The state machine as the program declares it. */
export interface StateMachineSpec {
  readonly name: string;
  readonly definition: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly roleArn: string;
}

/** Everything the local stack needs out of the Pulumi program, with local ARNs already substituted. */
export interface StackModel {
  readonly region: string;
  readonly accountId: string;
  readonly tables: readonly TableSpec[];
  readonly topics: ReadonlyArray<{ readonly name: string; readonly arn: string }>;
  readonly functions: readonly FunctionSpec[];
  readonly stateMachine: StateMachineSpec;
  /** The program's stack outputs (same keys as on AWS). */
  readonly outputs: StackOutputs;
}
