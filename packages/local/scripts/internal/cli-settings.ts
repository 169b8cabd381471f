/**
 * What every script of this package reads and prints the same way: whole-number settings from the
 * environment, and progress lines on stderr stamped with the time since the script started.
 */

/**
 * The whole number in `process.env[name]`, or `fallback` when it is unset or empty; anything below `min`
 * (default 1) or not a whole number is an error that names the variable and the value.
 */
export function intSetting(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    const rule = min === 1 ? 'a positive integer' : `an integer of at least ${min}`;
    throw new Error(`${name} must be ${rule}, got '${raw}'`);
  }
  return value;
}

/** A progress printer: `[1.2s] message` on stderr, or `[fuzz 12s] message` with a label and no decimals. */
export function progressLog(options: { label?: string; decimals?: number } = {}) {
  const started = performance.now();
  const decimals = options.decimals ?? 1;
  const prefix = options.label === undefined ? '' : `${options.label} `;
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(decimals)}s`;
  const progress = (message: string) => void process.stderr.write(`[${prefix}${elapsed()}] ${message}\n`);
  return Object.assign(progress, { elapsed });
}
