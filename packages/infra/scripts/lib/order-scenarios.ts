/**
 * Runs order workflows (ours and the original) on @orders/asl-engine against in-memory fakes of the
 * Lambdas, DynamoDB and SNS, and counts billable state transitions from the execution history. Used by the
 * workflow tests and by `definition --stats`.
 */
import { type HistoryEvent, StateMachine, TaskError, type TaskRequest } from '@orders/asl-engine';
import { applyUpdate, conditionalCheckFailed, conditionHolds, validateExpressions } from './fake-dynamodb.js';

export interface World {
  readonly orders: Map<string, Record<string, unknown>>;
  readonly messages: Array<{ message: unknown; attributes: unknown }>;
  readonly calls: Array<{ function: string; payload: unknown }>;
  /** Stock per item id; an item not listed has the scenario's stock, else 10. */
  readonly stock: Record<string, number>;
}

export interface Scenario {
  readonly name: string;
  readonly input: unknown;
  readonly executionName?: string;
  /** verify-payment says no (with this reason). */
  readonly rejectPayment?: string;
  /** charge-payment declines the card. */
  readonly declineCharge?: boolean;
  /** Stock levels to use (default 10 per item). */
  readonly stock?: Record<string, number>;
  /**
   * Make these Tasks fail (every attempt) with this error: `{ 'Charge Payment': 'Lambda.Unknown' }`, or with
   * an error and a cause of their own (no `cause`: an error without one), on the first `times` attempts only.
   */
  readonly failTasks?: Readonly<Record<string, string | TaskFailure>>;
}

/** An injected Task failure (see `Scenario.failTasks`). */
export interface TaskFailure {
  readonly error: string;
  readonly cause?: string;
  /** Fail this many attempts, then let the Task run (default: every attempt). */
  readonly times?: number;
}

export interface RunResult {
  readonly status: string;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly history: HistoryEvent[];
  readonly world: World;
}

/** Creates an empty world (tables, topic, call log). */
export function newWorld(): World {
  return { orders: new Map(), messages: [], calls: [], stock: {} };
}

type FunctionKind = 'verify' | 'reserve' | 'release' | 'charge' | 'original-stock';

function functionKind(name: string): FunctionKind {
  if (/verif/i.test(name)) return 'verify';
  if (/ItemsInStockRetriever/.test(name)) return 'original-stock';
  if (/reserve/i.test(name)) return 'reserve';
  if (/release/i.test(name)) return 'release';
  if (/charge/i.test(name)) return 'charge';
  throw new Error(`unknown function ${name}`);
}

interface Item {
  itemId: string;
  price: number;
  itemDescription: string;
  quantity?: number;
}

