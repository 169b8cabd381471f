import { type CardToken, cardLast4, type OrderInput } from '@orders/shared-types';
import { cardFreeOrder } from '../domain/tokenize-order.js';

/**
 * The largest card-free order the intake starts the workflow with, as JSON bytes. Step Functions takes at most
 * 256 KiB as an execution's input, and as every state's input and output; the workflow's states add their
 * results to the order as it goes (reservation, verdict, charge: well under a kilobyte each), so 16 KiB is
 * left for them. A body within the 1 MiB limit can hold an order far past it (1000 lines of 500-character
 * descriptions): started, it would fail StartExecution (a 500 for the client) or a later state.
 */
export const MAX_WORKFLOW_INPUT_BYTES = 240 * 1024;

/** A stand-in of the provider's token of its exact length (`tok_` and 24 letters): the size measured is the size sent. */
function sameLengthToken(order: OrderInput): CardToken {
  const { cardType, cardNumber } = order.paymentDetails;
  return { token: `tok_${'x'.repeat(24)}`, cardType, cardLast4: cardLast4(cardNumber) };
}

/**
 * How many bytes the workflow's input for `order` will be (the JSON StartExecution sends), measured on the
 * card-free order built as the intake builds it, before the card is tokenized: nothing reaches the vault
 * for an order that cannot be started.
 */
export function workflowInputBytes(order: OrderInput, orderId: string): number {
  return Buffer.byteLength(JSON.stringify(cardFreeOrder(order, orderId, sameLengthToken(order))));
}
