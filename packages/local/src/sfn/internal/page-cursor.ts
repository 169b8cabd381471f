import { SfnApiError } from '../sfn-api-error.js';

/** A position in a listing's order: compared element by element (numbers, or strings by code unit). */
export type SortKey = readonly (number | string)[];

/** The listing a token belongs to: the operation and the arguments that must not change between pages. */
export interface PageScope {
  readonly operation: string;
  readonly args: Readonly<Record<string, string | boolean | undefined>>;
}

interface Cursor {
  readonly op: string;
  readonly args: string;
  readonly after: SortKey;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

/** Orders two sort keys of the same shape. */
export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * `maxResults` / `nextToken` paging by cursor: the token names the key of the last item returned, so
 * items added or removed between pages neither repeat nor shift the next page. A token is only
 * valid for the listing (operation and arguments) that issued it; any other is `InvalidToken`.
 */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => SortKey,
  scope: PageScope,
  input: { readonly maxResults?: unknown; readonly nextToken?: unknown },
): { page: T[]; nextToken: { nextToken?: string } } {
  const max = pageSize(input.maxResults);
  const args = JSON.stringify(scope.args);
  const sorted = [...items].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  let start = 0;
  if (input.nextToken !== undefined) {
    const after = decode(input.nextToken, scope.operation, args);
    start = sorted.findIndex((item) => compareKeys(keyOf(item), after) > 0);
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + max);
  const last = page.at(-1);
  if (start + max >= sorted.length || last === undefined) return { page, nextToken: {} };
  const cursor: Cursor = { op: scope.operation, args, after: keyOf(last) };
  return { page, nextToken: { nextToken: Buffer.from(JSON.stringify(cursor)).toString('base64url') } };
}

function pageSize(maxResults: unknown): number {
  if (maxResults === undefined || maxResults === null) return DEFAULT_PAGE;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults)) {
    throw new SfnApiError(
      'SerializationException',
      `maxResults must be an integer, not ${String(maxResults)}`,
    );
  }
  if (maxResults < 0 || maxResults > MAX_PAGE) {
    const bound = maxResults < 0 ? 'greater than or equal to 0' : `less than or equal to ${MAX_PAGE}`;
    throw new SfnApiError(
      'ValidationException',
      `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value ${bound}`,
    );
  }
  // 0 asks for the default page size, as on AWS
  return maxResults === 0 ? DEFAULT_PAGE : maxResults;
}

function decode(token: unknown, operation: string, args: string): SortKey {
  const invalid = () => new SfnApiError('InvalidToken', `Invalid Token: '${String(token)}'`);
  if (typeof token !== 'string' || token === '') throw invalid();
  let cursor: Partial<Cursor>;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    throw invalid();
  }
  const after = cursor?.after;
  const wellFormed =
    Array.isArray(after) &&
    after.length > 0 &&
    after.every((k) => (typeof k === 'number' && Number.isFinite(k)) || typeof k === 'string');
  if (!wellFormed || cursor.op !== operation || cursor.args !== args) throw invalid();
  return after;
}
