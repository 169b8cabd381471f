import type { CardToken, CardType } from '@orders/shared-types';

/** A card as it was submitted, kept by the provider's vault only. */
export interface VaultedCard extends CardToken {
  readonly holderName: string;
  /** Digits only. */
  readonly number: string;
  /** MM/YY. */
  readonly expiration: string;
}

/**
 * Where the payment provider keeps the cards it has tokenized. Only the provider reads it (the intake
 * function to tokenize, charge-payment to charge); everything else holds the token.
 */
export interface CardVault {
  /** Keep `card` under its token (a new token is never taken twice). */
  put(card: VaultedCard, createdAt: string): Promise<void>;
  /** The card behind `token`, or undefined when there is none. */
  get(token: string): Promise<VaultedCard | undefined>;
}

/** The card brand and digits a tokenize request carries. */
export interface CardDetails {
  readonly holderName: string;
  readonly cardType: CardType;
  /** Digits only. */
  readonly number: string;
  readonly expiration: string;
}
