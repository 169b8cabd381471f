import { maskCardNumber, redactCardNumbers, SENSITIVE_FIELDS } from '@orders/shared-types';

/** `paymentDetails.cardNumber` → parent `paymentDetails`, leaf `cardNumber`: matched at any depth. */
const SENSITIVE = SENSITIVE_FIELDS.map((path) => {
  const [parent, leaf] = path.split('.') as [string, string];
  return { parent, leaf };
});

/**
 * Identifiers are names the caller chose or the service made (ARNs, execution and state names, order ids,
 * message ids, paging tokens): never card data, and the page needs them as they are (an execution named
 * `order-1733234567890` must keep its 13 digits to be described).
 */
const IDENTIFIER = /(?:arn|Arn|ARN|id|Id|ID|name|Name|url|Url|URL|token|Token)$/;

/**
 * A copy of `value` (a parsed API response) with no card data left in it: every sensitive field of the
 * order (`paymentDetails.cardNumber`, `paymentDetails.expiration`, wherever an order sits) masked, every
 * string that holds JSON (history inputs and outputs, task parameters, an execution's input) redacted
 * the same way inside, and, outside identifiers, anything else that looks like a card number (error
 * messages, causes) masked to its last four digits. What has nothing to mask is returned as it was.
 */
export function redactCardData(value: unknown): unknown {
  return redact(value, undefined).value;
}

interface Redacted {
  readonly value: unknown;
  readonly changed: boolean;
}

/** An ARN on its own. */
const ARN = /^arn:aws[\w-]*:\S+$/;

function isIdentifier(key: string | undefined, value: unknown): boolean {
  if (typeof value === 'string' && ARN.test(value)) return true;
  if (key === undefined || !IDENTIFIER.test(key)) return false;
  if (typeof value === 'string') return true;
  // a DynamoDB attribute value of an identifier: `"OrderId": { "S": "…" }`
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'S' || keys[0] === 'N');
}

function redact(value: unknown, key: string | undefined): Redacted {
  if (isIdentifier(key, value)) return { value, changed: false };
  if (typeof value === 'string') return redactString(value);
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const r = redact(item, undefined);
      changed ||= r.changed;
      return r.value;
    });
    return changed ? { value: items, changed } : { value, changed };
  }
  if (typeof value === 'object' && value !== null) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const sensitive = SENSITIVE.some((s) => s.parent === key && s.leaf === k);
      if (sensitive) {
        out[k] = mask(k, v);
        changed = true;
      } else {
        const r = redact(v, k);
        changed ||= r.changed;
        out[k] = r.value;
      }
    }
    return changed ? { value: out, changed } : { value, changed };
  }
  return { value, changed: false };
}

function redactString(text: string): Redacted {
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (parsed !== undefined) {
      const r = redact(parsed, undefined);
      return r.changed ? { value: JSON.stringify(r.value), changed: true } : { value: text, changed: false };
    }
  }
  const masked = redactText(text);
  return { value: masked, changed: masked !== text };
}

// An AWS account id is 12 digits, as long as the shortest card numbers: the ones in ARNs
// (`arn:aws:states:us-east-1:123456789012:…`) and queue URLs (`/123456789012/`) stay.
const ACCOUNT_ID = /(arn:aws[\w-]*:[\w-]+:[\w-]*:|\/)(\d{12})(?=[:/])/g;
// private-use characters around the account's index: no digit run crosses them
const SHIELDED = /\uE000(\d+)\uE001/g;

function redactText(text: string): string {
  const accounts: string[] = [];
  const shielded = text.replace(ACCOUNT_ID, (_match, head: string, account: string) => {
    accounts.push(account);
    return `${head}\uE000${accounts.length - 1}\uE001`;
  });
  const masked = redactCardNumbers(shielded);
  return accounts.length === 0
    ? masked
    : masked.replace(SHIELDED, (_match, i: string) => accounts[Number(i)] ?? '');
}

function mask(leaf: string, value: unknown): string {
  if (leaf === 'cardNumber' && typeof value === 'string') return maskCardNumber(value);
  return leaf === 'expiration' ? '**/**' : '****';
}
