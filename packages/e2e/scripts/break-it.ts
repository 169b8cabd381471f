/**
 * Acceptance check for the suite itself: run each scenario against a local stack with the behaviour it
 * checks broken on purpose (tests/break-it/mutations.ts), and report whether the scenario noticed.
 *
 * First the scenarios run unmutated: if any fails there, the stack itself is broken (stale Lambda bundles,
 * a bad build) and every break would look caught, so the script stops. A break counts as caught only when
 * exactly the tests its mutation names fail, each for the reason the mutation names (not a timeout, not
 * some other error). Exit code 1 when a break went unnoticed or was noticed for the wrong reason.
 * Usage: pnpm --filter @orders/e2e break-it [mutation...]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ExpectedFailure, MUTATIONS, type Mutation } from '../tests/break-it/mutations.js';

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const VITEST = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const CONCURRENCY = 3;
const REPORTS = mkdtempSync(join(tmpdir(), 'orders-break-it-reports-'));
process.once('exit', () => rmSync(REPORTS, { recursive: true, force: true }));

/** One test as vitest's JSON reporter describes it. */
interface TestResult {
  readonly title: string;
  readonly status: string;
  readonly failureMessages: readonly string[];
}

/** What one vitest run left: its tests, or why there are none (setup failed, file did not load). */
interface RunResult {
  readonly tests: TestResult[];
  /** Errors outside any test: a failed global setup, a file that failed to load. */
  readonly errors: string[];
  readonly seconds: number;
}

interface Outcome {
  readonly mutation: string;
  readonly scenario: string;
  readonly breaks: string;
  readonly caught: boolean;
  /** Why a break counts as missed (empty when caught). */
  readonly verdict: string;
  readonly failed: string[];
  readonly firstError: string;
  readonly seconds: number;
}

// Strip colours so the summary can be read in any log.
const ESCAPE = String.fromCharCode(27);
const plain = (text: string) => text.replace(new RegExp(`${ESCAPE}\\[[0-9;]*m`, 'g'), '');
/** The first line of an assertion's message, without the error class vitest puts in front of it. */
const messageOf = (failure: string) =>
  plain(failure)
    .split('\n')[0]
    ?.replace(/^(AssertionError|Error|\w+Error):\s*/, '')
    .trim() ?? '';
const TIMEOUT = /timed out|Test timed out|Hook timed out/i;
/** The first error line vitest printed, else its last lines. */
function lastError(output: string): string {
  const lines = plain(output).split('\n');
  return lines.find((l) => /^(\w*Error):/.test(l.trim()))?.trim() ?? lines.slice(-5).join(' ').trim();
}

