import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FunctionRuntime } from '../../src/lambda/function-runtime.js';

const BUNDLE = fileURLToPath(new URL('../fixtures/functions/index.mjs', import.meta.url));

describe('FunctionRuntime.stop', () => {
  it('fails an invocation waiting for an execution environment instead of starting one', async () => {
    const runtime = new FunctionRuntime(
      {
        key: 'slow',
        name: 'slow',
        arn: 'arn:aws:lambda:us-east-1:123456789012:function:slow',
        bundleDir: fileURLToPath(new URL('../fixtures/functions', import.meta.url)),
        handler: 'index.slow',
        environment: {},
        timeoutSeconds: 30,
        memorySize: 128,
      },
      BUNDLE,
      { baseEnvironment: {}, onLogLine: () => undefined, maxConcurrency: 1 },
    );
    const busy = runtime.invoke({ ms: 20_000 });
    const queued = runtime.invoke({ ms: 20_000 });
    queued.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await runtime.stop();
    await expect(queued).rejects.toThrow(/slow is stopped/);
    await expect(busy).resolves.toMatchObject({ ok: false });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('ends a hanging (timeout-fault) invocation at once', async () => {
    const runtime = new FunctionRuntime(
      {
        key: 'slow',
        name: 'slow',
        arn: 'arn:aws:lambda:us-east-1:123456789012:function:slow',
        bundleDir: fileURLToPath(new URL('../fixtures/functions', import.meta.url)),
        handler: 'index.slow',
        environment: {},
        timeoutSeconds: 60,
        memorySize: 128,
      },
      BUNDLE,
      { baseEnvironment: {}, onLogLine: () => undefined },
    );
    const hung = runtime.hang();
    hung.catch(() => undefined);
    const started = Date.now();
    await runtime.stop();
    await expect(hung).rejects.toThrow(/stopped/);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
