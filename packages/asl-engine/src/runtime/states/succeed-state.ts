/** The Succeed state: its result is its effective input; the machine ends. */
import type { SucceedState } from '../../definition/compiled-types.js';
import type { StateVisit } from '../state-visit.js';

export function succeedResult(_visit: StateVisit<SucceedState>, effective: unknown): unknown {
  return effective;
}
