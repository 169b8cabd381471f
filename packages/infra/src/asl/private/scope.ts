import type { Chainable, Scope } from '../state.js';

/** Accepts a bare chain where a scope is expected. */
export function toScope(value: Chainable | Scope): Scope {
  return 'startAt' in value ? value : { startAt: value };
}
