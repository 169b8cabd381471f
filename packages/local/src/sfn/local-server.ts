import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPortFree } from '@orders/moto-server';
import { SfnApiError } from './sfn-api-error.js';
import type { SfnService } from './sfn-service.js';
import { isJsonObject } from './wire.js';

const TARGET_PREFIX = 'AWSStepFunctions.';
const JSON_10 = 'application/x-amz-json-1.0';

/** A route under `/_local/` (fault injection, logs): returns the JSON body to answer with. */
export type LocalRoute = (request: { method: string; url: URL; body: unknown }) => Promise<unknown> | unknown;

/**
 * Asked first about every request (e.g. the console page and its proxy): answers it and returns true, or
 * returns false to leave it to the Step Functions API and the `/_local/` routes.
 */
export type PageHandler = (request: {
  req: IncomingMessage;
  url: URL;
  body: string;
  res: ServerResponse;
}) => Promise<boolean> | boolean;

/**
 * Asked about every request that names no Step Functions operation (no `X-Amz-Target`) and is not a
 * `/_local/` route (the HTTP API): answers it with the body's bytes as received.
 */
export type ApiHandler = (request: {
  req: IncomingMessage;
  body: Buffer;
  res: ServerResponse;
}) => Promise<void>;

/** What the server answers with: the Step Functions service, the control routes, the pages and the HTTP API. */
export interface LocalServerHandlers {
  readonly service: SfnService;
  readonly routes: Readonly<Record<string, LocalRoute>>;
  readonly pages?: PageHandler;
  readonly api?: ApiHandler;
}

export interface LocalServer {
  readonly endpoint: string;
  readonly port: number;
  /** True when the port asked for was taken and another was picked. */
  readonly portReplaced: boolean;
  /** Start answering with these (until then every request is answered 503). */
  serve(handlers: LocalServerHandlers): void;
  close(): Promise<void>;
}

/** A request to a `/_local/` route was malformed; answered with 400 (as is any error with `statusCode`). */
export class LocalRouteError extends Error {
  override readonly name = 'LocalRouteError';
  readonly statusCode = 400;
}

/**
 * Listen on loopback for the Step Functions API (AWS JSON 1.0: `POST /` with `X-Amz-Target:
 * AWSStepFunctions.<Op>`), the local control routes (`/_local/...`), the pages and the HTTP API. It listens
 * before it serves, so the functions can be given its endpoint before the services behind it exist.
 */
export async function openLocalServer(port = 0): Promise<LocalServer> {
  let handlers: LocalServerHandlers | undefined;
  const server = createServer((req, res) => {
    if (handlers === undefined) {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"starting"}');
      return;
    }
    void handle(handlers, req, res);
  });
  server.keepAliveTimeout = 60_000;
  const portReplaced = port !== 0 && !(await isPortFree(port));
  await listen(server, portReplaced ? 0 : port);
  const actual = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    port: actual,
    portReplaced,
    serve: (next) => {
      handlers = next;
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function handle(
  { service, routes, pages, api }: LocalServerHandlers,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = randomUUID();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  let bytes: Buffer;
  try {
    bytes = await readBody(req);
  } catch {
    res.destroy();
    return;
  }
  const text = bytes.toString('utf8');
  if (pages !== undefined && (await pages({ req, url, body: text, res }))) return;
  if (url.pathname.startsWith('/_local/')) {
    await handleLocal(routes, req.method ?? 'GET', url, text, res);
    return;
  }
  if (api !== undefined && req.headers['x-amz-target'] === undefined) {
    await api({ req, body: bytes, res });
    return;
  }
  const target = String(req.headers['x-amz-target'] ?? '');
  try {
    if (req.method !== 'POST' || !target.startsWith(TARGET_PREFIX)) {
      throw new SfnApiError('UnknownOperationException', `Unknown operation: '${target}'`);
    }
    const operation = service.operations[target.slice(TARGET_PREFIX.length)];
    if (operation === undefined) {
      throw new SfnApiError('UnknownOperationException', `Unknown operation: '${target}'`);
    }
    let input: unknown;
    try {
      input = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new SfnApiError('SerializationException', 'Request body is not valid JSON');
    }
    if (!isJsonObject(input)) {
      throw new SfnApiError('SerializationException', 'Request body must be a JSON object');
    }
    const output = await operation(input);
    send(res, 200, requestId, output);
  } catch (error) {
    const apiError =
      error instanceof SfnApiError
        ? error
        : new SfnApiError(
            'InternalFailure',
            `Internal error: ${(error as Error)?.message ?? String(error)}`,
            500,
          );
    send(
      res,
      apiError.statusCode,
      requestId,
      { __type: apiError.type, message: apiError.message },
      apiError.type,
    );
  }
}

async function handleLocal(
  routes: Readonly<Record<string, LocalRoute>>,
  method: string,
  url: URL,
  text: string,
  res: ServerResponse,
): Promise<void> {
  const route = routes[url.pathname.slice('/_local/'.length)];
  if (route === undefined) {
    res
      .writeHead(404, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: `no route ${url.pathname}` }));
    return;
  }
  try {
    const body = text === '' ? undefined : (JSON.parse(text) as unknown);
    const result = await route({ method, url, body });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result ?? { ok: true }));
  } catch (error) {
    const status =
      (error as { statusCode?: number }).statusCode ?? (error instanceof SyntaxError ? 400 : 500);
    res.writeHead(status, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        error: (error as Error)?.name ?? 'Error',
        message: (error as Error)?.message ?? String(error),
      }),
    );
  }
}

function send(
  res: ServerResponse,
  status: number,
  requestId: string,
  body: unknown,
  errorType?: string,
): void {
  // The operations answer in wire form already (timestamps as epoch seconds: see wire.ts).
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_10,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
    ...(errorType === undefined ? {} : { 'x-amzn-errortype': errorType }),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
