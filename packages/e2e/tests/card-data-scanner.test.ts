import { describe, expect, it } from 'vitest';
import { describeFindings, passesLuhn, scanForCardData } from '../src/index.js';

// Test inputs only: the card numbers the simulated provider knows (TEST_CARDS) and a far-off expiry.
const VISA = '4111111111111111';
const AMEX_GROUPED = '3782 822463 10005';

/** The excerpts of every finding, joined: what a failing assertion would print. */
function printed(value: unknown): string {
  return describeFindings(scanForCardData(value));
}

describe('scanForCardData: card numbers', () => {
  it("finds one in a history event's input string, with its path, masked", () => {
    const history = [
      { id: 1, type: 'ExecutionStarted', executionStartedEventDetails: { input: `{"card":"${VISA}"}` } },
    ];
    expect(scanForCardData({ history })).toEqual([
      {
        kind: 'card-number',
        path: 'history[0].executionStartedEventDetails.input(json).card',
        excerpt: '************1111',
      },
    ]);
  });

  it('finds one in a nested object and in an array', () => {
    const row = { Order: { lines: [{ note: 'ok' }, { note: `paid with ${VISA}` }] } };
    expect(scanForCardData(row, 'row')).toEqual([
      expect.objectContaining({ kind: 'card-number', path: 'row.Order.lines[1].note' }),
    ]);
  });

  it('finds one in a log line, glued to a word and written with spaces or dashes', () => {
    const lines = [
      '{"level":"info","message":"charging card 4111 1111 1111 1111 now"}',
      'START RequestId: 9f1c Version: $LATEST card=4242-4242-4242-4242',
      `raw:${VISA}\n`,
      `amex ${AMEX_GROUPED} on file`,
    ];
    const findings = scanForCardData({ lines });
    expect(findings.map((f) => [f.kind, f.path])).toEqual([
      ['card-number', 'lines[0](json).message'],
      ['card-number', 'lines[1]'],
      ['card-number', 'lines[2]'],
      ['card-number', 'lines[3]'],
    ]);
    expect(findings.map((f) => f.excerpt)).toEqual([
      'charging card **** **** **** 1111 now',
      '…c Version: $LATEST card=****-****-****-4242',
      'raw:************1111\n',
      'amex **** ****** *0005 on file',
    ]);
  });

  it('finds one beside a date and in a number value', () => {
    expect(scanForCardData('2026-12-04 4000 0000 0000 0002 declined').map((f) => f.excerpt)).toEqual([
      '2026-12-04 **** **** **** 0002 declined',
    ]);
    expect(scanForCardData({ cardNumber: Number(VISA) })).toEqual([
      { kind: 'card-number', path: 'cardNumber', excerpt: '************1111' },
    ]);
  });

  it('never prints a card number in clear', () => {
    const text = printed({ a: VISA, b: '4111 1111 1111 1111', c: `x${AMEX_GROUPED}y` });
    expect(text).not.toMatch(/\d{5}/);
    expect(text.replace(/[\s-]/g, '')).not.toContain(VISA);
    expect(text).toContain('1111');
  });

  it('skips digit runs that fail Luhn, are too short or too long, or do not start like a card', () => {
    expect(passesLuhn(VISA)).toBe(true);
    expect(
      scanForCardData([
        '4111111111111112', // Luhn fails
        '411111111111', // 12 digits
        `${VISA}0000`, // 20 digits: some other number
        '1764812345676', // epoch milliseconds (passes Luhn, starts with 1)
        '4111 11 1111 1111 1111', // a group of 2 is not how cards are printed
      ]),
    ).toEqual([]);
    expect(passesLuhn('1764812345676')).toBe(true);
  });
});

describe('scanForCardData: expiry dates', () => {
  it.each([
    ['MM/YY', 'expires 12/29'],
    ['MM/YYYY', 'card valid thru 12/2029 ok'],
    ['MM-YYYY', 'exp 07-2031'],
    ['YYYY-MM', '{"valid":"2031-07"}'],
  ])('finds %s', (_layout, text) => {
    expect(scanForCardData(text)).toEqual([expect.objectContaining({ kind: 'expiry' })]);
    expect(printed(text)).not.toMatch(/\d/);
  });

  it('finds an expiry month and year side by side, and an expiry field', () => {
    expect(
      scanForCardData({
        card: { expiryMonth: 12, expiryYear: 2029, last4: '1111' },
        stripe: { exp_month: '07', exp_year: '31' },
        vault: { expiry: { month: 7, year: 2031 } },
        stored: { expiration: '0731' },
      }),
    ).toEqual([
      { kind: 'expiry', path: 'card', excerpt: 'expiryMonth: **, expiryYear: ****' },
      { kind: 'expiry', path: 'stripe', excerpt: 'exp_month: **, exp_year: **' },
      { kind: 'expiry', path: 'vault.expiry', excerpt: 'expiry: {"month":*,"year":****}' },
      { kind: 'expiry', path: 'stored.expiration', excerpt: 'expiration: ****' },
    ]);
  });

  it('finds an order planted whole: the card number and its expiry', () => {
    const order = {
      orderId: 'e2e-01KBX-ORDER',
      paymentDetails: { name: 'A', cardType: 'VISA', cardNumber: VISA, expiration: '12/29' },
    };
    const input = JSON.stringify(order);
    expect(scanForCardData({ input }).map((f) => [f.kind, f.path])).toEqual([
      ['card-number', 'input(json).paymentDetails.cardNumber'],
      ['expiry', 'input(json).paymentDetails.expiration'],
    ]);
  });
});

describe('scanForCardData: no false positives', () => {
  it('on what a run leaves behind that is not card data', () => {
    const clean = {
      timestamps: ['2026-12-04T01:02:03Z', '2026-12-04T01:02:03.123Z', '2026-12-04 01:02:03', new Date(0)],
      orderIds: ['e2e-01KBX3Y4Z5A6B7C8D9-01KBX3Y4Z5A6B7C8DA', 'ord_abcdefghijklmnopqrstuvwx', 'order-12-27'],
      chargeIds: ['ch_abcdefghijklmnopqrstuvwx'],
      tokens: ['tok_abcdefghijklmnopqrstuvwx'],
      amounts: [2250, 4500.49, '2250.00', 0.1, 1764812345676],
      last4: { CardType: 'VISA', CardLast4: '1111', card: { type: 'VISA', last4: '0002' } },
      arns: ['arn:aws:states:us-east-1:123456789012:execution:orders:e2e-01KBX3Y4Z5A6B7C8D9'],
      reservation: { ReservationExpiresAt: 1796436123, ReservedAt: '2026-12-04T01:02:03.000Z' },
      lines: [
        'REPORT RequestId: 6a1d Duration: 12.34 ms Billed Duration: 13 ms Memory Size: 128 MB',
        '{"time":"2026-12-04T01:02:03.456Z","message":"invocation succeeded","cardLast4":"1111"}',
        'stock item-c9f4x: 3 ordered, 2 available; dates 12/04/2026 and 2026/12/04',
      ],
      masked: { cardNumber: '**** 1111', expiration: '**/**' },
      // A request id moto answered once (CI): its middle groups, 4123-8456-72530, pass Luhn as a card would.
      requestIds: { 'x-amzn-RequestId': ['9118fbcc-f155-4123-8456-72530b81f27e'] },
    };
    expect(printed(clean)).toBe('');
    // The same digits outside a UUID are a card number printed in groups.
    expect(printed({ note: 'paid with 4123-8456-72530' })).not.toBe('');
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(scanForCardData(a)).toEqual([]);
  });
});
