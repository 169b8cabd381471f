import { STATES_ERRORS, StatesError } from '../errors.js';

/** 256 KiB: the largest state input/output/result Step Functions accepts. */
export const MAX_PAYLOAD_BYTES = 262_144;

/**
 * An upper bound of a value's UTF-8 JSON size, computed without allocating, that stops once it
 * passes `limit` (so typical payloads cost a quick walk instead of a JSON.stringify).
 */
function sizeBound(v: unknown, limit: number, acc: number): number {
  if (acc > limit) return acc;
  switch (typeof v) {
    case 'string':
      // worst case: every UTF-16 unit becomes a 6-byte \uXXXX escape
      return acc + v.length * 6 + 2;
    case 'number':
      return acc + 24;
    case 'boolean':
      return acc + 5;
    case 'object': {
      if (v === null) return acc + 4;
      if (Array.isArray(v)) {
        acc += 2;
        for (let i = 0; i < v.length && acc <= limit; i++) acc = sizeBound(v[i], limit, acc + 1);
        return acc;
      }
      acc += 2;
      for (const k in v) {
        acc = sizeBound((v as Record<string, unknown>)[k], limit, acc + k.length * 6 + 4);
        if (acc > limit) return acc;
      }
      return acc;
    }
    default:
      return acc + 4;
  }
}

/** Exact UTF-8 size of a value's JSON text. */
export function jsonByteLength(v: unknown): number {
  return Buffer.byteLength(JSON.stringify(v) ?? 'null', 'utf8');
}

/** True when a value's JSON text fits in 256 KiB. */
export function withinPayloadLimit(v: unknown): boolean {
  return sizeBound(v, MAX_PAYLOAD_BYTES, 0) <= MAX_PAYLOAD_BYTES || jsonByteLength(v) <= MAX_PAYLOAD_BYTES;
}

/** Throws States.DataLimitExceeded when a payload's JSON text exceeds 256 KiB. */
export function checkPayloadSize(v: unknown, what: string): void {
  if (sizeBound(v, MAX_PAYLOAD_BYTES, 0) <= MAX_PAYLOAD_BYTES) return;
  if (jsonByteLength(v) > MAX_PAYLOAD_BYTES) {
    throw new StatesError(
      STATES_ERRORS.DataLimitExceeded,
      `The state/task '${what}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    );
  }
}
