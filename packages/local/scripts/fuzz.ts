/**
 * `pnpm --filter @orders/local run fuzz`: 10,000 bodies against the local stack's intake API (`POST /orders`),
 * generated with fast-check: valid orders built from the published JSON Schema
 * (`@orders/shared-types/schema/order-input.schema.json`, fixed up where the schema cannot say what is valid),
 * the schema's raw orders (near-valid), valid orders with fields missing, of the wrong type, huge, Unicode,
 * nested 100,000 deep or one too many, arbitrary JSON, arbitrary text and bytes, oversize bodies; with the
 * JSON media type or another, none, and now and then an Idempotency-Key.
 * Every answer must be a 202 (its order id and Location) or a 4xx whose IntakeError names a field
 * (`issues[].path`, or a message that starts with the field: `body:`, `content-type:`, `Idempotency-Key:`);
 * no 5xx, no dropped connection, no card number of the request repeated in the answer; a valid order is
 * refused only for its id or key. Afterwards a valid order must still be accepted and reach PAYMENT_PROCESSED.
 * Prints progress to stderr, then the counts by status, by error name and by generator, and for each failure
 * the shrunk counterexample; exits 1 on any failure.
 *   FUZZ_RUNS (default 10000), FUZZ_CONCURRENCY (default 8), FUZZ_SEED (default: the clock; printed),
 *   FUZZ_API_URL (fuzz the intake API at this URL, e.g. a running `pnpm dev`'s, instead of a stack of its own)
 */
import { EXAMPLE_ORDERS, INVENTORY_FIXTURE, type IntakeClient, intakeClient } from '@orders/shared-types';
import fc from 'fast-check';
import { startLocalStack } from '../src/index.js';
import { answerProblems, type FuzzAnswer } from './fuzz/answer-check.js';
import { describeRequest } from './fuzz/describe-request.js';
import { FuzzTally } from './fuzz/fuzz-tally.js';
import { ConnectionError, rawPost } from './fuzz/raw-post.js';
import { type FuzzRequest, fuzzRequest } from './fuzz/request-arbitrary.js';
import { intSetting, progressLog } from './internal/cli-settings.js';
import { localIntake } from './internal/intake-orders.js';
import { runCli } from './internal/run-cli.js';

const RUNS = intSetting('FUZZ_RUNS', 10_000);
const CONCURRENCY = intSetting('FUZZ_CONCURRENCY', 8);
const SEED = process.env.FUZZ_SEED === undefined ? Date.now() % 2 ** 31 : intSetting('FUZZ_SEED', 0);
/** How long the valid order sent after the fuzz may take to be processed (executions the fuzz started queue ahead). */
const AFTERWARDS_TIMEOUT_MS = 600_000;

const progress = progressLog({ label: 'fuzz', decimals: 0 });

/** One fuzz runner's failure: fast-check's shrunk counterexample and what was wrong with its answer. */
interface Failure {
  readonly runner: number;
  readonly seed: number;
  readonly path: string | undefined;
  readonly request: FuzzRequest;
  readonly problem: string;
  readonly shrinks: number;
}

