/**
 * `pnpm --filter @orders/lambdas bench`: per bundle, its size and the median time to import it in a fresh
 * Node process (a cold start's module load). Run `build` first. A script that prints figures, not a test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { bundleInfo, DEFAULT_OUTDIR, HANDLERS, sizeTable } from './bundles.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const IMPORT_BUDGET_MS = 150;

const probe = (url: string) =>
  `const t = performance.now(); const m = await import(${JSON.stringify(url)}); ` +
  `const ms = performance.now() - t; if (typeof m.handler !== 'function') throw new Error('no handler'); ` +
  'process.stdout.write(String(ms));';

/** The middle value (the mean of the two middle ones for an even count); NaN for none (BENCH_RUNS=0). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  // For an odd count both indexes name the middle value.
  const lower = sorted[Math.ceil(sorted.length / 2) - 1] ?? Number.NaN;
  const upper = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return (lower + upper) / 2;
}

if (HANDLERS.some((h) => !existsSync(`${DEFAULT_OUTDIR}/${h}/index.mjs`))) {
  console.error('bundles missing: run `pnpm --filter @orders/lambdas build` first');
  process.exit(1);
}

const bundles = await bundleInfo();
const env = {
  ...process.env,
  AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
  INVENTORY_TABLE_NAME: 'Inventory',
  // The SDK's one-time notice about future Node versions would otherwise fill the output.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
const importMs: Record<string, string> = {};
const verdict: Record<string, string> = {};
for (const bundle of bundles) {
  const url = pathToFileURL(bundle.file).href;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe(url)], {
      env,
      encoding: 'utf8',
    });
    times.push(Number(out));
  }
  const m = median(times);
  importMs[bundle.handler] = `${m.toFixed(1)} ms`;
  verdict[bundle.handler] =
    m <= IMPORT_BUDGET_MS ? `ok (<= ${IMPORT_BUDGET_MS} ms)` : `OVER (${IMPORT_BUDGET_MS} ms)`;
}
console.log(`median import time over ${RUNS} fresh Node ${process.version} processes`);
console.log(sizeTable(bundles, { 'import (median)': importMs, 'import budget': verdict }));
