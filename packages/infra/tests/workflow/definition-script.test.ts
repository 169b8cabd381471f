import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { orderWorkflow, PLACEHOLDER_REFS } from '../../src/workflow/index.js';
import { aslErrors } from '../support/asl-validator.js';

const cwd = fileURLToPath(new URL('../..', import.meta.url));
const run = (...args: string[]) =>
  execFileSync('npx', ['tsx', 'scripts/definition.ts', ...args], { cwd, encoding: 'utf8' });

describe('the definition script', () => {
  it('prints the rendered definition, which asl-validator accepts', () => {
    const printed = run();
    expect(printed).toBe(orderWorkflow(PLACEHOLDER_REFS).render());
    expect(aslErrors(JSON.parse(printed))).toBe('');
  }, 60_000);

  it('prints the transition table with --stats', () => {
    const table = run('--stats');
    expect(table).toContain(
      '| Processed, 3 items | 17 (SUCCEEDED) | $425.00 | 12 + 3 Express (SUCCEEDED) | $303.31 |',
    );
  }, 60_000);
});
