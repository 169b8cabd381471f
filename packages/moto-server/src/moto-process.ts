import { type ChildProcess, spawn } from 'node:child_process';

/** One moto process (the launcher, or the restorer that becomes it): its child, its stderr, how to stop it. */
export interface MotoProcess {
  readonly child: ChildProcess;
  readonly pid: number | undefined;
  /** The last 4,000 characters it wrote to stderr. */
  log(): string;
  /** Resolves once it wrote a stderr line starting with `prefix` (that line); rejects if it exits first. */
  lineStartingWith(prefix: string, timeoutMs: number): Promise<string>;
  /** SIGTERM, then SIGKILL after 3 s; resolves when it has closed its stderr. */
  stop(): Promise<void>;
}

/** Spawn a Python moto program; with `profile`, its `moto-profile` lines are passed on to our stderr. */
export function spawnMotoProcess(
  python: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  profile: boolean,
): MotoProcess {
  const child = spawn(python, args, {
    // stdin stays open for moto's lifetime: its end of file tells the launcher we are gone
    stdio: ['pipe', 'ignore', 'pipe'],
    env,
  });
  let stderr = '';
  const lines: string[] = [];
  const watchers = new Set<() => void>();
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    stderr = (stderr + text).slice(-4000);
    for (const line of text.split('\n')) {
      lines.push(line);
      // The launcher's request counts at exit are for the person who asked for them.
      if (profile && line.startsWith('moto-profile ')) process.stderr.write(`${line}\n`);
    }
    if (lines.length > 200) lines.splice(0, lines.length - 200);
    for (const watcher of watchers) watcher();
  });
  child.once('exit', () => {
    for (const watcher of watchers) watcher();
  });
  return {
    child,
    pid: child.pid,
    log: () => stderr,
    lineStartingWith(prefix, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => done(new Error(`moto wrote no '${prefix}' line within ${timeoutMs} ms: ${stderr}`)),
          timeoutMs,
        );
        const done = (error: Error | undefined, line?: string) => {
          clearTimeout(timer);
          watchers.delete(check);
          if (error === undefined) resolve(line ?? '');
          else reject(error);
        };
        const check = () => {
          const line = lines.find((l) => l.startsWith(prefix));
          if (line !== undefined) done(undefined, line);
          else if (child.exitCode !== null || child.signalCode !== null)
            done(
              new Error(`moto exited (${child.exitCode ?? child.signalCode}) before '${prefix}': ${stderr}`),
            );
        };
        watchers.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      // 'close' comes after the last of its stderr (the profile it prints on the way out).
      const exited = new Promise<void>((r) => child.once('close', () => r()));
      process.kill(child.pid, 'SIGTERM');
      const timer = setTimeout(
        () => child.pid !== undefined && child.exitCode === null && child.kill('SIGKILL'),
        3000,
      );
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Poll moto's `/moto-api/data.json` until it answers. */
export async function waitUntilUp(endpoint: string, moto: MotoProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (moto.child.exitCode !== null)
      throw new Error(`moto exited with code ${moto.child.exitCode}: ${moto.log()}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto did not answer on ${endpoint} within ${timeoutMs} ms: ${moto.log()}`);
}
