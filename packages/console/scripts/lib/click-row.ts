import type { Page } from 'playwright-core';

/**
 * A real (trusted) click on one of the first rows, which change as new executions arrive: the time from
 * the click event to the first frame painted with its summary and coloured graph. Event Timing sees it too.
 */
export async function clickRow(page: Page): Promise<number> {
  const arn = await page.evaluate(() => {
    const rows = [...document.querySelectorAll<HTMLElement>('.executions tr[data-arn]')].slice(0, 15);
    const row = rows[Math.floor(Math.random() * rows.length)];
    const w = window as unknown as { clickedAt?: number | undefined };
    w.clickedAt = undefined;
    addEventListener('click', (event) => (w.clickedAt = event.timeStamp), { capture: true, once: true });
    return row?.dataset.arn;
  });
  if (arn === undefined) return Number.NaN;
  const painted = page.evaluate(
    (name) =>
      new Promise<number>((resolve) => {
        const giveUp = performance.now() + 10_000;
        const check = () => {
          if (performance.now() > giveUp) return resolve(Number.NaN);
          const w = window as unknown as { clickedAt?: number | undefined };
          const summary = document.querySelector('[data-testid=execution-summary]');
          const coloured = document.querySelector('g.node[data-status]');
          // in the DOM in this frame: painted with it, the next frame starts
          if (w.clickedAt !== undefined && summary?.textContent?.includes(name) && coloured !== null) {
            const t0 = w.clickedAt;
            requestAnimationFrame((t) => resolve(t - t0));
          } else requestAnimationFrame(check);
        };
        check();
      }),
    arn.split(':').at(-1) ?? '',
  );
  // a click that never lands leaves this waiting: it must not fail the script when the page closes
  const settled = painted.catch(() => Number.NaN);
  await page.click(`.executions tr[data-arn="${arn}"]`, { timeout: 5000 });
  return settled;
}
