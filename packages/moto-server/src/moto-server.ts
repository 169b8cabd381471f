import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { freePort, isPortFree } from './free-port.js';

const INSTALL_HINT = "pip install 'moto[server]'";
const HOST = '127.0.0.1';

/**
 * Runs moto's server and exits as soon as its stdin reaches end of file. Our end of that pipe is
 * closed by the kernel however this process ends (SIGTERM, SIGINT, SIGHUP, SIGKILL, a crash), so
 * moto cannot outlive us; an 'exit' handler alone only covers a normal exit.
 *
 * moto serves each request on a thread of its own, and its DynamoDB backend is not thread-safe: two
 * concurrent conditional writes (or transactions) on one item can both pass their condition, which real
 * DynamoDB never allows (concurrent orders then oversell). The launcher runs moto's own application with
 * DynamoDB requests taken one at a time, as DynamoDB's item-level isolation has them; other services
 * (SQS long polls among them) stay concurrent.
 */
const LAUNCHER = `
import argparse, os, sys, threading

# MOTO_PROFILE=1: at exit, print to stderr each operation's request count and total seconds.
profile = {} if os.environ.get("MOTO_PROFILE") == "1" else None

def exit_when_parent_goes():
    try:
        while sys.stdin.buffer.read(65536):
            pass
    finally:
        if profile is not None:
            for name, (count, seconds) in sorted(profile.items(), key=lambda kv: -kv[1][1]):
                sys.stderr.write(f"moto-profile {name} {count} {seconds:.3f}\\n")
            sys.stderr.flush()
        os._exit(0)

threading.Thread(target=exit_when_parent_goes, daemon=True).start()

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

parser = argparse.ArgumentParser()
parser.add_argument("-H", "--host", default="127.0.0.1")
parser.add_argument("-p", "--port", type=int, required=True)
args = parser.parse_args(sys.argv[1:])
os.environ.setdefault("MOTO_PORT", str(args.port))

# moto rolls a failed transaction back by restoring a deep copy of every table it touches, taken before
# it starts: a cost that grows with the table (seconds per transaction once it holds thousands of orders).
# With DynamoDB requests taken one at a time, a copy of the items the transaction touches is enough.
import copy as _copy
import moto.dynamodb.models as _ddb
from moto.dynamodb.models.table import Table as _Table

class _CopyButTables:
    def __getattr__(self, name):
        return getattr(_copy, name)

    def deepcopy(self, value, memo=None):
        return value if isinstance(value, _Table) else _copy.deepcopy(value, memo)

_ddb.copy = _CopyButTables()
_transact_write_items = _ddb.DynamoDBBackend.transact_write_items

def _key_of(table, op_type, op):
    if op_type != "Put":
        return op["Key"]
    key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
    if table.range_key_attr is not None:
        key[table.range_key_attr] = op["Item"][table.range_key_attr]
    return key

def transact_write_items(self, transact_items):
    saved = []
    for entry in transact_items:
        op_type, op = next(iter(entry.items()))
        table = self.tables.get(op.get("TableName"))
        if table is None or op_type == "ConditionCheck":
            continue
        try:
            key = _key_of(table, op_type, op)
            current = self.get_item(op["TableName"], key)
        except Exception:
            continue
        saved.append((op["TableName"], key, None if current is None else _copy.deepcopy(current.to_json()["Attributes"])))
    try:
        return _transact_write_items(self, transact_items)
    except Exception:
        for table_name, key, attributes in reversed(saved):
            if attributes is None:
                self.delete_item(table_name, key)
            else:
                self.put_item(table_name, attributes)
        raise

_ddb.DynamoDBBackend.transact_write_items = transact_write_items

moto_app = DomainDispatcherApplication(create_backend_app)
dynamodb_lock = threading.Lock()

def serve(environ, start_response):
    if environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
        with dynamodb_lock:
            # Read the whole response inside the lock: the backend works while it is produced.
            body = list(moto_app(environ, start_response))
        return body
    return moto_app(environ, start_response)

def app(environ, start_response):
    if profile is None:
        return serve(environ, start_response)
    import time
    started = time.perf_counter()
    body = list(serve(environ, start_response))
    name = environ.get("HTTP_X_AMZ_TARGET") or environ.get("PATH_INFO", "?")
    count, seconds = profile.get(name, (0, 0.0))
    profile[name] = (count + 1, seconds + time.perf_counter() - started)
    return body

run_simple(args.host, args.port, app, threaded=True)
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
    const text = chunk.toString();
    stderr = (stderr + text).slice(-4000);
    // MOTO_PROFILE=1: the launcher's request counts at exit are for the person who asked for them.
    if (process.env.MOTO_PROFILE === '1') {
      for (const line of text.split('\n'))
        if (line.startsWith('moto-profile ')) process.stderr.write(`${line}\n`);
    }
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
