// The Lambda runtime inside one worker thread: loads the function's bundle on the first invocation
// (the cold start), then serves invocations one at a time, as one Lambda execution environment does.
// Plain JavaScript because worker threads load it without the TypeScript loader of the parent.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const { bundlePath, handlerExport, functionName, functionArn, memorySize, logGroupName } = workerData;
const logStreamName = `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomUUID().replaceAll('-', '')}`;
let handler;

// Everything the function writes (console.* included) goes to the parent on the same channel as the
// result, so its log lines are in lambdaLogs() by the time the invocation has answered.
for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk, encoding, callback) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    parentPort.postMessage({ log: text });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(() => done());
    return true;
  };
}

class RuntimeError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

async function loadHandler() {
  let mod;
  try {
    mod = await import(pathToFileURL(bundlePath).href);
  } catch (error) {
    throw new RuntimeError('Runtime.ImportModuleError', `Error: ${error?.message ?? String(error)}`);
  }
  const fn = mod[handlerExport] ?? mod.default?.[handlerExport];
  if (typeof fn !== 'function') {
    throw new RuntimeError(
      'Runtime.HandlerNotFound',
      `${bundlePath}.${handlerExport} is undefined or not exported`,
    );
  }
  return fn;
}

/** The error document the Node.js Lambda runtime returns for a thrown error. */
function errorDocument(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || 'Error',
      errorMessage: error.message,
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

function callHandler(fn, event, context) {
  // Callback-style handlers (three parameters) answer through the callback, as on Lambda.
  if (fn.length >= 3) {
    return new Promise((resolve, reject) => {
      const maybe = fn(event, context, (error, result) => (error ? reject(error) : resolve(result)));
      if (maybe && typeof maybe.then === 'function') maybe.then(resolve, reject);
    });
  }
  return fn(event, context);
}

parentPort.on('message', async (message) => {
  const { id, event, requestId, deadline } = message;
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: String(memorySize),
    awsRequestId: requestId,
    logGroupName,
    logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    handler ??= await loadHandler();
    const result = await callHandler(handler, event, context);
    // Lambda returns the JSON serialisation of the result; `undefined` becomes `null`.
    parentPort.postMessage({ id, ok: true, payload: JSON.stringify(result ?? null) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: errorDocument(error) });
  }
});
