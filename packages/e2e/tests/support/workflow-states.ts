import { STATE_NAMES } from '@orders/infra/workflow';

/** The workflow's state names, from the definition the stack was built from. */
export const STATES = STATE_NAMES;

const S = STATES;

/** Every execution starts here: reshape, then look for an earlier run of the same order. */
export const ADMISSION = [S.prepareOrder, S.checkExisting, S.alreadyRecorded] as const;
/** Verify the payment details and read the stock levels together. */
export const VERIFY_AND_RETRIEVE = [S.verifyAndRetrieve, S.verifyPayment, S.retrieveStock] as const;
/** One item's stock check (a Map iteration) that passes. */
export const STOCK_CHECK_PASSED = [S.checkStock, S.enoughStock, S.itemInStock] as const;
/** A rejected order: recorded, notified, then failed with the reason. */
export const REJECTION = [S.recordRejected, S.notifyRejected, S.orderRejected] as const;
