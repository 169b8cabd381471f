import type { ReserveStore } from '../domain/reservation-store.js';
import type { Logger } from '../runtime/logger.js';
import type { Simulation } from '../runtime/simulation.js';

/**
 * The original sample's random out-of-stock answers, as a decorator of the reservation port: when the
 * simulation draws an item short, the reservation is refused for it (available 0) without anything written,
 * exactly as the Inventory table refuses a short item. The store itself when the simulation is off.
 */
export function withSimulatedShortage(
  store: ReserveStore,
  simulation: Simulation,
  log: Logger,
): ReserveStore {
  if (!simulation.enabled) return store;
  return {
    readOrder: (orderId) => store.readOrder(orderId),
    reserve: async (request) => {
      const short = request.lines.filter(() => simulation.outOfStock());
      if (short.length === 0) return store.reserve(request);
      log.info('simulated out of stock: nothing reserved', { itemIds: short.map((l) => l.itemId) });
      return {
        status: 'refused',
        orderRefused: false,
        short: short.map((line) => ({ itemId: line.itemId, available: 0 })),
      };
    },
  };
}
