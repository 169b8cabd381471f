/**
 * The resources the order workflow talks to. `T` is `string` for plain JSON and `pulumi.Output<string>` in
 * the Pulumi program; the definition carries the values as given and never unwraps them.
 */
export interface OrderWorkflowRefs<T = string> {
  readonly verifyPaymentFunctionArn: T;
  readonly reserveStockFunctionArn: T;
  readonly chargePaymentFunctionArn: T;
  readonly releaseStockFunctionArn: T;
  readonly ordersTableName: T;
  readonly ordersTableArn: T;
  readonly notificationTopicArn: T;
}

/** Placeholder refs for printing and testing the definition (account 123456789012, us-east-1). */
export const PLACEHOLDER_REFS: OrderWorkflowRefs<string> = {
  verifyPaymentFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-verify-payment',
  reserveStockFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-reserve-stock',
  chargePaymentFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-charge-payment',
  releaseStockFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-release-stock',
  ordersTableName: 'orders',
  ordersTableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders',
  notificationTopicArn: 'arn:aws:sns:us-east-1:123456789012:order-updates',
};
