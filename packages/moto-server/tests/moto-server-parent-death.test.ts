import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/hold-moto.ts', import.meta.url));

/** True while `pid` runs; a zombie nobody reaps (PID 1 in a container may not) counts as gone. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isRunning(pid);
}

describe('moto dies with the process that started it', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGKILL'] as const)(
    'when that process gets %s',
    async (signal) => {
      const parent = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise<void>((r) => parent.once('exit', () => r()));
      const motoPid = await new Promise<number>((resolve, reject) => {
        let out = '';
        parent.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) resolve(Number(out.trim()));
        });
        parent.once('exit', (code) => reject(new Error(`the parent exited early (${code})`)));
      });
      try {
        expect(isRunning(motoPid)).toBe(true);
        parent.kill(signal);
        await exited;
        expect(await gone(motoPid, 5000)).toBe(true);
      } finally {
        if (isRunning(motoPid)) process.kill(motoPid, 'SIGKILL');
      }
    },
    // Starting moto is most of it (seconds on a loaded machine); the hang guard is not a figure.
    120_000,
  );
});
