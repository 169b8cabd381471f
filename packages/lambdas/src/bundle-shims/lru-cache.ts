/**
 * Stands in for `mnemonist/lru-cache` in the Lambda bundles (esbuild alias, scripts/bundles.ts): the
 * DynamoDB client's endpoint-discovery cache needs only get/set/has/peek/clear, which a Map gives in a
 * few lines instead of mnemonist's typed-array cache and its helpers (about 7 KiB minified).
 */
export default class LRUCache<K, V> {
  readonly #capacity: number;
  readonly #entries = new Map<K, V>();

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Read without refreshing the entry's recency. */
  peek(key: K): V | undefined {
    return this.#entries.get(key);
  }

  /** Read and mark the entry most recently used. */
  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key) as V;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: K, value: V): this {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    return this;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
