/**
 * Stand-in for `src/workflow` (owned by the builder engineer) with the contract's signature, used by the
 * tests only while the real module has not landed (vitest.config.ts aliases it when the file is missing).
 */
export interface OrderWorkflowRefs<T = string> {
  verifyPaymentFunctionArn: T;
  retrieveStockFunctionArn: T;
  chargePaymentFunctionArn: T;
  ordersTableName: T;
  ordersTableArn: T;
  notificationTopicArn: T;
}

const invoke = <T>(functionName: T, next: string) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: functionName, 'Payload.$': '$' },
  Next: next,
});

/** The order workflow (stand-in): the three Lambdas, the order row and the notification. */
export function orderWorkflow<T = string>(refs: OrderWorkflowRefs<T>) {
  const toAsl = () => ({
    StartAt: 'VerifyPayment',
    States: {
      VerifyPayment: invoke(refs.verifyPaymentFunctionArn, 'RetrieveStock'),
      RetrieveStock: invoke(refs.retrieveStockFunctionArn, 'ChargePayment'),
      ChargePayment: invoke(refs.chargePaymentFunctionArn, 'SaveOrder'),
      SaveOrder: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:putItem',
        Parameters: { TableName: refs.ordersTableName, Item: { OrderId: { 'S.$': '$.orderId' } } },
        Next: 'Notify',
      },
      Notify: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sns:publish',
        Parameters: { TopicArn: refs.notificationTopicArn, 'Message.$': '$' },
        End: true,
      },
    },
  });
  return {
    toAsl,
    render: () => JSON.stringify(toAsl(), null, 2),
    iamStatements: (): Array<{ actions: string[]; resources: T[] }> => [
      {
        actions: ['lambda:InvokeFunction'],
        resources: [
          refs.verifyPaymentFunctionArn,
          refs.retrieveStockFunctionArn,
          refs.chargePaymentFunctionArn,
        ],
      },
      { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [refs.ordersTableArn] },
      { actions: ['sns:Publish'], resources: [refs.notificationTopicArn] },
    ],
  };
}
