/** The Pass state: its result is `Result` (JSONPath), else its effective input. */
import type { PassState } from '../../definition/compiled-types.js';
import type { StateVisit } from '../state-visit.js';

export function passResult(visit: StateVisit<PassState>, effective: unknown): unknown {
  const { result } = visit.state;
  return result !== undefined ? result : effective;
}
