import type { ReservedItem } from '@orders/shared-types';
import type { Busy } from './retry-policy.js';

/** What the order row says about the order's stock reservation (read with a consistent read). */
export interface OrderReservation {
  readonly state?: string;
  /** Empty when nothing is reserved. */
  readonly reservedItems: readonly ReservedItem[];
  readonly reservedAt?: string;
  readonly releasedAt?: string;
}

/** One reservation attempt: the order row and every item's stock in one transaction. */
export interface ReserveRequest {
  readonly orderId: string;
  readonly lines: readonly ReservedItem[];
  readonly reservedAt: string;
  /** Epoch seconds. */
  readonly expiresAt: number;
}

export type ReserveAttempt =
  | { readonly status: 'reserved' }
  /**
   * Nothing written. `orderRefused`: the order row's condition failed (missing, already reserved or
   * released). `short`: the items whose stock did not cover the quantity, with what they held.
   */
  | {
      readonly status: 'refused';
      readonly orderRefused: boolean;
      readonly short: ReadonlyArray<{ readonly itemId: string; readonly available: number }>;
    }
  | Busy;

/** One release attempt: the order row marked released and every reserved item given back, in one transaction. */
export interface ReleaseRequest {
  readonly orderId: string;
  readonly lines: readonly ReservedItem[];
  readonly releasedAt: string;
}

/** `refused`: the order row's condition failed (another call released it, or the order was sold meanwhile). */
export type WriteAttempt = { readonly status: 'done' } | { readonly status: 'refused' } | Busy;

/** reserve-stock's storage port (DynamoDB in production). */
export interface ReserveStore {
  readOrder(orderId: string): Promise<OrderReservation | undefined>;
  reserve(request: ReserveRequest): Promise<ReserveAttempt>;
}

/** release-stock's storage port (DynamoDB in production). */
export interface ReleaseStore {
  readOrder(orderId: string): Promise<OrderReservation | undefined>;
  release(request: ReleaseRequest): Promise<WriteAttempt>;
  /** Mark an order with nothing reserved as released (only while it has neither ReservedAt nor ReleasedAt). */
  markReleased(orderId: string, releasedAt: string): Promise<WriteAttempt>;
}

/** Both ports over the same tables. */
export type ReservationStore = ReserveStore & ReleaseStore;
