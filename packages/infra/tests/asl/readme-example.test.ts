import * as fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

describe('src/asl/README.md', () => {
  it('opens with an example that runs', async () => {
    const readme = fs.readFileSync(new URL('../../src/asl/README.md', import.meta.url), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    const file = new URL('./.readme-example.tmp.ts', import.meta.url);
    fs.writeFileSync(file, code!.replace("from '@orders/infra/asl'", "from '../../src/asl/index.js'"));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    let calls: unknown[][];
    try {
      await import(/* @vite-ignore */ file.href);
    } finally {
      calls = [...log.mock.calls];
      fs.rmSync(file);
      log.mockRestore();
    }
    expect(JSON.parse(calls[0]![0] as string).StartAt).toBe('Verify Payment');
    expect(calls[1]![0]).toEqual([
      {
        actions: ['lambda:InvokeFunction'],
        resources: ['arn:aws:lambda:us-east-1:123456789012:function:verify'],
      },
    ]);
  });
});
