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
  /** The execution role (`role` of the function); its policies decide what the function's SDK calls may do. */
  readonly roleArn?: string;
}

/** The state machine as the program declares it. */
export interface StateMachineSpec {
  readonly name: string;
  readonly definition: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly roleArn: string;
}

/** A route of an HTTP API and the function its Lambda proxy integration invokes. */
export interface HttpApiRouteSpec {
  /** `POST /orders`, `GET /orders/{id}`, `$default`. */
  readonly routeKey: string;
  /** The function's name (its ARN's last part). */
  readonly functionName: string;
  /** The integration's timeout: past it API Gateway answers 503 whatever the function does. */
  readonly timeoutMs: number;
}

/** An API Gateway HTTP API of the program (payload format 2.0 Lambda proxy integrations only). */
export interface HttpApiSpec {
  readonly name: string;
  /** The API's id (the mocks' id: what the events' `requestContext.apiId` says). */
  readonly apiId: string;
  /** The stage requests reach (`$default`). */
  readonly stage: string;
  readonly routes: readonly HttpApiRouteSpec[];
}

/** A policy document as IAM reads it (`{ Version, Statement }`), plain JSON data. */
export type PolicyJson = Readonly<Record<string, unknown>>;

/** An IAM role of the program and the policies attached to it (inline `aws:iam/rolePolicy` and attached `aws:iam/policy`). */
export interface RoleSpec {
  readonly name: string;
  readonly arn: string;
  readonly policies: ReadonlyArray<{ readonly name: string; readonly document: PolicyJson }>;
  /** Who may assume the role (`assumeRolePolicy`). */
  readonly trustPolicy?: PolicyJson;
}

/** A resource-based policy of the program (e.g. `aws:sns/topicPolicy`), on the resource it is attached to. */
export interface ResourcePolicySpec {
  readonly resourceArn: string;
  /** The Pulumi resource it came from, for messages. */
  readonly name: string;
  readonly document: PolicyJson;
}

/** The program's IAM: what the local stack enforces (see the README's IAM section). */
export interface StackIam {
  readonly roles: readonly RoleSpec[];
  readonly resourcePolicies: readonly ResourcePolicySpec[];
}

/** Everything the local stack needs out of the Pulumi program, with local ARNs already substituted. */
export interface StackModel {
  readonly region: string;
  readonly accountId: string;
  readonly tables: readonly TableSpec[];
  readonly topics: ReadonlyArray<{ readonly name: string; readonly arn: string }>;
  readonly functions: readonly FunctionSpec[];
  readonly stateMachine: StateMachineSpec;
  /** The HTTP API the program declares (the intake's), served on the local server's port; none in a hand-built model. */
  readonly httpApi?: HttpApiSpec;
  /** The roles and resource policies; a model without them (one built by hand) runs without IAM enforcement. */
  readonly iam?: StackIam;
  /** The program's stack outputs (same keys as on AWS). */
  readonly outputs: StackOutputs;
}
