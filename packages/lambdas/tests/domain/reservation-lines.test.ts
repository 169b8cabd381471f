import { InvalidOrderError } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { MAX_RESERVATION_ITEMS, reservationLines } from '../../src/domain/reservation-lines.js';

describe('reservationLines', () => {
  it('adds up the lines of an item and sorts by item id', () => {
    expect(
      reservationLines([
        { itemId: 'b', quantity: 2 },
        { itemId: 'a', quantity: 1 },
        { itemId: 'b', quantity: 3 },
      ]),
    ).toEqual([
      { itemId: 'a', quantity: 1 },
      { itemId: 'b', quantity: 5 },
    ]);
  });

  it('takes 99 distinct items (plus the order row: 100 transaction actions) and refuses 100', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ itemId: `i-${i}`, quantity: 1 }));
    expect(reservationLines([...items(MAX_RESERVATION_ITEMS), ...items(5)])).toHaveLength(99);
    const error = (() => {
      try {
        reservationLines(items(100));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidOrderError);
    expect((error as InvalidOrderError).issues[0]).toMatchObject({ path: 'event.items' });
    expect((error as Error).message).toContain('expected at most 99 distinct item ids, got 100');
  });
});
