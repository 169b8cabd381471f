import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/stop-with-running-execution.ts', import.meta.url));

describe('LocalStack.stop', () => {
  it('stops running executions, so the process can end while one was waiting for a day', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const stopped = new Promise<void>((resolve) =>
      child.stdout.on('data', () => out.includes('\n') && resolve()),
    );
    try {
      await Promise.race([stopped, exited]);
      expect(out).toMatch(/^stopped in \d+ ms/);
      expect(Number(/(\d+) ms/.exec(out)?.[1])).toBeLessThan(5000);
      // a timer of a running execution would keep the process alive for a day
      const ended = await Promise.race([
        exited,
        new Promise<'alive'>((resolve) => setTimeout(() => resolve('alive'), 10_000)),
      ]);
      expect(ended).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
