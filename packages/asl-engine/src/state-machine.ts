import { compileMachine } from './definition/compile-definition.js';
import type { CompiledMachine } from './definition/compiled-types.js';
import type { MachineDefinition } from './definition/definition-types.js';
import { validateDefinition } from './definition/validate-definition.js';
import { DefinitionError } from './errors.js';
import { Execution } from './execution.js';
import type { LoadOptions, StartOptions } from './types.js';

/** A loaded (and validated) state machine definition that can start executions. */
export class StateMachine {
  private readonly compiled: CompiledMachine;

  private constructor(
    readonly definition: MachineDefinition,
    readonly name: string,
  ) {
    this.compiled = compileMachine(definition);
  }

  /** Parses, validates and compiles a definition; throws DefinitionError listing every problem. */
  static load(definition: unknown, options: LoadOptions & { name?: string } = {}): StateMachine {
    let def: unknown = definition;
    if (typeof def === 'string') {
      try {
        def = JSON.parse(def);
      } catch (e) {
        throw new DefinitionError([`The definition is not valid JSON: ${(e as Error).message}`]);
      }
    }
    if (options.validate ?? true) {
      const problems = validateDefinition(def);
      if (problems.length) throw new DefinitionError(problems);
    } else if (typeof def !== 'object' || def === null) {
      throw new DefinitionError(['The definition must be a JSON object']);
    }
    return new StateMachine(def as MachineDefinition, options.name ?? 'StateMachine');
  }

  /** Starts an execution; await `execution.result` for the outcome. */
  start(input: unknown = {}, options: StartOptions = {}): Execution {
    return new Execution(this.compiled, input, options, this.name);
  }
}
