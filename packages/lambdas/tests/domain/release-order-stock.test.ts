import { describe, expect, it } from 'vitest';
import { releaseOrderStock } from '../../src/domain/release-order-stock.js';
import type { ReservationStore } from '../../src/domain/reservation-store.js';
import { BUSY, fakeStore, lines, NOW, NOW_ISO, noWait } from '../support/fake-reservation-store.js';

describe('releaseOrderStock', () => {
  const release = (store: ReservationStore) =>
    releaseOrderStock(store, { orderId: 'o-1', nowMs: NOW }, noWait);

  it('releases what a reservation that won the race against the tombstone took', async () => {
    const { store, calls } = fakeStore({
      orders: [
        { reservedItems: [], state: 'RECEIVED' },
        { reservedItems: lines, reservedAt: NOW_ISO },
      ],
      markReleased: [{ status: 'refused' }],
      release: [BUSY, { status: 'done' }],
    });
    expect(await release(store)).toEqual({
      releasedItems: lines,
      releasedAt: NOW_ISO,
      alreadyReleased: false,
      outcome: 'released',
    });
    expect(calls).toEqual(['readOrder', 'markReleased', 'readOrder', 'release', 'release']);
  });

  it('never stamps the release before the reservation that won the race landed', async () => {
    const later = '2026-11-29T12:00:00.250Z';
    const { store } = fakeStore({
      orders: [
        { reservedItems: [], state: 'RECEIVED' },
        { reservedItems: lines, reservedAt: later },
      ],
      markReleased: [{ status: 'refused' }],
      release: [{ status: 'done' }],
    });
    expect(await release(store)).toMatchObject({
      releasedItems: lines,
      releasedAt: later,
      outcome: 'released',
    });
  });

  it('re-reads a row whose release was refused: another call released it', async () => {
    const { store } = fakeStore({
      orders: [
        { reservedItems: lines, reservedAt: NOW_ISO },
        { reservedItems: lines, reservedAt: NOW_ISO, releasedAt: '2026-11-29T12:00:01.000Z' },
      ],
      release: [{ status: 'refused' }],
    });
    expect(await release(store)).toEqual({
      releasedItems: [],
      releasedAt: '2026-11-29T12:00:01.000Z',
      alreadyReleased: true,
      outcome: 'already-released',
    });
  });

  it('re-reads a row whose release was refused: the order was sold meanwhile', async () => {
    const { store } = fakeStore({
      orders: [
        { reservedItems: lines, reservedAt: NOW_ISO, state: 'RECEIVED' },
        { reservedItems: lines, reservedAt: NOW_ISO, state: 'PAYMENT_PROCESSED' },
      ],
      release: [{ status: 'refused' }],
    });
    expect(await release(store)).toMatchObject({
      releasedItems: [],
      alreadyReleased: false,
      outcome: 'sold',
    });
  });

  it('gives up with InventoryUnavailable when conflicts outlast every attempt', async () => {
    const { store } = fakeStore({
      orders: [{ reservedItems: lines, reservedAt: NOW_ISO }],
      release: Array(8).fill(BUSY),
    });
    await expect(release(store)).rejects.toMatchObject({ name: 'InventoryUnavailable' });
  });
});
