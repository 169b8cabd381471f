// Crockford base32: sortable as plain strings, no I/L/O/U, safe in Step Functions names.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Step Functions rejects longer execution names. */
export const MAX_EXECUTION_NAME_LENGTH = 80;

function encode(value: number, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

export interface SortableIdSource {
  /** A new id: 10 chars of milliseconds, 4 of a per-millisecond counter, 4 random; later ids sort after. */
  next(): string;
}

/** Ids that sort by creation time, even several within one millisecond (clock and randomness injected). */
export function sortableIds(
  clock: () => number = Date.now,
  random: () => number = Math.random,
): SortableIdSource {
  let lastMs = -1;
  let counter = 0;
  return {
    next() {
      const now = Math.max(clock(), lastMs);
      counter = now === lastMs ? counter + 1 : 0;
      lastMs = now;
      return encode(now, 10) + encode(counter, 4) + encode(Math.floor(random() * 32 ** 4), 4);
    },
  };
}

/**
 * Name executions `<prefix>-<sortable id>-<label>`: unique per run, sortable, and traceable back to a
 * scenario in the console. The label is cut so the name stays within Step Functions' 80 characters.
 */
export function executionName(prefix: string, id: string, label = ''): string {
  const base = `${prefix}-${id}`;
  const cleanLabel = label.replace(/[^A-Za-z0-9_-]/g, '-');
  const room = MAX_EXECUTION_NAME_LENGTH - base.length - 1;
  if (cleanLabel === '' || room <= 0) return base.slice(0, MAX_EXECUTION_NAME_LENGTH);
  return `${base}-${cleanLabel.slice(0, room)}`;
}
