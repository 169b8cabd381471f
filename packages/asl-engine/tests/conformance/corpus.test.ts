import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type HarnessServices, runCase } from '../../conformance/engine-adapter.js';

// The AWS-recorded corpus lives beside the repository clone: <clone>/../shared/conformance.
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const repoRoot = resolve(packageDir, '../..');
const corpusDir = resolve(repoRoot, '../shared/conformance');
const floor = JSON.parse(readFileSync(resolve(packageDir, 'conformance/floor.json'), 'utf8')) as {
  pass: number;
};
const available = existsSync(resolve(corpusDir, 'cases/cases.jsonl'));

if (!available) {
  console.warn(`[asl-engine] conformance corpus not found at ${corpusDir}: skipping the corpus test`);
}

interface Case {
  id: string;
  area: string;
  aws_validated: boolean;
  sm_type: string;
  definition: unknown;
  input: unknown;
  placeholders?: string[];
  expected: { status: string };
}

describe.skipIf(!available)('AWS-recorded conformance corpus', () => {
  it(`passes at least the committed floor (${floor.pass} cases)`, { timeout: 60_000 }, async () => {
    const harness = (f: string) => import(pathToFileURL(resolve(corpusDir, 'harness', f)).href);
    const { compareOutcome, setCasePlaceholders } = await harness('compare.mjs');
    const { stubbability, SLOW_HANDLERS } = await harness('lambdas.mjs');
    const { makeServices } = await harness('services.mjs');
    const cases = readFileSync(resolve(corpusDir, 'cases/cases.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Case);

    const byArea = new Map<string, { n: number; pass: number }>();
    const failures: string[] = [];
    let rejected = 0;
    let pass = 0;
    let n = 0;
    for (const c of cases) {
      // the same selection as harness/run.mjs without flags
      if (!c.aws_validated || c.expected.status === 'ABORTED') continue;
      const st = stubbability(c);
      if (!st.ok || st.files.some((f: string) => SLOW_HANDLERS.has(f))) continue;
      const services = makeServices(c) as HarnessServices;
      const actual = await runCase(structuredClone(c.definition), structuredClone(c.input), {
        services,
        smType: c.sm_type,
      });
      if (actual.validationRejected) rejected++;
      setCasePlaceholders(c.placeholders);
      const cmp = compareOutcome(c.expected, actual) as { pass: boolean; reason: string };
      const a = byArea.get(c.area) ?? { n: 0, pass: 0 };
      byArea.set(c.area, a);
      a.n++;
      n++;
      if (cmp.pass) {
        a.pass++;
        pass++;
      } else failures.push(`${c.id}: ${cmp.reason}`);
    }
    const table = [...byArea.entries()]
      .sort(([x], [y]) => x.localeCompare(y))
      .map(
        ([k, a]) =>
          `${k.padEnd(26)}${String(a.n).padEnd(6)}${String(a.pass).padEnd(6)}${((100 * a.pass) / a.n).toFixed(0)}%`,
      );
    console.log(
      `[asl-engine] conformance: ${pass}/${n} (${((100 * pass) / n).toFixed(1)}%)\n${table.join('\n')}\n` +
        (failures.length ? `failing:\n  ${failures.join('\n  ')}` : ''),
    );
    expect(rejected, 'definitions AWS accepted but our validator rejected').toBe(0);
    expect(pass).toBeGreaterThanOrEqual(floor.pass);
  });
});
