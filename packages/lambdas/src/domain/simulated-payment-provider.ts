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
import type {
  CardTokenizer,
  CardVerifier,
  ChargeReceipt,
  ChargeRequest,
  PaymentProvider,
} from './payment-provider.js';
import { type PaymentDetailsVerdict, verifyPaymentDetails } from './verify-payment-details.js';

const DECLINES: ReadonlyMap<string, string> = new Map(
  TEST_CARDS.filter((c) => c.outcome !== 'approve').map((c) => [
    normalizeCardNumber(c.cardNumber),
    c.outcome,
  ]),
);

export interface SimulatedPaymentProviderOptions {
  /** Opt-in random declines (the original's 1 in 4): returns true to decline this charge. */
  readonly randomDecline?: () => boolean;
  /** Where tokenized cards are kept: tokenize writes it, verify and charge read it. */
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
  /** Hash of amount + token + customer, to tell a replay from a conflicting reuse of the key. */
  readonly fingerprint: string;
  readonly outcome: Outcome;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/**
 * The default payment provider, with its own card vault: tokenizes cards, verifies a token's card (the
 * rules of `verifyPaymentDetails`), and charges a token, approving every card except the declining
 * TEST_CARDS (and, when simulation is on, a random share). Idempotent like a real provider's idempotency keys: the first
 * outcome for a key (success or decline) is remembered and returned again, never charged twice.
 * Memory is per Lambda instance; a real provider keeps these keys server-side.
 */
export class SimulatedPaymentProvider implements PaymentProvider, CardTokenizer, CardVerifier {
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
    const { newToken = randomToken, now = () => new Date().toISOString() } = this.#options;
    const vault = this.#vault('tokenize');
    const number = normalizeCardNumber(card.number);
    const token: CardToken = { token: newToken(), cardType: card.cardType, cardLast4: cardLast4(number) };
    await vault.put({ ...token, holderName: card.holderName, number, expiration: card.expiration }, now());
    return token;
  }

  /** The verdict on the card behind `token` at `nowMs`; undefined for a token the vault does not hold. */
  async verify(token: string, nowMs: number): Promise<PaymentDetailsVerdict | undefined> {
    const card = await this.#vault('verify').get(token);
    if (card === undefined) return undefined;
    const details = { name: card.holderName, cardType: card.cardType, cardNumber: card.number };
    return verifyPaymentDetails({ ...details, expiration: card.expiration }, nowMs);
  }

  async charge(request: ChargeRequest): Promise<ChargeReceipt> {
    const fingerprint = sha256(`${request.amountCents}|${request.token}|${request.customerId}`);
    const previous = this.#attempts.get(request.idempotencyKey);
    if (previous !== undefined) {
      if (previous.fingerprint !== fingerprint) throw new DuplicateOrderError(request.idempotencyKey);
      if ('error' in previous.outcome) throw previous.outcome.error;
      return { ...previous.outcome.receipt, replayed: true };
    }
    const card = await this.#vault('charge').get(request.token);
    const outcome = this.#decide(request, card?.number);
    this.#attempts.set(request.idempotencyKey, { fingerprint, outcome });
    if ('error' in outcome) throw outcome.error;
    this.chargesMade += 1;
    return outcome.receipt;
  }

  #vault(operation: string): CardVault {
    const { vault } = this.#options;
    if (vault === undefined)
      throw new Error(`this SimulatedPaymentProvider has no vault to ${operation} with`);
    return vault;
  }

  /** Decline a token the vault does not hold, a declining test card, or a random share; else approve. */
  #decide(request: ChargeRequest, number: string | undefined): Outcome {
    if (number === undefined) {
      return { error: new PaymentError('invalid_token', `card token ${request.token} is unknown`) };
    }
    const masked = maskCardNumber(number);
    const code = DECLINES.get(number) ?? (this.#randomDecline() ? 'simulated_decline' : undefined);
    if (code !== undefined) {
      return { error: new PaymentError(code, `card ${masked} was declined: ${code}`) };
    }
    // Derived from the key so that every instance reports the same charge id for one order.
    const chargeId = `ch_${lettersFrom(request.idempotencyKey)}`;
    return { receipt: { chargeId, amountCents: request.amountCents, replayed: false } };
  }
}
