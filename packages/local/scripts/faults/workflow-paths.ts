import { STATE_NAMES } from '@orders/infra/workflow';
import type { PathMap } from './fault-plan.js';

const NAMES: Readonly<Record<string, string | undefined>> = STATE_NAMES;

/** A Task's name; the outbox Tasks come with the workflow's outbox (absent from older definitions). */
const name = (key: string): string => NAMES[key] ?? `(no ${key} state)`;

/**
 * Which orders reach each Task of the order workflow: a good card runs the processed path, a declined
 * card the declined exit, details that do not verify the rejected exit, and a second execution of an
 * order already recorded the duplicate check. A Keep … Notification Task runs only when its Notify failed
 * for good, so its faults come with that Notify's permanent fault.
 */
export const WORKFLOW_PATHS: PathMap = {
  [STATE_NAMES.claimOrder]: { path: 'good' },
  [STATE_NAMES.findRecorded]: { path: 'duplicate' },
  [STATE_NAMES.verifyPayment]: { path: 'good' },
  [STATE_NAMES.reserveStock]: { path: 'good' },
  [STATE_NAMES.chargePayment]: { path: 'good' },
  [STATE_NAMES.recordProcessed]: { path: 'good' },
  [STATE_NAMES.notifyProcessed]: { path: 'good' },
  [name('outboxProcessed')]: { path: 'good', after: STATE_NAMES.notifyProcessed },
  [STATE_NAMES.releaseDeclined]: { path: 'declined' },
  [STATE_NAMES.recordDeclined]: { path: 'declined' },
  [STATE_NAMES.notifyDeclined]: { path: 'declined' },
  [name('outboxDeclined')]: { path: 'declined', after: STATE_NAMES.notifyDeclined },
  [STATE_NAMES.releaseRejected]: { path: 'notVerified' },
  [STATE_NAMES.recordRejected]: { path: 'notVerified' },
  [STATE_NAMES.notifyRejected]: { path: 'notVerified' },
  [name('outboxRejected')]: { path: 'notVerified', after: STATE_NAMES.notifyRejected },
};
