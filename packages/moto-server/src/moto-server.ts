import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { freePort, isPortFree } from './free-port.js';

const INSTALL_HINT = "pip install 'moto[server]'";
const HOST = '127.0.0.1';

/**
 * Runs moto's server and exits as soon as its stdin reaches end of file. Our end of that pipe is
 * closed by the kernel however this process ends (SIGTERM, SIGINT, SIGHUP, SIGKILL, a crash), so
 * moto cannot outlive us; an 'exit' handler alone only covers a normal exit.
 */
const LAUNCHER = `
import os, sys, threading

def exit_when_parent_goes():
    try:
        while sys.stdin.buffer.read(65536):
            pass
    finally:
        os._exit(0)

threading.Thread(target=exit_when_parent_goes, daemon=True).start()
from moto.server import main
main(sys.argv[1:])
`;

/** moto (the AWS service emulator) is not importable by the Python we were told to use. */
export class MotoNotInstalledError extends Error {
  override readonly name = 'MotoNotInstalledError';
  constructor(python: string, detail: string) {
    super(
      `moto's server is not installed for ${python} (${detail.trim() || 'import failed'}). ` +
        `Install it with: ${INSTALL_HINT}  (or set MOTO_PYTHON to a Python that has it)`,
    );
  }
}

export interface StartMotoOptions {
  /** Port to listen on; default: a free loopback port. A port in use makes us pick another. */
  readonly port?: number;
  /** Python interpreter; default: $MOTO_PYTHON, then `python3`. */
  readonly python?: string;
  /** How long to wait for the server to answer; default 30 s. */
  readonly startTimeoutMs?: number;
}

/** A running moto server on loopback, stopped by its pid. */
export interface MotoServer {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  /** Wipe every resource moto holds (its `/moto-api/reset` endpoint). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

function checkInstalled(python: string): void {
  const probe = spawnSync(python, ['-c', 'import moto.server, flask_cors; print(moto.__version__)'], {
    encoding: 'utf8',
  });
  if (probe.error) throw new MotoNotInstalledError(python, probe.error.message);
  if (probe.status !== 0) throw new MotoNotInstalledError(python, probe.stderr.split('\n').at(-2) ?? '');
}

async function waitUntilUp(endpoint: string, child: ChildProcess, timeoutMs: number, log: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto exited with code ${child.exitCode}: ${log()}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto did not answer on ${endpoint} within ${timeoutMs} ms: ${log()}`);
}

async function launch(python: string, port: number, timeoutMs: number): Promise<MotoServer> {
  const child = spawn(python, ['-c', LAUNCHER, '-H', HOST, '-p', String(port)], {
    // stdin stays open for moto's lifetime: its end of file tells the launcher we are gone
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://${HOST}:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    process.kill(child.pid, 'SIGTERM');
    const timer = setTimeout(
      () => child.pid !== undefined && child.exitCode === null && child.kill('SIGKILL'),
      3000,
    );
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilUp(endpoint, child, timeoutMs, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  if (child.pid === undefined) throw new Error('moto started without a pid');
  // A test runner that dies must not leave moto behind.
  const onExit = () => child.exitCode === null && child.kill('SIGKILL');
  process.once('exit', onExit);
  return {
    endpoint,
    port,
    pid: child.pid,
    async reset() {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    },
    async stop() {
      process.off('exit', onExit);
      await stop();
    },
  };
}

/** Start moto's server (`moto.server`) on a free loopback port and wait until it answers; it dies with us. */
export async function startMoto(options: StartMotoOptions = {}): Promise<MotoServer> {
  const python = options.python ?? process.env.MOTO_PYTHON ?? 'python3';
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  checkInstalled(python);
  let port = options.port !== undefined && (await isPortFree(options.port)) ? options.port : await freePort();
  for (let attempt = 0; ; attempt++) {
    try {
      return await launch(python, port, timeoutMs);
    } catch (error) {
      // Another process may have taken the port between our probe and moto's bind: pick another.
      if (attempt >= 2 || !/Address already in use|exited with code/.test(String(error))) throw error;
      port = await freePort();
    }
  }
}