/** A Lambda function error as Step Functions reports it: the Cause is the function's JSON error document. */
function lambdaError(errorType: string, errorMessage: string): TaskError {
  return new TaskError(
    errorType,
    JSON.stringify({ errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`] }),
  );
}

const S = (value: string) => ({ S: value });

/** The card of a card-free order (ours: the intake's token); InvalidOrder as verify-payment throws it. */
function cardOfToken(payload: Record<string, unknown> | null) {
  const payment = payload?.payment as { cardType: string; cardLast4: string; token: string } | undefined;
  if (payment === undefined || !/^tok_[a-z]{24}$/.test(String(payment.token)))
    throw lambdaError('InvalidOrder', 'invalid order: payment: expected an object');
  return { cardType: payment.cardType, cardLast4: payment.cardLast4 };
}

/** The card of the original's input (`paymentDetails`). */
function cardOfDetails(payload: Record<string, unknown> | null) {
  const details = payload?.paymentDetails as { cardType: string; cardNumber: string } | undefined;
  if (details === undefined)
    throw lambdaError('InvalidOrder', 'invalid order: paymentDetails: expected an object');
  return { cardType: details.cardType, cardLast4: details.cardNumber.replace(/\D/g, '').slice(-4) };
}

/** The fake functions: what the real handlers answer, on the world's tables. */
function functions(world: World, scenario: Scenario) {
  const stockOf = (itemId: string) => world.stock[itemId] ?? scenario.stock?.[itemId] ?? 10;
  const now = () => new Date(0).toISOString();
  const row = (orderId: unknown) => world.orders.get(String(orderId));
  return {
    verify(payload: Record<string, unknown> | null, original: boolean) {
      const card = original ? cardOfDetails(payload) : cardOfToken(payload);
      if (scenario.rejectPayment === undefined) return { paymentVerified: true, ...card };
      // The original's verifier answered false; ours throws, so the workflow needs no Choice.
      if (original) return { paymentVerified: false, reason: scenario.rejectPayment, ...card };
      throw lambdaError('PaymentDetailsRejected', scenario.rejectPayment);
    },
    originalStock(payload: Record<string, unknown>) {
      const lines = (payload.items as Item[] | undefined) ?? [];
      return lines.map((i) => ({ ...i, quantity: i.quantity ?? 1, quantityInStock: stockOf(i.itemId) }));
    },
    reserve(payload: Record<string, unknown>) {
      const lines = payload.items as Item[] | null;
      if (!Array.isArray(lines) || lines.length === 0)
        throw lambdaError('InvalidOrder', 'invalid order: event.items: expected a non-empty array');
      const order = row(payload.orderId);
      if (order === undefined)
        throw lambdaError('OrderNotClaimed', `order ${payload.orderId} is not claimed`);
      if (order.ReleasedAt !== undefined)
        throw lambdaError('ReservationReleased', `the stock of order ${payload.orderId} was released`);
      if (order.ReservedAt !== undefined) {
        return {
          reservedItems: JSON.parse((order.ReservedItems as { S: string }).S),
          reservedAt: (order.ReservedAt as { S: string }).S,
          alreadyReserved: true,
        };
      }
      const ordered = new Map<string, number>();
      for (const i of lines) ordered.set(i.itemId, (ordered.get(i.itemId) ?? 0) + (i.quantity ?? 1));
      const short = [...ordered].filter(([id, q]) => stockOf(id) < q);
      if (short.length > 0) {
        const list = short.map(([id, q]) => `${id}: ${q} ordered, ${stockOf(id)} available`).join('; ');
        throw lambdaError('OutOfStock', `Out of stock: ${list}`);
      }
      const reservedItems = [...ordered]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([itemId, quantity]) => ({ itemId, quantity }));
      for (const { itemId, quantity } of reservedItems) world.stock[itemId] = stockOf(itemId) - quantity;
      world.orders.set(String(payload.orderId), {
        ...order,
        ReservedItems: S(JSON.stringify(reservedItems)),
        ReservedAt: S(now()),
        ReservationExpiresAt: { N: '3600' },
      });
      return { reservedItems, reservedAt: now(), alreadyReserved: false };
    },
    release(payload: Record<string, unknown>) {
      const order = row(payload.orderId);
      if (order === undefined) return { releasedItems: [], releasedAt: now(), alreadyReleased: false };
      if (order.ReleasedAt !== undefined)
        return { releasedItems: [], releasedAt: now(), alreadyReleased: true };
      if ((order.State as { S: string }).S === 'PAYMENT_PROCESSED')
        return { releasedItems: [], releasedAt: now(), alreadyReleased: false };
      const reserved: Array<{ itemId: string; quantity: number }> =
        order.ReservedItems === undefined ? [] : JSON.parse((order.ReservedItems as { S: string }).S);
      for (const { itemId, quantity } of reserved) world.stock[itemId] = stockOf(itemId) + quantity;
      const { ReservationExpiresAt: _expiry, ...rest } = order;
      world.orders.set(String(payload.orderId), { ...rest, ReleasedAt: S(now()) });
      return { releasedItems: reserved, releasedAt: now(), alreadyReleased: false };
    },
    charge(payload: Record<string, unknown>) {
      if (scenario.declineCharge) throw lambdaError('PaymentError', 'The card was declined');
      return { paymentResult: 'SUCCESS', chargeId: `ch_${String(payload.orderId ?? 'x')}` };
    },
  };
}

function handlers(world: World, scenario: Scenario) {
  const fake = functions(world, scenario);
  const attempts = new Map<string, number>();
  const failing = (req: TaskRequest) => {
    const failure = scenario.failTasks?.[req.stateName];
    if (failure === undefined) return;
    const attempt = (attempts.get(req.stateName) ?? 0) + 1;
    attempts.set(req.stateName, attempt);
    if (typeof failure === 'string') throw new TaskError(failure, `injected failure of ${req.stateName}`);
    if (attempt <= (failure.times ?? Number.POSITIVE_INFINITY))
      throw new TaskError(failure.error, failure.cause);
  };
  const lambda = async (req: TaskRequest) => {
    failing(req);
    const { FunctionName, Payload } = req.parameters as {
      FunctionName: string;
      Payload: Record<string, unknown>;
    };
    world.calls.push({ function: FunctionName, payload: Payload });
    const kind = functionKind(FunctionName);
    const original = /PaymentVerifier|ItemsInStockRetriever|chargePaymentMethod/.test(FunctionName);
    const result =
      kind === 'verify'
        ? fake.verify(Payload, original)
        : kind === 'original-stock'
          ? fake.originalStock(Payload)
          : kind === 'reserve'
            ? fake.reserve(Payload)
            : kind === 'release'
              ? fake.release(Payload)
              : fake.charge(Payload);
    return { Payload: result, StatusCode: 200, ExecutedVersion: '$LATEST' };
  };
  const getItem = async (req: TaskRequest) => {
    failing(req);
    const { Key } = req.parameters as { Key: { OrderId: { S: string } } };
    const item = world.orders.get(Key.OrderId.S);
    return item === undefined ? {} : { Item: item };
  };
  const putItem = async (req: TaskRequest) => {
    failing(req);
    const { Item, ConditionExpression } = req.parameters as {
      Item: Record<string, { S?: string }>;
      ConditionExpression?: string;
    };
    const id = Item.OrderId?.S ?? '';
    if (ConditionExpression === 'attribute_not_exists(OrderId)' && world.orders.has(id)) {
      throw conditionalCheckFailed();
    }
    world.orders.set(id, Item);
    return {};
  };
  const updateItem = async (req: TaskRequest) => {
    failing(req);
    const p = req.parameters as {
      Key: { OrderId: { S: string } };
      UpdateExpression: string;
      ConditionExpression?: string;
      ExpressionAttributeNames?: Record<string, string>;
      ExpressionAttributeValues?: Record<string, unknown>;
    };
    const e = { names: p.ExpressionAttributeNames ?? {}, values: p.ExpressionAttributeValues ?? {} };
    validateExpressions([p.UpdateExpression, p.ConditionExpression ?? ''], e);
    const id = p.Key.OrderId.S;
    const item = world.orders.get(id);
    if (p.ConditionExpression !== undefined && !conditionHolds(p.ConditionExpression, item, e))
      throw conditionalCheckFailed();
    world.orders.set(id, applyUpdate(p.UpdateExpression, item, p.Key, e));
    return {};
  };
  const publish = async (req: TaskRequest) => {
    failing(req);
    const { Message, MessageAttributes } = req.parameters as {
      Message: unknown;
      MessageAttributes?: unknown;
    };
    world.messages.push({ message: Message, attributes: MessageAttributes });
    return { MessageId: `m-${world.messages.length}` };
  };
  return [
    { match: 'arn:aws:states:::lambda:invoke', handler: lambda },
    { match: 'arn:aws:states:::dynamodb:getItem', handler: getItem },
    { match: 'arn:aws:states:::dynamodb:putItem', handler: putItem },
    { match: 'arn:aws:states:::dynamodb:updateItem', handler: updateItem },
    { match: 'arn:aws:states:::sns:publish', handler: publish },
  ];
}

/** Runs one scenario; pass a world to run several executions against the same tables. */
export async function runScenario(
  definition: object,
  scenario: Scenario,
  world = newWorld(),
): Promise<RunResult> {
  const machine = StateMachine.load(definition, { validate: false });
  const execution = machine.start(scenario.input, {
    name: scenario.executionName ?? `exec-${scenario.name.replace(/\W+/g, '-')}`,
    dispatcher: handlers(world, scenario),
    // Full-jitter retries draw a wait of 0: the histories are what counts here, not the backoff.
    random: () => 0,
  });
  const result = await execution.result;
  return { ...result, history: execution.history(), world } as RunResult;
}

/** Billable transitions of one execution, from its history. */
export interface TransitionCount {
  /** Standard-workflow state transitions (what $0.025 per 1,000 applies to). */
  readonly standard: number;
  /** Express child executions started by a DISTRIBUTED Map (billed per request and duration instead). */
  readonly expressChildren: number;
}

/**
 * Counts as AWS bills a Standard workflow: one transition per state entered (every `…StateEntered` event,
 * states inside Parallel branches and INLINE Map iterations included; each retry would add one more). A
 * DISTRIBUTED Map is billed one transition per child execution it starts; EXPRESS children keep their own
 * history and are billed per request and duration, not as transitions (`distributedItems` children per run).
 */
export function countTransitions(history: readonly HistoryEvent[], distributedItems = 0): TransitionCount {
  const entered = history.filter((e) => e.type.endsWith('StateEntered')).length;
  const children = history.filter((e) => e.type === 'MapRunStarted').length * distributedItems;
  return { standard: entered + children, expressChildren: children };
}
