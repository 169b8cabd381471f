/** One charge the simulated payment provider made: the order it was for and the provider's charge id. */
export interface ProviderCharge {
  readonly orderId: string;
  readonly chargeId: string;
}

/**
 * Every charge the simulated payment provider made, in log order, read from charge-payment's own log: each
 * invocation that charged ends with `invocation succeeded`, `paymentResult: SUCCESS` and the provider's
 * `chargeId`, on a line whose `correlationId` is the order id (the Task's payload carries it). That line is
 * written only after the provider answered with a receipt, so it is the provider's record of the charge. The
 * order row's `ChargeRequestedAt` only says a charge was asked for (a declined card has it too). An order
 * charged twice appears twice.
 */
export function providerChargeList(logLines: readonly string[]): ProviderCharge[] {
  const charges: ProviderCharge[] = [];
  for (const line of logLines) {
    if (!line.startsWith('{')) continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue; // a line the function printed that is not one of its log entries
    }
    if (entry.message !== 'invocation succeeded' || entry.paymentResult !== 'SUCCESS') continue;
    const { correlationId, chargeId } = entry;
    if (typeof correlationId !== 'string' || typeof chargeId !== 'string')
      throw new Error(`charge-payment logged a charge without correlationId or chargeId: ${line}`);
    charges.push({ orderId: correlationId, chargeId });
  }
  return charges;
}

/** The provider's charges by order id (the last one, for an order charged twice): see {@link providerChargeList}. */
export function providerCharges(logLines: readonly string[]): Map<string, string> {
  return new Map(providerChargeList(logLines).map(({ orderId, chargeId }) => [orderId, chargeId]));
}
