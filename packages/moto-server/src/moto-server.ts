import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, isPortFree } from './free-port.js';
import {
  type MotoProfile,
  type RecordedRequest,
  readMotoProfile,
  readRecentRequests,
  resetMotoProfile,
} from './moto-profile.js';

const INSTALL_HINT = "pip install 'moto[server]'";
const HOST = '127.0.0.1';

/** The Python program that runs moto (DynamoDB one request at a time, the profile, exit with the parent). */
const LAUNCHER = fileURLToPath(new URL('./launcher.py', import.meta.url));

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
  /**
   * Count requests per operation (readable with `profile()`, printed to stderr when moto stops);
   * default: on when MOTO_PROFILE=1.
   */
  readonly profile?: boolean;
}

/** A running moto server on loopback, stopped by its pid. */
export interface MotoServer {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  /** Wipe every resource moto holds (its `/moto-api/reset` endpoint). */
  reset(): Promise<void>;
  /** Requests per operation so far; throws MotoProfileOffError unless started with the profile on. */
  profile(): Promise<MotoProfile>;
  /** The last 2,000 requests as received (profile on), oldest first. */
  recentRequests(): Promise<readonly RecordedRequest[]>;
  /** Start the request counts (and the recent requests) again from zero. */
  resetProfile(): Promise<void>;
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

interface LaunchOptions {
  readonly python: string;
  readonly port: number;
  readonly timeoutMs: number;
  readonly profile: boolean;
}

async function launch({ python, port, timeoutMs, profile }: LaunchOptions): Promise<MotoServer> {
  const child = spawn(python, [LAUNCHER, '-H', HOST, '-p', String(port)], {
    // stdin stays open for moto's lifetime: its end of file tells the launcher we are gone
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true', MOTO_PROFILE: profile ? '1' : '0' },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    stderr = (stderr + text).slice(-4000);
    // The launcher's request counts at exit are for the person who asked for them.
    if (profile) {
      for (const line of text.split('\n'))
        if (line.startsWith('moto-profile ')) process.stderr.write(`${line}\n`);
    }
  });
  const endpoint = `http://${HOST}:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    // 'close' comes after the last of its stderr (the profile it prints on the way out).
    const exited = new Promise<void>((r) => child.once('close', () => r()));
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
    profile: () => readMotoProfile(endpoint),
    recentRequests: () => readRecentRequests(endpoint),
    resetProfile: () => resetMotoProfile(endpoint),
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
  const profile = options.profile ?? process.env.MOTO_PROFILE === '1';
  checkInstalled(python);
  let port = options.port !== undefined && (await isPortFree(options.port)) ? options.port : await freePort();
  for (let attempt = 0; ; attempt++) {
    try {
      return await launch({ python, port, timeoutMs, profile });
    } catch (error) {
      // Another process may have taken the port between our probe and moto's bind: pick another.
      if (attempt >= 2 || !/Address already in use|exited with code/.test(String(error))) throw error;
      port = await freePort();
    }
  }
}
