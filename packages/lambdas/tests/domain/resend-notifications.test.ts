import { describe, expect, it } from 'vitest';
import type { NotificationAttributes } from '../../src/domain/notification-attributes.js';
import {
  type KeptNotification,
  type ResendFailure,
  resendNotifications,
} from '../../src/domain/resend-notifications.js';

const message = (orderId: string, state: string) => JSON.stringify({ orderId, state });

/** An outbox over `rows`, whose clear answers from `clearAnswers` (default: cleared). */
function memoryOutbox(rows: KeptNotification[], clearAnswers: Record<string, boolean | Error> = {}) {
  const cleared: string[] = [];
  return {
    cleared,
    outbox: {
      async *pending() {
        yield* rows;
      },
      async clear(orderId: string, text: string) {
        const answer = clearAnswers[orderId] ?? true;
        if (answer instanceof Error) throw answer;
        if (answer) cleared.push(`${orderId} ${text}`);
        return answer;
      },
    },
  };
}

function recordingPublisher(refuse: ReadonlySet<string> = new Set()) {
  const published: Array<{ message: string; attributes: NotificationAttributes }> = [];
  return {
    published,
    publisher: {
      async publish(text: string, attributes: NotificationAttributes) {
        if (refuse.has(text))
          throw Object.assign(new Error('SNS is down'), { name: 'InternalErrorException' });
        published.push({ message: text, attributes });
      },
    },
  };
}

describe('resendNotifications', () => {
  it('publishes each kept message as it is with its attributes, then clears that same message', async () => {
    const { outbox, cleared } = memoryOutbox([
      { orderId: 'a', message: message('a', 'PAYMENT_PROCESSED') },
      { orderId: 'b', message: message('b', 'PAYMENT_FAILED') },
    ]);
    const { publisher, published } = recordingPublisher();
    const failures: ResendFailure[] = [];

    expect(await resendNotifications(outbox, publisher, (f) => failures.push(f))).toEqual({
      found: 2,
      sent: 2,
      failed: 0,
      superseded: 0,
    });
    expect(published).toEqual([
      {
        message: message('a', 'PAYMENT_PROCESSED'),
        attributes: { state: 'PAYMENT_PROCESSED', outcome: 'PROCESSED' },
      },
      {
        message: message('b', 'PAYMENT_FAILED'),
        attributes: { state: 'PAYMENT_FAILED', outcome: 'DECLINED' },
      },
    ]);
    expect(cleared).toEqual([
      `a ${message('a', 'PAYMENT_PROCESSED')}`,
      `b ${message('b', 'PAYMENT_FAILED')}`,
    ]);
    expect(failures).toEqual([]);
  });

  it('leaves a refused publish, an unsendable message and an uncleared row on their rows, and goes on', async () => {
    const refused = message('down', 'FAILED');
    const { outbox, cleared } = memoryOutbox(
      [
        { orderId: 'down', message: refused },
        { orderId: 'bad', message: 'not json' },
        { orderId: 'stuck', message: message('stuck', 'OUT_OF_STOCK') },
        { orderId: 'newer', message: message('newer', 'INVALID_ORDER') },
        { orderId: 'ok', message: message('ok', 'PAYMENT_DETAILS_REJECTED') },
      ],
      { stuck: new Error('throttled'), newer: false },
    );
    const { publisher, published } = recordingPublisher(new Set([refused]));
    const failures: ResendFailure[] = [];

    expect(await resendNotifications(outbox, publisher, (f) => failures.push(f))).toEqual({
      found: 5,
      sent: 2,
      failed: 3,
      superseded: 1,
    });
    expect(failures.map((f) => `${f.orderId} ${f.stage}`)).toEqual([
      'down publish',
      'bad invalid',
      'stuck clear',
    ]);
    expect(published.map((p) => p.attributes.state)).toEqual([
      'OUT_OF_STOCK',
      'INVALID_ORDER',
      'PAYMENT_DETAILS_REJECTED',
    ]);
    expect(cleared).toEqual([`ok ${message('ok', 'PAYMENT_DETAILS_REJECTED')}`]);
  });
});
