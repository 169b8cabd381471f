/** The time source handlers read (injected so tests can pin "now"). */
export interface Clock {
  now(): number;
}

/** The machine's clock. */
export const SYSTEM_CLOCK: Clock = { now: () => Date.now() };
