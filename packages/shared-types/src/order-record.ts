import type { CardType } from './card.js';
import type { OrderState } from './order-states.js';

/** One line as stored in an order record (no card data). */
export interface OrderRecordItem {
  readonly itemId: string;
  readonly itemDescription: string;
  readonly price: number;
  readonly quantity: number;
}

/**
 * An order as written to the orders DynamoDB table, keyed by `OrderId`. Attribute names follow the
 * original project (PascalCase). `Reason` is set when the order did not end in PAYMENT_PROCESSED.
 */
export interface OrderRecord {
  readonly OrderId: string;
  readonly State: OrderState;
  readonly CustomerId: string;
  readonly OrderTotal: number;
  readonly Items: readonly OrderRecordItem[];
  /** ISO 8601 timestamp. */
  readonly CreatedAt: string;
  readonly Reason?: string;
  readonly ChargeId?: string;
  readonly CardType?: CardType;
  readonly CardLast4?: string;
}

/**
 * The record in DynamoDB's attribute-value form, as a `dynamodb:putItem` task writes it. `Items` is the
 * JSON text of the items (the original used `States.JsonToString($.items)`).
 */
export interface OrderRecordAttributes {
  readonly OrderId: { readonly S: string };
  readonly State: { readonly S: OrderState };
  readonly CustomerId: { readonly S: string };
  readonly OrderTotal: { readonly N: string };
  readonly Items: { readonly S: string };
  readonly CreatedAt: { readonly S: string };
  readonly Reason?: { readonly S: string };
  readonly ChargeId?: { readonly S: string };
  readonly CardType?: { readonly S: string };
  readonly CardLast4?: { readonly S: string };
}
