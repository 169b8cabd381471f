import type { Scope, State, Target } from '../state.js';

/** The states of one scope in rendering order: breadth-first from StartAt, then the listed extras. */
export function collectScope(scope: Scope): State[] {
  const seen = new Set<State>();
  const order: State[] = [];
  const queue: State[] = [scope.startAt.startState, ...(scope.states ?? [])];
  // Breadth-first from the start first, so the listed extras only add what the start does not reach.
  const visit = (from: State) => {
    const local: State[] = [from];
    for (let state = local.shift(); state !== undefined; state = local.shift()) {
      if (seen.has(state)) continue;
      seen.add(state);
      order.push(state);
      for (const t of state.transitions()) if (typeof t.target !== 'string') local.push(t.target);
    }
  };
  for (const root of queue) visit(root);
  return order;
}

/** The name a target refers to. */
export function targetName(target: Target): string {
  return typeof target === 'string' ? target : target.name;
}
