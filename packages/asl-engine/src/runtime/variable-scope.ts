/**
 * Workflow variables (`Assign`): each Parallel branch / Map iteration gets a child scope that can
 * read the outer variables; assignments land in the innermost scope.
 */
export class VariableScope {
  // created on first assignment: most scopes (Map iterations, branches) never assign
  private vars: Map<string, unknown> | undefined;

  constructor(readonly parent?: VariableScope) {}

  /** Looks a variable up through the scope chain. */
  has(name: string): boolean {
    for (let s: VariableScope | undefined = this; s; s = s.parent) if (s.vars?.has(name)) return true;
    return false;
  }

  /** Returns the variable's value (undefined when unset). */
  get(name: string): unknown {
    for (let s: VariableScope | undefined = this; s; s = s.parent) {
      const vars = s.vars;
      if (vars?.has(name)) return vars.get(name);
    }
    return undefined;
  }

  /** Sets variables in this scope (inner scopes shadow, never overwrite, outer variables). */
  assign(values: Record<string, unknown>): void {
    this.vars ??= new Map();
    const vars = this.vars;
    for (const k in values) vars.set(k, values[k]);
  }

  /** True when no variable is visible (lets JSONata skip building bindings). */
  isEmpty(): boolean {
    for (let s: VariableScope | undefined = this; s; s = s.parent)
      if (s.vars && s.vars.size > 0) return false;
    return true;
  }

  /** All visible variables, inner names shadowing outer ones. */
  flatten(into: Record<string, unknown> = {}): Record<string, unknown> {
    if (this.parent) this.parent.flatten(into);
    if (this.vars) for (const [k, v] of this.vars) into[k] = v;
    return into;
  }
}
