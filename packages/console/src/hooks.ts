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
