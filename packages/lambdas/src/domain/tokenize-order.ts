import type { CardToken, OrderInput, TokenizedOrder } from '@orders/shared-types';
import type { CardTokenizer } from './payment-provider.js';

/**
 * The card-free order the workflow runs on: the order's lines, total and customer, and the provider's token
 * (with the card's brand and last four digits) where the payment details were. The card goes to the
 * provider's vault only.
 */
export async function tokenizeOrder(
  order: OrderInput,
  orderId: string,
  tokenizer: CardTokenizer,
): Promise<TokenizedOrder> {
  const { name, cardType, cardNumber, expiration } = order.paymentDetails;
  const payment = await tokenizer.tokenize({ holderName: name, cardType, number: cardNumber, expiration });
  return cardFreeOrder(order, orderId, payment);
}

/** {@link tokenizeOrder}'s result for a token already made (or a stand-in of the same shape). */
export function cardFreeOrder(order: OrderInput, orderId: string, payment: CardToken): TokenizedOrder {
  return {
    orderId,
    orderContents: { items: order.orderContents.items },
    orderTotal: order.orderTotal,
    customerId: order.customerId,
    payment,
  };
}
