/**
 * Just enough of DynamoDB's expression language for the order workflow's writes, on an in-memory table:
 * `SET a = :v, …`, `REMOVE a, …`, and conditions built from `attribute_exists`, `attribute_not_exists`,
 * `=`, `<>`, `IN (…)`, `AND`, `OR` and parentheses. Anything else throws, so a new kind of expression in the
 * workflow shows up here as a failing test, not as a silently wrong fake.
 */
import { TaskError } from '@orders/asl-engine';

export type Item = Record<string, unknown>;

interface Expression {
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
}

const TOKEN = /\s*(attribute_not_exists|attribute_exists|AND|OR|IN|<>|=|\(|\)|,|[#:]?[A-Za-z_][\w]*)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(text);
    if (match === null)
      throw new Error(`fake DynamoDB: cannot read '${text.slice(TOKEN.lastIndex)}' in '${text}'`);
    tokens.push(match[1] as string);
  }
  return tokens;
}

function attributeName(token: string, e: Expression): string {
  if (token.startsWith('#')) {
    const name = e.names[token];
    if (name === undefined) throw validation(`name ${token} is not defined`);
    return name;
  }
  return token;
}

function operand(token: string, item: Item | undefined, e: Expression): unknown {
  if (token.startsWith(':')) {
    if (!(token in e.values)) throw validation(`value ${token} is not defined`);
    return e.values[token];
  }
  const name = attributeName(token, e);
  return item?.[name];
}

const same = (a: unknown, b: unknown) => a !== undefined && JSON.stringify(a) === JSON.stringify(b);

function validation(message: string): TaskError {
  return new TaskError('DynamoDB.ValidationException', `Invalid expression: ${message}`);
}

/** True when `condition` holds for `item` (undefined: the item does not exist). */
export function conditionHolds(condition: string, item: Item | undefined, e: Expression): boolean {
  const tokens = tokenize(condition);
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token !== expected))
      throw new Error(`fake DynamoDB: expected ${expected ?? 'a token'} in '${condition}'`);
    return token;
  };
  const factor = (): boolean => {
    const token = take();
    if (token === '(') {
      const value = or();
      take(')');
      return value;
    }
    if (token === 'attribute_exists' || token === 'attribute_not_exists') {
      take('(');
      const name = attributeName(take(), e);
      const exists = item?.[name] !== undefined;
      take(')');
      return token === 'attribute_exists' ? exists : !exists;
    }
    const left = operand(token, item, e);
    const op = take();
    if (op === 'IN') {
      take('(');
      const options = [operand(take(), item, e)];
      while (peek() === ',') {
        take(',');
        options.push(operand(take(), item, e));
      }
      take(')');
      return options.some((o) => same(left, o));
    }
    const right = operand(take(), item, e);
    if (op === '=') return same(left, right);
    if (op === '<>') return left !== undefined && !same(left, right);
    throw new Error(`fake DynamoDB: operator ${op} in '${condition}'`);
  };
  const and = (): boolean => {
    let value = factor();
    while (peek() === 'AND') {
      take();
      value = factor() && value;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (peek() === 'OR') {
      take();
      value = and() || value;
    }
    return value;
  };
  const result = or();
  if (at !== tokens.length) throw new Error(`fake DynamoDB: trailing '${tokens.slice(at).join(' ')}'`);
  return result;
}

/** Apply `SET …` / `REMOVE …` to a copy of `item` (or a new item with `key`). */
export function applyUpdate(update: string, item: Item | undefined, key: Item, e: Expression): Item {
  const next: Item = { ...key, ...item };
  const clauses = update.split(/\s(?=REMOVE\s)/);
  for (const clause of clauses) {
    const [keyword, ...rest] = clause.trim().split(/\s+/);
    const body = rest.join(' ');
    if (keyword === 'SET') {
      for (const assignment of body.split(',')) {
        const [name, value] = assignment.split('=').map((s) => s.trim());
        if (name === undefined || value === undefined) throw validation(`SET ${assignment}`);
        next[attributeName(name, e)] = operand(value, item, e);
      }
    } else if (keyword === 'REMOVE') {
      for (const name of body.split(',')) delete next[attributeName(name.trim(), e)];
    } else {
      throw new Error(`fake DynamoDB: clause '${clause}'`);
    }
  }
  return next;
}

const ATTRIBUTE_TYPES = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS']);

/**
 * What DynamoDB checks before it looks at the item: every name and value placeholder given is used by an
 * expression (an unused one is a ValidationException), and every value is one typed AttributeValue
 * (`{ S: … }`; an empty `{}`, as JSONata leaves `{ 'S': undefined }`, is refused).
 */
export function validateExpressions(expressions: readonly string[], e: Expression): void {
  const text = expressions.join(' ');
  const used = (placeholder: string) =>
    new RegExp(`${placeholder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\w)`).test(text);
  for (const name of Object.keys(e.names))
    if (!used(name))
      throw validation(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${name}}`);
  for (const [placeholder, value] of Object.entries(e.values)) {
    if (!used(placeholder))
      throw validation(
        `Value provided in ExpressionAttributeValues unused in expressions: keys: {${placeholder}}`,
      );
    const [type, ...otherTypes] = value !== null && typeof value === 'object' ? Object.keys(value) : [];
    const typed =
      type !== undefined &&
      otherTypes.length === 0 &&
      ATTRIBUTE_TYPES.has(type) &&
      (value as Item)[type] !== undefined;
    if (!typed)
      throw validation(
        `ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key ${placeholder}`,
      );
  }
}

/** The error a failed condition raises through the Step Functions integration. */
export const conditionalCheckFailed = () =>
  new TaskError('DynamoDB.ConditionalCheckFailedException', 'The conditional request failed');
