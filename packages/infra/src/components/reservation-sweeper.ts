import type * as pulumi from '@pulumi/pulumi';
import type { OrderFunctionArgs } from './order-function.js';
import { ScheduledFunction } from './scheduled-function.js';

export interface ReservationSweeperArgs extends Omit<OrderFunctionArgs, 'handler' | 'statements'> {
  readonly ordersTableArn: pulumi.Input<string>;
  readonly inventoryTableArn: pulumi.Input<string>;
  /** How often it looks (an EventBridge schedule expression). Default every 15 minutes. */
  readonly schedule?: string;
}

/**
 * The sweeper for abandoned reservations: release-stock's bundle run as `index.sweepExpired` on a schedule.
 * It gives back the stock of orders still RECEIVED whose reservation expired (ReservationExpiresAt) and that
 * were never marked as being charged, then records them FAILED. Its role: Scan and the release's writes.
 */
export class ReservationSweeper extends ScheduledFunction {
  constructor(name: string, args: ReservationSweeperArgs, opts?: pulumi.ComponentResourceOptions) {
    const { ordersTableArn, inventoryTableArn, schedule, ...fn } = args;
    super(
      name,
      {
        ...fn,
        handler: 'index.sweepExpired',
        statements: [
          {
            sid: 'SweepOrders',
            actions: ['dynamodb:Scan', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
            resources: [ordersTableArn],
          },
          { sid: 'SweepInventory', actions: ['dynamodb:UpdateItem'], resources: [inventoryTableArn] },
        ],
        schedule: schedule ?? 'rate(15 minutes)',
        description: 'Release the stock of orders whose reservation expired unfinished',
      },
      opts,
      'orders:data:ReservationSweeper',
    );
  }
}
