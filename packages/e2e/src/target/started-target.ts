import type { E2eTarget } from './e2e-target.js';

/** A target the global setup started, with what undoes it. */
export interface StartedTarget {
  readonly target: E2eTarget;
  stop(): Promise<void>;
}
