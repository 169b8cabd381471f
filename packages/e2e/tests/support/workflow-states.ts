import { STATE_NAMES } from '@orders/infra/workflow';

/** The workflow's state names, from the definition the stack was built from. */
export const STATES = STATE_NAMES;

const S = STATES;

/**
 * Every execution starts here: the guard lets the card-free order through, and the order row is created as
 * RECEIVED, unless the order id is taken.
 */
export const CLAIM = [S.cardInInput, S.claimOrder] as const;
/** An input that carries the card itself (not through the intake API): refused before the claim. */
export const CARD_DATA_REFUSED = [S.cardInInput, S.cardDataRefused] as const;
/** Verify the payment details and reserve the stock together. */
export const VERIFY_AND_RESERVE = [S.verifyAndReserve, S.verifyPayment, S.reserveStock] as const;
/** A charged order: charge, record PAYMENT_PROCESSED, notify. */
export const PROCESSED = [S.chargePayment, S.recordProcessed, S.notifyProcessed] as const;
/** A declined charge: give the stock back, record PAYMENT_FAILED, notify (the execution succeeds). */
export const DECLINED = [S.releaseDeclined, S.recordDeclined, S.notifyDeclined] as const;
/** A rejected order: stock given back, recorded, notified, then failed with the reason. */
export const REJECTION = [S.releaseRejected, S.recordRejected, S.notifyRejected, S.orderRejected] as const;
/** A resubmission: the claim finds the order id taken and reads what the first run recorded. */
export const RESUBMISSION = [...CLAIM, S.findRecorded, S.alreadyRecorded] as const;
