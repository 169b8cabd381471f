/**
 * The idempotency script's verdict: what 50 concurrent `POST /orders` with one Idempotency-Key and one body
 * came to, and whether that is what the IETF draft "The Idempotency-Key HTTP Header Field" promises:
 * one execution, at most one charge, and the same answer for every request.
 */

/** One request's answer as the script saw it: its final status (after any 409 retries) and body text. */
export interface KeyedAnswer {
  /** The status of the first answer (409 while the first request was still in flight). */
  readonly firstStatus: number;
  /** The status of the last answer, once the script stopped retrying 409s. */
  readonly status: number;
  readonly location: string | undefined;
  readonly text: string;
}

/** What the run left behind, read after every answer and the order's execution had ended. */
export interface KeyedRunEvidence {
  readonly answers: readonly KeyedAnswer[];
  /** The order id the 202 answers named (undefined when none answered 202). */
  readonly orderId: string | undefined;
  /** Executions of the state machine named by that order id (ListExecutions, filtered by name). */
  readonly executions: number;
  /** Charges the payment provider made for that order id. */
  readonly charges: number;
  /** The Orders row's ChargeId, when the row has one. */
  readonly rowChargeId: string | undefined;
  /** The status of one more request with the same key and another body (the draft says 422). */
  readonly otherBodyStatus: number;
}

export interface KeyedRunFigures {
  readonly requests: number;
  readonly firstStatuses: ReadonlyMap<number, number>;
  readonly finalStatuses: ReadonlyMap<number, number>;
  /** Distinct texts among the 202 answers (1 when they are byte-identical). */
  readonly distinct202Bodies: number;
  readonly distinctLocations: number;
  readonly executions: number;
  readonly charges: number;
  readonly otherBodyStatus: number;
}

export interface KeyedRunVerdict {
  readonly figures: KeyedRunFigures;
  /** Every way the run broke the promise; empty when it kept it. */
  readonly problems: readonly string[];
}

function countBy<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Judge a keyed run: exactly 1 execution, at most 1 charge, every final answer the same 202 (byte for byte,
 * one Location), and the key refused (422) for another body.
 */
export function judgeKeyedRun(evidence: KeyedRunEvidence): KeyedRunVerdict {
  const { answers } = evidence;
  const accepted = answers.filter((a) => a.status === 202);
  const figures: KeyedRunFigures = {
    requests: answers.length,
    firstStatuses: countBy(answers.map((a) => a.firstStatus)),
    finalStatuses: countBy(answers.map((a) => a.status)),
    distinct202Bodies: new Set(accepted.map((a) => a.text)).size,
    distinctLocations: new Set(accepted.map((a) => a.location)).size,
    executions: evidence.executions,
    charges: evidence.charges,
    otherBodyStatus: evidence.otherBodyStatus,
  };
  const problems: string[] = [];
  if (answers.length === 0) problems.push('no request was answered');
  const others = answers.filter((a) => a.status !== 202);
  if (others.length > 0) {
    const statuses = [...countBy(others.map((a) => a.status))].map(([s, n]) => `${n} × ${s}`).join(', ');
    problems.push(
      `${others.length} requests did not end in 202 (${statuses}): ${others[0]?.text.slice(0, 200)}`,
    );
  }
  if (figures.distinct202Bodies > 1)
    problems.push(`the 202 answers are not identical: ${figures.distinct202Bodies} distinct bodies`);
  if (figures.distinctLocations > 1)
    problems.push(`the 202 answers name ${figures.distinctLocations} distinct Locations`);
  if (evidence.executions !== 1)
    problems.push(
      `${evidence.executions} executions for order ${evidence.orderId ?? '(none answered)'}, expected exactly 1`,
    );
  if (evidence.charges > 1) problems.push(`${evidence.charges} charges for one order, expected at most 1`);
  if (evidence.charges === 0 && evidence.rowChargeId !== undefined)
    problems.push(`the Orders row has ChargeId ${evidence.rowChargeId} but the provider made no charge`);
  if (evidence.otherBodyStatus !== 422)
    problems.push(`the same key with another body answered ${evidence.otherBodyStatus}, expected 422`);
  return { figures, problems };
}
