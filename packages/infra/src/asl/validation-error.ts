/** One problem found by the validation pass. */
export interface ValidationProblem {
  /** The state the problem is about (or `(state machine)`). */
  readonly state: string;
  readonly message: string;
}

/** Thrown before rendering when the graph has problems; lists every one of them. */
export class DefinitionValidationError extends Error {
  override readonly name = 'DefinitionValidationError';
  readonly problems: readonly string[];

  constructor(readonly details: readonly ValidationProblem[]) {
    const problems = details.map((p) => `${p.state}: ${p.message}`);
    super(`The state machine definition has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.problems = problems;
  }
}
