import type { OrderInput, OrderInputJson, TokenizedOrder } from '@orders/shared-types';
import { parseOrderInput } from '@orders/shared-types';
import type { CardVault, VaultedCard } from '../../src/domain/card-vault.js';
import { SimulatedPaymentProvider } from '../../src/domain/simulated-payment-provider.js';
import { tokenizeOrder } from '../../src/domain/tokenize-order.js';

/** A card vault in memory, with the cards it holds for assertions. */
export function memoryCardVault(): CardVault & { readonly cards: Map<string, VaultedCard> } {
  const cards = new Map<string, VaultedCard>();
  return {
    cards,
    async put(card) {
      if (cards.has(card.token)) throw new Error(`token ${card.token} is taken`);
      cards.set(card.token, card);
    },
    async get(token) {
      return cards.get(token);
    },
  };
}

/** A simulated provider on a memory vault, and a way to turn example orders into the workflow's input. */
export function providerWithVault(options: { randomDecline?: () => boolean } = {}) {
  const vault = memoryCardVault();
  const provider = new SimulatedPaymentProvider({ ...options, vault });
  const tokenized = (order: OrderInputJson | OrderInput, orderId = 'order-1'): Promise<TokenizedOrder> =>
    tokenizeOrder(parseOrderInput(order), orderId, provider);
  return { vault, provider, tokenized };
}
