import { type CardToken, type ChargePaymentResult, toCents } from '@orders/shared-types';
import type { ChargeReceipt, PaymentProvider } from './payment-provider.js';

/** The parts of the charge-payment event the charge needs. */
export interface OrderCharge {
  readonly orderId: string;
  readonly customerId: string;
  readonly orderTotal: number;
  /** The provider's token for the card (the workflow never holds the card itself). */
  readonly payment: CardToken;
}

/** Charge an order's total through `provider`, keyed by the order id; throws PaymentError on a decline. */
export async function chargeOrder(
  order: OrderCharge,
  provider: PaymentProvider,
): Promise<ChargePaymentResult & { receipt: ChargeReceipt }> {
  const receipt = await provider.charge({
    idempotencyKey: order.orderId,
    customerId: order.customerId,
    amountCents: toCents(order.orderTotal),
    token: order.payment.token,
  });
  return { paymentResult: 'SUCCESS', chargeId: receipt.chargeId, receipt };
}
