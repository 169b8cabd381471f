import type { FuzzAnswer } from './answer-check.js';
import { errorName } from './answer-check.js';
import { type FuzzRequest, GENERATORS, type GeneratorName } from './request-arbitrary.js';

/** What a status column holds for a request the API never answered. */
export const NO_ANSWER = 'no answer';

/**
 * The fuzz's counts: answers by status, by error name and by generator, and the requests with a problem.
 * Requests fast-check sends while it shrinks a failure are counted apart, so the main figures are the run's.
 */
export class FuzzTally {
  sent = 0;
  shrinkRequests = 0;
  withProblems = 0;
  readonly byStatus = new Map<string, number>();
  readonly byError = new Map<string, number>();
  readonly byGenerator = new Map<GeneratorName, Map<string, number>>(GENERATORS.map((g) => [g, new Map()]));
  /** The slowest answer: how long it took, to which generator's request, and its status. */
  slowest = { ms: 0, generator: '', status: '' };

  /** Count one request and its answer (undefined when the connection failed). */
  record(
    request: FuzzRequest,
    answer: FuzzAnswer | undefined,
    problems: readonly string[],
    shrinking: boolean,
    ms: number,
  ): void {
    if (shrinking) {
      this.shrinkRequests++;
      return;
    }
    this.sent++;
    if (problems.length > 0) this.withProblems++;
    const status = answer === undefined ? NO_ANSWER : String(answer.status);
    if (ms > this.slowest.ms) this.slowest = { ms, generator: request.generator, status };
    add(this.byStatus, status);
    const perGenerator = this.byGenerator.get(request.generator) ?? new Map<string, number>();
    add(perGenerator, status);
    this.byGenerator.set(request.generator, perGenerator);
    if (answer !== undefined && answer.status !== 202)
      add(this.byError, `${answer.status} ${errorName(answer) ?? '(no error name)'}`);
  }

  /** Answers at 5xx, and requests never answered (crashes). */
  serverErrors(): number {
    return [...this.byStatus]
      .filter(([status]) => status.startsWith('5'))
      .reduce((n, [, count]) => n + count, 0);
  }

  crashes(): number {
    return this.byStatus.get(NO_ANSWER) ?? 0;
  }

  /** One line for the progress log. */
  progressLine(): string {
    return `${this.sent} bodies; ${summary(this.byStatus)}; ${this.withProblems} with a problem`;
  }

  /** The tables the fuzz prints at the end. */
  render(): string {
    const lines: string[] = [];
    lines.push('answers by status', ...rows(this.byStatus));
    lines.push('', 'error answers by status and error name', ...rows(this.byError));
    lines.push('', 'answers by generator');
    for (const [generator, statuses] of this.byGenerator) {
      const total = [...statuses.values()].reduce((a, b) => a + b, 0);
      lines.push(`  ${generator.padEnd(10)} ${String(total).padStart(6)}  ${summary(statuses)}`);
    }
    const { ms, generator, status } = this.slowest;
    lines.push('', `slowest answer: ${ms.toFixed(0)} ms (${generator}, ${status})`);
    return `${lines.join('\n')}\n`;
  }
}

function add<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function sorted(counts: ReadonlyMap<string, number>): Array<[string, number]> {
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}

function summary(counts: ReadonlyMap<string, number>): string {
  return sorted(counts)
    .map(([key, n]) => `${key} × ${n}`)
    .join(', ');
}

function rows(counts: ReadonlyMap<string, number>): string[] {
  return sorted(counts).map(([key, n]) => `  ${key.padEnd(40)} ${String(n).padStart(6)}`);
}
