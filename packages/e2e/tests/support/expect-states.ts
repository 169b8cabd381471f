import { expect } from 'vitest';

export interface ExpectedStates {
  /** Every one of these must be entered, and nothing outside them and `optional`. */
  readonly exactly: readonly string[];
  /** May be entered or not (e.g. Map iterations cut short when a sibling fails). */
  readonly optional?: readonly string[];
  /** Pairs [a, b]: the first entry of a comes before the first entry of b. */
  readonly order?: ReadonlyArray<readonly [string, string]>;
}

/**
 * Compare the states an execution entered with the expected path. As a set, not a list: the branches of a
 * Parallel and the iterations of a Map interleave differently from run to run.
 */
export function expectStates(visited: readonly string[], expected: ExpectedStates): void {
  const allowed = new Set([...expected.exactly, ...(expected.optional ?? [])]);
  const unexpected = [...new Set(visited)].filter((state) => !allowed.has(state));
  const missing = expected.exactly.filter((state) => !visited.includes(state));
  expect({ missing, unexpected }, `states visited: ${visited.join(' > ')}`).toEqual({
    missing: [],
    unexpected: [],
  });
  for (const [before, after] of expected.order ?? []) {
    expect(visited.indexOf(before), `${before} before ${after} in: ${visited.join(' > ')}`).toBeLessThan(
      visited.indexOf(after),
    );
  }
}
