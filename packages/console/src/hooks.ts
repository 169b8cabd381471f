import { Component, type ComponentType, type FunctionComponent, h } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * Call `tick` now and then every `intervalMs` after the previous call settled (never two at once), while
 * `enabled`; paused while the tab is hidden.
 */
export function usePolling(
  tick: () => Promise<void> | void,
  intervalMs: number,
  enabled = true,
  deps: unknown[] = [],
) {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      if (stopped) return;
      if (document.visibilityState !== 'hidden') {
        try {
          await latest.current();
        } catch (error) {
          console.warn(error);
        }
      }
      if (!stopped) timer = setTimeout(run, intervalMs);
    };
    void run();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [enabled, intervalMs, ...deps]);
}

/**
 * `Inner`, drawn again only when one of its props changed (by identity): the app draws itself on every
 * poll, and a table of 200 orders must not be diffed each time the execution list is read.
 */
export function pure<P extends object>(Inner: FunctionComponent<P>): ComponentType<P> {
  class Pure extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      const keys = new Set([...Object.keys(this.props), ...Object.keys(next)]);
      for (const key of keys) {
        if (
          key !== 'children' &&
          (this.props as Record<string, unknown>)[key] !== (next as Record<string, unknown>)[key]
        )
          return true;
      }
      return false;
    }
    override render(props: P) {
      return h(Inner, props);
    }
  }
  return Pure as unknown as ComponentType<P>;
}
