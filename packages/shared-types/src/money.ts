/** Convert an amount with at most two decimals to integer cents (rounding away float noise such as 0.1 + 0.2). */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

/** True when `amount` has at most two decimal places (allowing for binary floating-point noise). */
export function isWholeCents(amount: number): boolean {
  return Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-6;
}

/** Format integer cents as a decimal amount, e.g. 225050 -> "2250.50". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
