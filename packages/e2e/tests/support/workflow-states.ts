/**
 * The workflow's state names, as @orders/infra's STATE_NAMES declares them. Spelled out here rather than
 * imported: a deployed stack runs the definition it was deployed with, and a renamed state is a change a
 * reviewer should see in this suite too.
 */
export const STATES = {
  prepareOrder: 'Prepare Order',
  checkExisting: 'Check For Existing Order',
  alreadyRecorded: 'Order Already Recorded?',
  returnRecorded: 'Return Recorded Order',
  duplicateOrder: 'Duplicate Order',
  verifyAndRetrieve: 'Verify Payment And Retrieve Stock',
  verifyPayment: 'Verify Payment Details',
  retrieveStock: 'Retrieve Item Stock Levels',
  paymentVerified: 'Payment Details Verified?',
  checkStock: 'Check Stock Per Item',
  enoughStock: 'Enough Stock?',
  itemOutOfStock: 'Item Out Of Stock',
  itemInStock: 'Item In Stock',
  chargePayment: 'Charge Payment',
  recordProcessed: 'Record Processed Order',
  notifyProcessed: 'Notify Order Processed',
  recordDeclined: 'Record Declined Order',
  notifyDeclined: 'Notify Payment Declined',
  recordRejected: 'Record Rejected Order',
  notifyRejected: 'Notify Order Rejected',
  orderRejected: 'Order Rejected',
} as const;

const S = STATES;

/** Every execution starts here: reshape, then look for an earlier run of the same order. */
export const ADMISSION = [S.prepareOrder, S.checkExisting, S.alreadyRecorded] as const;
/** Verify the payment details and read the stock levels together. */
export const VERIFY_AND_RETRIEVE = [S.verifyAndRetrieve, S.verifyPayment, S.retrieveStock] as const;
/** One item's stock check (a Map iteration) that passes. */
export const STOCK_CHECK_PASSED = [S.checkStock, S.enoughStock, S.itemInStock] as const;
/** A rejected order: recorded, notified, then failed with the reason. */
export const REJECTION = [S.recordRejected, S.notifyRejected, S.orderRejected] as const;
