import { DescribeExecutionCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { executionArnOf } from '@orders/shared-types';
import type { WorkflowStarter } from '../intake/ports.js';

/**
 * Starts the order workflow with StartExecution, named by the order id (a second start of a name is `exists`),
 * and tells whether an order's execution is still running (DescribeExecution).
 */
export function sfnWorkflowStarter(client: SFNClient, stateMachineArn: () => string): WorkflowStarter {
  return {
    async start(order) {
      try {
        await client.send(
          new StartExecutionCommand({
            stateMachineArn: stateMachineArn(),
            name: order.orderId,
            input: JSON.stringify(order),
          }),
        );
        return 'started';
      } catch (error) {
        if (error instanceof Error && error.name === 'ExecutionAlreadyExists') return 'exists';
        throw error;
      }
    },
    async running(orderId) {
      const executionArn = executionArnOf(stateMachineArn(), orderId);
      try {
        const { status } = await client.send(new DescribeExecutionCommand({ executionArn }));
        return status === 'RUNNING';
      } catch (error) {
        if (error instanceof Error && error.name === 'ExecutionDoesNotExist') return false;
        throw error;
      }
    },
  };
}
