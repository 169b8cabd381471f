import { cardLast4, type OrderInput } from '@orders/shared-types';
import type { CardTokenizer } from '../domain/payment-provider.js';
import { tokenizeOrder } from '../domain/tokenize-order.js';

/**
 * The largest card-free order the intake starts the workflow with, as JSON bytes. Step Functions takes at most
 * 256 KiB as an execution's input, and as every state's input and output; the workflow's states add their
 * results to the order as it goes (reservation, verdict, charge: well under a kilobyte each), so 16 KiB is
 * left for them. A body within the 1 MiB limit can hold an order far past it (1000 lines of 500-character
 * descriptions): started, it would fail StartExecution (a 500 for the client) or a later state.
 */
export const MAX_WORKFLOW_INPUT_BYTES = 240 * 1024;

/** A token of the provider's exact length (`tok_` and 24 letters), so the size measured is the size sent. */
const SAME_LENGTH_TOKENIZER: CardTokenizer = {
  async tokenize(card) {
    return { token: `tok_${'x'.repeat(24)}`, cardType: card.cardType, cardLast4: cardLast4(card.number) };
  },
};

/**
 * How many bytes the workflow's input for `order` will be (the JSON StartExecution sends), measured on the
 * card-free order built as the intake builds it, before the card is tokenized: nothing reaches the vault
 * for an order that cannot be started.
 */
export async function workflowInputBytes(order: OrderInput, orderId: string): Promise<number> {
  return Buffer.byteLength(JSON.stringify(await tokenizeOrder(order, orderId, SAME_LENGTH_TOKENIZER)));
}
