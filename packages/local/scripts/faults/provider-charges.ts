/**
 * The charges the simulated payment provider made, read from charge-payment's own log: each invocation
 * that charged ends with `invocation succeeded`, `paymentResult: SUCCESS` and the provider's `chargeId`,
 * on a line whose `correlationId` is the order id (the Task's payload carries it). That line is written
 * only after the provider answered with a receipt, so it is the provider's record of the charge. The
 * order row's `ChargeRequestedAt` only says a charge was asked for (a declined card has it too).
 */
export function providerCharges(logLines: readonly string[]): Map<string, string> {
  const charges = new Map<string, string>();
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
    charges.set(correlationId, chargeId);
  }
  return charges;
}
