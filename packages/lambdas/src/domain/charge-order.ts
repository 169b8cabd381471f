import {
  type ChargePaymentResult,
  normalizeCardNumber,
  type PaymentDetails,
  toCents,
} from '@orders/shared-types';
import type { ChargeReceipt, PaymentProvider } from './payment-provider.js';

/** The parts of the charge-payment event the charge needs. */
export interface OrderCharge {
  readonly orderId: string;
  readonly customerId: string;
  readonly orderTotal: number;
  readonly paymentDetails: PaymentDetails;
}

/** Charge an order's total through `provider`, keyed by the order id; throws PaymentError on a decline. */
export async function chargeOrder(
  order: OrderCharge,
  provider: PaymentProvider,
): Promise<ChargePaymentResult & { receipt: ChargeReceipt }> {
  const { paymentDetails: card } = order;
  const receipt = await provider.charge({
    idempotencyKey: order.orderId,
    customerId: order.customerId,
    amountCents: toCents(order.orderTotal),
    card: {
      holderName: card.name,
      cardType: card.cardType,
      number: normalizeCardNumber(card.cardNumber),
      expiration: card.expiration,
    },
  });
  return { paymentResult: 'SUCCESS', chargeId: receipt.chargeId, receipt };
}
