import { chain, type StateMachineDefinition, stateMachine } from '../asl/index.js';
import type { OrderWorkflowRefs } from './order-workflow-refs.js';
import { chargePayment, recordProcessed } from './phases/charge.js';
import { verifyAndReserve } from './phases/checks.js';
import { claimOrder, duplicateExit, refuseCardData } from './phases/claim.js';
import { notificationNotKept } from './phases/common.js';
import { declinedExit, rejectedExit } from './phases/exits.js';

export { TASK_TIMEOUTS } from './phases/common.js';
export { STATE_NAMES } from './state-names.js';

/**
 * The execution's own timeout: above the worst case of every Lambda retry (7 attempts x 30 s + up to 126 s
 * of backoff, twice in sequence), so a slow run is never cut off between the charge and the record.
 */
export const EXECUTION_TIMEOUT_SECONDS = 900;

/**
 * The order workflow, as the picture reads (docs/workflow.svg):
 *
 *   Card In Input? → Claim Order → Verify Payment ‖ Reserve Stock → Charge Payment → Record Processed Order → Notify
 *
 * The input is the intake API's card-free order (a token where the card was); one that carries the card is
 * refused before the claim. Then three exits: duplicate (the order id was taken), declined (release, record, notify; succeeds) and
 * rejected (release, record, notify, fail). Each phase lives in `phases/`, each JSONata rule in `rules.ts`.
 * The result renders itself (`toAsl()` for Pulumi, which joins its Outputs with `pulumi.jsonStringify`;
 * `render()`) and lists exactly what its tasks call (`iamStatements()`).
 */
export function orderWorkflow<T = string>(refs: OrderWorkflowRefs<T>): StateMachineDefinition<T> {
  // Where a notification goes when neither SNS nor the order row's outbox would take it.
  const notKept = notificationNotKept();
  const exits = {
    duplicate: duplicateExit(refs),
    declined: declinedExit(refs, notKept),
    rejected: rejectedExit(refs, notKept),
  };

  const happyPath = chain(
    claimOrder(refs, exits.duplicate),
    verifyAndReserve(refs, exits.rejected),
    chargePayment(refs, exits),
    recordProcessed(refs, notKept),
  );

  return stateMachine<T>({
    comment:
      'Order processing: claim the order id, verify the payment details and reserve the stock, charge, record ' +
      'the order in DynamoDB and notify subscribers; unsold orders give their stock back, are recorded and notified.',
    queryLanguage: 'JSONata',
    timeoutSeconds: EXECUTION_TIMEOUT_SECONDS,
    startAt: refuseCardData(happyPath),
  });
}
