/**
 * The order row's writes as DynamoDB UpdateItem requests. Every write after the claim names the states it
 * may move from, so a write can never overwrite an order another run owns or has already finished.
 */
import type { OrderRecordAttributes, OrderState } from '@orders/shared-types';
import { ORDER_STATES } from '@orders/shared-types';
import { jsonata } from '../asl/index.js';
import { jsonataObject } from './private/jsonata-object.js';
import { str } from './rules.js';

type Attribute = keyof OrderRecordAttributes;

/** One attribute to SET: a JSONata expression of its DynamoDB value (`{ 'S': … }`), written only `when` holds. */
export interface AttributeValue {
  readonly value: string;
  readonly when?: string;
}

/** A string attribute from a JSONata expression. */
export const asString = (expression: string, when?: string): AttributeValue => ({
  value: `{ 'S': ${expression} }`,
  ...(when === undefined ? {} : { when }),
});
/** A number attribute from a JSONata expression. */
export const asNumber = (expression: string): AttributeValue => ({
  value: `{ 'N': $string(${expression}) }`,
});

/** The request fields of an UpdateItem task (`dynamoUpdateItem` options less the table and key). */
export interface OrderUpdate {
  readonly updateExpression: string;
  readonly conditionExpression: string;
  readonly expressionAttributeNames: string;
  readonly expressionAttributeValues: string;
}

/**
 * An update of the order row: SET each attribute in `set` (an attribute with `when` only when it holds),
 * REMOVE those in `remove`, on the condition that the row is in one of the states `from` (JSONata string
 * expressions) or, for `claim`, that no other execution owns the order id.
 */
export function orderUpdate(options: {
  readonly set: Partial<Record<Attribute, AttributeValue>>;
  readonly remove?: readonly Attribute[];
  readonly from: readonly string[] | 'claim';
  /** A condition the row must meet besides its state (e.g. `attribute_not_exists(ReleasedAt)`). */
  readonly alsoRequire?: string;
  /** Variable bindings the values need before the state's Assign has run (`$summary := …`). */
  readonly bind?: string;
}): OrderUpdate {
  const entries = Object.entries(options.set) as Array<[Attribute, AttributeValue]>;
  // DynamoDB refuses names and values that the expressions do not use: an optional attribute's name and
  // value are there only when it is written.
  const names: Record<string, string | undefined> = {};
  for (const [attribute, v] of entries)
    names[`#${attribute}`] = v.when === undefined ? str(attribute) : `${v.when} ? ${str(attribute)}`;
  for (const attribute of options.remove ?? []) names[`#${attribute}`] = str(attribute);
  names['#State'] = str('State');

  const always = entries.filter(([, v]) => v.when === undefined).map(([a]) => `#${a} = :${a}`);
  const optional = entries
    .filter(([, v]) => v.when !== undefined)
    .map(([a, v]) => `(${v.when} ? ', #${a} = :${a}' : '')`);
  const remove = options.remove?.length
    ? ` & ' REMOVE ${options.remove.map((a) => `#${a}`).join(', ')}'`
    : '';
  const plain = optional.length === 0 && remove === '';
  const updateExpression = plain
    ? `SET ${always.join(', ')}`
    : jsonata([`'SET ${always.join(', ')}'`, ...optional].join(' & ') + remove);

  const values: Record<string, string | undefined> = {};
  for (const [attribute, v] of entries)
    values[`:${attribute}`] = v.when === undefined ? v.value : `${v.when} ? ${v.value}`;
  let conditionExpression: string;
  if (options.from === 'claim') {
    // A new order id, or a repeat of this execution's own claim (Express runs a step at least once).
    conditionExpression =
      'attribute_not_exists(OrderId) OR (#ExecutionId = :executionId AND #State = :received)';
    values[':executionId'] = "{ 'S': $states.context.Execution.Id }";
    values[':received'] = `{ 'S': ${str(ORDER_STATES.RECEIVED)} }`;
    names['#ExecutionId'] = str('ExecutionId');
  } else {
    conditionExpression = `#State IN (${options.from.map((_, i) => `:from${i}`).join(', ')})`;
    if (options.alsoRequire !== undefined) conditionExpression += ` AND ${options.alsoRequire}`;
    options.from.forEach((state, i) => {
      values[`:from${i}`] = `{ 'S': ${state} }`;
    });
  }
  return {
    updateExpression,
    conditionExpression,
    expressionAttributeNames: jsonata(jsonataObject(names)),
    expressionAttributeValues: jsonata(
      options.bind === undefined ? jsonataObject(values) : `(${options.bind}; ${jsonataObject(values)})`,
    ),
  };
}

/** A literal order state as a JSONata string. */
export const state = (value: OrderState): string => str(value);
