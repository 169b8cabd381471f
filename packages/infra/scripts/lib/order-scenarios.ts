/**
 * Runs order workflows (ours and the original) on @orders/asl-engine against in-memory fakes of the three
 * Lambdas, DynamoDB and SNS, and counts billable state transitions from the execution history. Used by the
 * workflow tests and by `definition --stats`.
 */
import { type HistoryEvent, StateMachine, TaskError, type TaskRequest } from '@orders/asl-engine';

export interface World {
  readonly orders: Map<string, Record<string, unknown>>;
  readonly messages: Array<{ message: unknown; attributes: unknown }>;
  readonly calls: Array<{ function: string; payload: unknown }>;
  /** Stock per item id (default 10). */
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

function functionKind(name: string): 'verify' | 'stock' | 'charge' {
  if (/verif/i.test(name)) return 'verify';
  if (/stock/i.test(name)) return 'stock';
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

function handlers(world: World, scenario: Scenario) {
  const lambda = async (req: TaskRequest) => {
    const { FunctionName, Payload } = req.parameters as {
      FunctionName: string;
      Payload: Record<string, unknown>;
    };
    world.calls.push({ function: FunctionName, payload: Payload });
    const kind = functionKind(FunctionName);
    let result: unknown;
    if (kind === 'verify') {
      const details = (Payload as Record<string, unknown> | null)?.paymentDetails as
        | { cardType: string; cardNumber: string }
        | undefined;
      if (details === undefined)
        throw lambdaError('InvalidOrder', 'invalid order: paymentDetails: expected an object');
      const last4 = details.cardNumber.replace(/\D/g, '').slice(-4);
      result = {
        paymentVerified: scenario.rejectPayment === undefined,
        ...(scenario.rejectPayment !== undefined && { reason: scenario.rejectPayment }),
        cardType: details.cardType,
        cardLast4: last4,
      };
    } else if (kind === 'stock') {
      const lines = (Payload.items as Item[] | undefined) ?? [];
      const ordered = new Map<string, number>();
      for (const i of lines) ordered.set(i.itemId, (ordered.get(i.itemId) ?? 0) + (i.quantity ?? 1));
      const items = lines.map((i) => ({
        ...i,
        quantity: i.quantity ?? 1,
        quantityOrdered: ordered.get(i.itemId) ?? 0,
        quantityInStock: world.stock[i.itemId] ?? scenario.stock?.[i.itemId] ?? 10,
      }));
      const stocked = items.map((i) => ({ ...i, inStock: i.quantityInStock >= i.quantityOrdered }));
      // The original's Lambda returned the bare list; ours returns { items, allInStock }.
      result = /ItemsInStockRetriever/.test(FunctionName)
        ? items
        : { items: stocked, allInStock: stocked.every((i) => i.inStock) };
    } else {
      if (scenario.declineCharge) throw lambdaError('PaymentError', 'The card was declined');
      result = { paymentResult: 'SUCCESS', chargeId: `ch_${String(Payload.orderId ?? 'x')}` };
    }
    return { Payload: result, StatusCode: 200, ExecutedVersion: '$LATEST' };
  };
  const getItem = async (req: TaskRequest) => {
    const { Key } = req.parameters as { Key: { OrderId: { S: string } } };
    const item = world.orders.get(Key.OrderId.S);
    return item === undefined ? {} : { Item: item };
  };
  const putItem = async (req: TaskRequest) => {
    const { Item, ConditionExpression } = req.parameters as {
      Item: Record<string, { S?: string }>;
      ConditionExpression?: string;
    };
    const id = Item.OrderId?.S ?? '';
    if (ConditionExpression === 'attribute_not_exists(OrderId)' && world.orders.has(id)) {
      throw new TaskError('DynamoDB.ConditionalCheckFailedException', 'The conditional request failed');
    }
    world.orders.set(id, Item);
    return {};
  };
  const publish = async (req: TaskRequest) => {
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
