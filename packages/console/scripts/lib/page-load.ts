import type { Page } from 'playwright-core';

/** One page load, in ms from navigation start. */
export interface Load {
  /** → every execution in the list and the graph laid out. */
  readonly ready: number;
  /** The page's own marks: the first list drawn, the graph drawn. */
  readonly list: number;
  readonly graph: number;
  /** → the rows on screen show their order id and billable transitions. */
  readonly summaries: number;
}

/** Navigate to the console and wait until it lists `expected` executions, then until the rows on screen are summarised. */
export async function waitForLoad(page: Page, url: string, expected: number): Promise<Load> {
  await page.goto(url);
  await page.waitForFunction(
    (n) =>
      document.body.dataset.graphReady === 'true' &&
      Number(document.querySelector('[data-testid=execution-count]')?.getAttribute('data-count')) >= n &&
      document.querySelector('.executions tr[data-arn]') !== null,
    expected,
    { timeout: 30_000, polling: 'raf' },
  );
  const atReady = await page.evaluate(() => performance.now());
  await page.waitForFunction(
    () => {
      const rows = [...document.querySelectorAll('.executions tr[data-arn]')].slice(0, 10);
      return (
        rows.length > 0 &&
        rows.every((r) => r.querySelector('[data-testid=transitions]')?.textContent !== '…')
      );
    },
    undefined,
    { timeout: 30_000, polling: 'raf' },
  );
  return page.evaluate((ready) => {
    const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
    return {
      ready,
      list: mark('console:list-ready'),
      graph: mark('console:graph-ready'),
      summaries: performance.now(),
    };
  }, atReady);
}
