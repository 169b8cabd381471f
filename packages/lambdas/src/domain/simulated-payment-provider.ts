import { createHash } from 'node:crypto';
import {
  type CardToken,
  cardLast4,
  maskCardNumber,
  normalizeCardNumber,
  TEST_CARDS,
} from '@orders/shared-types';
import type { CardDetails, CardVault } from './card-vault.js';
import { DuplicateOrderError } from './duplicate-order-error.js';
import { lettersFrom, randomLetters } from './letter-ids.js';
import { PaymentError } from './payment-error.js';
import type { CardTokenizer, ChargeReceipt, ChargeRequest, PaymentProvider } from './payment-provider.js';

const DECLINES: ReadonlyMap<string, string> = new Map(
  TEST_CARDS.filter((c) => c.outcome !== 'approve').map((c) => [
    normalizeCardNumber(c.cardNumber),
    c.outcome,
  ]),
);

export interface SimulatedPaymentProviderOptions {
  /** Opt-in random declines (the original's 1 in 4): returns true to decline this charge. */
  readonly randomDecline?: () => boolean;
  /** Where tokenized cards are kept (needed to tokenize). */
  readonly vault?: CardVault;
  /** A new token (default: `tok_` and 24 random letters). */
  readonly newToken?: () => string;
  /** The time a card is vaulted (ISO 8601; default now). */
  readonly now?: () => string;
}

/** `tok_` and 24 random lower-case letters: no digits, so no card-number masker touches a token. */
export function randomToken(): string {
  return `tok_${randomLetters()}`;
}

type Outcome = { readonly receipt: ChargeReceipt } | { readonly error: PaymentError };

interface Attempt {
  /** Hash of amount + card, to tell a replay from a conflicting reuse of the key. */
  readonly fingerprint: string;
  readonly outcome: Outcome;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/**
 * The default payment provider: approves every card except the declining TEST_CARDS (and, when
 * simulation is on, a random share). Idempotent like a real provider's idempotency keys: the first
 * outcome for a key (success or decline) is remembered and returned again, never charged twice.
 * Memory is per Lambda instance; a real provider keeps these keys server-side.
 */
export class SimulatedPaymentProvider implements PaymentProvider, CardTokenizer {
  readonly #attempts = new Map<string, Attempt>();
  readonly #randomDecline: () => boolean;
  readonly #options: SimulatedPaymentProviderOptions;
  /** How many charges actually went through (replays excluded). */
  chargesMade = 0;

  constructor(options: SimulatedPaymentProviderOptions = {}) {
    this.#randomDecline = options.randomDecline ?? (() => false);
    this.#options = options;
  }

  /** Keep the card in the vault under a new random token; any card the schema accepts is tokenized. */
  async tokenize(card: CardDetails): Promise<CardToken> {
    const { vault, newToken = randomToken, now = () => new Date().toISOString() } = this.#options;
    if (vault === undefined) throw new Error('this SimulatedPaymentProvider has no vault to tokenize into');
    const number = normalizeCardNumber(card.number);
    const token: CardToken = { token: newToken(), cardType: card.cardType, cardLast4: cardLast4(number) };
    await vault.put({ ...token, holderName: card.holderName, number, expiration: card.expiration }, now());
    return token;
  }

  async charge(request: ChargeRequest): Promise<ChargeReceipt> {
    const fingerprint = sha256(`${request.amountCents}|${request.card.number}|${request.customerId}`);
    const previous = this.#attempts.get(request.idempotencyKey);
    if (previous !== undefined) {
      if (previous.fingerprint !== fingerprint) throw new DuplicateOrderError(request.idempotencyKey);
      if ('error' in previous.outcome) throw previous.outcome.error;
      return { ...previous.outcome.receipt, replayed: true };
    }
    const outcome = this.#decide(request);
    this.#attempts.set(request.idempotencyKey, { fingerprint, outcome });
    if ('error' in outcome) throw outcome.error;
    this.chargesMade += 1;
    return outcome.receipt;
  }

  #decide(request: ChargeRequest): Outcome {
    const masked = maskCardNumber(request.card.number);
    const code =
      DECLINES.get(request.card.number) ?? (this.#randomDecline() ? 'simulated_decline' : undefined);
    if (code !== undefined) {
      return { error: new PaymentError(code, `card ${masked} was declined: ${code}`) };
    }
    // Derived from the key so that every instance reports the same charge id for one order.
    const chargeId = `ch_${lettersFrom(request.idempotencyKey)}`;
    return { receipt: { chargeId, amountCents: request.amountCents, replayed: false } };
  }
}
