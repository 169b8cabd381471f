import { createHash } from 'node:crypto';
import type { HttpResponse } from './http.js';

/**
 * What `begin` found for an Idempotency-Key (the IETF draft "The Idempotency-Key HTTP Header Field"):
 * the key is this request's now, or an earlier request with the same body finished (its answer is given
 * again) or is still running, or the key was used with another body.
 */
export type IdempotencyClaim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'completed'; readonly response: HttpResponse }
  | { readonly kind: 'in-flight' }
  | { readonly kind: 'mismatch' };

/** Where the intake keeps each key's request fingerprint and, once answered, its answer. */
export interface IdempotencyStore {
  /**
   * Claim `key` for a request whose body has `fingerprint`. A claim still in flight past its lease
   * (`now` ≥ the lease's end) may be taken over by a request with the same body.
   */
  claim(key: string, fingerprint: string, now: number): Promise<IdempotencyClaim>;
  /** Keep the answer of the request that holds the claim. */
  complete(key: string, fingerprint: string, response: HttpResponse): Promise<void>;
  /** Give the claim up (the request failed before it had an answer): a retry may claim it again. */
  release(key: string, fingerprint: string): Promise<void>;
}

/** How long a claim holds before another request with the same body may take it over. */
export const CLAIM_LEASE_MS = 30_000;
/** How long a key and its answer are kept. */
export const KEY_RETENTION_SECONDS = 24 * 60 * 60;

/** The longest Idempotency-Key accepted. */
export const MAX_KEY_LENGTH = 255;

/** The body's fingerprint: its JSON with object keys sorted, so spacing and key order do not matter. */
export function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Why an Idempotency-Key header is refused, or undefined when it is fine. */
export function keyProblem(key: string): string | undefined {
  if (key.length === 0) return 'expected a non-empty key';
  if (key.length > MAX_KEY_LENGTH) return `expected at most ${MAX_KEY_LENGTH} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(key)) return 'expected no control characters';
  return undefined;
}
