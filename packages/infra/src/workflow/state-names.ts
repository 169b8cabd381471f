/** The state names of the order workflow (stable: local tooling, alarms, the e2e suite and tests refer to them). */
export const STATE_NAMES = {
  // The happy path, in order.
  cardInInput: 'Card In Input?',
  claimOrder: 'Claim Order',
  verifyAndReserve: 'Verify Payment And Reserve Stock',
  verifyPayment: 'Verify Payment Details',
  reserveStock: 'Reserve Stock',
  chargePayment: 'Charge Payment',
  recordProcessed: 'Record Processed Order',
  notifyProcessed: 'Notify Order Processed',
  // Each Notify's outbox: SNS refused after every retry, the order row keeps the notification.
  outboxProcessed: 'Keep Order Processed Notification',
  outboxDeclined: 'Keep Payment Declined Notification',
  outboxRejected: 'Keep Order Rejected Notification',
  // SNS and the outbox both refused, after every retry: the execution fails with the notification as Cause.
  notificationNotKept: 'Notification Not Kept',
  // A charged order whose record cannot be written.
  chargeNotRecorded: 'Charge Not Recorded',
  // The declined exit (the execution succeeds, as in the original).
  releaseDeclined: 'Release Stock Of Declined Order',
  recordDeclined: 'Record Declined Order',
  notifyDeclined: 'Notify Payment Declined',
  // The rejected exit (not verified, out of stock, invalid, any other failure before the charge).
  releaseRejected: 'Release Stock Of Rejected Order',
  recordRejected: 'Record Rejected Order',
  notifyRejected: 'Notify Order Rejected',
  orderRejected: 'Order Rejected',
  // An input that carries the card itself (not through the intake API): refused before the claim.
  cardDataRefused: 'Card Data Refused',
  // The duplicate exit (the claim found the order id taken).
  findRecorded: 'Find Recorded Order',
  alreadyRecorded: 'Order Already Recorded?',
  returnRecorded: 'Return Recorded Order',
  duplicateOrder: 'Duplicate Order',
} as const;
