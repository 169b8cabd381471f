import { ERROR_NAMES } from './error-names.js';

/** One problem with an order: the field's path (`orderContents.items[2].price`) and what was wrong. */
export interface OrderIssue {
  /** Dot/bracket path from the order root; `order` for the root itself. */
  readonly path: string;
  /** What was expected and the (masked, for card data) value that was found. */
  readonly message: string;
}

/**
 * The order (or a Lambda event built from it) does not match the shared schema. `name` is the
 * Step Functions error name `InvalidOrder`; `issues` lists every offending field with its value.
 */
export class InvalidOrderError extends Error {
  override readonly name = ERROR_NAMES.InvalidOrder;
  readonly issues: readonly OrderIssue[];

  constructor(issues: readonly OrderIssue[], options?: ErrorOptions) {
    super(`invalid order: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, options);
    this.issues = issues;
  }
}
