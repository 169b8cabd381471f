import type { CardType } from './card.js';

/** A card number the simulated payment provider knows, and what charging it does. */
export interface TestCard {
  readonly cardType: CardType;
  readonly cardNumber: string;
  /** `approve`, or the decline code the simulated provider throws PaymentError with. */
  readonly outcome: 'approve' | 'card_declined' | 'insufficient_funds' | 'expired_card' | 'processing_error';
}

/**
 * Test cards (all pass Luhn). Any other valid card is approved; these four are always declined by the
 * simulated payment provider, whatever the expiry date.
 */
export const TEST_CARDS = [
  { cardType: 'VISA', cardNumber: '4111 1111 1111 1111', outcome: 'approve' },
  { cardType: 'VISA', cardNumber: '4242 4242 4242 4242', outcome: 'approve' },
  { cardType: 'MASTERCARD', cardNumber: '5555 5555 5555 4444', outcome: 'approve' },
  { cardType: 'MASTERCARD', cardNumber: '2223 0031 2200 3222', outcome: 'approve' },
  { cardType: 'AMEX', cardNumber: '3782 822463 10005', outcome: 'approve' },
  { cardType: 'DISCOVER', cardNumber: '6011 1111 1111 1117', outcome: 'approve' },
  { cardType: 'VISA', cardNumber: '4000 0000 0000 0002', outcome: 'card_declined' },
  { cardType: 'VISA', cardNumber: '4000 0000 0000 9995', outcome: 'insufficient_funds' },
  { cardType: 'VISA', cardNumber: '4000 0000 0000 0069', outcome: 'expired_card' },
  { cardType: 'VISA', cardNumber: '4000 0000 0000 0119', outcome: 'processing_error' },
] as const satisfies readonly TestCard[];
