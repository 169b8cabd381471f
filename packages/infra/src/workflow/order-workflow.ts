import {
  type ChargePaymentResult,
  ERROR_NAMES,
  type ErrorName,
  ORDER_STATES,
  type OrderInputJson,
  type OrderNotification,
  type OrderRecordAttributes,
  type OrderRecordItem,
  type OrderState,
  type RetrieveStockResult,
  type StockedItem,
  type VerifyPaymentResult,
} from '@orders/shared-types';
import {
  Condition,
  chain,
  choice,
  dynamoGetItem,
  dynamoPutItem,
  fail,
  fields,
  type IamStatement,
  jsonata,
  lambdaInvoke,
  map,
  parallel,
  pass,
  retry,
  type StateMachineDefinition,
  snsPublish,
  stateMachine,
  succeed,
  type TableRef,
} from '../asl/index.js';
import type { OrderWorkflowRefs } from './order-workflow-refs.js';
import { jsonataObject } from './private/jsonata-object.js';

/** The state names (stable: local tooling, alarms and tests refer to them). */
export const STATE_NAMES = {
  prepareOrder: 'Prepare Order',
  checkExisting: 'Check For Existing Order',
  alreadyRecorded: 'Order Already Recorded?',
  returnRecorded: 'Return Recorded Order',
  duplicateOrder: 'Duplicate Order',
  verifyAndRetrieve: 'Verify Payment And Retrieve Stock',
  verifyPayment: 'Verify Payment Details',
  retrieveStock: 'Retrieve Item Stock Levels',
  paymentVerified: 'Payment Details Verified?',
  checkStock: 'Check Stock Per Item',
  enoughStock: 'Enough Stock?',
  itemOutOfStock: 'Item Out Of Stock',
  itemInStock: 'Item In Stock',
  chargePayment: 'Charge Payment',
  recordProcessed: 'Record Processed Order',
  notifyProcessed: 'Notify Order Processed',
  recordDeclined: 'Record Declined Order',
  notifyDeclined: 'Notify Payment Declined',
  recordRejected: 'Record Rejected Order',
  notifyRejected: 'Notify Order Rejected',
  orderRejected: 'Order Rejected',
} as const;

/** Seconds each Task may take before it fails with States.Timeout. */
export const TASK_TIMEOUTS = { lambda: 30, dynamodb: 10, sns: 10 } as const;

/**
 * The execution's own timeout: above the worst case of every Lambda retry (7 attempts x 30 s + up to 126 s
 * of backoff, twice in sequence), so a slow run is never cut off between the charge and the record.
 */
export const EXECUTION_TIMEOUT_SECONDS = 900;

/** The order projection every path records and notifies (no card data). */
interface OrderSummary {
  readonly customerId: string;
  readonly orderTotal: number;
  readonly items: readonly OrderRecordItem[];
}

/** Why an order was not processed: the record's State, the Fail state's Error and the Cause. */
interface Rejection {
  readonly state: OrderState;
  readonly error: ErrorName;
  readonly reason: string;
}

/** What `getItem` returns for an order that is already recorded. */
interface ExistingOrder {
  readonly Item?: OrderRecordAttributes;
}

// Typed JSONata references: a misspelt field fails tsc.
const input = fields<OrderInputJson>('$states.input');
const order = fields<OrderInputJson>('$order');
const summary = fields<OrderSummary>('$summary');
const payment = fields<VerifyPaymentResult>('$payment');
const stock = fields<RetrieveStockResult>('$stock');
const charge = fields<ChargePaymentResult>('$charge');
const rejection = fields<Rejection>('$rejection');
const existing = fields<ExistingOrder>('$states.input');
const item = fields<StockedItem>('$states.input');

const str = (value: string) => `'${value}'`;

/**
 * The order id: the input's `orderId` (the client's idempotency key) or else the execution name, so a re-run
 * of the same order always writes the same key (the original used a fresh States.UUID() per write).
 */
