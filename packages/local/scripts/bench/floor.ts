import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { RecordedRequest } from '@orders/moto-server';
import type { NotificationReader } from '../internal/notification-reader.js';

/** A call the floor sent again was refused by moto (the recording no longer fits the tables). */
export class FloorCallError extends Error {
  override readonly name = 'FloorCallError';
}

/**
 * The requests moto received about one order, in the order they came: those with its id in their bodies, and
 * those with any other of `also` (its card token: the vault's calls name the token, not the order).
 */
export function callsOfOrder(
  recent: readonly RecordedRequest[],
  orderId: string,
  also: readonly string[] = [],
): RecordedRequest[] {
  const needles = [orderId, ...also];
  return recent.filter((call) => needles.some((needle) => call.body.includes(needle)));
}

/** A card token of the provider's shape (`tok_` and 24 letters) of a floor order's own. */
export function tokenFor(orderId: string): string {
  const digest = createHash('sha256').update(orderId).digest();
  return `tok_${Array.from(digest.subarray(0, 24), (byte) => String.fromCharCode(97 + (byte % 26))).join('')}`;
}

/**
 * The floor: one order's moto calls as moto received them through the stack (the card put in the vault and
 * read back, the claim, the reservation transaction, the charge mark, the record, the publish), sent again one
 * after another straight to moto with another order id and card token in them (the vault refuses a token it
 * holds), and timed like a stack order: from the first call to its notification arriving
 * through the same reader. No engine, no Lambda, no Step Functions API: what moto alone costs an order.
 */
export class FloorOrders {
  private readonly agent: Agent;

  constructor(
    private readonly endpoint: string,
    private readonly calls: readonly RecordedRequest[],
    private readonly recordedOrderId: string,
    private readonly reader: NotificationReader,
    inFlight: number,
    /** The recorded order's card token, replaced by one of each floor order's own. */
    private readonly recordedToken?: string,
  ) {
    if (calls.length === 0)
      throw new FloorCallError(`no moto calls were recorded for order ${recordedOrderId}`);
    this.agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  }

  /** Make order `orderId`'s calls and wait for its notification; answers the latency in ms. */
  async run(orderId: string, timeoutMs = 30_000): Promise<number> {
    const started = performance.now();
    const token = tokenFor(orderId);
    for (const call of this.calls) {
      const body = call.body.replaceAll(this.recordedOrderId, orderId);
      await this.send(
        call,
        this.recordedToken === undefined ? body : body.replaceAll(this.recordedToken, token),
      );
    }
    const notification = await this.reader.next(orderId, timeoutMs);
    return notification.receivedAt - started;
  }

  close(): void {
    this.agent.destroy();
  }

  private send(call: RecordedRequest, body: string): Promise<void> {
    const url = new URL(call.path, this.endpoint);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: call.method,
          agent: this.agent,
          headers: { ...call.headers, 'Content-Length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            if (res.statusCode === 200) resolve();
            else {
              const text = Buffer.concat(chunks).toString('utf8').slice(0, 300);
              reject(new FloorCallError(`moto answered ${call.operation} with ${res.statusCode}: ${text}`));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
