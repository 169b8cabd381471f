import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, isPortFree } from './free-port.js';
import { type MotoProcess, spawnMotoProcess, waitUntilUp } from './moto-process.js';
import {
  type MotoProfile,
  type RecordedRequest,
  readMotoProfile,
  readRecentRequests,
  resetMotoProfile,
} from './moto-profile.js';
import { MotoNotRestartableError, type MotoRestart, restartMotoProcess } from './moto-restart.js';

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
  /**
   * Record every request from boot (moto's recorder, to a temporary file) so that `restart()` can start a
   * new process with the same state; default off (a file append per request).
   */
  readonly restartable?: boolean;
}

/** A running moto server on loopback, stopped by its pid. */
export interface MotoServer {
  readonly endpoint: string;
  readonly port: number;
  /** The process now serving (a restart changes it). */
  readonly pid: number;
  /**
   * Stop this moto and start a new process on the same port with the same state, rebuilt from the
   * requests recorded since boot (`restartable` only, else MotoNotRestartableError). The port is closed
   * in between: callers see refused connections, as with a real restart.
   */
  restart(): Promise<MotoRestart>;
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

interface LaunchOptions {
  readonly python: string;
  readonly port: number;
  readonly timeoutMs: number;
  readonly profile: boolean;
  readonly restartable: boolean;
}

async function launch({ python, port, timeoutMs, profile, restartable }: LaunchOptions): Promise<MotoServer> {
  const recordingDir = restartable ? mkdtempSync(join(tmpdir(), 'moto-recording-')) : undefined;
  const recording = recordingDir === undefined ? undefined : join(recordingDir, 'requests.jsonl');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MOTO_ALLOW_NONEXISTENT_REGION: 'true',
    MOTO_PROFILE: profile ? '1' : '0',
    ...(recording === undefined ? {} : { MOTO_ENABLE_RECORDING: 'True', MOTO_RECORDER_FILEPATH: recording }),
  };
  const removeRecording = () => {
    if (recordingDir !== undefined) rmSync(recordingDir, { recursive: true, force: true });
  };
  let current: MotoProcess = spawnMotoProcess(
    python,
    [LAUNCHER, '-H', HOST, '-p', String(port)],
    env,
    profile,
  );
  const endpoint = `http://${HOST}:${port}`;
  try {
    await waitUntilUp(endpoint, current, timeoutMs);
  } catch (error) {
    await current.stop();
    removeRecording();
    throw error;
  }
  if (current.pid === undefined) throw new Error('moto started without a pid');
  // A test runner that dies must not leave moto behind.
  const onExit = () => current.child.exitCode === null && current.child.kill('SIGKILL');
  process.once('exit', onExit);
  return {
    endpoint,
    port,
    get pid() {
      return current.pid ?? -1;
    },
    async restart() {
      if (recording === undefined) throw new MotoNotRestartableError();
      const { next, restart } = await restartMotoProcess(current, {
        python,
        host: HOST,
        port,
        env,
        recording,
        profile,
        timeoutMs,
      });
      current = next;
      return restart;
    },
    async reset() {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    },
    profile: () => readMotoProfile(endpoint),
    recentRequests: () => readRecentRequests(endpoint),
    resetProfile: () => resetMotoProfile(endpoint),
    async stop() {
      process.off('exit', onExit);
      await current.stop();
      removeRecording();
    },
  };
}

/** Start moto's server (`moto.server`) on a free loopback port and wait until it answers; it dies with us. */
export async function startMoto(options: StartMotoOptions = {}): Promise<MotoServer> {
  const python = options.python ?? process.env.MOTO_PYTHON ?? 'python3';
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const profile = options.profile ?? process.env.MOTO_PROFILE === '1';
  const restartable = options.restartable ?? false;
  checkInstalled(python);
  let port = options.port !== undefined && (await isPortFree(options.port)) ? options.port : await freePort();
  for (let attempt = 0; ; attempt++) {
    try {
      return await launch({ python, port, timeoutMs, profile, restartable });
    } catch (error) {
      // Another process may have taken the port between our probe and moto's bind: pick another.
      if (attempt >= 2 || !/Address already in use|exited with code/.test(String(error))) throw error;
      port = await freePort();
    }
  }
}
