import * as cloudwatch from '@pulumi/aws/cloudwatch/index.js';
import * as lambda from '@pulumi/aws/lambda/index.js';
import * as pulumi from '@pulumi/pulumi';
import { OrderFunction, type OrderFunctionArgs } from './order-function.js';

export interface ScheduledFunctionArgs extends OrderFunctionArgs {
  /** How often it runs: an EventBridge schedule expression, e.g. `rate(15 minutes)`. */
  readonly schedule: string;
  /** The schedule rule's description: what each run does. */
  readonly description: string;
}

/** The type token of a plain scheduled function (a subclass passes its own). */
export const SCHEDULED_FUNCTION_TYPE = 'orders:compute:ScheduledFunction';

/**
 * A Lambda function (an {@link OrderFunction}: its own role, log group and retention) run by an EventBridge
 * schedule, with the `lambda:Permission` that lets only that rule invoke it. Children are named from
 * `name` (`<name>-function`, `-role`, `-schedule`, `-invoke`, `-target`, …). A component that is a scheduled
 * function with fixed statements extends this class and passes its own type token, so its resources keep
 * their URNs.
 */
export class ScheduledFunction extends pulumi.ComponentResource {
  readonly function: lambda.Function;
  readonly rule: cloudwatch.EventRule;

  constructor(
    name: string,
    args: ScheduledFunctionArgs,
    opts?: pulumi.ComponentResourceOptions,
    type: string = SCHEDULED_FUNCTION_TYPE,
  ) {
    super(type, name, {}, opts);
    const { schedule, description, ...fn } = args;
    this.function = new OrderFunction(name, fn, { parent: this }).function;
    this.rule = new cloudwatch.EventRule(
      `${name}-schedule`,
      {
        description,
        scheduleExpression: schedule,
        ...(fn.tags === undefined ? {} : { tags: fn.tags }),
      },
      { parent: this },
    );
    new lambda.Permission(
      `${name}-invoke`,
      {
        action: 'lambda:InvokeFunction',
        function: this.function.name,
        principal: 'events.amazonaws.com',
        sourceArn: this.rule.arn,
      },
      { parent: this },
    );
    new cloudwatch.EventTarget(
      `${name}-target`,
      { rule: this.rule.name, arn: this.function.arn },
      { parent: this },
    );
    this.registerOutputs({ functionName: this.function.name });
  }
}