/** Run scenario files through vitest (`mutation` set: against a stack broken that way) and read its JSON report. */
function runScenarios(
  files: readonly string[],
  mutation: string | undefined,
  report: string,
): Promise<RunResult> {
  const started = Date.now();
  const outputFile = join(REPORTS, `${report}.json`);
  const args = [VITEST, 'run', ...files.map((f) => `tests/scenarios/${f}.test.ts`)];
  args.push('--reporter=json', `--outputFile=${outputFile}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: PACKAGE_DIR,
      env: {
        ...process.env,
        ...(mutation === undefined ? {} : { E2E_MUTATION: mutation }),
        CI: 'true',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', () => {
      const seconds = Math.round((Date.now() - started) / 1000);
      let report: { testResults?: Array<{ message?: string; assertionResults?: TestResult[] }> };
      try {
        report = JSON.parse(readFileSync(outputFile, 'utf8'));
      } catch {
        // No report: vitest stopped before any test (e.g. the stack did not start). Keep what it printed.
        resolve({ tests: [], errors: [lastError(output) || 'vitest wrote no report'], seconds });
        return;
      }
      const files = report.testResults ?? [];
      const tests = files.flatMap((f) => f.assertionResults ?? []);
      const errors = files.flatMap((f) => (f.message ? [messageOf(f.message)] : []));
      // A report without a single test: the run stopped before any (a failed global setup, the stack
      // did not start). That is an error to show, not a break the tests did not notice.
      if (tests.length === 0 && errors.length === 0) errors.push(`no test ran: ${lastError(output)}`);
      resolve({ tests, errors, seconds });
    });
  });
}

/** Caught only when exactly the expected tests failed, each for the expected reason. */
function judge(result: RunResult, expected: ExpectedFailure): string {
  if (result.errors.length > 0) return `errors outside the tests: ${result.errors.join('; ')}`;
  const failed = result.tests.filter((t) => t.status === 'failed');
  const failedTitles = failed.map((t) => t.title);
  const missing = expected.tests.filter((title) => !failedTitles.includes(title));
  const extra = failedTitles.filter((title) => !expected.tests.includes(title));
  if (missing.length > 0) return `expected to fail but did not: ${missing.join('; ')}`;
  if (extra.length > 0) return `failed but not expected to: ${extra.join('; ')}`;
  for (const test of failed) {
    const message = messageOf(test.failureMessages[0] ?? '');
    if (TIMEOUT.test(message)) return `'${test.title}' timed out: ${message}`;
    if (!expected.reason.test(message))
      return `'${test.title}' failed for another reason than ${expected.reason}`;
  }
  return '';
}

/** The mutation of a name from the command line; unknown names are rejected on start, before any lookup. */
function mutationNamed(name: string): Mutation {
  const mutation = MUTATIONS[name];
  if (!mutation)
    throw new Error(`break-it: no mutation '${name}' (names are checked on start; cannot happen)`);
  return mutation;
}

async function runMutation(mutation: string): Promise<Outcome> {
  const { scenario, breaks, expect } = mutationNamed(mutation);
  const result = await runScenarios([scenario], mutation, mutation);
  const failed = result.tests.filter((t) => t.status === 'failed');
  const verdict = judge(result, expect);
  return {
    mutation,
    scenario,
    breaks,
    caught: verdict === '',
    verdict,
    failed: failed.map((t) => t.title),
    firstError: (result.errors[0] ?? messageOf(failed[0]?.failureMessages[0] ?? '')).slice(0, 240),
    seconds: result.seconds,
  };
}

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(MUTATIONS);
const unknown = names.filter((name) => !(name in MUTATIONS));
if (unknown.length > 0) throw new Error(`unknown mutation(s): ${unknown.join(', ')}`);

// The baseline: every scenario these mutations break must pass on the unbroken stack, and every test a
// mutation names must exist there and pass; else a failure under a mutation says nothing about the break.
const scenarios = [...new Set(names.map((name) => mutationNamed(name).scenario))].sort();
const baseline = await runScenarios(scenarios, undefined, 'baseline');
const notPassing = baseline.tests.filter((t) => t.status !== 'passed');
const absent = names.flatMap((name) =>
  mutationNamed(name)
    .expect.tests.filter((title) => !baseline.tests.some((t) => t.title === title && t.status === 'passed'))
    .map((title) => `${name}: '${title}'`),
);
if (baseline.errors.length > 0 || baseline.tests.length === 0 || notPassing.length > 0 || absent.length > 0) {
  console.error(
    `break-it: the unmutated scenarios (${scenarios.join(', ')}) do not all pass, so no break can be judged.`,
  );
  for (const error of baseline.errors) console.error(`  error: ${error}`);
  if (baseline.tests.length === 0 && baseline.errors.length === 0) console.error('  no test ran');
  for (const t of notPassing)
    console.error(`  ${t.status}: ${t.title}: ${messageOf(t.failureMessages[0] ?? '')}`);
  for (const a of absent) console.error(`  expected test not found passing: ${a}`);
  console.error('  Are the Lambda bundles current? pnpm --filter @orders/lambdas build');
  process.exit(2);
}
console.log(
  `baseline: ${baseline.tests.length} tests of ${scenarios.length} scenarios pass unmutated (${baseline.seconds}s)`,
);

const outcomes: Outcome[] = [];
const queue = [...names];
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const outcome = await runMutation(name);
      outcomes.push(outcome);
      console.log(
        `${outcome.caught ? 'caught  ' : 'MISSED  '} ${name} (${outcome.scenario}, ${outcome.seconds}s)` +
          (outcome.caught ? '' : `: ${outcome.verdict}`),
      );
    }
  }),
);

outcomes.sort((a, b) => a.scenario.localeCompare(b.scenario) || a.mutation.localeCompare(b.mutation));
console.log('\n| scenario | broken on purpose | caught | failing tests | first error |');
console.log('| --- | --- | --- | --- | --- |');
for (const o of outcomes) {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const caught = o.caught ? 'yes' : `**NO**: ${cell(o.verdict)}`;
  console.log(
    `| ${o.scenario} | ${cell(o.breaks)} (\`${o.mutation}\`) | ${caught} | ${cell(o.failed.join('; '))} | ${cell(o.firstError)} |`,
  );
}
process.exitCode = outcomes.every((o) => o.caught) ? 0 : 1;
