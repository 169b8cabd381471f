import type { Page } from 'playwright-core';

/** Start counting the page's long tasks, its longest frame and Event Timing's click-to-next-paint. */
export function watchResponsiveness(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; maxFrameGap: number; clickPaints: number[] };
    w.longTasks = [];
    w.maxFrameGap = 0;
    w.clickPaints = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    // Event Timing: from the click to the next frame painted after its handlers ran
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'click') w.clickPaints.push(entry.duration);
    }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
    let last = performance.now();
    const frame = (t: number) => {
      w.maxFrameGap = Math.max(w.maxFrameGap, t - last);
      last = t;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** What `watchResponsiveness` counted so far. */
export function responsiveness(
  page: Page,
): Promise<{ longTasks: number[]; maxFrameGap: number; clickPaints: number[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; maxFrameGap: number; clickPaints: number[] };
    return { longTasks: w.longTasks, maxFrameGap: w.maxFrameGap, clickPaints: w.clickPaints };
  });
}
