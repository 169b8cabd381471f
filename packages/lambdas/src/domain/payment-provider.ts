import type { CardToken } from '@orders/shared-types';
import type { CardDetails } from './card-vault.js';
import type { PaymentDetailsVerdict } from './verify-payment-details.js';

/** What a provider needs to charge a card once. */
export interface ChargeRequest {
  /** The order id: a second request with the same key returns the first result and never charges twice. */
  readonly idempotencyKey: string;
  readonly customerId: string;
  readonly amountCents: number;
  /** The provider's token for the card (see {@link CardTokenizer}): the card itself never reaches a charge. */
  readonly token: string;
}

/** A successful charge. `replayed` is true when an earlier charge with the same key was returned. */
export interface ChargeReceipt {
  readonly chargeId: string;
  readonly amountCents: number;
  readonly replayed: boolean;
}

/**
 * Charges tokenized cards. Implementations throw `PaymentError` on a decline (an unknown token is one; the
 * same decline is thrown again for a replayed key) and `DuplicateOrderError` when a key is reused with
 * different details.
 */
export interface PaymentProvider {
  charge(request: ChargeRequest): Promise<ChargeReceipt>;
}

/**
 * Turns a card into the provider's token, the only thing about the card that travels further (the seam where
 * a real provider's tokenization, Stripe-like `tok_…`/PaymentMethod ids, plugs in). Tokenizing does not judge
 * the card: verify-payment does, from the token.
 */
export interface CardTokenizer {
  tokenize(card: CardDetails): Promise<CardToken>;
}

/**
 * Checks the card behind a token before anything is charged (holder name, number, brand, expiry), as a real
 * provider answers for a stored payment method. Undefined when the provider has no such token.
 */
export interface CardVerifier {
  verify(token: string, nowMs: number): Promise<PaymentDetailsVerdict | undefined>;
}
