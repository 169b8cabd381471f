/**
 * Acceptance check for the suite itself: run each scenario against a local stack with the behaviour it
 * checks broken on purpose (tests/break-it/mutations.ts), and report whether the scenario noticed.
 * Exit code 1 when a break went unnoticed. Usage: pnpm --filter @orders/e2e break-it [mutation...]
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MUTATIONS } from '../tests/break-it/mutations.js';

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const VITEST = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const CONCURRENCY = 3;

interface Outcome {
  readonly mutation: string;
  readonly scenario: string;
  readonly breaks: string;
  readonly caught: boolean;
  readonly failed: string[];
  readonly firstError: string;
  readonly seconds: number;
}

// Strip colours so the summary can be read in any log.
const ESCAPE = String.fromCharCode(27);
const plain = (text: string) => text.replace(new RegExp(`${ESCAPE}\\[[0-9;]*m`, 'g'), '');

function run(mutation: string): Promise<Outcome> {
  const { scenario, breaks } = MUTATIONS[mutation]!;
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [VITEST, 'run', `tests/scenarios/${scenario}.test.ts`], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, E2E_MUTATION: mutation, CI: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => {
      const lines = plain(output).split('\n');
      const failed = lines
        .filter((l) => /^\s+×/.test(l))
        .map((l) => l.replace(/^\s+×\s*/, '').replace(/\s+\d+ms$/, ''));
      const firstError = lines.find((l) => /^(AssertionError|Error|\w+Error):/.test(l.trim()))?.trim() ?? '';
      resolve({
        mutation,
        scenario,
        breaks,
        caught: code !== 0 && failed.length > 0,
        failed,
        firstError: firstError.slice(0, 240),
        seconds: Math.round((Date.now() - started) / 1000),
      });
    });
  });
}

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(MUTATIONS);
const unknown = names.filter((name) => !(name in MUTATIONS));
if (unknown.length > 0) throw new Error(`unknown mutation(s): ${unknown.join(', ')}`);

const outcomes: Outcome[] = [];
const queue = [...names];
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const outcome = await run(name);
      outcomes.push(outcome);
      console.log(
        `${outcome.caught ? 'caught  ' : 'MISSED  '} ${name} (${outcome.scenario}, ${outcome.seconds}s)`,
      );
    }
  }),
);

outcomes.sort((a, b) => a.scenario.localeCompare(b.scenario) || a.mutation.localeCompare(b.mutation));
console.log('\n| scenario | broken on purpose | caught | failing tests | first error |');
console.log('| --- | --- | --- | --- | --- |');
for (const o of outcomes) {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  console.log(
    `| ${o.scenario} | ${cell(o.breaks)} (\`${o.mutation}\`) | ${o.caught ? 'yes' : '**NO**'} | ${cell(o.failed.join('; '))} | ${cell(o.firstError)} |`,
  );
}
process.exitCode = outcomes.every((o) => o.caught) ? 0 : 1;
