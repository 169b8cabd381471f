import type { CardToken, CardType } from '@orders/shared-types';
import type { CardDetails } from './card-vault.js';

/** What a provider needs to charge a card once. */
export interface ChargeRequest {
  /** The order id: a second request with the same key returns the first result and never charges twice. */
  readonly idempotencyKey: string;
  readonly customerId: string;
  readonly amountCents: number;
  readonly card: {
    readonly holderName: string;
    readonly cardType: CardType;
    /** Digits only. */
    readonly number: string;
    readonly expiration: string;
  };
}

/** A successful charge. `replayed` is true when an earlier charge with the same key was returned. */
export interface ChargeReceipt {
  readonly chargeId: string;
  readonly amountCents: number;
  readonly replayed: boolean;
}

/**
 * Charges cards. Implementations throw `PaymentError` on a decline (and rethrow the same decline for a
 * replayed key) and `DuplicateOrderError` when a key is reused with different details.
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
