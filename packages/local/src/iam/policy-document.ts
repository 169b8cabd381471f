/** One IAM policy statement, normalised: every list is an array, keys keep IAM's spelling. */
export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  /** Exactly one of `actions` / `notActions`. */
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  /** Exactly one of `resources` / `notResources` (identity policies need one; resource policies may omit both). */
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  /** Resource-based policies only: who the statement is about. */
  readonly principal?: PolicyPrincipal;
  readonly notPrincipal?: PolicyPrincipal;
  /** Operator → condition key → values (all values strings). */
  readonly condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** `"*"` or `{ AWS: [...], Service: [...] }`. */
export type PolicyPrincipal = '*' | Readonly<Record<string, readonly string[]>>;

/** A parsed policy with where it came from, for messages. */
export interface PolicyDocument {
  /** e.g. `role orders-local-workflow-role, inline policy orders-local-workflow-policy`. */
  readonly source: string;
  readonly statements: readonly PolicyStatement[];
}

/** A policy the local evaluator cannot read; names the policy, the statement and the field. */
export class PolicyDocumentError extends Error {
  override readonly name = 'PolicyDocumentError';
}

/** Parse a policy document (JSON text or object) as IAM writes it: single values or lists, one statement or many. */
export function parsePolicyDocument(document: unknown, source: string): PolicyDocument {
  const fail = (message: string): never => {
    throw new PolicyDocumentError(`${source}: ${message}`);
  };
  let raw = document;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch (error) {
      fail(`not JSON (${(error as Error).message})`);
    }
  }
  if (typeof raw !== 'object' || raw === null)
    return fail(`a policy document is an object, got ${String(raw)}`);
  const { Statement: statement } = raw as { Statement?: unknown };
  if (statement === undefined) return fail('Statement is missing');
  const list = Array.isArray(statement) ? statement : [statement];
  return { source, statements: list.map((s, i) => parseStatement(s, (m) => fail(`Statement[${i}]: ${m}`))) };
}

function parseStatement(raw: unknown, fail: (message: string) => never): PolicyStatement {
  if (typeof raw !== 'object' || raw === null) return fail('a statement is an object');
  const s = raw as Record<string, unknown>;
  const effect = s.Effect;
  if (effect !== 'Allow' && effect !== 'Deny')
    fail(`Effect must be Allow or Deny, got ${JSON.stringify(effect)}`);
  const strings = (key: string): readonly string[] | undefined => {
    const value = s[key];
    if (value === undefined) return undefined;
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((v) => typeof v === 'string')) fail(`${key} must be a string or a list of strings`);
    return list as string[];
  };
  const actions = strings('Action');
  const notActions = strings('NotAction');
  if ((actions === undefined) === (notActions === undefined))
    fail('exactly one of Action and NotAction is needed');
  const resources = strings('Resource');
  const notResources = strings('NotResource');
  if (resources !== undefined && notResources !== undefined)
    fail('Resource and NotResource cannot both be given');
  return {
    effect: effect as 'Allow' | 'Deny',
    ...(typeof s.Sid === 'string' ? { sid: s.Sid } : {}),
    ...(actions === undefined ? {} : { actions }),
    ...(notActions === undefined ? {} : { notActions }),
    ...(resources === undefined ? {} : { resources }),
    ...(notResources === undefined ? {} : { notResources }),
    ...(s.Principal === undefined ? {} : { principal: parsePrincipal(s.Principal, 'Principal', fail) }),
    ...(s.NotPrincipal === undefined
      ? {}
      : { notPrincipal: parsePrincipal(s.NotPrincipal, 'NotPrincipal', fail) }),
    ...(s.Condition === undefined ? {} : { condition: parseCondition(s.Condition, fail) }),
  };
}

function parsePrincipal(raw: unknown, key: string, fail: (message: string) => never): PolicyPrincipal {
  if (raw === '*') return '*';
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail(`${key} must be "*" or an object such as { "AWS": [...] }`);
  const out: Record<string, readonly string[]> = {};
  for (const [kind, value] of Object.entries(raw)) {
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((v) => typeof v === 'string'))
      fail(`${key}.${kind} must be a string or a list of strings`);
    out[kind] = list as string[];
  }
  return out;
}

function parseCondition(
  raw: unknown,
  fail: (message: string) => never,
): Record<string, Record<string, readonly string[]>> {
  if (typeof raw !== 'object' || raw === null) return fail('Condition must be an object');
  const out: Record<string, Record<string, readonly string[]>> = {};
  for (const [operator, keys] of Object.entries(raw)) {
    if (typeof keys !== 'object' || keys === null) fail(`Condition.${operator} must be an object of keys`);
    const parsed: Record<string, readonly string[]> = {};
    for (const [key, value] of Object.entries(keys as Record<string, unknown>)) {
      const list = Array.isArray(value) ? value : [value];
      // IAM accepts booleans and numbers in conditions and compares their text.
      if (!list.every((v) => ['string', 'number', 'boolean'].includes(typeof v)))
        fail(`Condition.${operator}.${key} must be a string, number, boolean or a list of them`);
      parsed[key] = list.map(String);
    }
    out[operator] = parsed;
  }
  return out;
}
