/**
 * `pnpm --filter @orders/local run faults`: the faults the workflow survives. Through the local stack's
 * fault registry, on every Task of the deployed definition in turn, a transient fault (one failure that the
 * Task's Retry absorbs) and a permanent one (its Retry's MaxAttempts + 1 failures, so the retries run
 * out), each met by one order sent alone, then a batch of orders with good, declined and unverifiable
 * cards, every order submitted through the intake API (`POST /orders`, the execution named by its order id); and, first, moto restarted in the middle of a run of orders: a real restart (the process stopped,
 * a new one on the same port, its state rebuilt by replaying the requests moto recorded since boot, so
 * the port stays closed for as long as the replay takes, which grows with the history: hence first).
 * After each, four invariants:
 *   - nothing charged without a record: every charge the provider made is on the order row
 *     (PAYMENT_PROCESSED with that charge id), or the execution failed ChargeNotRecorded naming it (the
 *     alarmed path, where a person records it); and the row was marked ChargeRequestedAt first;
 *   - nothing recorded as processed without a charge: a PAYMENT_PROCESSED row's ChargeId is a charge the
 *     provider made for that order;
 *   - every reserved unit released or sold: no uncharged row still holds its reservation, no charged one
 *     gave it back, and the case's own item ends at its stock less the units charged;
 *   - every recorded order notified or flagged for re-sending: a notification for it arrived on the
 *     inspection queue, or its row keeps it in PendingNotification (the outbox).
 * What was charged comes from the simulated provider's own record: charge-payment's `invocation
 * succeeded` log line with the provider's chargeId (scripts/faults/provider-charges.ts), written only
 * once the provider answered with a receipt; ChargeRequestedAt only says a charge was asked for.
 * Progress goes to stderr; the table to stdout; exits 1 on any violation or a fault no order met.
 *   FAULTS_ORDERS_PER_CASE (default 8), FAULTS_RESTART_ORDERS (default 40),
 *   FAULTS_TASKS (comma-separated: only these Tasks' faults, and `moto` for the restart; default all)
 */

import { startLocalStack } from '../src/index.js';
import { faultLabel, runFaultCase } from './faults/fault-case-run.js';
import { faultPlan } from './faults/fault-plan.js';
import { runRestartCase } from './faults/restart-case.js';
import { type CaseResult, renderResults } from './faults/results-table.js';
import { WORKFLOW_PATHS } from './faults/workflow-paths.js';
import { intSetting, progressLog } from './internal/cli-settings.js';
import { localClients } from './internal/local-clients.js';
import { NotificationReader } from './internal/notification-reader.js';
import { runCli } from './internal/run-cli.js';

const ORDERS_PER_CASE = intSetting('FAULTS_ORDERS_PER_CASE', 8, 2);
const RESTART_ORDERS = intSetting('FAULTS_RESTART_ORDERS', 40, 2);

const progress = progressLog({ label: 'faults', decimals: 0 });

runCli(async () => {
  progress('starting the local stack');
  const stack = await startLocalStack({ quiet: true, restartableMoto: true });
  const clients = localClients(stack.outputs, { maxSockets: 100 });
  const reader = new NotificationReader(clients.sqs, stack.outputs.queueUrl);
  reader.start();
  const results: CaseResult[] = [];
  const plan = faultPlan(stack.model.stateMachine.definition, WORKFLOW_PATHS);
  const only = (process.env.FAULTS_TASKS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = only.filter((s) => s !== 'moto' && !plan.cases.some((c) => c.state === s));
  if (unknown.length > 0)
    throw new Error(
      `FAULTS_TASKS names no faulted Task: ${unknown.join(', ')} (Tasks: ${[...new Set(plan.cases.map((c) => c.state))].join(', ')})`,
    );
  const cases = only.length === 0 ? plan.cases : plan.cases.filter((c) => only.includes(c.state));
  const { skipped } = plan;
  const runId = Date.now().toString(36);
  const context = { stack, clients, reader, runId, ordersPerCase: ORDERS_PER_CASE };
  const withRestart = only.length === 0 || only.includes('moto');
  const total = cases.length + (withRestart ? 1 : 0);
  let orders = 0;
  const done = (result: CaseResult) => {
    results.push(result);
    orders += result.orders;
    progress(`  ${result.outcome}; ${result.violations.length} violations; ${orders} orders done`);
  };
  try {
    // The restart first: moto rebuilds its state from every request it served, so the gap grows with the
    // history; after the whole plan it would be minutes, not the seconds of a restart.
    if (withRestart) {
      progress(`fault 1/${total}: moto restarted during ${RESTART_ORDERS} orders`);
      done(await runRestartCase(context, 0, RESTART_ORDERS, progress));
    }
    for (const [i, c] of cases.entries()) {
      progress(`fault ${results.length + 1}/${total}: ${faultLabel(c)}`);
      done(await runFaultCase(context, c, i + 1));
    }
  } finally {
    await reader.stop();
    await stack.stop();
  }
  process.stdout.write(`\n${renderResults(results)}`);
  for (const s of skipped) process.stdout.write(`not faulted: ${s.state}: ${s.reason}\n`);
  if (results.some((r) => r.violations.length > 0)) process.exit(1);
});
