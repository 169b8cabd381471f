import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deniedResponse, serviceMessage, unavailableResponse } from './access-denied-errors.js';
import type { CallerIdentity, IamAuthorizer } from './iam-authorizer.js';
import { requiredPermissions } from './required-permissions.js';
import { readSignedCall } from './signed-request.js';

export interface IamProxyOptions {
  /** Where allowed calls go (moto's endpoint). */
  readonly target: string;
  /** Services served elsewhere, by signing name (`states`: the local Step Functions API). */
  readonly serviceTargets?: Readonly<Record<string, string>>;
  readonly authorizer: IamAuthorizer;
  readonly accountId: string;
  /** Each function's access key id → the role and session it calls as. */
  readonly callers: ReadonlyMap<string, CallerIdentity>;
}

export interface IamProxy {
  /** `http://127.0.0.1:<port>`: what the functions get as AWS_ENDPOINT_URL. */
  readonly endpoint: string;
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of moto for the functions' SDK calls: it reads who signed each request (the
 * access key id is the function's), checks the call against the caller's role, and answers a refused one
 * with the service's own access-denied error; an allowed one goes to moto (or to the service's own target,
 * e.g. Step Functions to the local API) unchanged over kept-alive connections, the answer streamed back. Request bodies are read whole (IAM needs the table or topic).
 */
export async function startIamProxy(options: IamProxyOptions): Promise<IamProxy> {
  const defaultTarget = new URL(options.target);
  const serviceTargets = new Map(
    Object.entries(options.serviceTargets ?? {}).map(([service, url]) => [service, new URL(url)]),
  );
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
    req.on('error', () => res.destroy());
  });
  server.keepAliveTimeout = 30_000;

  function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const call = readSignedCall(req.headers, req.url ?? '/', body);
    if (call !== undefined) {
      const caller = options.callers.get(call.accessKeyId);
      const denial =
        caller === undefined
          ? undefined
          : options.authorizer.authorize(
              caller,
              requiredPermissions(call.service, call.operation, call.input, {
                region: call.region,
                accountId: options.accountId,
              }),
            );
      const message =
        caller === undefined
          ? `The security token included in the request is invalid: access key ${call.accessKeyId} is no function's role`
          : denial === undefined
            ? undefined
            : serviceMessage(call.service, denial);
      if (message !== undefined) {
        const denied = deniedResponse(call.service, message);
        res.writeHead(denied.status, { ...denied.headers, 'content-length': Buffer.byteLength(denied.body) });
        res.end(denied.body);
        return;
      }
    }
    // Unsigned requests (none from the SDK) go through as they are: moto answers them as it would.
    const target = (call === undefined ? undefined : serviceTargets.get(call.service)) ?? defaultTarget;
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      const message = `the local IAM proxy could not reach ${target.host === defaultTarget.host ? 'moto' : target.host}: ${error.message}`;
      if (res.headersSent) {
        res.end();
        return;
      }
      // The service's own internal error (which the SDK retries), not a body it cannot parse.
      if (call === undefined) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(message);
        return;
      }
      const answer = unavailableResponse(call.service, message);
      res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
      res.end(answer.body);
    });
    upstream.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
