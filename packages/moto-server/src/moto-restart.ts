import { fileURLToPath } from 'node:url';
import { type MotoProcess, spawnMotoProcess, waitUntilUp } from './moto-process.js';

/** The restorer: moto with the old process's recorded requests replayed before it binds the port. */
const RESTORE = fileURLToPath(new URL('./restore.py', import.meta.url));

/** What a restart did: how long the port was closed, and the requests replayed into the new process. */
export interface MotoRestart {
  readonly oldPid: number | undefined;
  readonly newPid: number | undefined;
  /** From the old process being told to stop until the new one answered on the same port. */
  readonly downMs: number;
  /** State-changing requests sent again; the reads and SQS receives/deletes left out (see restore.py). */
  readonly replayed: number;
  readonly skipped: number;
  /** Of `downMs`, the time the replay took. */
  readonly replaySeconds: number;
  /** The operations the replay spent most time on, with their seconds (`DynamoDB_20120810.PutItem=0.120 …`). */
  readonly slowest: string;
}

/** `restart()` on a moto started without `restartable`: it kept no record to rebuild its state from. */
export class MotoNotRestartableError extends Error {
  override readonly name = 'MotoNotRestartableError';
  constructor() {
    super('this moto was started without restartable: true, so it kept no recording to restore from');
  }
}

export interface RestartOptions {
  readonly python: string;
  readonly host: string;
  readonly port: number;
  readonly env: NodeJS.ProcessEnv;
  /** The file moto's recorder writes (MOTO_RECORDER_FILEPATH): the old process's history. */
  readonly recording: string;
  readonly profile: boolean;
  readonly timeoutMs: number;
}

/**
 * Replace `old` by a new moto process on the same port with the same state: the new one imports moto while
 * the old one still serves, then the old one is stopped and the new one replays the recording and binds.
 */
export async function restartMotoProcess(
  old: MotoProcess,
  options: RestartOptions,
): Promise<{ next: MotoProcess; restart: MotoRestart }> {
  const { python, host, port, env, recording, profile, timeoutMs } = options;
  const next = spawnMotoProcess(
    python,
    [RESTORE, '--recording', recording, '-H', host, '-p', String(port)],
    env,
    profile,
  );
  try {
    await next.lineStartingWith('restore-ready', timeoutMs);
    const stopping = performance.now();
    await old.stop();
    next.child.stdin?.write('go\n');
    const replayedLine = await next.lineStartingWith('restore-replayed ', timeoutMs);
    const slowest = (await next.lineStartingWith('restore-slowest', 0)).replace('restore-slowest', '').trim();
    await waitUntilUp(`http://${host}:${port}`, next, timeoutMs);
    const downMs = performance.now() - stopping;
    const [, replayed = 'NaN', skipped = 'NaN', seconds = 'NaN'] = replayedLine.trim().split(' ');
    return {
      next,
      restart: {
        oldPid: old.pid,
        newPid: next.pid,
        downMs,
        replayed: Number(replayed),
        skipped: Number(skipped),
        replaySeconds: Number(seconds),
        slowest,
      },
    };
  } catch (error) {
    await next.stop();
    throw error;
  }
}
