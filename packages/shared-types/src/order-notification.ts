import type { CardType } from './card.js';
import type { OrderRecordItem } from './order-record.js';
import type { OrderState } from './order-states.js';

/**
 * The message published to the order-updates SNS topic. It carries no card data: at most the card
 * type and the last four digits (which verify-payment returns as `cardLast4`).
 */
export interface OrderNotification {
  readonly orderId: string;
  readonly state: OrderState;
  readonly customerId: string;
  readonly orderTotal: number;
  readonly items: readonly OrderRecordItem[];
  readonly reason?: string;
  readonly chargeId?: string;
  readonly cardType?: CardType;
  readonly cardLast4?: string;
}
