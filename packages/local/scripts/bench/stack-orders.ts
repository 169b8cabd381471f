import { DescribeExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { EXAMPLE_ORDERS, type IntakeClient } from '@orders/shared-types';
import { executionArnOf } from '../internal/executions.js';
import { submitAccepted } from '../internal/intake-orders.js';
import type { NotificationReader } from '../internal/notification-reader.js';

/**
 * Orders through the stack: `POST /orders` on the local intake API (which tokenizes the card and starts the
 * execution named by the order id), then the order's notification arriving in the inspection queue (the
 * reader wakes the order up: no polling of the execution). The latency is from the POST to the notification.
 */
export class StackOrders {
  /** Each order's execution ARN → when its notification arrived (ms since the epoch), latest last. */
  readonly notifiedAt = new Map<string, number>();

  constructor(
    private readonly intake: IntakeClient,
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
    private readonly reader: NotificationReader,
  ) {}

  /** Run order `orderId` (the success example) from its POST to its notification; answers the latency in ms. */
  async run(orderId: string, timeoutMs = 30_000): Promise<number> {
    const started = performance.now();
    const executionArn = executionArnOf(this.stateMachineArn, orderId);
    await submitAccepted(this.intake, { ...EXAMPLE_ORDERS.success, orderId });
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
