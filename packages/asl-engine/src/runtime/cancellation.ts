/**
 * A light cancellation token. Every execution, Parallel and Map needs one, and Node's
 * AbortController is costly to create, so the AbortSignal is only made when someone asks for it.
 */
export class Cancellation {
  aborted = false;
  reason: unknown = undefined;
  private listeners: Array<(reason: unknown) => void> | undefined;
  private ctrl: AbortController | undefined;
  private unlink: (() => void) | undefined;

  /** Cancels with a reason (first call wins) and notifies children and listeners. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.ctrl?.abort(reason);
    const ls = this.listeners;
    this.listeners = undefined;
    if (ls) for (const l of ls) l(reason);
  }

  /** Calls `fn` on cancellation (at once when already cancelled); returns an unsubscribe function. */
  onAbort(fn: (reason: unknown) => void): () => void {
    if (this.aborted) {
      fn(this.reason);
      return noop;
    }
    this.listeners ??= [];
    const ls = this.listeners;
    ls.push(fn);
    return () => {
      const i = ls.indexOf(fn);
      if (i >= 0) ls.splice(i, 1);
    };
  }

  /** An AbortSignal that follows this token (created on first use). */
  get signal(): AbortSignal {
    if (!this.ctrl) {
      this.ctrl = new AbortController();
      if (this.aborted) this.ctrl.abort(this.reason);
    }
    return this.ctrl.signal;
  }

  /** A token cancelled with this one (but not the other way round). Call `detach()` when done. */
  child(): Cancellation {
    const c = new Cancellation();
    c.unlink = this.onAbort((r) => c.abort(r));
    return c;
  }

  /** Stops following the parent token. */
  detach(): void {
    this.unlink?.();
    this.unlink = undefined;
  }
}

function noop(): void {}
