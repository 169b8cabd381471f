import { describe, expect, it } from 'vitest';
import type { ReservationStore } from '../../src/domain/reservation-store.js';
import { RESERVATION_TTL_SECONDS, reserveOrderStock } from '../../src/domain/reserve-order-stock.js';
import { BUSY, fakeStore, lines, NOW, NOW_ISO, noWait } from '../support/fake-reservation-store.js';

const reserve = (store: ReservationStore, retry = noWait) =>
  reserveOrderStock(store, { orderId: 'o-1', lines, nowMs: NOW }, retry);

describe('reserveOrderStock', () => {
  it('holds a reservation for one hour', () => {
    expect(RESERVATION_TTL_SECONDS).toBe(3600);
  });

  it('retries transaction conflicts and returns the reservation', async () => {
    const { store, calls } = fakeStore({ reserve: [BUSY, BUSY, { status: 'reserved' }] });
    expect(await reserve(store)).toEqual({
      reservedItems: lines,
      reservedAt: NOW_ISO,
      alreadyReserved: false,
    });
    expect(calls).toEqual(['reserve', 'reserve', 'reserve']);
  });

  it('throws InventoryUnavailable when the conflicts outlast every attempt', async () => {
    const { store, calls } = fakeStore({ reserve: Array(8).fill(BUSY) });
    await expect(reserve(store)).rejects.toMatchObject({ name: 'InventoryUnavailable', attempts: 8 });
    expect(calls).toHaveLength(8);
  });

  it('names every short item with ordered and available quantities', async () => {
    const { store } = fakeStore({
      reserve: [
        {
          status: 'refused',
          orderRefused: false,
          short: [
            { itemId: 'a', available: 0 },
            { itemId: 'b', available: 3 },
          ],
        },
      ],
    });
    await expect(reserve(store)).rejects.toMatchObject({
      name: 'OutOfStock',
      message: 'Out of stock: a: 2 ordered, 0 available; b: 5 ordered, 3 available',
      shortages: [
        { itemId: 'a', ordered: 2, available: 0 },
        { itemId: 'b', ordered: 5, available: 3 },
      ],
    });
  });

  it('answers a refused order row from the row: already reserved, released, or not claimed', async () => {
    const refused = { status: 'refused', orderRefused: true, short: [] } as const;
    const earlier = [{ itemId: 'a', quantity: 1 }];
    const reserved = fakeStore({
      reserve: [refused],
      orders: [{ reservedItems: earlier, reservedAt: '2026-11-29T11:00:00.000Z', state: 'RECEIVED' }],
    });
    expect(await reserve(reserved.store)).toEqual({
      reservedItems: earlier,
      reservedAt: '2026-11-29T11:00:00.000Z',
      alreadyReserved: true,
    });
    const released = fakeStore({
      reserve: [refused],
      orders: [{ reservedItems: earlier, reservedAt: 'x', releasedAt: '2026-11-29T11:30:00.000Z' }],
    });
    await expect(reserve(released.store)).rejects.toMatchObject({
      name: 'ReservationReleased',
      message: 'the stock of order o-1 was already released at 2026-11-29T11:30:00.000Z: nothing reserved',
    });
    const missing = fakeStore({ reserve: [refused], orders: [undefined] });
    await expect(reserve(missing.store)).rejects.toMatchObject({ name: 'OrderNotClaimed' });
  });

  it('the order row condition wins over short stock (a repeat of a reserved order is not out of stock)', async () => {
    const { store } = fakeStore({
      reserve: [{ status: 'refused', orderRefused: true, short: [{ itemId: 'a', available: 0 }] }],
      orders: [{ reservedItems: lines, reservedAt: NOW_ISO }],
    });
    expect(await reserve(store)).toMatchObject({ alreadyReserved: true });
  });

  it('tries again when the row that refused now allows the reservation', async () => {
    const { store, calls } = fakeStore({
      reserve: [{ status: 'refused', orderRefused: true, short: [] }, { status: 'reserved' }],
      orders: [{ reservedItems: [], state: 'RECEIVED' }],
    });
    expect(await reserve(store)).toMatchObject({ alreadyReserved: false });
    expect(calls).toEqual(['reserve', 'readOrder', 'reserve']);
  });
});