const ORDER_ID = `${input('orderId')} ? $string(${input('orderId')}) : $states.context.Execution.Name`;

/** The record-to-be, tolerant of invalid input (INVALID_ORDER orders are recorded too). */
const SUMMARY = jsonataObject({
  customerId: `$type(${input('customerId')}) = 'string' ? ${input('customerId')} : ''`,
  orderTotal: `$type(${input('orderTotal')}) = 'number' ? ${input('orderTotal')} : 0`,
  items: `$append([], ${input('orderContents.items')}.${jsonataObject({
    itemId: 'itemId',
    itemDescription: 'itemDescription',
    price: 'price',
    quantity: '$exists(quantity) ? quantity : 1',
  })})`,
} satisfies Record<keyof OrderSummary, string>);

/** The DynamoDB item for an order in `state` (typed against the shared record attributes). */
function recordItem(state: string, extra: { reason?: string; chargeId?: string }): string {
  const attributes: { [K in keyof OrderRecordAttributes]-?: string | undefined } = {
    OrderId: `{ 'S': $orderId }`,
    State: `{ 'S': ${state} }`,
    CustomerId: `{ 'S': ${summary('customerId')} }`,
    OrderTotal: `{ 'N': $string(${summary('orderTotal')}) }`,
    Items: `{ 'S': $string(${summary('items')}) }`,
    CreatedAt: `{ 'S': $states.context.Execution.StartTime }`,
    Reason: extra.reason === undefined ? undefined : `${extra.reason} ? { 'S': ${extra.reason} }`,
    ChargeId: extra.chargeId === undefined ? undefined : `${extra.chargeId} ? { 'S': ${extra.chargeId} }`,
    // Only what verify-payment returned: the card type and the last four digits, never the number.
    CardType: `${payment('cardType')} ? { 'S': ${payment('cardType')} }`,
    CardLast4: `${payment('cardLast4')} ? { 'S': ${payment('cardLast4')} }`,
  };
  return jsonata(jsonataObject(attributes));
}

/** The SNS message (a typed projection of the order; no card data beyond type and last four digits). */
function notification(state: string, extra: { reason?: string; chargeId?: string }): string {
  const message: { [K in keyof OrderNotification]-?: string | undefined } = {
    orderId: '$orderId',
    state,
    customerId: summary('customerId'),
    orderTotal: summary('orderTotal'),
    items: `$append([], ${summary('items')})`,
    reason: extra.reason,
    chargeId: extra.chargeId,
    cardType: payment('cardType'),
    cardLast4: payment('cardLast4'),
  };
  return jsonata(jsonataObject(message));
}

/**
 * The message of a caught error. A Lambda's error reaches Step Functions with the JSON error document as its
 * Cause (`{"errorType", "errorMessage", "trace"}`); records and notifications get the message only.
 */
const ERROR_MESSAGE =
  "($c := $states.errorOutput.Cause; $type($c) = 'string' and $contains($c, /^\\s*\\{/) " +
  '? ($d := $parse($c); $d.errorMessage ? $d.errorMessage : $c) : $c)';

/** A literal order state: a JSONata string for the record and the message, the plain value for the attribute. */
function fixedState(state: OrderState): { expression: string; attribute: string } {
  return { expression: str(state), attribute: state };
}

function rejectWith(state: OrderState, error: ErrorName, reason: string): Record<string, string> {
  return { rejection: jsonata(jsonataObject({ state: str(state), error: str(error), reason })) };
}

// Throttling and internal errors of the service integrations are worth a retry; validation errors are not.
const DYNAMODB_RETRY = retry({
  errors: [
    'DynamoDB.ProvisionedThroughputExceededException',
    'DynamoDB.ThrottlingException',
    'DynamoDB.RequestLimitExceeded',
    'DynamoDB.InternalServerErrorException',
  ],
  intervalSeconds: 1,
  maxAttempts: 3,
  backoffRate: 2,
  jitterStrategy: 'FULL',
});
const SNS_RETRY = retry({
  errors: ['SNS.ThrottledException', 'SNS.InternalErrorException', 'SNS.KMSThrottlingException'],
  intervalSeconds: 1,
  maxAttempts: 3,
  backoffRate: 2,
  jitterStrategy: 'FULL',
});

