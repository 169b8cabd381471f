import { DescribeExecutionCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { EXAMPLE_ORDERS } from '@orders/shared-types';
import type { NotificationReader } from '../internal/notification-reader.js';

/**
 * Orders through the stack: StartExecution on the local Step Functions API, then the order's notification
 * arriving in the inspection queue (the reader wakes the order up: no polling of the execution).
 */
export class StackOrders {
  /** Each order's execution ARN → when its notification arrived (ms since the epoch), latest last. */
  readonly notifiedAt = new Map<string, number>();

  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
    private readonly reader: NotificationReader,
  ) {}

  /** Run order `orderId` (the success example) to its notification; answers the latency in ms. */
  async run(orderId: string, timeoutMs = 30_000): Promise<number> {
    const started = performance.now();
    const executionArn = `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${orderId}`;
    await this.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: this.stateMachineArn,
        name: orderId,
        input: JSON.stringify({ ...EXAMPLE_ORDERS.success, orderId }),
      }),
    );
    const notification = await this.reader.next(orderId, timeoutMs).catch(async (error: unknown) => {
      // Say why: an execution that failed before publishing, or one still running.
      const described = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
      throw new Error(
        `${(error as Error).message}; execution ${described.status} ${described.error ?? ''} ${described.cause ?? ''}`,
      );
    });
    // The wall clock now, less the monotonic time since it arrived (timeOrigin + receivedAt drifts from Date.now).
    this.notifiedAt.set(executionArn, Date.now() - (performance.now() - notification.receivedAt));
    return notification.receivedAt - started;
  }
}
