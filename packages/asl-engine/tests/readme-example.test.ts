import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, expect, it, vi } from 'vitest';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let dir: string | undefined;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

it('the README opens with an example that runs and prints what it says', async () => {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code, 'README must open with a ```ts block').toBeDefined();
  dir = mkdtempSync(join(tmpdir(), 'asl-readme-'));
  const file = join(dir, 'example.ts');
  const src = pathToFileURL(join(packageDir, 'src/index.ts')).href;
  writeFileSync(file, code!.replace("'@orders/asl-engine'", `'${src}'`));
  const logs: unknown[][] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logs.push(args);
  });
  await import(pathToFileURL(file).href);
  expect(logs[0]?.[0]).toEqual({ status: 'SUCCEEDED', output: { orderId: 'o-1', total: 42, charged: true } });
  expect(logs[1]?.[0]).toEqual([
    'ExecutionStarted',
    'TaskStateEntered',
    'TaskScheduled',
    'TaskStarted',
    'TaskSucceeded',
    'TaskStateExited',
    'ExecutionSucceeded',
  ]);
});
