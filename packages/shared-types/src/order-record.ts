import type { CardType } from './card.js';
import type { OrderState } from './order-states.js';

/** One line as stored in an order record (no card data). */
export interface OrderRecordItem {
  readonly itemId: string;
  readonly itemDescription: string;
  readonly price: number;
  readonly quantity: number;
}

/** One line of a stock reservation: every line of an item added up. */
export interface ReservedItem {
  readonly itemId: string;
  readonly quantity: number;
}

/**
 * An order as written to the orders DynamoDB table, keyed by `OrderId`. Attribute names follow the
 * original project (PascalCase). `Reason` is set when the order did not end in PAYMENT_PROCESSED.
 *
 * The row is created as RECEIVED by the workflow's first step (the claim) and moves on from there; the
 * stock reservation lives on it: `ReservedItems`/`ReservedAt` when reserve-stock took the stock,
 * `ReleasedAt` when release-stock gave it back (set even when nothing was reserved, so a late reservation
 * of a rejected order is refused). `ReservationExpiresAt` (epoch seconds) marks a reservation that is
 * neither sold nor released yet: past it, the reservation is abandoned and may be released.
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
  /** The execution that claimed the order (a repeat of a step of that execution is not a resubmission). */
  readonly ExecutionId?: string;
  readonly ReservedItems?: readonly ReservedItem[];
  /** ISO 8601 timestamps of the reservation and of its release. */
  readonly ReservedAt?: string;
  readonly ReleasedAt?: string;
  readonly ReservationExpiresAt?: number;
  /** ISO 8601 timestamp of the last state change. */
  readonly UpdatedAt?: string;
  /** Set by charge-payment before it asks the provider to charge (never swept: it may have been charged). */
  readonly ChargeRequestedAt?: string;
  /** Set by charge-payment when the provider declined the charge: not charged (the sweeper may release it). */
  readonly ChargeDeclinedAt?: string;
  /**
   * The outbox: the notification (its JSON text) that SNS refused after every retry, kept for re-sending,
   * with when and why it failed. Removed once it is sent.
   */
  readonly PendingNotification?: string;
  readonly NotificationFailedAt?: string;
  readonly NotificationError?: string;
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
  readonly ExecutionId?: { readonly S: string };
  /** The JSON text of the reserved items ({@link ReservedItem}[]). */
  readonly ReservedItems?: { readonly S: string };
  readonly ReservedAt?: { readonly S: string };
  readonly ReleasedAt?: { readonly S: string };
  readonly ReservationExpiresAt?: { readonly N: string };
  readonly UpdatedAt?: { readonly S: string };
  readonly ChargeRequestedAt?: { readonly S: string };
  readonly ChargeDeclinedAt?: { readonly S: string };
  readonly PendingNotification?: { readonly S: string };
  readonly NotificationFailedAt?: { readonly S: string };
  readonly NotificationError?: { readonly S: string };
}