runCli(async () => {
  const given = process.env.FUZZ_API_URL;
  if (given === undefined) progress('starting the local stack');
  // Deep stock, so the valid orders the fuzz sends never run an item out (the out-of-stock item stays at 0).
  const inventory = INVENTORY_FIXTURE.map((item) => ({
    itemId: item.itemId,
    quantityInStock: item.quantityInStock === 0 ? 0 : 1_000_000,
  }));
  const stack = given === undefined ? await startLocalStack({ quiet: true, inventory }) : undefined;
  const intake = stack === undefined ? intakeClient(given ?? '') : localIntake(stack.outputs);
  const tally = new FuzzTally();
  const failures: Failure[] = [];
  let afterwards: string[] = [];
  try {
    progress(`${RUNS} bodies, ${CONCURRENCY} at a time, seed ${SEED}, against ${intake.baseUrl}/orders`);
    const ticker = setInterval(() => progress(tally.progressLine()), 10_000);
    try {
      const runners = Array.from({ length: CONCURRENCY }, async (_, runner) => {
        const numRuns =
          Math.floor((RUNS * (runner + 1)) / CONCURRENCY) - Math.floor((RUNS * runner) / CONCURRENCY);
        let failed = false;
        const property = fc.asyncProperty(fuzzRequest, async (request) => {
          const shrinking = failed;
          let answer: FuzzAnswer | undefined;
          let problems: string[];
          const sentAt = performance.now();
          try {
            answer = await rawPost(intake.baseUrl, request);
            problems = answerProblems(request, answer);
          } catch (error) {
            if (!(error instanceof ConnectionError)) throw error;
            problems = [`no answer: ${error.message}`];
          }
          tally.record(request, answer, problems, shrinking, performance.now() - sentAt);
          if (problems.length > 0) {
            failed = true;
            throw new Error(problems.join('; '));
          }
        });
        const seed = SEED + runner;
        const details = await fc.check(property, { numRuns, seed });
        if (details.failed && details.counterexample !== null) {
          failures.push({
            runner,
            seed,
            path: details.counterexamplePath ?? undefined,
            request: details.counterexample[0],
            problem:
              details.errorInstance instanceof Error
                ? details.errorInstance.message
                : String(details.errorInstance),
            shrinks: details.numShrinks,
          });
          progress(`runner ${runner} failed after ${details.numRuns} runs (${details.numShrinks} shrinks)`);
        }
      });
      await Promise.all(runners);
    } finally {
      clearInterval(ticker);
    }
    progress(`${tally.progressLine()}; now a valid order, to see the API still answers normally`);
    afterwards = await validOrderAfterwards(intake);
  } finally {
    await stack?.stop();
  }

  process.stdout.write(`\n${tally.render()}`);
  process.stdout.write(
    `\n${tally.sent} bodies (seed ${SEED}), ${tally.serverErrors()} 5xx, ${tally.crashes()} without an answer, ` +
      `${tally.withProblems} with a problem${tally.shrinkRequests > 0 ? `; ${tally.shrinkRequests} more while shrinking` : ''}\n`,
  );
  for (const line of afterwards) process.stdout.write(`${line}\n`);
  for (const f of failures) {
    process.stdout.write(
      `\nFAILURE (runner ${f.runner}, seed ${f.seed}, path ${f.path ?? '?'}, ${f.shrinks} shrinks): ${f.problem}\n` +
        `shrunk counterexample:\n${describeRequest(f.request)}\n`,
    );
  }
  const afterwardsFailed = afterwards.some((line) => line.startsWith('FAILURE'));
  if (failures.length > 0 || afterwardsFailed || tally.withProblems > 0) process.exit(1);
});

/** A valid order after the fuzz: accepted (202), its status readable, and processed. */
async function validOrderAfterwards(intake: IntakeClient): Promise<string[]> {
  const submitted = await intake.submit(EXAMPLE_ORDERS.success, { idempotencyKey: `after-fuzz-${SEED}` });
  if (submitted.status !== 202 || !('orderId' in submitted.body))
    return [
      `FAILURE afterwards: a valid order was answered ${submitted.status}: ${submitted.text.slice(0, 300)}`,
    ];
  const { orderId } = submitted.body;
  const deadline = Date.now() + AFTERWARDS_TIMEOUT_MS;
  for (;;) {
    const status = await intake.status(orderId);
    if (status.status !== 200 && status.status !== 404)
      return [
        `FAILURE afterwards: GET /orders/${orderId} answered ${status.status}: ${status.text.slice(0, 300)}`,
      ];
    const state = status.status === 200 && 'state' in status.body ? status.body.state : undefined;
    if (state === 'PAYMENT_PROCESSED')
      return [`afterwards: a valid order was accepted (202) and reached PAYMENT_PROCESSED (${orderId})`];
    // RECEIVED is the only state before the end (the row's other states are final).
    if (state !== undefined && state !== 'RECEIVED')
      return [`FAILURE afterwards: the valid order ${orderId} ended ${state}`];
    if (Date.now() > deadline)
      return [
        `FAILURE afterwards: the valid order ${orderId} was still ${state ?? 'not recorded'} after ${AFTERWARDS_TIMEOUT_MS / 1000} s`,
      ];
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