/** The order workflow as a builder graph (for tools that walk it: diagrams, transition counts). */
export function orderWorkflowDefinition<T = string>(refs: OrderWorkflowRefs<T>): StateMachineDefinition<T> {
  const table: TableRef<T> = { name: refs.ordersTableName, arn: refs.ordersTableArn };
  const S = STATE_NAMES;

  // Ends --------------------------------------------------------------------------------------------------
  const duplicateOrder = fail(S.duplicateOrder, {
    comment:
      'The order id is already recorded (an earlier run or a concurrent one): nothing is charged again.',
    error: ERROR_NAMES.DuplicateOrder,
    cause: jsonata(
      `'Order ' & $orderId & ' is already recorded' & (${existing('Item.State.S')} ? ' as ' & ${existing('Item.State.S')} : '') & '; resubmit with a new orderId'`,
    ),
  });
  const returnRecorded = succeed(S.returnRecorded, {
    comment:
      'A resubmission of an order whose first run succeeded (charged or declined) ends the same way, with the stored record.',
    output: jsonata(
      jsonataObject({
        orderId: '$orderId',
        state: existing('Item.State.S'),
        chargeId: existing('Item.ChargeId.S'),
        reason: existing('Item.Reason.S'),
        duplicate: 'true',
      }),
    ),
  });
  const orderRejected = fail(S.orderRejected, {
    comment: 'Recorded and notified; the execution fails with the reason (an ERROR_NAMES value).',
    error: jsonata(rejection('error')),
    cause: jsonata(rejection('reason')),
  });

  /** Record (conditionally: never overwrite an order) and notify, for one outcome. */
  const recordAndNotify = (
    names: { record: string; notify: string },
    state: { expression: string; attribute: string },
    extra: { reason?: string; chargeId?: string },
    outcome: string,
  ) => {
    const record = dynamoPutItem<T>(names.record, {
      table,
      item: recordItem(state.expression, extra),
      conditionExpression: 'attribute_not_exists(OrderId)',
      timeoutSeconds: TASK_TIMEOUTS.dynamodb,
      retry: [DYNAMODB_RETRY],
      assign: { notification: notification(state.expression, extra) },
      catch: [{ errors: ['DynamoDB.ConditionalCheckFailedException'], next: duplicateOrder }],
    });
    const notify = snsPublish<T>(names.notify, {
      topicArn: refs.notificationTopicArn,
      message: jsonata('$string($notification)'),
      messageAttributes: { state: state.attribute, outcome },
      timeoutSeconds: TASK_TIMEOUTS.sns,
      retry: [SNS_RETRY],
      output: jsonata('$notification'),
    });
    return chain(record, notify);
  };

  // Rejected before charging: record, notify, then fail with the reason.
  const rejected = recordAndNotify(
    { record: S.recordRejected, notify: S.notifyRejected },
    { expression: rejection('state'), attribute: jsonata(rejection('state')) },
    { reason: rejection('reason') },
    'REJECTED',
  ).next(orderRejected);
  // The charge was declined: an outcome of a processed order (as in the original), so the execution succeeds.
  const declined = recordAndNotify(
    { record: S.recordDeclined, notify: S.notifyDeclined },
    fixedState(ORDER_STATES.PAYMENT_FAILED),
    { reason: rejection('reason') },
    'DECLINED',
  );
  const processed = recordAndNotify(
    { record: S.recordProcessed, notify: S.notifyProcessed },
    fixedState(ORDER_STATES.PAYMENT_PROCESSED),
    { chargeId: charge('chargeId') },
    'PROCESSED',
  );
  const recordRejected = rejected.startState;

  // Charge --------------------------------------------------------------------------------------------------
  const chargePayment = lambdaInvoke<T>(S.chargePayment, {
    comment: 'charge-payment receives the orderId as its idempotency key.',
    functionArn: refs.chargePaymentFunctionArn,
    payload: jsonata(
      jsonataObject({
        orderId: '$orderId',
        customerId: order('customerId'),
        orderTotal: order('orderTotal'),
        paymentDetails: order('paymentDetails'),
      }),
    ),
    timeoutSeconds: TASK_TIMEOUTS.lambda,
    assign: { charge: jsonata('$states.result.Payload') },
    catch: [
      {
        errors: [ERROR_NAMES.PaymentError],
        assign: rejectWith(ORDER_STATES.PAYMENT_FAILED, ERROR_NAMES.PaymentError, ERROR_MESSAGE),
        next: declined,
      },
    ],
  });

  // Per-item stock check -------------------------------------------------------------------------------------
  const itemOutOfStock = fail(S.itemOutOfStock, {
    error: ERROR_NAMES.OutOfStock,
    cause: jsonata(
      `'Item ' & ${item('itemId')} & ' (' & ${item('itemDescription')} & '): ' & $string(${item('quantityOrdered')}) & ' ordered, ' & $string(${item('quantityInStock')}) & ' in stock'`,
    ),
  });
  const enoughStock = choice(S.enoughStock)
    // quantityOrdered adds up every line of the item: two lines of 3 against a stock of 5 are out of stock.
    .when(Condition.jsonata(`${item('quantityOrdered')} > ${item('quantityInStock')}`), itemOutOfStock, {
      comment: 'ordered > stock',
    })
    .otherwise(succeed(S.itemInStock));
  const checkStock = map(S.checkStock, {
    comment:
      'INLINE: an order has a few items; no child executions or Map Run to start, one history (2 transitions per item).',
    items: jsonata(stock('items')),
    itemProcessor: enoughStock,
    output: jsonata('$states.input'),
    catch: [
      {
        errors: [ERROR_NAMES.OutOfStock],
        assign: rejectWith(ORDER_STATES.OUT_OF_STOCK, ERROR_NAMES.OutOfStock, ERROR_MESSAGE),
        next: recordRejected,
      },
    ],
  });

  // Verify payment details and retrieve stock levels together ------------------------------------------------
  const verifyPayment = lambdaInvoke<T>(S.verifyPayment, {
    functionArn: refs.verifyPaymentFunctionArn,
    // The order id rides along so every log line of the order carries it (the handlers' correlation id).
    // (Only into an object: anything else goes as it came, for verify-payment to reject as InvalidOrder.)
    payload: jsonata("$type($order) = 'object' ? $merge([$order, { 'orderId': $orderId }]) : $order"),
    timeoutSeconds: TASK_TIMEOUTS.lambda,
    output: jsonata('$states.result.Payload'),
  });
  const retrieveStock = lambdaInvoke<T>(S.retrieveStock, {
    functionArn: refs.retrieveStockFunctionArn,
    // A malformed order must reach the handler (which throws InvalidOrder, caught below) rather than fail
    // the Arguments themselves with an uncaught States.QueryEvaluationError.
    payload: {
      orderId: jsonata('$orderId'),
      items: jsonata(`$exists(${order('orderContents.items')}) ? ${order('orderContents.items')} : null`),
    },
    timeoutSeconds: TASK_TIMEOUTS.lambda,
    retry: [
      retry({
        errors: [ERROR_NAMES.InventoryUnavailable],
        intervalSeconds: 1,
        maxAttempts: 3,
        backoffRate: 2,
        jitterStrategy: 'FULL',
      }),
    ],
    output: jsonata('$states.result.Payload'),
  });
  const verifyAndRetrieve = parallel(S.verifyAndRetrieve, {
    branches: [verifyPayment, retrieveStock],
    assign: { payment: jsonata('$states.result[0]'), stock: jsonata('$states.result[1]') },
    catch: [
      {
        errors: [ERROR_NAMES.InvalidOrder],
        assign: rejectWith(ORDER_STATES.INVALID_ORDER, ERROR_NAMES.InvalidOrder, ERROR_MESSAGE),
        next: recordRejected,
      },
    ],
  });
  const paymentVerified = choice(S.paymentVerified)
    .when(Condition.jsonata(`${payment('paymentVerified')} != true`), recordRejected, {
      comment: 'not verified',
      assign: rejectWith(
        ORDER_STATES.PAYMENT_DETAILS_REJECTED,
        ERROR_NAMES.PaymentDetailsRejected,
        `'Payment details rejected: ' & (${payment('reason')} ? ${payment('reason')} : 'not verified')`,
      ),
    })
    .otherwise(chain(checkStock, chargePayment, processed));

  // Start: reshape, then look for an earlier run of the same order before anything is charged -----------------
  const prepareOrder = pass(S.prepareOrder, {
    comment:
      'Reshape: the order id, the raw order (for the Lambdas) and the card-free summary (for records).',
    assign: {
      orderId: jsonata(ORDER_ID),
      order: jsonata('$states.input'),
      summary: jsonata(SUMMARY),
      payment: {},
      charge: {},
    },
  });
  const checkExisting = dynamoGetItem<T>(S.checkExisting, {
    table,
    key: { OrderId: { S: jsonata('$orderId') } },
    consistentRead: true,
    timeoutSeconds: TASK_TIMEOUTS.dynamodb,
    retry: [DYNAMODB_RETRY],
  });
  const alreadyRecorded = choice(S.alreadyRecorded)
    .when(
      Condition.jsonata(
        `${existing('Item.State.S')} in [${str(ORDER_STATES.PAYMENT_PROCESSED)}, ${str(ORDER_STATES.PAYMENT_FAILED)}]`,
      ),
      returnRecorded,
      { comment: 'already charged or declined' },
    )
    .when(Condition.jsonata(`$exists(${existing('Item')})`), duplicateOrder, {
      comment: 'recorded, not processed',
    })
    .otherwise(verifyAndRetrieve);

  chain(prepareOrder, checkExisting, alreadyRecorded);
  verifyAndRetrieve.next(paymentVerified);

  return stateMachine<T>({
    comment:
      'Order processing: verify payment details and stock, charge, record the order in DynamoDB (once per ' +
      'order id) and notify subscribers; rejected orders are recorded and notified, then fail with the reason.',
    queryLanguage: 'JSONata',
    timeoutSeconds: EXECUTION_TIMEOUT_SECONDS,
    startAt: prepareOrder,
  });
}

/** What `orderWorkflow()` returns (see CONTRACTS: Pulumi joins Outputs with `pulumi.jsonStringify(toAsl())`). */
export interface OrderWorkflow<T = string> {
  /** The ASL object; ref leaves are the T values as given. */
  toAsl(): Record<string, unknown>;
  /** Deterministic JSON (when T is string). */
  render(): string;
  /** The IAM statements the state machine role needs (exact actions on the exact refs). */
  iamStatements(): Array<{ actions: string[]; resources: T[] }>;
  /** The builder graph. */
  readonly definition: StateMachineDefinition<T>;
}

/** The order workflow for the given resources. */
export function orderWorkflow<T = string>(refs: OrderWorkflowRefs<T>): OrderWorkflow<T> {
  const definition = orderWorkflowDefinition(refs);
  return {
    definition,
    toAsl: () => definition.toAsl(),
    render: () => definition.render(),
    iamStatements: () =>
      definition
        .iamStatements()
        .map((s: IamStatement<T>) => ({ actions: [...s.actions], resources: [...s.resources] })),
  };
}
