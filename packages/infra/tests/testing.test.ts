import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ProgramTimeoutError, runProgramWithMocks } from '../src/testing/index.js';
import { withTimeout } from '../src/testing/internal/with-timeout.js';

const INFRA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('runProgramWithMocks', () => {
  it('works in a fresh process that never set mocks, as the local stack calls it', async () => {
    const script = `
      const { runProgramWithMocks } = await import('@orders/infra/testing');
      const run = await runProgramWithMocks({ stack: 'local' });
      const fn = run.resources.find((r) => r.type === 'aws:lambda/function:Function');
      const sm = run.resources.find((r) => r.type === 'aws:sfn/stateMachine:StateMachine');
      console.log(JSON.stringify({ count: run.resources.length, code: fn.inputs.code, definition: typeof sm.inputs.definition, outputs: run.outputs }));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: INFRA, timeout: 80_000 },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');

    expect(result.count).toBeGreaterThan(20);
    expect(result.code).toEqual({
      kind: 'FileArchive',
      path: expect.stringMatching(/packages\/lambdas\/dist\/.+$/),
    });
    expect(result.definition).toBe('string');
    expect(result.outputs.stateMachineName).toBe('orders-local-order-workflow');
  }, 90_000);

  it('runs concurrent calls one after the other, each with its own stack and config', async () => {
    const [dev, express] = await Promise.all([
      runProgramWithMocks({ stack: 'dev' }),
      runProgramWithMocks({
        stack: 'staging',
        config: { 'aws:region': 'eu-west-1', workflowType: 'EXPRESS' },
      }),
    ]);

    expect(dev.outputs.region).toBe('us-east-1');
    expect(express.outputs.region).toBe('eu-west-1');
    expect(express.config['orders:workflowType']).toBe('EXPRESS');
    const types = (run: typeof dev) =>
      run.resources.filter((r) => r.type === 'aws:sfn/stateMachine:StateMachine').map((r) => r.inputs.type);
    expect(types(express)).toEqual(['EXPRESS']);
    expect(types(dev)).toEqual(['STANDARD']);
    expect(express.resources.every((r) => r.name.startsWith('orders-staging-'))).toBe(true);
    expect(dev.resources.every((r) => r.name.startsWith('orders-dev-'))).toBe(true);
  });

  it('uses only the Pulumi.yaml defaults for a stack without a stack file', async () => {
    await expect(runProgramWithMocks({ stack: 'nowhere' })).rejects.toThrow(/aws:region: is required/);
  });

  it('gives up on a promise that never settles with ProgramTimeoutError', async () => {
    const never = new Promise<never>(() => {});

    await expect(withTimeout(never, 20, () => 'the outputs did not resolve')).rejects.toThrow(
      ProgramTimeoutError,
    );
    await expect(withTimeout(never, 20, () => 'the outputs did not resolve')).rejects.toThrow(
      'the outputs did not resolve within 20 ms',
    );
  });
});
