import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
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

  it('prints the transition table with --stats, as src/workflow/README.md and the root README show it', () => {
    const table = run('--stats');
    expect(table).toMatch(
      /\| Processed, 3 items +\| +8 \(SUCCEEDED\) \| +\$200\.00 \| +\$2\.04 \| 12 \+ 3 Express \(SUCCEEDED\) \| +\$303\.31 \|/,
    );
    for (const file of ['../../src/workflow/README.md', '../../../../README.md']) {
      const readme = fs.readFileSync(new URL(file, import.meta.url), 'utf8');
      const section = /<!-- transitions:start -->\n([\s\S]*)<!-- transitions:end -->/.exec(readme)?.[1];
      expect(section, file).toBe(table);
    }
  }, 60_000);
});
